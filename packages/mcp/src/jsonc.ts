// Tolerant JSON-with-comments parsing for client config files: comments and trailing commas are
// accepted (VS Code and Zed allow them); anything else is a ParseError naming file, line and column.
import { ParseError } from '@rampart/core';
import { type ParseError as JsoncError, printParseErrorCode, visit } from 'jsonc-parser';

/** 1-based line and column of a character offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lastNl = -1;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lastNl = i;
    }
  }
  return { line, column: end - lastNl };
}

/** Line lookup for many offsets in one text: newline offsets computed once, binary search per lookup. */
export function lineIndex(text: string): (offset: number) => number {
  const nl: number[] = [];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) nl.push(i);
  return (offset: number) => {
    let lo = 0;
    let hi = nl.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (nl[mid]! < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo + 1;
  };
}

export class JsoncParseError extends ParseError {
  readonly line: number;
  readonly column: number;
  constructor(path: string, text: string, err: JsoncError) {
    const { line, column } = lineColumn(text, err.offset);
    super(`${path}:${line}:${column}: invalid JSON (${printParseErrorCode(err.error)})`, { path, offset: err.offset });
    this.name = 'JsoncParseError';
    this.line = line;
    this.column = column;
  }
}

/** Parse JSONC. Throws JsoncParseError at the first real syntax error. */
export function parseJsonc(path: string, text: string): unknown {
  const errors: JsoncError[] = [];
  // Strip a UTF-8 BOM: some editors on Windows write one.
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const value = build(src, errors);
  const first = errors[0];
  if (first) throw new JsoncParseError(path, src, first);
  return value;
}

/**
 * jsonc-parser's parse() with one difference: keys become own properties. parse() assigns
 * `obj[key] = value`, so a "__proto__" key set the object's prototype: a server entry so named
 * (which JSON.parse-based clients keep as a server) vanished from the scan, and its members were
 * inherited instead. The same visitor walk otherwise (explicit parent stack, later duplicates win).
 */
function build(text: string, errors: JsoncError[]): unknown {
  const root: unknown[] = [];
  let parent: Record<string, unknown> | unknown[] = root;
  let key: string | null = null;
  const parents: (Record<string, unknown> | unknown[])[] = [];
  const add = (v: unknown): void => {
    if (Array.isArray(parent)) parent.push(v);
    else if (key !== null)
      Object.defineProperty(parent, key, { value: v, enumerable: true, writable: true, configurable: true });
  };
  const open = (container: Record<string, unknown> | unknown[]): void => {
    add(container);
    parents.push(parent);
    parent = container;
    key = null;
  };
  const close = (): void => {
    parent = parents.pop() ?? root;
  };
  visit(
    text,
    {
      onObjectBegin: () => open({}),
      onObjectProperty: (name) => {
        key = name;
      },
      onObjectEnd: close,
      onArrayBegin: () => open([]),
      onArrayEnd: close,
      onLiteralValue: add,
      onError: (error, offset, length) => {
        errors.push({ error, offset, length });
      },
    },
    { allowTrailingComma: true, disallowComments: false },
  );
  return root[0];
}
