// Loads the tree-sitter wasm runtime and grammars once per thread (worker threads each get their
// own copy) and parses source text with bounds: a size cap and a wall-clock budget per parse.
// The grammars come from @vscode/tree-sitter-wasm, which ships the runtime and every grammar
// built together, so their ABI versions always match (see languages() for the check).
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { LimitError, ParseError, TimeoutError } from '@rampart/core';

type TreeSitterModule = typeof import('@vscode/tree-sitter-wasm');
export type TSNode = import('@vscode/tree-sitter-wasm').Node;
export type TSTree = import('@vscode/tree-sitter-wasm').Tree;
type TSLanguage = import('@vscode/tree-sitter-wasm').Language;
type TSParser = import('@vscode/tree-sitter-wasm').Parser;

export type GrammarName = 'python' | 'javascript' | 'typescript' | 'tsx';

const require = createRequire(import.meta.url);

interface Runtime {
  ts: TreeSitterModule;
  parser: TSParser;
  languages: Map<GrammarName, TSLanguage>;
}

let runtime: Promise<Runtime> | undefined;

/** Largest source text handed to a parser; bigger files (minified bundles) are reported, not parsed. */
export const MAX_PARSE_BYTES = 2 * 1024 * 1024;
/** Parse budget per file. Tree-sitter checks it during parsing, so hostile input cannot hang a worker. */
export const PARSE_TIMEOUT_MS = 10_000;

function wasmDir(): string {
  return dirname(require.resolve('@vscode/tree-sitter-wasm'));
}

async function init(): Promise<Runtime> {
  const ts = require('@vscode/tree-sitter-wasm') as TreeSitterModule;
  const dir = wasmDir();
  await ts.Parser.init({ locateFile: (file: string) => join(dir, file) });
  return { ts, parser: new ts.Parser(), languages: new Map() };
}

async function language(rt: Runtime, name: GrammarName): Promise<TSLanguage> {
  const cached = rt.languages.get(name);
  if (cached) return cached;
  const lang = await rt.ts.Language.load(join(wasmDir(), `tree-sitter-${name}.wasm`));
  rt.languages.set(name, lang);
  return lang;
}

/**
 * Parse `text` with the grammar. The caller owns the returned tree and must `delete()` it
 * (wasm memory is not garbage-collected); prefer `withTree`.
 */
export async function parseSource(path: string, text: string, grammar: GrammarName): Promise<TSTree> {
  if (text.length > MAX_PARSE_BYTES) {
    throw new LimitError('maxParseBytes', `${path}: ${text.length} characters exceeds the parse limit`, { path });
  }
  runtime ??= init();
  const rt = await runtime;
  const lang = await language(rt, grammar);
  rt.parser.setLanguage(lang);
  rt.parser.reset();
  const deadline = performance.now() + PARSE_TIMEOUT_MS;
  let timedOut = false;
  const tree = rt.parser.parse(text, null, {
    progressCallback: () => {
      if (performance.now() > deadline) timedOut = true;
      return timedOut;
    },
  } as import('@vscode/tree-sitter-wasm').ParseOptions);
  if (timedOut) {
    tree?.delete();
    rt.parser.reset();
    throw new TimeoutError(`${path}: parsing took longer than ${PARSE_TIMEOUT_MS} ms`, { path });
  }
  if (!tree) throw new ParseError(`${path}: the ${grammar} parser returned no tree`, { path });
  return tree;
}

/** Parse, run `fn` on the tree, always free the tree. */
export async function withTree<T>(
  path: string,
  text: string,
  grammar: GrammarName,
  fn: (tree: TSTree) => T,
): Promise<T> {
  const tree = await parseSource(path, text, grammar);
  try {
    dottedById.clear();
    return fn(tree);
  } finally {
    dottedById.clear();
    tree.delete();
  }
}

/**
 * Dotted names of attribute chains by node id (unique within a tree): the extractors ask for the
 * same chain from resolve, value and the callee walk, and each step of a chain is two field reads
 * and a text read across the wasm boundary. Valid only inside the synchronous `withTree`
 * callback, which clears it.
 */
const dottedById = new Map<number, string | null>();

/** Memoised `fn(node)` for the current tree. */
export function dottedMemo(node: TSNode, fn: (node: TSNode) => string | undefined): string | undefined {
  const hit = dottedById.get(node.id);
  if (hit !== undefined) return hit ?? undefined;
  const v = fn(node);
  dottedById.set(node.id, v ?? null);
  return v;
}

const TYPE = Symbol('rampart.type');

/**
 * `node.type`, read from wasm once per Node object: the getter marshals the node into wasm memory
 * on every read, and one visit passes the same object through visit, value and resolve.
 */
export function typeOf(node: TSNode): string {
  const n = node as TSNode & { [TYPE]?: string };
  let t = n[TYPE];
  if (t === undefined) {
    t = node.type;
    n[TYPE] = t;
  }
  return t;
}

export function textOf(node: TSNode): string {
  return node.text;
}

/** ABI versions of the loaded runtime and grammars, for the compatibility test and diagnostics. */
export async function grammarInfo(): Promise<Array<{ grammar: GrammarName; abi: number }>> {
  runtime ??= init();
  const rt = await runtime;
  const out: Array<{ grammar: GrammarName; abi: number }> = [];
  for (const g of ['python', 'javascript', 'typescript', 'tsx'] as const) {
    out.push({ grammar: g, abi: (await language(rt, g)).abiVersion });
  }
  return out;
}

const fieldIds = new WeakMap<TSLanguage, Map<string, number>>();

let lastLang: TSLanguage | undefined;
let lastIds: Map<string, number> | undefined;

/**
 * `node.childForFieldName(name)` without its linear search of the language's field names: the
 * extractors ask for fields on most nodes, so ids are cached per language (the last one at hand).
 */
export function field(node: TSNode, name: string): TSNode | null {
  const lang = node.tree.language;
  let ids = lang === lastLang ? lastIds : fieldIds.get(lang);
  if (!ids) {
    ids = new Map();
    fieldIds.set(lang, ids);
  }
  lastLang = lang;
  lastIds = ids;
  let id = ids.get(name);
  if (id === undefined) {
    id = lang.fields.indexOf(name);
    ids.set(name, id);
  }
  return id > 0 ? node.childForFieldId(id) : null;
}

/** `node?.type`, read like `typeOf`. */
export function typeOr(node: TSNode | null | undefined): string | undefined {
  return node ? typeOf(node) : undefined;
}

/** `node?.text`. */
export function textOr(node: TSNode | null | undefined): string | undefined {
  return node ? textOf(node) : undefined;
}

/** `node?.type === type`, read like `typeOf`, narrowing `node`. */
export function is(node: TSNode | null | undefined, type: string): node is TSNode {
  return node ? typeOf(node) === type : false;
}
