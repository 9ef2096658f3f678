// JavaScript / TypeScript extractor: walks a tree-sitter-javascript/typescript/tsx syntax tree and
// fills the language-neutral SourceModel. ES imports, require() and dynamic import() all bind
// names; `new X()` is a call; object-literal arguments become keyword args (`{model: "gpt-4o"}`).
import { ExtractState, MAX_DEPTH } from './extract-state.js';
import type { SourceModel, Value } from './source-model.js';
import {
  dottedMemo,
  field,
  type GrammarName,
  is,
  type TSNode,
  textOf,
  textOr,
  typeOf,
  typeOr,
  withTree,
} from './tree-sitter.js';

const line = (n: TSNode): number => n.startPosition.row + 1;

const ESCAPES: Record<string, string> = {
  n: '\n',
  t: '\t',
  r: '\r',
  '0': '\0',
  '\\': '\\',
  "'": "'",
  '"': '"',
  '`': '`',
};
const unescapeJs = (s: string): string =>
  s.replace(/\\(.)/gs, (m, ch: string) => ESCAPES[ch] ?? (ch === '\n' ? '' : m));

/** Wrapper nodes whose value is their single inner expression. */
const TRANSPARENT = new Set([
  'parenthesized_expression',
  'await_expression',
  'non_null_expression',
  'as_expression',
  'satisfies_expression',
  'type_assertion',
]);

/**
 * Terminal node types (tokens): they never have children, so a visit need not ask wasm for them.
 * Statement-level visits reach many (type names in annotations, property names, numbers).
 */
const TOKENS = new Set([
  'type_identifier',
  'property_identifier',
  'private_property_identifier',
  'statement_identifier',
  'string_fragment',
  'escape_sequence',
  'html_character_reference',
  'number',
  'regex_pattern',
  'regex_flags',
  'true',
  'false',
  'null',
  'undefined',
  'this',
  'super',
  'hash_bang_line',
  'jsx_text',
]);

const FUNCTION_TYPES = new Set([
  'function_declaration',
  'generator_function_declaration',
  'function_expression',
  'function',
  'generator_function',
  'arrow_function',
  'method_definition',
]);

/** "a.b.c" for identifier/this/member chains, else undefined (memoised per node). */
const dottedText = (node: TSNode): string | undefined => dottedMemo(node, dottedUncached);

function dottedUncached(node: TSNode): string | undefined {
  if (typeOf(node) === 'identifier' || typeOf(node) === 'this') return textOf(node);
  if (typeOf(node) === 'member_expression') {
    const obj = field(node, 'object');
    const prop = field(node, 'property');
    const left = obj ? dottedText(obj) : undefined;
    return left && prop ? `${left}.${textOf(prop)}` : undefined;
  }
  return undefined;
}

function stringValue(node: TSNode): string {
  return unescapeJs(textOf(node).slice(1, -1));
}

class JsExtractor extends ExtractState {
  private readonly classes: string[] = [];

  visit(node: TSNode, nameHint?: string): void {
    if (this.depth > MAX_DEPTH) {
      this.truncated = true;
      return;
    }
    this.depth++;
    try {
      const type = typeOf(node);
      if (FUNCTION_TYPES.has(type)) {
        this.functionDef(node, nameHint);
        return;
      }
      switch (type) {
        case 'ERROR':
          this.model.hasErrors = true;
          this.visitChildren(node);
          return;
        case 'import_statement':
          this.importStatement(node);
          return;
        case 'class_declaration':
        case 'class':
        case 'abstract_class_declaration':
          this.classDef(node);
          return;
        case 'variable_declarator':
          this.declarator(node);
          return;
        case 'assignment_expression':
          this.assignment(node);
          return;
        case 'public_field_definition':
        case 'field_definition':
          this.field(node);
          return;
        case 'call_expression':
        case 'new_expression':
          this.value(node);
          return;
        case 'identifier':
        case 'shorthand_property_identifier':
          this.addRef(textOf(node));
          return;
        case 'member_expression':
          this.value(node);
          return;
        case 'comment':
          return;
        default:
          if (!TOKENS.has(type)) this.visitChildren(node);
      }
    } finally {
      this.depth--;
    }
  }

  private visitChildren(node: TSNode): void {
    for (const c of node.namedChildren) if (c) this.visit(c);
  }

  private importStatement(node: TSNode): void {
    const src = field(node, 'source');
    if (!src) return;
    const module = stringValue(src);
    const clause = node.namedChildren.find((c) => is(c, 'import_clause'));
    if (!clause) {
      this.addImport({ module, name: undefined, local: `#side-effect:${module}`, line: line(node) });
      return;
    }
    for (const c of clause.namedChildren) {
      if (!c) continue;
      if (typeOf(c) === 'identifier') this.addImport({ module, name: 'default', local: textOf(c), line: line(c) });
      else if (typeOf(c) === 'namespace_import') {
        const id = c.namedChildren.find((x) => is(x, 'identifier'));
        if (id) this.addImport({ module, name: '*', local: textOf(id), line: line(c) });
      } else if (typeOf(c) === 'named_imports') {
        for (const spec of c.namedChildren) {
          if (!is(spec, 'import_specifier')) continue;
          const name = textOr(field(spec, 'name'));
          const alias = textOr(field(spec, 'alias'));
          if (name) this.addImport({ module, name, local: alias ?? name, line: line(spec) });
        }
      }
    }
  }

  /** `require("m")` / `import("m")` as the value of a declaration: bind like an import. */
  private requiredModule(node: TSNode | null): string | undefined {
    let n = node;
    while (n && TRANSPARENT.has(typeOf(n))) n = n.namedChildren[0] ?? null;
    if (!is(n, 'call_expression')) return undefined;
    const fn = field(n, 'function');
    if (!fn || !(typeOf(fn) === 'import' || (typeOf(fn) === 'identifier' && textOf(fn) === 'require')))
      return undefined;
    const arg = field(n, 'arguments')?.namedChildren[0];
    return is(arg, 'string') ? stringValue(arg) : undefined;
  }

  private declarator(node: TSNode): void {
    const name = field(node, 'name');
    const valueNode = field(node, 'value');
    if (!name || !valueNode) return;
    const mod = this.requiredModule(valueNode);
    if (mod !== undefined) {
      if (typeOf(name) === 'identifier')
        this.addImport({ module: mod, name: undefined, local: textOf(name), line: line(node) });
      else if (typeOf(name) === 'object_pattern') {
        for (const p of name.namedChildren) {
          if (is(p, 'shorthand_property_identifier_pattern'))
            this.addImport({ module: mod, name: textOf(p), local: textOf(p), line: line(p) });
          else if (is(p, 'pair_pattern')) {
            const k = textOr(field(p, 'key'));
            const v = field(p, 'value');
            if (k && is(v, 'identifier')) this.addImport({ module: mod, name: k, local: textOf(v), line: line(p) });
          }
        }
      }
      return;
    }
    if (typeOf(name) === 'identifier' && FUNCTION_TYPES.has(typeOf(valueNode))) {
      this.visit(valueNode, textOf(name));
      return;
    }
    this.bindFrom(this.targets(name), valueNode, line(node));
  }

  private assignment(node: TSNode): void {
    const left = field(node, 'left');
    const right = field(node, 'right');
    if (!left || !right) return;
    this.bindFrom(this.targets(left), right, line(node));
  }

  private field(node: TSNode): void {
    const name = field(node, 'name') ?? field(node, 'property');
    const v = field(node, 'value');
    if (!name || !v) return;
    if (FUNCTION_TYPES.has(typeOf(v))) {
      this.visit(v, textOf(name));
      return;
    }
    this.bindFrom([`this.${textOf(name)}`], v, line(node));
  }

  private bindFrom(targets: string[], right: TSNode, ln: number): void {
    const { result: value, calls, refs } = this.collect(() => this.value(right));
    const single = targets.length === 1;
    for (const t of targets)
      this.addAssignment({ target: t, value: single ? value : { kind: 'unknown' }, refs, calls, line: ln });
  }

  private targets(node: TSNode): string[] {
    if (typeOf(node) === 'identifier' || typeOf(node) === 'member_expression') {
      const t = dottedText(node);
      return t ? [t] : [];
    }
    if (typeOf(node) === 'object_pattern' || typeOf(node) === 'array_pattern') {
      const out: string[] = [];
      for (const c of node.namedChildren) {
        if (!c) continue;
        if (typeOf(c) === 'shorthand_property_identifier_pattern' || typeOf(c) === 'identifier') out.push(textOf(c));
        else if (typeOf(c) === 'pair_pattern') {
          const v = field(c, 'value');
          if (v) out.push(...this.targets(v));
        } else out.push(...this.targets(c));
      }
      return out;
    }
    return [];
  }

  private decoratorsOf(
    node: TSNode,
  ): Array<{ callee: string; line: number; args: Value[]; kwargs: Record<string, Value> }> {
    const out: Array<{ callee: string; line: number; args: Value[]; kwargs: Record<string, Value> }> = [];
    for (const d of node.children) {
      if (!is(d, 'decorator')) continue;
      const expr = d.namedChildren[0];
      if (!expr) continue;
      if (typeOf(expr) === 'call_expression') {
        const v = this.value(expr);
        const c = v.kind === 'call' ? this.model.calls[v.call] : undefined;
        if (c) out.push({ callee: c.callee, line: line(d), args: c.args, kwargs: c.kwargs });
      } else out.push({ callee: this.resolve(expr), line: line(d), args: [], kwargs: {} });
    }
    return out;
  }

  private functionDef(node: TSNode, nameHint?: string): void {
    const decorators = this.decoratorsOf(node);
    const own = textOr(field(node, 'name')) ?? nameHint ?? '<anonymous>';
    const params: string[] = [];
    const ps = field(node, 'parameters') ?? field(node, 'parameter');
    if (is(ps, 'identifier')) params.push(textOf(ps));
    for (const p of typeOr(ps) === 'identifier' ? [] : (ps?.namedChildren ?? [])) {
      if (!p) continue;
      const pat = field(p, 'pattern') ?? p;
      if (typeOf(pat) === 'identifier') params.push(textOf(pat));
      const dv = field(p, 'value');
      if (dv) this.value(dv);
    }
    this.enterFunction({
      name: [...this.classes, own].join('.'),
      line: line(node),
      endLine: node.endPosition.row + 1,
      params,
      decorators,
      isAsync: node.children.some((c) => is(c, 'async')),
    });
    const saved = this.classes.splice(0);
    try {
      const body = field(node, 'body');
      if (body) {
        if (typeOf(node) === 'arrow_function' && typeOf(body) !== 'statement_block') this.value(body);
        else this.visit(body);
      }
    } finally {
      this.classes.push(...saved);
      this.exitFunction();
    }
  }

  private classDef(node: TSNode): void {
    this.decoratorsOf(node);
    for (const c of node.namedChildren) if (is(c, 'class_heritage')) this.visit(c);
    this.classes.push(textOr(field(node, 'name')) ?? '<class>');
    try {
      const body = field(node, 'body');
      if (body) this.visitChildren(body);
    } finally {
      this.classes.pop();
    }
  }

  resolve(node: TSNode): string {
    if (TRANSPARENT.has(typeOf(node))) {
      const inner = node.namedChildren[0];
      return inner ? this.resolve(inner) : '?';
    }
    switch (typeOf(node)) {
      case 'identifier':
        return this.resolveIdentifier(textOf(node));
      case 'this':
        return 'this';
      case 'member_expression': {
        const dotted = dottedText(node);
        if (dotted?.includes('.')) {
          const v = this.lookup(dotted);
          if (v?.kind === 'call') return `${v.callee}()`;
          if (v?.kind === 'name') return v.qname;
        }
        const obj = field(node, 'object');
        const prop = textOr(field(node, 'property')) ?? '?';
        return `${obj ? this.resolve(obj) : '?'}.${prop}`;
      }
      case 'call_expression': {
        const fn = field(node, 'function');
        return `${fn ? this.resolve(fn) : '?'}()`;
      }
      case 'new_expression': {
        const fn = field(node, 'constructor');
        return `${fn ? this.resolve(fn) : '?'}()`;
      }
      case 'subscript_expression': {
        const o = field(node, 'object');
        return `${o ? this.resolve(o) : '?'}[]`;
      }
      default:
        return '?';
    }
  }

  value(node: TSNode): Value {
    if (this.depth > MAX_DEPTH) {
      this.truncated = true;
      return { kind: 'unknown' };
    }
    this.depth++;
    try {
      return this.valueInner(node);
    } finally {
      this.depth--;
    }
  }

  private valueInner(node: TSNode): Value {
    if (TRANSPARENT.has(typeOf(node))) {
      const inner = node.namedChildren[0];
      return inner ? this.value(inner) : { kind: 'unknown' };
    }
    if (FUNCTION_TYPES.has(typeOf(node))) {
      this.visit(node);
      return { kind: 'unknown' };
    }
    switch (typeOf(node)) {
      case 'string':
        return { kind: 'string', value: stringValue(node), line: line(node) };
      case 'template_string': {
        let text = '';
        let template = false;
        for (const c of node.namedChildren) {
          if (!c) continue;
          if (typeOf(c) === 'template_substitution') {
            template = true;
            text += '{}';
            this.visitChildren(c);
          } else text += typeOf(c) === 'escape_sequence' ? unescapeJs(textOf(c)) : textOf(c);
        }
        return template
          ? { kind: 'template', value: text, line: line(node) }
          : { kind: 'string', value: text, line: line(node) };
      }
      case 'number':
        return { kind: 'number', value: Number(textOf(node).replace(/_/g, '')) };
      case 'true':
      case 'false':
        return { kind: 'bool', value: typeOf(node) === 'true' };
      case 'null':
      case 'undefined':
        return { kind: 'null' };
      case 'identifier':
        this.addRef(textOf(node));
        return this.valueOfIdentifier(textOf(node));
      case 'member_expression': {
        const dotted = dottedText(node);
        if (dotted) this.addRef(dotted);
        if (dotted?.startsWith('process.env.') && dotted.split('.').length === 3)
          return { kind: 'env', name: dotted.slice('process.env.'.length) };
        const bound = dotted ? this.lookup(dotted) : undefined;
        if (bound) return bound;
        const q = this.resolve(node);
        this.visitCalleeCalls(node);
        return { kind: 'name', qname: q };
      }
      case 'subscript_expression': {
        const o = field(node, 'object');
        const idx = field(node, 'index');
        if (o && is(idx, 'string') && dottedText(o) === 'process.env') return { kind: 'env', name: stringValue(idx) };
        this.visitChildren(node);
        return { kind: 'unknown' };
      }
      case 'binary_expression': {
        const l = field(node, 'left');
        const r = field(node, 'right');
        const op = typeOr(field(node, 'operator'));
        const lv = l ? this.value(l) : undefined;
        const rv = r ? this.value(r) : undefined;
        if ((op === '??' || op === '||') && lv?.kind === 'env' && !lv.default && rv)
          return { kind: 'env', name: lv.name, default: rv };
        if (op === '+' && lv?.kind === 'string' && rv?.kind === 'string')
          return { kind: 'string', value: lv.value + rv.value, line: lv.line };
        return { kind: 'unknown' };
      }
      case 'object': {
        const entries: Array<{ key: string | undefined; value: Value }> = [];
        for (const p of node.namedChildren) {
          if (!p) continue;
          if (typeOf(p) === 'pair') {
            const k = field(p, 'key');
            const v = field(p, 'value');
            let key: string | undefined;
            if (is(k, 'property_identifier') || is(k, 'number')) key = textOf(k);
            else if (is(k, 'string')) key = stringValue(k);
            entries.push({ key, value: v ? this.value(v) : { kind: 'unknown' } });
          } else if (typeOf(p) === 'shorthand_property_identifier') {
            this.addRef(textOf(p));
            entries.push({ key: textOf(p), value: this.valueOfIdentifier(textOf(p)) });
          } else this.visit(p);
        }
        return { kind: 'dict', entries };
      }
      case 'array':
        return { kind: 'list', items: node.namedChildren.flatMap((c) => (c ? [this.value(c)] : [])) };
      case 'call_expression':
      case 'new_expression':
        return this.call(node);
      default:
        this.visitChildren(node);
        return { kind: 'unknown' };
    }
  }

  private call(node: TSNode): Value {
    const isNew = typeOf(node) === 'new_expression';
    const fn = field(node, isNew ? 'constructor' : 'function');
    const argsNode = field(node, 'arguments');
    const callee = fn ? this.resolve(fn) : '?';
    // The receiver is data flowing into the result: `out = resp.text.trim()` depends on `resp`.
    const dotted = fn ? dottedText(fn) : undefined;
    if (dotted) this.addRef(dotted);
    if (fn && typeOf(fn) !== 'identifier') this.visitCalleeCalls(fn);
    const args: Value[] = [];
    const kwargs: Record<string, Value> = {};
    const { calls: argCalls, refs: argRefs } = this.collect(() => {
      for (const a of argsNode?.namedChildren ?? []) {
        if (!a || typeOf(a) === 'comment') continue;
        const v = this.value(a);
        args.push(v);
        if (v.kind === 'dict')
          for (const e of v.entries) if (e.key !== undefined && !(e.key in kwargs)) kwargs[e.key] = e.value;
      }
    });
    const index = this.addCall({
      callee,
      text: textOr(fn)?.slice(0, 200) ?? '?',
      isNew,
      line: line(node),
      column: node.startPosition.column + 1,
      args,
      kwargs,
      argRefs,
      argCalls,
    });
    return index < 0 ? { kind: 'unknown' } : { kind: 'call', callee, call: index };
  }

  /** Record the calls and referenced names in a callee or member chain (`r.choices[0].message`). */
  private visitCalleeCalls(node: TSNode): void {
    if (typeOf(node) === 'call_expression' || typeOf(node) === 'new_expression') {
      this.value(node);
      return;
    }
    if (typeOf(node) === 'identifier') {
      this.addRef(textOf(node));
      return;
    }
    if (typeOf(node) === 'member_expression') {
      const dotted = dottedText(node);
      if (dotted) {
        this.addRef(dotted);
        return;
      }
      const obj = field(node, 'object');
      if (obj) this.visitCalleeCalls(obj);
      return;
    }
    if (typeOf(node) === 'subscript_expression') {
      const obj = field(node, 'object');
      if (obj) this.visitCalleeCalls(obj);
      const idx = field(node, 'index');
      if (idx) this.value(idx);
      return;
    }
    if (TRANSPARENT.has(typeOf(node))) {
      for (const c of node.namedChildren) if (c) this.visitCalleeCalls(c);
      return;
    }
    if (typeOf(node) !== 'this') this.value(node);
  }
}

/** Grammar for a JS/TS file by extension. */
export function jsGrammarFor(path: string): GrammarName | undefined {
  const ext = path.slice(path.lastIndexOf('.') + 1).toLowerCase();
  if (ext === 'ts' || ext === 'mts' || ext === 'cts') return 'typescript';
  if (ext === 'tsx') return 'tsx';
  // The javascript grammar includes JSX.
  if (ext === 'js' || ext === 'mjs' || ext === 'cjs' || ext === 'jsx') return 'javascript';
  return undefined;
}

/** Parse JS/TS source and extract its SourceModel. */
export async function extractJs(
  path: string,
  text: string,
  grammar: GrammarName,
): Promise<SourceModel & { truncated: boolean }> {
  return withTree(path, text, grammar, (tree) => {
    const x = new JsExtractor(grammar === 'javascript' ? 'javascript' : 'typescript');
    x.model.hasErrors = tree.rootNode.hasError;
    x.visit(tree.rootNode);
    return { ...x.finish(), truncated: x.truncated };
  });
}
