// A language-neutral summary of one source file, produced by the Python and JS/TS extractors and
// consumed by discovery detectors (LLM clients, prompts, unsafe patterns, agent frameworks).
// Everything is resolved as far as a single file allows: callee names go through imports and
// aliases to qualified names ("openai.OpenAI"), names bound to literals or env defaults are
// folded into values. Nothing here executes or imports the scanned code.

export type Language = 'python' | 'javascript' | 'typescript';

/** A statically known (or partly known) value of an expression. */
export type Value =
  | { kind: 'string'; value: string; line: number }
  | { kind: 'number'; value: number }
  | { kind: 'bool'; value: boolean }
  | { kind: 'null' }
  /** An environment variable read (os.getenv / os.environ.get / process.env.X), with its default. */
  | { kind: 'env'; name: string; default?: Value }
  /** A reference to a name that could not be folded; `qname` is resolved through imports. */
  | { kind: 'name'; qname: string }
  /** The result of a call; `callee` is the resolved callee name. */
  | { kind: 'call'; callee: string; call: number }
  | { kind: 'dict'; entries: Array<{ key: string | undefined; value: Value }> }
  | { kind: 'list'; items: Value[] }
  /** An f-string / template literal: the literal parts joined with "{}" for holes. */
  | { kind: 'template'; value: string; line: number }
  | { kind: 'unknown' };

export interface ImportBinding {
  /** Module as written, e.g. "openai", "langchain_openai", "@anthropic-ai/sdk". */
  module: string;
  /** Imported member ("OpenAI"), "*" for a namespace/star import, undefined for `import x`. */
  name: string | undefined;
  /** Local name the import binds (alias, or the name itself). */
  local: string;
  line: number;
}

export interface CallSite {
  /** Index in SourceModel.calls. */
  index: number;
  /**
   * Callee resolved through imports, aliases and variables bound to constructor results:
   * `client = OpenAI(); client.chat.completions.create()` -> "openai.OpenAI().chat.completions.create".
   */
  callee: string;
  /** Callee as written in the source, e.g. "client.chat.completions.create". */
  text: string;
  /** True for `new X(...)` (JS) — treated like a call everywhere. */
  isNew: boolean;
  line: number;
  column: number;
  args: Value[];
  /** Keyword args (Python) and the properties of a single object-literal argument (JS). */
  kwargs: Record<string, Value>;
  /** Identifiers referenced anywhere in the arguments (for data flow). */
  argRefs: string[];
  /** Calls nested in the arguments (indices), for `eval(llm(...))`. */
  argCalls: number[];
  /** Index of the enclosing function in SourceModel.functions, or -1 at module level. */
  scope: number;
}

export interface Assignment {
  /** Target as written: "x", "self.client", "obj.attr". Destructuring yields one entry per name. */
  target: string;
  value: Value;
  /** Identifiers referenced on the right-hand side (for data flow). */
  refs: string[];
  /** Calls on the right-hand side (indices). */
  calls: number[];
  line: number;
  scope: number;
}

export interface FunctionDef {
  index: number;
  /** Qualified within the file: "Agent.run", "main". Anonymous functions get "<anonymous>". */
  name: string;
  line: number;
  endLine: number;
  params: string[];
  /** Decorator calls / names (Python); resolved like callees. */
  decorators: Array<{ callee: string; line: number; args: Value[]; kwargs: Record<string, Value> }>;
  /** Enclosing function index or -1. */
  parent: number;
  isAsync: boolean;
}

export interface SourceModel {
  language: Language;
  imports: ImportBinding[];
  calls: CallSite[];
  assignments: Assignment[];
  functions: FunctionDef[];
  /** Module-level names bound once to a foldable value (literal, env read with default, ...). */
  constants: Record<string, Value>;
  /** Parse errors were present; results are best effort for the rest of the file. */
  hasErrors: boolean;
}

/** The string a value certainly or by default holds: literals, env defaults, templates. */
export function stringOf(v: Value | undefined): string | undefined {
  if (!v) return undefined;
  if (v.kind === 'string') return v.value;
  if (v.kind === 'env') return stringOf(v.default);
  return undefined;
}

/** Line of a string value when known. */
export function lineOf(v: Value | undefined): number | undefined {
  if (!v) return undefined;
  if (v.kind === 'string' || v.kind === 'template') return v.line;
  if (v.kind === 'env') return lineOf(v.default);
  return undefined;
}

/** Every string (and template) nested in a value, depth-first. */
export function* stringsIn(v: Value, depth = 0): Generator<{ value: string; line: number; template: boolean }> {
  if (depth > 32) return;
  if (v.kind === 'string') yield { value: v.value, line: v.line, template: false };
  else if (v.kind === 'template') yield { value: v.value, line: v.line, template: true };
  else if (v.kind === 'env' && v.default) yield* stringsIn(v.default, depth + 1);
  else if (v.kind === 'list') for (const i of v.items) yield* stringsIn(i, depth + 1);
  else if (v.kind === 'dict') for (const e of v.entries) yield* stringsIn(e.value, depth + 1);
}

/** The value of a dict entry by key. */
export function entry(v: Value | undefined, key: string): Value | undefined {
  if (v?.kind !== 'dict') return undefined;
  return v.entries.find((e) => e.key === key)?.value;
}

/** True when `callee` is `prefix` or a member path below it ("openai.OpenAI" covers "openai.OpenAI().x"). */
export function calleeUnder(callee: string, prefix: string): boolean {
  if (!callee.startsWith(prefix)) return false;
  const next = callee.charAt(prefix.length);
  return next === '' || next === '.' || next === '(';
}
