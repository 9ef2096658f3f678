// Shared bookkeeping for the per-language extractors: the model under construction, lexical
// scopes (module, functions, `self.` attributes), import bindings, and callee-name resolution.
// The language files only translate syntax nodes into calls on this state.
import type { Assignment, CallSite, FunctionDef, ImportBinding, Language, SourceModel, Value } from './source-model.js';

/** Bounds for hostile input: deep nesting and enormous files must not exhaust the stack or memory. */
export const MAX_DEPTH = 300;
export const MAX_CALLS = 20_000;

export class ExtractState {
  readonly model: SourceModel;
  /** scope index (-1 = module) -> name -> last bound value. */
  private readonly vars = new Map<number, Map<string, Value>>();
  /** `self.x` / `this.x` attributes, file-wide (classes are small; precision is good enough). */
  private readonly selfVars = new Map<string, Value>();
  private readonly importsByLocal = new Map<string, ImportBinding>();
  /** Names bound more than once at module level are not constants. */
  private readonly moduleBindCount = new Map<string, number>();
  scope = -1;
  depth = 0;
  /** Set when a bound was hit; the model is then partial. */
  truncated = false;
  /** Active collectors of call indices and referenced names (for args / right-hand sides). */
  readonly callCollectors: number[][] = [];
  readonly refCollectors: Set<string>[] = [];

  constructor(language: Language) {
    this.model = {
      language,
      imports: [],
      calls: [],
      assignments: [],
      functions: [],
      constants: {},
      hasErrors: false,
    };
  }

  addImport(b: ImportBinding): void {
    this.model.imports.push(b);
    this.importsByLocal.set(b.local, b);
  }

  /** Qualified name an imported local name stands for. */
  importedName(local: string): string | undefined {
    const b = this.importsByLocal.get(local);
    if (!b) return undefined;
    // A default or namespace import stands for the module itself ("openai"), a named one for a member.
    if (b.name === undefined || b.name === '*' || b.name === 'default') return b.module;
    return `${b.module}.${b.name}`;
  }

  bind(target: string, value: Value): void {
    if (target.startsWith('self.') || target.startsWith('this.')) {
      this.selfVars.set(target.slice(target.indexOf('.') + 1), value);
      return;
    }
    let m = this.vars.get(this.scope);
    if (!m) {
      m = new Map();
      this.vars.set(this.scope, m);
    }
    m.set(target, value);
    if (this.scope === -1) this.moduleBindCount.set(target, (this.moduleBindCount.get(target) ?? 0) + 1);
  }

  /** Value bound to a name in the current scope chain, then module, then imports. */
  lookup(name: string): Value | undefined {
    if (name.startsWith('self.') || name.startsWith('this.'))
      return this.selfVars.get(name.slice(name.indexOf('.') + 1));
    let s = this.scope;
    for (let guard = 0; guard < 64; guard++) {
      const v = this.vars.get(s)?.get(name);
      if (v) return v;
      if (s === -1) break;
      s = this.model.functions[s]?.parent ?? -1;
    }
    return undefined;
  }

  /** Qualified name for a plain identifier: variables bound to calls/names, then imports, else itself. */
  resolveIdentifier(name: string): string {
    const v = this.lookup(name);
    if (v?.kind === 'call') return `${v.callee}()`;
    if (v?.kind === 'name') return v.qname;
    return this.importedName(name) ?? name;
  }

  /** Value of an identifier for folding: literals and env reads fold, the rest becomes a name/call. */
  valueOfIdentifier(name: string): Value {
    const v = this.lookup(name);
    if (v) return v;
    return { kind: 'name', qname: this.importedName(name) ?? name };
  }

  addCall(c: Omit<CallSite, 'index' | 'scope'>): number {
    if (this.model.calls.length >= MAX_CALLS) {
      this.truncated = true;
      return -1;
    }
    const index = this.model.calls.length;
    // The extractors pass a fresh literal: complete it in place instead of copying it (same keys, same order).
    const call = c as CallSite;
    call.index = index;
    call.scope = this.scope;
    this.model.calls.push(call);
    for (const col of this.callCollectors) col.push(index);
    return index;
  }

  /**
   * Record a referenced name ("resp.choices" also references "resp"). Names are collected while
   * values are folded, in the same single pass, so data flow costs no extra tree walk.
   */
  addRef(dotted: string): void {
    if (this.refCollectors.length === 0) return;
    let name = dotted;
    for (;;) {
      for (const c of this.refCollectors) c.add(name);
      const dot = name.lastIndexOf('.');
      if (dot <= 0) return;
      name = name.slice(0, dot);
    }
  }

  /** Run `fn` while collecting the calls recorded and the names referenced inside it. */
  collect<T>(fn: () => T): { result: T; calls: number[]; refs: string[] } {
    const calls: number[] = [];
    const refs = new Set<string>();
    this.callCollectors.push(calls);
    this.refCollectors.push(refs);
    try {
      return { result: fn(), calls, refs: [...refs] };
    } finally {
      this.callCollectors.pop();
      this.refCollectors.pop();
    }
  }

  addAssignment(a: Omit<Assignment, 'scope'>): void {
    const assignment = a as Assignment;
    assignment.scope = this.scope;
    this.model.assignments.push(assignment);
    this.bind(a.target, a.value);
  }

  enterFunction(def: Omit<FunctionDef, 'index' | 'parent'>): number {
    const index = this.model.functions.length;
    const fn = def as FunctionDef;
    fn.index = index;
    fn.parent = this.scope;
    this.model.functions.push(fn);
    this.scope = index;
    return index;
  }

  exitFunction(): void {
    this.scope = this.model.functions[this.scope]?.parent ?? -1;
  }

  /** Module-level names bound exactly once to a foldable value become constants. */
  finish(): SourceModel {
    const mod = this.vars.get(-1);
    if (mod) {
      for (const [name, v] of mod) {
        if (this.moduleBindCount.get(name) !== 1) continue;
        if (
          v.kind === 'string' ||
          v.kind === 'number' ||
          v.kind === 'bool' ||
          v.kind === 'env' ||
          v.kind === 'template'
        )
          this.model.constants[name] = v;
      }
    }
    return this.model;
  }
}
