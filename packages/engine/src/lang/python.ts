// Python extractor: walks a tree-sitter-python syntax tree and fills the language-neutral
// SourceModel (imports, resolved calls, assignments, constants, functions, decorators).
// Comments and docstrings never produce calls or imports: only real syntax nodes are read.
import { ExtractState, MAX_DEPTH } from './extract-state.js';
import type { SourceModel, Value } from './source-model.js';
import { dottedMemo, field, is, type TSNode, textOf, textOr, typeOf, withTree } from './tree-sitter.js';

const line = (n: TSNode): number => n.startPosition.row + 1;

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '0': '\0', '\\': '\\', "'": "'", '"': '"' };

/** Literal text of a `string` node; f-string holes become "{}". */
function stringText(node: TSNode): { text: string; template: boolean } {
  const start = node.children.find((c) => is(c, 'string_start'))?.text ?? '';
  const raw = /r/i.test(start);
  let text = '';
  let template = false;
  for (const c of node.children) {
    if (!c) continue;
    if (typeOf(c) === 'string_content') {
      text += raw ? textOf(c) : textOf(c).replace(/\\(.)/gs, (m, ch: string) => ESCAPES[ch] ?? (ch === '\n' ? '' : m));
    } else if (typeOf(c) === 'interpolation') {
      text += '{}';
      template = true;
    }
  }
  return { text, template };
}

/** "a.b.c" for identifier/attribute chains, else undefined (memoised per node). */
const dottedText = (node: TSNode): string | undefined => dottedMemo(node, dottedUncached);

function dottedUncached(node: TSNode): string | undefined {
  if (typeOf(node) === 'identifier') return textOf(node);
  if (typeOf(node) === 'attribute') {
    const obj = field(node, 'object');
    const attr = field(node, 'attribute');
    const left = obj ? dottedText(obj) : undefined;
    return left && attr ? `${left}.${textOf(attr)}` : undefined;
  }
  return undefined;
}

/**
 * Terminal node types (tokens): they never have children, so a visit need not ask wasm for them.
 * Statement-level visits reach many (numbers, string delimiters), each an extra round trip.
 */
const TOKENS = new Set([
  'integer',
  'float',
  'true',
  'false',
  'none',
  'ellipsis',
  'string_start',
  'string_end',
  'escape_sequence',
  'escape_interpolation',
  'type_conversion',
]);

class PythonExtractor extends ExtractState {
  private readonly classes: string[] = [];

  constructor() {
    super('python');
  }

  visit(node: TSNode): void {
    if (this.depth > MAX_DEPTH) {
      this.truncated = true;
      return;
    }
    this.depth++;
    try {
      const type = typeOf(node);
      switch (type) {
        case 'ERROR':
          this.model.hasErrors = true;
          this.visitChildren(node);
          return;
        case 'import_statement':
          this.importStatement(node);
          return;
        case 'import_from_statement':
          this.importFrom(node);
          return;
        case 'decorated_definition':
          this.decorated(node);
          return;
        case 'function_definition':
          this.functionDef(node, []);
          return;
        case 'class_definition':
          this.classDef(node);
          return;
        case 'assignment':
          this.assignment(node);
          return;
        case 'with_item':
          this.withItem(node);
          return;
        case 'call':
          this.value(node);
          return;
        case 'identifier':
          this.addRef(textOf(node));
          return;
        case 'attribute':
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
    for (const n of node.childrenForFieldName('name')) {
      if (!n) continue;
      if (typeOf(n) === 'aliased_import') {
        const mod = textOr(field(n, 'name'));
        const alias = textOr(field(n, 'alias'));
        if (mod && alias) this.addImport({ module: mod, name: undefined, local: alias, line: line(n) });
      } else {
        // `import a.b` binds `a`; attribute chains through it resolve to "a.b.X" by themselves.
        const root = textOf(n).split('.')[0] ?? textOf(n);
        this.addImport({ module: root, name: undefined, local: root, line: line(n) });
      }
    }
  }

  private importFrom(node: TSNode): void {
    const modNode = field(node, 'module_name');
    const mod = textOr(modNode)?.replace(/\s+/g, '') ?? '';
    if (node.namedChildren.some((c) => is(c, 'wildcard_import'))) {
      this.addImport({ module: mod, name: '*', local: `*${mod}`, line: line(node) });
      return;
    }
    for (const n of node.childrenForFieldName('name')) {
      if (!n) continue;
      if (typeOf(n) === 'aliased_import') {
        const name = textOr(field(n, 'name'));
        const alias = textOr(field(n, 'alias'));
        if (name && alias) this.addImport({ module: mod, name, local: alias, line: line(n) });
      } else {
        this.addImport({ module: mod, name: textOf(n), local: textOf(n), line: line(n) });
      }
    }
  }

  private decorated(node: TSNode): void {
    const decorators: Array<{ callee: string; line: number; args: Value[]; kwargs: Record<string, Value> }> = [];
    for (const d of node.namedChildren) {
      if (!is(d, 'decorator')) continue;
      const expr = d.namedChildren[0];
      if (!expr) continue;
      if (typeOf(expr) === 'call') {
        const v = this.value(expr);
        const call = v.kind === 'call' ? this.model.calls[v.call] : undefined;
        if (call) decorators.push({ callee: call.callee, line: line(d), args: call.args, kwargs: call.kwargs });
      } else {
        decorators.push({ callee: this.resolve(expr), line: line(d), args: [], kwargs: {} });
      }
    }
    const def = field(node, 'definition');
    if (is(def, 'function_definition')) this.functionDef(def, decorators);
    else if (def) this.visit(def);
  }

  private functionDef(
    node: TSNode,
    decorators: Array<{ callee: string; line: number; args: Value[]; kwargs: Record<string, Value> }>,
  ): void {
    const name = textOr(field(node, 'name')) ?? '<anonymous>';
    const params: string[] = [];
    const ps = field(node, 'parameters');
    for (const p of ps?.namedChildren ?? []) {
      if (!p) continue;
      const id =
        typeOf(p) === 'identifier' ? p : (field(p, 'name') ?? p.namedChildren.find((c) => is(c, 'identifier')));
      if (id) params.push(textOf(id));
      const dv = field(p, 'value');
      if (dv) this.value(dv);
    }
    this.enterFunction({
      name: [...this.classes, name].join('.'),
      line: line(node),
      endLine: node.endPosition.row + 1,
      params,
      decorators,
      isAsync: node.children.some((c) => is(c, 'async')),
    });
    const saved = this.classes.splice(0);
    try {
      const body = field(node, 'body');
      if (body) this.visit(body);
    } finally {
      this.classes.push(...saved);
      this.exitFunction();
    }
  }

  private classDef(node: TSNode): void {
    const sup = field(node, 'superclasses');
    if (sup) this.visit(sup);
    this.classes.push(textOr(field(node, 'name')) ?? '<class>');
    try {
      const body = field(node, 'body');
      if (body) this.visit(body);
    } finally {
      this.classes.pop();
    }
  }

  private assignment(node: TSNode): void {
    const left = field(node, 'left');
    const right = field(node, 'right');
    if (!right) return; // annotation only
    const { result: value, calls, refs } = this.collect(() => this.value(right));
    if (!left) return;
    const targets = this.targets(left);
    const single = targets.length === 1;
    for (const t of targets) {
      this.addAssignment({
        target: t,
        value: single ? value : { kind: 'unknown' },
        refs,
        calls,
        line: line(node),
      });
    }
  }

  private withItem(node: TSNode): void {
    const v = field(node, 'value');
    if (is(v, 'as_pattern')) {
      const expr = v.namedChildren[0];
      const alias = field(v, 'alias');
      if (!expr) return;
      const { result: value, calls, refs } = this.collect(() => this.value(expr));
      const target = alias?.namedChildren[0];
      if (target) {
        for (const t of this.targets(target)) this.addAssignment({ target: t, value, refs, calls, line: line(node) });
      }
    } else if (v) {
      this.visit(v);
    }
  }

  private targets(node: TSNode): string[] {
    if (typeOf(node) === 'identifier' || typeOf(node) === 'attribute') {
      const t = dottedText(node);
      return t ? [t] : [];
    }
    if (typeOf(node) === 'pattern_list' || typeOf(node) === 'tuple_pattern' || typeOf(node) === 'list_pattern') {
      return node.namedChildren.flatMap((c) => (c ? this.targets(c) : []));
    }
    return [];
  }

  /** Qualified name of a callee expression. */
  resolve(node: TSNode): string {
    switch (typeOf(node)) {
      case 'identifier':
        return this.resolveIdentifier(textOf(node));
      case 'attribute': {
        const dotted = dottedText(node);
        if (dotted?.includes('.')) {
          const v = this.lookup(dotted);
          if (v?.kind === 'call') return `${v.callee}()`;
          if (v?.kind === 'name') return v.qname;
        }
        const obj = field(node, 'object');
        const attr = textOr(field(node, 'attribute')) ?? '?';
        return `${obj ? this.resolve(obj) : '?'}.${attr}`;
      }
      case 'call': {
        const fn = field(node, 'function');
        return `${fn ? this.resolve(fn) : '?'}()`;
      }
      case 'subscript': {
        const v = field(node, 'value');
        return `${v ? this.resolve(v) : '?'}[]`;
      }
      case 'parenthesized_expression':
      case 'await': {
        const inner = node.namedChildren[0];
        return inner ? this.resolve(inner) : '?';
      }
      default:
        return '?';
    }
  }

  /** Fold an expression into a Value, recording every call inside it. */
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
    switch (typeOf(node)) {
      case 'string': {
        const { text, template } = stringText(node);
        if (template) for (const c of node.namedChildren) if (is(c, 'interpolation')) this.visitChildren(c);
        return template
          ? { kind: 'template', value: text, line: line(node) }
          : { kind: 'string', value: text, line: line(node) };
      }
      case 'concatenated_string': {
        let text = '';
        let template = false;
        for (const c of node.namedChildren) {
          if (!is(c, 'string')) continue;
          const s = stringText(c);
          text += s.text;
          template ||= s.template;
        }
        return template
          ? { kind: 'template', value: text, line: line(node) }
          : { kind: 'string', value: text, line: line(node) };
      }
      case 'integer':
      case 'float':
        return { kind: 'number', value: Number(textOf(node).replace(/_/g, '')) };
      case 'true':
      case 'false':
        return { kind: 'bool', value: typeOf(node) === 'true' };
      case 'none':
        return { kind: 'null' };
      case 'identifier':
        this.addRef(textOf(node));
        return this.valueOfIdentifier(textOf(node));
      case 'attribute': {
        const q = this.resolve(node);
        this.visitCalleeCalls(node);
        const dotted = dottedText(node);
        if (dotted) this.addRef(dotted);
        const bound = dotted ? this.lookup(dotted) : undefined;
        return bound ?? { kind: 'name', qname: q };
      }
      case 'parenthesized_expression': {
        const inner = node.namedChildren[0];
        return inner ? this.value(inner) : { kind: 'unknown' };
      }
      case 'await': {
        const inner = node.namedChildren[0];
        return inner ? this.value(inner) : { kind: 'unknown' };
      }
      case 'call':
        return this.call(node);
      case 'subscript': {
        const base = field(node, 'value');
        const sub = field(node, 'subscript');
        const subV = sub ? this.value(sub) : undefined;
        if (base && subV?.kind === 'string' && this.resolve(base) === 'os.environ') {
          return { kind: 'env', name: subV.value };
        }
        if (base) this.value(base);
        return { kind: 'unknown' };
      }
      case 'boolean_operator': {
        // `os.getenv("X") or "default"` is the common env-with-default idiom.
        const l = field(node, 'left');
        const r = field(node, 'right');
        const lv = l ? this.value(l) : undefined;
        const rv = r ? this.value(r) : undefined;
        if (node.children.some((c) => is(c, 'or')) && lv?.kind === 'env' && !lv.default && rv)
          return { kind: 'env', name: lv.name, default: rv };
        return { kind: 'unknown' };
      }
      case 'binary_operator': {
        const l = field(node, 'left');
        const r = field(node, 'right');
        const lv = l ? this.value(l) : undefined;
        const rv = r ? this.value(r) : undefined;
        if (is(field(node, 'operator'), '+') && lv?.kind === 'string' && rv?.kind === 'string')
          return { kind: 'string', value: lv.value + rv.value, line: lv.line };
        return { kind: 'unknown' };
      }
      case 'dictionary': {
        const entries: Array<{ key: string | undefined; value: Value }> = [];
        for (const p of node.namedChildren) {
          if (!is(p, 'pair')) {
            if (p) this.visit(p);
            continue;
          }
          const k = field(p, 'key');
          const v = field(p, 'value');
          const kv = k ? this.value(k) : undefined;
          entries.push({
            key: kv?.kind === 'string' ? kv.value : undefined,
            value: v ? this.value(v) : { kind: 'unknown' },
          });
        }
        return { kind: 'dict', entries };
      }
      case 'list':
      case 'tuple':
      case 'set':
      case 'expression_list':
        // `[*toolkit.get_tools(), extra]`: a spread item stands for what it spreads (a list, a call).
        return {
          kind: 'list',
          items: node.namedChildren.flatMap((c) => {
            if (!c) return [];
            const inner = is(c, 'list_splat') ? c.namedChildren.find((x) => x && typeOf(x) !== 'comment') : undefined;
            return [this.value(inner ?? c)];
          }),
        };
      default:
        this.visitChildren(node);
        return { kind: 'unknown' };
    }
  }

  private call(node: TSNode): Value {
    const fn = field(node, 'function');
    const argsNode = field(node, 'arguments');
    const callee = fn ? this.resolve(fn) : '?';
    // The receiver is data flowing into the result: `out = resp.text.strip()` depends on `resp`.
    const dotted = fn ? dottedText(fn) : undefined;
    if (dotted) this.addRef(dotted);
    // Calls inside the callee expression itself (`a().b()`), recorded before this one.
    if (fn && typeOf(fn) !== 'identifier') this.visitCalleeCalls(fn);
    const args: Value[] = [];
    const kwargs: Record<string, Value> = {};
    const { calls: argCalls, refs: argRefs } = this.collect(() => {
      for (const a of argsNode?.namedChildren ?? []) {
        if (!a || typeOf(a) === 'comment') continue;
        if (typeOf(a) === 'keyword_argument') {
          const k = textOr(field(a, 'name'));
          const v = field(a, 'value');
          if (k && v) kwargs[k] = this.value(v);
        } else {
          args.push(this.value(a));
        }
      }
    });
    if (callee === 'os.getenv' || callee === 'os.environ.get' || callee === 'getenv') {
      const name = args[0];
      if (name?.kind === 'string') {
        const dflt = args[1] ?? kwargs.default;
        return dflt ? { kind: 'env', name: name.value, default: dflt } : { kind: 'env', name: name.value };
      }
    }
    const index = this.addCall({
      callee,
      text: textOr(fn)?.slice(0, 200) ?? '?',
      isNew: false,
      line: line(node),
      column: node.startPosition.column + 1,
      args,
      kwargs,
      argRefs,
      argCalls,
    });
    return index < 0 ? { kind: 'unknown' } : { kind: 'call', callee, call: index };
  }

  /**
   * Record the calls and referenced names in a callee or attribute chain like
   * `OpenAI().chat.completions.create` or `resp.choices[0].message.content`.
   */
  private visitCalleeCalls(node: TSNode): void {
    switch (typeOf(node)) {
      case 'call':
        this.value(node);
        return;
      case 'identifier':
        this.addRef(textOf(node));
        return;
      case 'attribute': {
        const dotted = dottedText(node);
        if (dotted) {
          this.addRef(dotted);
          return;
        }
        const obj = field(node, 'object');
        if (obj) this.visitCalleeCalls(obj);
        return;
      }
      case 'subscript': {
        const base = field(node, 'value');
        if (base) this.visitCalleeCalls(base);
        for (const sub of node.childrenForFieldName('subscript')) if (sub) this.value(sub);
        return;
      }
      case 'parenthesized_expression':
      case 'await':
        for (const c of node.namedChildren) if (c) this.visitCalleeCalls(c);
        return;
      default:
        this.value(node);
    }
  }
}

/** Parse Python source and extract its SourceModel. */
export async function extractPython(path: string, text: string): Promise<SourceModel & { truncated: boolean }> {
  return withTree(path, text, 'python', (tree) => {
    const x = new PythonExtractor();
    x.model.hasErrors = tree.rootNode.hasError;
    x.visit(tree.rootNode);
    return { ...x.finish(), truncated: x.truncated };
  });
}
