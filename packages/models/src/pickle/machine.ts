// The pickle disassembler and symbolic stack machine (protocols 0-5). It walks the opcode stream
// exactly as CPython's Unpickler would, but every "object" is a PValue describing its origin, so it
// can report each global the load would import and each call it would make, without executing,
// importing or allocating anything the file asks for. Bounded: opcodes, memo, stack, marks, line length.
import { LimitError, ParseError } from '@rampart/core';
import type { ByteWindow } from '../util/byte-window.js';
import { decodeRawUnicodeEscape, decodeStringRepr } from './text-escapes.js';
import { describe, KEEP_ITEMS, NONE, NUM, type PValue, UNKNOWN } from './values.js';

export interface MachineLimits {
  maxOpcodes: number;
  maxMemo: number;
  maxStack: number;
  maxMarks: number;
  maxLine: number;
  /** Distinct globals / callees recorded before the scan is declared inconclusive. */
  maxDistinct: number;
  /** Bytes operands up to this size are kept in memory (nested pickles); larger ones are re-read by range. */
  keepBytes: number;
}

export const DEFAULT_MACHINE_LIMITS: MachineLimits = {
  maxOpcodes: 500_000_000,
  maxMemo: 4_000_000,
  maxStack: 4_000_000,
  maxMarks: 100_000,
  maxLine: 64 * 1024,
  maxDistinct: 10_000,
  keepBytes: 1024 * 1024,
};

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

const MARK = Symbol('mark');
type Slot = PValue | typeof MARK;

const utf8 = new TextDecoder('utf-8', { fatal: true });
const latin1 = new TextDecoder('latin1');

export class PickleMachine {
  readonly globals = new Map<string, SeenGlobal>();
  readonly anomalies: Anomaly[] = [];
  readonly nested: NestedPayload[] = [];
  /** Callees that are not plain globals (e.g. the result of getattr), by description. */
  readonly indirectCalls = new Map<string, number>();
  opcodes = 0;
  pickles = 0;
  maxProto = 0;

  constructor(
    private readonly limits: MachineLimits = DEFAULT_MACHINE_LIMITS,
    private readonly path = '<pickle>',
  ) {}

  /**
   * Run one pickle from win.pos to its STOP. Returns the value STOP returns. Throws ParseError on
   * corrupt or truncated input and LimitError on a limit; what was seen before stays recorded.
   */
  async run(win: ByteWindow): Promise<PValue> {
    const L = this.limits;
    const path = this.path;
    const stack: Slot[] = [];
    const marks: number[] = [];
    const memo = new Map<number, PValue>();
    let buf = win.buf;
    let base = win.base;
    let i = win.pos - base;
    let n = buf.length;

    const sync = () => {
      buf = win.buf;
      base = win.base;
      i = win.pos - base;
      n = buf.length;
    };
    const truncated = (off: number) =>
      new ParseError(`${path}: pickle truncated at offset ${off}`, { path, offset: off });
    const corrupt = (off: number, why: string) =>
      new ParseError(`${path}: invalid pickle at offset ${off}: ${why}`, { path, offset: off });
    /** Make `len` bytes available at i. */
    const need = async (len: number, off: number) => {
      if (i + len <= n) return;
      win.pos = base + i;
      const got = await win.ensure(len);
      sync();
      if (got < len) throw truncated(off);
    };
    const readLine = async (off: number): Promise<Uint8Array> => {
      let nl = buf.indexOf(10, i);
      if (nl < 0 || nl - i > L.maxLine) {
        win.pos = base + i;
        await win.ensure(L.maxLine + 1);
        sync();
        nl = buf.indexOf(10, i);
        if (nl < 0 || nl - i > L.maxLine) {
          if (n - i > L.maxLine)
            throw new LimitError(
              'pickle.maxLine',
              `${path}: text operand longer than ${L.maxLine} bytes at offset ${off}`,
              { path },
            );
          throw truncated(off);
        }
      }
      const line = buf.subarray(i, nl);
      i = nl + 1;
      return line;
    };
    const u32 = () => {
      const v = (buf[i]! | (buf[i + 1]! << 8) | (buf[i + 2]! << 16)) + buf[i + 3]! * 0x1000000;
      i += 4;
      return v;
    };
    const u64 = (off: number) => {
      const lo = u32();
      const hi = u32();
      if (hi > 0x1fffff) throw corrupt(off, 'length beyond 2^53');
      return hi * 0x100000000 + lo;
    };
    const str = (bytes: Uint8Array, decoder: { decode(b: Uint8Array): string }, off: number): PValue => {
      try {
        return { k: 'str', v: decoder.decode(bytes), truncated: false };
      } catch {
        throw corrupt(off, 'string operand is not valid UTF-8');
      }
    };
    /** A length-prefixed payload: strings decoded when small, bytes kept or skipped. */
    const payload = async (len: number, off: number, kind: 'utf8' | 'latin1' | 'bytes'): Promise<PValue> => {
      const dataOff = base + i;
      if (dataOff + len > win.end) throw truncated(off);
      if (len > L.keepBytes) {
        win.pos = dataOff + len;
        await win.ensure(0);
        sync();
        if (kind === 'bytes') return { k: 'bytes', offset: dataOff, length: len, data: undefined };
        return { k: 'str', v: '', truncated: true };
      }
      await need(len, off);
      const bytes = buf.subarray(i, i + len);
      i += len;
      if (kind === 'bytes') return { k: 'bytes', offset: dataOff, length: len, data: bytes.slice() };
      return str(bytes, kind === 'utf8' ? utf8 : latin1, off);
    };
    const push = (v: Slot) => {
      if (stack.length >= L.maxStack)
        throw new LimitError('pickle.maxStack', `${path}: pickle stack deeper than ${L.maxStack}`, { path });
      stack.push(v);
    };
    const pop = (off: number): PValue => {
      const base0 = marks.length > 0 ? marks[marks.length - 1]! : 0;
      if (stack.length <= base0) throw corrupt(off, 'stack underflow');
      return stack.pop() as PValue;
    };
    const top = (off: number): PValue => {
      const base0 = marks.length > 0 ? marks[marks.length - 1]! : 0;
      if (stack.length <= base0) throw corrupt(off, 'stack underflow');
      return stack[stack.length - 1] as PValue;
    };
    const popMark = (off: number): PValue[] => {
      const m = marks.pop();
      if (m === undefined) throw corrupt(off, 'no MARK on the stack');
      const items = stack.splice(m) as PValue[];
      return items;
    };
    const tuple = (items: PValue[]): PValue => ({
      k: 'tuple',
      items: items.slice(0, KEEP_ITEMS),
      length: items.length,
    });
    const memoPut = (key: number, off: number) => {
      if (memo.size >= L.maxMemo && !memo.has(key))
        throw new LimitError('pickle.maxMemo', `${path}: pickle memo larger than ${L.maxMemo} entries`, { path });
      memo.set(key, top(off));
    };
    const memoGet = (key: number, off: number) => {
      const v = memo.get(key);
      if (v === undefined) throw corrupt(off, `memo key ${key} not found`);
      push(v);
    };
    const mutate = (target: PValue, off: number, what: string) => {
      if (target.k === 'global')
        this.anomaly({ kind: 'mutates-global', offset: off, detail: `${what} on ${describe(target)}` });
    };
    const call = (fn: PValue, args: PValue, off: number, via: string): PValue => {
      this.noteCall(fn, args, off);
      return { k: 'call', fn, args, offset: off, via };
    };

    for (;;) {
      if (i + 16 > n) {
        win.pos = base + i;
        await win.ensure(16);
        sync();
        if (i >= n) throw truncated(base + i);
      }
      const off = base + i;
      const op = buf[i++]!;
      if (++this.opcodes > L.maxOpcodes)
        throw new LimitError('pickle.maxOpcodes', `${path}: more than ${L.maxOpcodes} pickle opcodes`, { path });
      switch (op) {
        case 0x28: // MARK
          if (marks.length >= L.maxMarks)
            throw new LimitError('pickle.maxMarks', `${path}: pickle MARK nesting deeper than ${L.maxMarks}`, { path });
          marks.push(stack.length);
          break;
        case 0x2e: {
          // STOP
          const v = pop(off);
          win.pos = base + i;
          this.pickles++;
          return v;
        }
        case 0x30: // POP
          if (marks.length > 0 && stack.length === marks[marks.length - 1]) marks.pop();
          else pop(off);
          break;
        case 0x31: // POP_MARK
          popMark(off);
          break;
        case 0x32: // DUP
          push(top(off));
          break;
        case 0x46: // FLOAT
        case 0x49: // INT
        case 0x4c: // LONG
          await readLine(off);
          push(NUM);
          break;
        case 0x4a: // BININT
          await need(4, off);
          i += 4;
          push(NUM);
          break;
        case 0x4b: // BININT1
          await need(1, off);
          i += 1;
          push(NUM);
          break;
        case 0x4d: // BININT2
          await need(2, off);
          i += 2;
          push(NUM);
          break;
        case 0x47: // BINFLOAT
          await need(8, off);
          i += 8;
          push(NUM);
          break;
        case 0x8a: {
          // LONG1
          await need(1, off);
          const len = buf[i++]!;
          await need(len, off);
          let hex = '';
          if (len <= 16) for (let j = len - 1; j >= 0; j--) hex += buf[i + j]!.toString(16).padStart(2, '0');
          i += len;
          push({ k: 'num', hex });
          break;
        }
        case 0x8b: {
          // LONG4
          await need(4, off);
          const len = u32();
          if (len > 0x7fffffff) throw corrupt(off, 'negative LONG4 length');
          if (base + i + len > win.end) throw truncated(off);
          win.pos = base + i + len;
          await win.ensure(0);
          sync();
          push(NUM);
          break;
        }
        case 0x4e: // NONE
          push(NONE);
          break;
        case 0x88: // NEWTRUE
        case 0x89: // NEWFALSE
          push(NUM);
          break;
        case 0x53: {
          // STRING
          const line = latin1.decode(await readLine(off));
          const v = decodeStringRepr(line.trimEnd());
          if (v === undefined) throw corrupt(off, 'STRING operand is not a quoted string');
          push({ k: 'str', v, truncated: false });
          break;
        }
        case 0x56: // UNICODE
          push({ k: 'str', v: decodeRawUnicodeEscape(await readLine(off)), truncated: false });
          break;
        case 0x54: {
          // BINSTRING
          await need(4, off);
          const len = u32();
          if (len > 0x7fffffff) throw corrupt(off, 'negative BINSTRING length');
          push(await payload(len, off, 'latin1'));
          break;
        }
        case 0x55: // SHORT_BINSTRING
          await need(1, off);
          push(await payload(buf[i++]!, off, 'latin1'));
          break;
        case 0x58: // BINUNICODE
          await need(4, off);
          push(await payload(u32(), off, 'utf8'));
          break;
        case 0x8c: // SHORT_BINUNICODE
          await need(1, off);
          push(await payload(buf[i++]!, off, 'utf8'));
          break;
        case 0x8d: // BINUNICODE8
          await need(8, off);
          push(await payload(u64(off), off, 'utf8'));
          break;
        case 0x42: // BINBYTES
          await need(4, off);
          push(await payload(u32(), off, 'bytes'));
          break;
        case 0x43: // SHORT_BINBYTES
          await need(1, off);
          push(await payload(buf[i++]!, off, 'bytes'));
          break;
        case 0x8e: // BINBYTES8
        case 0x96: // BYTEARRAY8
          await need(8, off);
          push(await payload(u64(off), off, 'bytes'));
          break;
        case 0x29: // EMPTY_TUPLE
          push(tuple([]));
          break;
        case 0x74: // TUPLE
          push(tuple(popMark(off)));
          break;
        case 0x85: // TUPLE1
          push(tuple([pop(off)]));
          break;
        case 0x86: {
          // TUPLE2
          const b = pop(off);
          push(tuple([pop(off), b]));
          break;
        }
        case 0x87: {
          // TUPLE3
          const c = pop(off);
          const b = pop(off);
          push(tuple([pop(off), b, c]));
          break;
        }
        case 0x5d: // EMPTY_LIST
          push({ k: 'list', items: [] });
          break;
        case 0x6c: // LIST
          push({ k: 'list', items: popMark(off).slice(0, KEEP_ITEMS) });
          break;
        case 0x61: {
          // APPEND
          const v = pop(off);
          const t = top(off);
          if (t.k === 'list' && t.items.length < KEEP_ITEMS) t.items.push(v);
          mutate(t, off, 'APPEND');
          break;
        }
        case 0x65: {
          // APPENDS
          const items = popMark(off);
          const t = top(off);
          if (t.k === 'list') for (const v of items) if (t.items.length < KEEP_ITEMS) t.items.push(v);
          mutate(t, off, 'APPENDS');
          break;
        }
        case 0x7d: // EMPTY_DICT
          push({ k: 'dict' });
          break;
        case 0x64: // DICT
          popMark(off);
          push({ k: 'dict' });
          break;
        case 0x73: // SETITEM
          pop(off);
          pop(off);
          mutate(top(off), off, 'SETITEM');
          break;
        case 0x75: // SETITEMS
          popMark(off);
          mutate(top(off), off, 'SETITEMS');
          break;
        case 0x8f: // EMPTY_SET
          push({ k: 'set' });
          break;
        case 0x90: // ADDITEMS
          popMark(off);
          mutate(top(off), off, 'ADDITEMS');
          break;
        case 0x91: // FROZENSET
          popMark(off);
          push({ k: 'set' });
          break;
        case 0x67: {
          // GET
          const key = Number.parseInt(latin1.decode(await readLine(off)), 10);
          if (Number.isNaN(key)) throw corrupt(off, 'GET key is not a number');
          memoGet(key, off);
          break;
        }
        case 0x68: // BINGET
          await need(1, off);
          memoGet(buf[i++]!, off);
          break;
        case 0x6a: // LONG_BINGET
          await need(4, off);
          memoGet(u32(), off);
          break;
        case 0x70: {
          // PUT
          const key = Number.parseInt(latin1.decode(await readLine(off)), 10);
          if (Number.isNaN(key)) throw corrupt(off, 'PUT key is not a number');
          memoPut(key, off);
          break;
        }
        case 0x71: // BINPUT
          await need(1, off);
          memoPut(buf[i++]!, off);
          break;
        case 0x72: // LONG_BINPUT
          await need(4, off);
          memoPut(u32(), off);
          break;
        case 0x94: // MEMOIZE
          memoPut(memo.size, off);
          break;
        case 0x63: {
          // GLOBAL
          const module = await this.nameLine(await readLine(off), off);
          const name = await this.nameLine(await readLine(off), off);
          push(this.importGlobal(module, name, off, 'GLOBAL'));
          break;
        }
        case 0x93: {
          // STACK_GLOBAL
          const name = pop(off);
          const module = pop(off);
          if (module.k === 'str' && name.k === 'str' && !module.truncated && !name.truncated) {
            push(this.importGlobal(module.v, name.v, off, 'STACK_GLOBAL'));
          } else {
            // CPython requires str operands; a computed one (a call result) can still be a str at run time.
            const detail = `STACK_GLOBAL with computed operands ${describe(module)} / ${describe(name)}`;
            this.anomaly({ kind: 'dynamic-global', offset: off, detail });
            push(this.importGlobal('?', '?', off, 'STACK_GLOBAL'));
          }
          break;
        }
        case 0x69: {
          // INST
          const module = await this.nameLine(await readLine(off), off);
          const name = await this.nameLine(await readLine(off), off);
          const cls = this.importGlobal(module, name, off, 'INST');
          push(call(cls, tuple(popMark(off)), off, 'INST'));
          break;
        }
        case 0x6f: {
          // OBJ
          const items = popMark(off);
          const cls = items.shift();
          if (cls === undefined) throw corrupt(off, 'OBJ without a class');
          push(call(cls, tuple(items), off, 'OBJ'));
          break;
        }
        case 0x81: {
          // NEWOBJ
          const args = pop(off);
          push(call(pop(off), args, off, 'NEWOBJ'));
          break;
        }
        case 0x92: {
          // NEWOBJ_EX
          pop(off);
          const args = pop(off);
          push(call(pop(off), args, off, 'NEWOBJ_EX'));
          break;
        }
        case 0x52: {
          // REDUCE
          const args = pop(off);
          push(call(pop(off), args, off, 'REDUCE'));
          break;
        }
        case 0x62: {
          // BUILD: obj.__setstate__(state) or attribute update; on a global it rewrites a module or class.
          pop(off);
          mutate(top(off), off, 'BUILD');
          break;
        }
        case 0x50: // PERSID
          await readLine(off);
          push({ k: 'pid' });
          break;
        case 0x51: // BINPERSID
          pop(off);
          push({ k: 'pid' });
          break;
        case 0x82:
        case 0x83:
        case 0x84: {
          // EXT1/EXT2/EXT4: copyreg extension registry, resolves to a global chosen at load time.
          const len = op === 0x82 ? 1 : op === 0x83 ? 2 : 4;
          await need(len, off);
          let code = 0;
          for (let j = len - 1; j >= 0; j--) code = code * 256 + buf[i + j]!;
          i += len;
          this.anomaly({ kind: 'extension-code', offset: off, detail: `extension code ${code}` });
          push({ k: 'ext', code });
          break;
        }
        case 0x80: {
          // PROTO
          await need(1, off);
          const p = buf[i++]!;
          if (p > 5) throw corrupt(off, `unsupported pickle protocol ${p}`);
          if (p > this.maxProto) this.maxProto = p;
          break;
        }
        case 0x95: // FRAME: a length hint only
          await need(8, off);
          u64(off);
          break;
        case 0x97: // NEXT_BUFFER
          push(UNKNOWN);
          break;
        case 0x98: // READONLY_BUFFER
          top(off);
          break;
        default:
          throw corrupt(off, `unknown opcode 0x${op.toString(16).padStart(2, '0')}`);
      }
    }
  }

  private async nameLine(line: Uint8Array, off: number): Promise<string> {
    try {
      return utf8.decode(line);
    } catch {
      throw new ParseError(`${this.path}: global name at offset ${off} is not valid UTF-8`, {
        path: this.path,
        offset: off,
      });
    }
  }

  private importGlobal(module: string, name: string, offset: number, op: ImportOp): PValue {
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

  private noteCall(fn: PValue, args: PValue, off: number): void {
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
    void off;
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

  private anomaly(a: Anomaly): void {
    if (this.anomalies.length < 100) this.anomalies.push(a);
  }
}
