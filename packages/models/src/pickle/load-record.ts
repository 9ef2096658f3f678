// What loading a pickle would do, reconstructed from the machine's symbolic values: every global it
// would import (with the opcode and offset that first imports it, and whether it is called), calls
// on computed callables, bytes handed to a nested pickle loader, and structural anomalies.
import { LimitError } from '@rampart/core';
import { describe, type PValue } from './values.js';

export type ImportOp = 'GLOBAL' | 'STACK_GLOBAL' | 'INST';

export interface SeenGlobal {
  module: string;
  name: string;
  /** Byte offset of the first opcode that imported it. */
  offset: number;
  op: ImportOp;
  count: number;
  called: boolean;
}

export interface Anomaly {
  kind: 'dynamic-global' | 'extension-code' | 'mutates-global';
  offset: number;
  detail: string;
}

/** Bytes handed to a pickle loader (pickle.loads, torch.load...): scanned as a nested pickle. */
export interface NestedPayload {
  loader: string;
  offset: number;
  length: number;
  data: Uint8Array | undefined;
}

/** Globals whose call deserializes its argument as another pickle. */
export const NESTED_LOADERS: ReadonlySet<string> = new Set([
  'pickle.loads',
  'pickle._loads',
  '_pickle.loads',
  'cPickle.loads',
  'dill.loads',
  'dill._dill.loads',
  'cloudpickle.loads',
  'torch.load',
  'torch.serialization.load',
  'torch.storage._load_from_bytes',
  'joblib.load',
  'numpy.loads',
]);

export class LoadRecord {
  readonly globals = new Map<string, SeenGlobal>();
  readonly anomalies: Anomaly[] = [];
  readonly nested: NestedPayload[] = [];
  /** Callees that are not plain globals (e.g. the result of getattr), by description. */
  readonly indirectCalls = new Map<string, number>();

  constructor(
    /** Read at each new entry: distinct globals / callees recorded before the scan is inconclusive. */
    private readonly limits: { readonly maxDistinct: number },
    private readonly path: string,
  ) {}

  importGlobal(module: string, name: string, offset: number, op: ImportOp): PValue {
    const key = `${module}\u0000${name}`;
    const seen = this.globals.get(key);
    if (seen) seen.count++;
    else {
      if (this.globals.size >= this.limits.maxDistinct)
        throw new LimitError(
          'pickle.maxDistinct',
          `${this.path}: more than ${this.limits.maxDistinct} distinct globals`,
          { path: this.path },
        );
      this.globals.set(key, { module, name, offset, op, count: 1, called: false });
    }
    return { k: 'global', module, name, offset };
  }

  /** A call the load would make (REDUCE, NEWOBJ, OBJ, INST...); its value is the call itself. */
  call(fn: PValue, args: PValue, off: number, via: string): PValue {
    this.noteCall(fn, args);
    return { k: 'call', fn, args, offset: off, via };
  }

  /** BUILD, SETITEM, APPEND... on a global rewrites a module or class at load time. */
  mutate(target: PValue, off: number, what: string): void {
    if (target.k === 'global')
      this.anomaly({ kind: 'mutates-global', offset: off, detail: `${what} on ${describe(target)}` });
  }

  anomaly(a: Anomaly): void {
    if (this.anomalies.length < 100) this.anomalies.push(a);
  }

  private noteCall(fn: PValue, args: PValue): void {
    if (fn.k === 'global') {
      const g = this.globals.get(`${fn.module}\u0000${fn.name}`);
      if (g) g.called = true;
      const full = `${fn.module}.${fn.name}`;
      if (NESTED_LOADERS.has(full)) this.noteNested(full, args);
      return;
    }
    const d = describe(fn);
    const c = this.indirectCalls.get(d);
    if (c !== undefined) this.indirectCalls.set(d, c + 1);
    else if (this.indirectCalls.size < this.limits.maxDistinct) this.indirectCalls.set(d, 1);
  }

  /** pickle.loads(b'...') or torch.load(io.BytesIO(b'...')): remember the bytes for a nested scan. */
  private noteNested(loader: string, args: PValue): void {
    if (args.k !== 'tuple') return;
    let a = args.items[0];
    if (
      a?.k === 'call' &&
      a.fn.k === 'global' &&
      /^(_?io)\.BytesIO$/.test(`${a.fn.module}.${a.fn.name}`) &&
      a.args.k === 'tuple'
    )
      a = a.args.items[0];
    if (a?.k === 'bytes') this.nested.push({ loader, offset: a.offset, length: a.length, data: a.data });
    else if (a?.k === 'str' && !a.truncated) {
      const data = Uint8Array.from(a.v, (c) => c.charCodeAt(0) & 0xff);
      this.nested.push({ loader, offset: -1, length: data.length, data });
    }
  }
}
