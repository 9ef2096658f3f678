// The pickle disassembler and symbolic stack machine (protocols 0-5). It walks the opcode stream
// exactly as CPython's Unpickler would, but every "object" is a PValue describing its origin, so it
// can report each global the load would import and each call it would make, without executing,
// importing or allocating anything the file asks for. Bounded: opcodes, memo, stack, marks, line length.
import type { ByteWindow } from '../util/byte-window.js';
import { u32 } from '../util/little-endian.js';
import { latin1, PickleFrame, utf8 } from './frame.js';
import { joblibArray, type PendingArray } from './joblib-arrays.js';
import { type Anomaly, LoadRecord, type NestedPayload, type SeenGlobal } from './load-record.js';
import { FIXED_OPERAND, LENGTH_PREFIX } from './opcodes.js';
import { decodeRawUnicodeEscape, decodeStringRepr } from './text-escapes.js';
import { describe, KEEP_ITEMS, keep, NONE, NUM, type PValue, smallInt, tuple, UNKNOWN } from './values.js';

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

/** step() results: a positive number asks the driver for that many bytes at `resume`. */
const DONE = -1;
const MOVED = -2;
const INLINE_ARRAY = -3;

export class PickleMachine extends PickleFrame {
  readonly globals: Map<string, SeenGlobal>;
  readonly anomalies: Anomaly[];
  readonly nested: NestedPayload[];
  /** Callees that are not plain globals (e.g. the result of getattr), by description. */
  readonly indirectCalls: Map<string, number>;
  opcodes = 0;
  pickles = 0;
  maxProto = 0;

  private readonly rec: LoadRecord;
  private result: PValue | undefined;
  /** Absolute offset where step() stopped (an opcode start when it needs more bytes). */
  private resume = 0;
  private pendingArray: PendingArray | undefined;
  private inlineDepth = 0;

  constructor(
    limits: MachineLimits = DEFAULT_MACHINE_LIMITS,
    path = '<pickle>',
    /** Checked between buffer refills, so a huge pickle still honours the engine's time budget. */
    private readonly signal?: AbortSignal,
  ) {
    super(limits, path);
    this.rec = new LoadRecord(limits, path);
    this.globals = this.rec.globals;
    this.anomalies = this.rec.anomalies;
    this.nested = this.rec.nested;
    this.indirectCalls = this.rec.indirectCalls;
  }

  /**
   * Run one pickle from win.pos to its STOP. Returns the value STOP returns. Throws ParseError on
   * corrupt or truncated input and LimitError on a limit; what was seen before stays recorded.
   * The opcode loop (step) is synchronous; this driver only refills the window between runs of it.
   */
  async run(win: ByteWindow): Promise<PValue> {
    this.stack = [];
    this.marks = [];
    this.memo = new Map();
    this.result = undefined;
    let want = 16;
    for (;;) {
      if (this.signal?.aborted) throw this.limit('timeout', 'scan aborted (time budget)');
      if (win.available < want && win.pos < win.end) await win.ensure(want);
      const atEof = win.base + win.buf.length >= win.end;
      const r = this.step(win.buf, win.pos - win.base, win.base, atEof, win.end);
      win.pos = this.resume;
      if (r === DONE) {
        this.pickles++;
        return this.result!;
      }
      if (r === INLINE_ARRAY) {
        await this.skipInlineArray(win);
        want = 16;
        continue;
      }
      want = r === MOVED ? 16 : r;
      if (r > 0 && atEof && win.available < r) throw this.truncated(win.pos);
    }
  }

  /** joblib's inline array data: alignment padding, then raw bytes or a whole nested pickle. */
  private async skipInlineArray(win: ByteWindow): Promise<void> {
    const a = this.pendingArray!;
    this.pendingArray = undefined;
    if (a.bytes < 0) throw this.corrupt(win.pos, 'joblib array wrapper with a shape or dtype the scanner cannot size');
    if (a.padding) {
      if ((await win.ensure(1)) < 1) throw this.truncated(win.pos);
      win.pos += 1 + win.buf[win.pos - win.base]!;
    }
    if (a.object) {
      if (++this.inlineDepth > 16) throw this.limit('maxNested', 'joblib object arrays nested deeper than 16');
      const saved = [this.stack, this.marks, this.memo, this.result] as const;
      await this.run(win);
      [this.stack, this.marks, this.memo, this.result] = saved;
      this.inlineDepth--;
      return;
    }
    if (win.pos + a.bytes > win.end) throw this.truncated(win.pos);
    win.pos += a.bytes;
  }

  /**
   * Executes opcodes from buf[i] until STOP (DONE), until an operand is not fully in the buffer (returns
   * the byte count needed from the opcode's start), or after skipping a large payload (MOVED).
   * Opcodes are atomic: nothing is changed before all their operand bytes are known to be present.
   */
  private step(buf: Uint8Array, i: number, base: number, atEof: boolean, end: number): number {
    const L = this.limits;
    const stack = this.stack;
    const marks = this.marks;
    const memo = this.memo;
    const n = buf.length;
    let ops = this.opcodes;
    const need = (start: number, k: number): number => {
      this.opcodes = ops;
      this.resume = base + start;
      if (atEof) throw this.truncated(base + start);
      return k;
    };
    for (;;) {
      const start = i;
      if (i + 16 > n && !atEof) return need(start, 16);
      if (i >= n) return need(start, 1);
      const off = base + i;
      const op = buf[i]!;
      if (++ops > L.maxOpcodes) throw this.limit('maxOpcodes', `more than ${L.maxOpcodes} pickle opcodes`);
      const fixed = FIXED_OPERAND[op]!;
      if (fixed > 0 && i + 1 + fixed > n) return need(start, 1 + fixed);
      i++;
      switch (op) {
        case 0x28: // MARK
          if (marks.length >= L.maxMarks) throw this.limit('maxMarks', `pickle MARK nesting deeper than ${L.maxMarks}`);
          marks.push(stack.length);
          break;
        case 0x2e: // STOP
          this.result = this.pop(off);
          this.opcodes = ops;
          this.resume = base + i;
          return DONE;
        case 0x30: // POP
          if (marks.length > 0 && stack.length === marks[marks.length - 1]) marks.pop();
          else this.pop(off);
          break;
        case 0x31: // POP_MARK
          this.popMark(off);
          break;
        case 0x32: // DUP
          this.push(this.top(off));
          break;
        case 0x4b: // BININT1 (small ints keep their value: array shapes need it)
          this.push(smallInt(buf[i]!));
          i += 1;
          break;
        case 0x4d: // BININT2
          this.push(smallInt(buf[i]! | (buf[i + 1]! << 8)));
          i += 2;
          break;
        case 0x4a: // BININT
          this.push({ k: 'num', v: u32(buf, i) | 0 });
          i += 4;
          break;
        case 0x47: // BINFLOAT
          i += fixed;
          this.push(NUM);
          break;
        case 0x4e: // NONE
          this.push(NONE);
          break;
        case 0x88: // NEWTRUE
        case 0x89: // NEWFALSE
          this.push(NUM);
          break;
        case 0x46: // FLOAT
        case 0x49: // INT
        case 0x4c: // LONG
        case 0x50: // PERSID
        case 0x53: // STRING
        case 0x56: // UNICODE
        case 0x67: // GET
        case 0x70: // PUT
        case 0x63: // GLOBAL
        case 0x69: {
          // INST: text operands, one line (two for GLOBAL/INST)
          const lines = op === 0x63 || op === 0x69 ? 2 : 1;
          const nl1 = buf.indexOf(10, i);
          const nl2 = lines === 2 && nl1 >= 0 ? buf.indexOf(10, nl1 + 1) : nl1;
          const lastNl = lines === 2 ? nl2 : nl1;
          if (nl1 < 0 || lastNl < 0) {
            if (n - start > 2 * L.maxLine + 2)
              throw this.limit('maxLine', `text operand longer than ${L.maxLine} bytes at offset ${off}`);
            return need(start, Math.min(2 * L.maxLine + 3, n - start + 64 * 1024));
          }
          if (nl1 - i > L.maxLine || lastNl - nl1 > L.maxLine + 1)
            throw this.limit('maxLine', `text operand longer than ${L.maxLine} bytes at offset ${off}`);
          const a = i;
          i = lastNl + 1;
          switch (op) {
            case 0x53: {
              const v = decodeStringRepr(latin1.decode(buf.subarray(a, nl1)).trimEnd());
              if (v === undefined) throw this.corrupt(off, 'STRING operand is not a quoted string');
              this.push({ k: 'str', v, truncated: false });
              break;
            }
            case 0x56:
              this.push({ k: 'str', v: decodeRawUnicodeEscape(buf.subarray(a, nl1)), truncated: false });
              break;
            case 0x50:
              this.push({ k: 'pid' });
              break;
            case 0x67:
            case 0x70: {
              const key = Number.parseInt(latin1.decode(buf.subarray(a, nl1)), 10);
              if (Number.isNaN(key)) throw this.corrupt(off, 'memo key is not a number');
              if (op === 0x67) this.memoGet(key, off);
              else this.memoPut(key, off);
              break;
            }
            case 0x63:
            case 0x69: {
              const module = this.decode(buf.subarray(a, nl1), utf8, off);
              const name = this.decode(buf.subarray(nl1 + 1, nl2), utf8, off);
              const g = this.rec.importGlobal(module, name, off, op === 0x63 ? 'GLOBAL' : 'INST');
              this.push(op === 0x63 ? g : this.rec.call(g, tuple(this.popMark(off)), off, 'INST'));
              break;
            }
            default:
              this.push(NUM);
          }
          break;
        }
        case 0x8a: {
          // LONG1
          const len = buf[i]!;
          if (i + 1 + len > n) return need(start, 2 + len);
          let hex = '';
          if (len <= 16) for (let j = len - 1; j >= 0; j--) hex += buf[i + 1 + j]!.toString(16).padStart(2, '0');
          i += 1 + len;
          this.push({ k: 'num', hex });
          break;
        }
        case 0x55: // SHORT_BINSTRING
        case 0x8c: // SHORT_BINUNICODE
        case 0x43: // SHORT_BINBYTES
        case 0x54: // BINSTRING
        case 0x58: // BINUNICODE
        case 0x42: // BINBYTES
        case 0x8b: // LONG4
        case 0x8d: // BINUNICODE8
        case 0x8e: // BINBYTES8
        case 0x96: {
          // BYTEARRAY8: length-prefixed payloads
          const w = LENGTH_PREFIX[op]!;
          if (i + w > n) return need(start, 1 + w);
          let len: number;
          if (w === 1) len = buf[i]!;
          else if (w === 4) len = u32(buf, i);
          else {
            const hi = u32(buf, i + 4);
            if (hi > 0x1fffff) throw this.corrupt(off, 'length beyond 2^53');
            len = hi * 0x100000000 + u32(buf, i);
          }
          if ((op === 0x54 || op === 0x8b) && len > 0x7fffffff) throw this.corrupt(off, 'negative length');
          const dataOff = base + i + w;
          if (dataOff + len > end) throw this.truncated(off);
          const kind =
            op === 0x58 || op === 0x8c || op === 0x8d
              ? 'utf8'
              : op === 0x55 || op === 0x54
                ? 'latin1'
                : op === 0x8b
                  ? 'long'
                  : 'bytes';
          if (len > L.keepBytes || kind === 'long') {
            // Large payloads are skipped by length, never read: multi-GB tensors cost nothing.
            if (kind === 'long') this.push(NUM);
            else if (kind === 'bytes') this.push({ k: 'bytes', offset: dataOff, length: len, data: undefined });
            else this.push({ k: 'str', v: '', truncated: true });
            if (i + w + len > n) {
              this.opcodes = ops;
              this.resume = dataOff + len;
              return MOVED;
            }
            i += w + len;
            break;
          }
          if (i + w + len > n) return need(start, 1 + w + len);
          const a = i + w;
          i = a + len;
          if (kind === 'bytes') this.push({ k: 'bytes', offset: dataOff, length: len, data: buf.slice(a, i) });
          else this.push({ k: 'str', v: this.text(buf, a, i, kind === 'utf8' ? utf8 : latin1, off), truncated: false });
          break;
        }
        case 0x29: // EMPTY_TUPLE
          this.push(tuple([]));
          break;
        case 0x74: // TUPLE
          this.push(tuple(this.popMark(off)));
          break;
        case 0x85: // TUPLE1
          this.push(tuple([this.pop(off)]));
          break;
        case 0x86: {
          // TUPLE2
          const b = this.pop(off);
          this.push(tuple([this.pop(off), b]));
          break;
        }
        case 0x87: {
          // TUPLE3
          const c = this.pop(off);
          const b = this.pop(off);
          this.push(tuple([this.pop(off), b, c]));
          break;
        }
        case 0x5d: // EMPTY_LIST
          this.push({ k: 'list', items: [] });
          break;
        case 0x6c: // LIST
          this.push({ k: 'list', items: this.popMark(off).slice(0, KEEP_ITEMS) });
          break;
        case 0x61: {
          // APPEND
          const v = this.pop(off);
          const t = this.top(off);
          if (t.k === 'list' && t.items.length < KEEP_ITEMS) t.items.push(v);
          this.rec.mutate(t, off, 'APPEND');
          break;
        }
        case 0x65: {
          // APPENDS
          const items = this.popMark(off);
          const t = this.top(off);
          if (t.k === 'list')
            for (let j = 0; j < items.length && t.items.length < KEEP_ITEMS; j++) t.items.push(items[j]!);
          this.rec.mutate(t, off, 'APPENDS');
          break;
        }
        case 0x7d: // EMPTY_DICT
          this.push({ k: 'dict' });
          break;
        case 0x64: // DICT
          this.popMark(off);
          this.push({ k: 'dict' });
          break;
        case 0x73: {
          // SETITEM
          const v = this.pop(off);
          const k = this.pop(off);
          const t = this.top(off);
          if (t.k === 'dict' && k.k === 'str') keep(t, k.v, v);
          this.rec.mutate(t, off, 'SETITEM');
          break;
        }
        case 0x75: {
          // SETITEMS
          const items = this.popMark(off);
          const t = this.top(off);
          if (t.k === 'dict')
            for (let j = 0; j + 1 < items.length; j += 2)
              if (items[j]!.k === 'str') keep(t, (items[j] as { v: string }).v, items[j + 1]!);
          this.rec.mutate(t, off, 'SETITEMS');
          break;
        }
        case 0x8f: // EMPTY_SET
          this.push({ k: 'set' });
          break;
        case 0x90: // ADDITEMS
          this.popMark(off);
          this.rec.mutate(this.top(off), off, 'ADDITEMS');
          break;
        case 0x91: // FROZENSET
          this.popMark(off);
          this.push({ k: 'set' });
          break;
        case 0x68: // BINGET
          this.memoGet(buf[i++]!, off);
          break;
        case 0x6a: // LONG_BINGET
          this.memoGet(u32(buf, i), off);
          i += 4;
          break;
        case 0x71: // BINPUT
          this.memoPut(buf[i++]!, off);
          break;
        case 0x72: // LONG_BINPUT
          this.memoPut(u32(buf, i), off);
          i += 4;
          break;
        case 0x94: // MEMOIZE
          this.memoPut(memo.size, off);
          break;
        case 0x93: {
          // STACK_GLOBAL
          const name = this.pop(off);
          const module = this.pop(off);
          if (module.k === 'str' && name.k === 'str' && !module.truncated && !name.truncated) {
            this.push(this.rec.importGlobal(module.v, name.v, off, 'STACK_GLOBAL'));
          } else {
            // CPython requires str operands; a computed one (a call result) can still be a str at run time.
            this.rec.anomaly({
              kind: 'dynamic-global',
              offset: off,
              detail: `STACK_GLOBAL with computed operands ${describe(module)} / ${describe(name)}`,
            });
            this.push(this.rec.importGlobal('?', '?', off, 'STACK_GLOBAL'));
          }
          break;
        }
        case 0x6f: {
          // OBJ
          const items = this.popMark(off);
          const cls = items.shift();
          if (cls === undefined) throw this.corrupt(off, 'OBJ without a class');
          this.push(this.rec.call(cls, tuple(items), off, 'OBJ'));
          break;
        }
        case 0x81: {
          // NEWOBJ
          const args = this.pop(off);
          this.push(this.rec.call(this.pop(off), args, off, 'NEWOBJ'));
          break;
        }
        case 0x92: {
          // NEWOBJ_EX
          this.pop(off);
          const args = this.pop(off);
          this.push(this.rec.call(this.pop(off), args, off, 'NEWOBJ_EX'));
          break;
        }
        case 0x52: {
          // REDUCE
          const args = this.pop(off);
          this.push(this.rec.call(this.pop(off), args, off, 'REDUCE'));
          break;
        }
        case 0x62: {
          // BUILD: obj.__setstate__(state) or attribute update; on a global it rewrites a module or class.
          const state = this.pop(off);
          const target = this.top(off);
          this.rec.mutate(target, off, 'BUILD');
          const arr = joblibArray(target, state);
          if (arr !== undefined) {
            // joblib writes the array's raw bytes (or a whole pickle for object arrays) right here.
            this.pendingArray = arr;
            this.opcodes = ops;
            this.resume = base + i;
            return INLINE_ARRAY;
          }
          break;
        }
        case 0x51: // BINPERSID
          this.pop(off);
          this.push({ k: 'pid' });
          break;
        case 0x82:
        case 0x83:
        case 0x84: {
          // EXT1/EXT2/EXT4: copyreg extension registry, resolves to a global chosen at load time.
          let code = 0;
          for (let j = fixed - 1; j >= 0; j--) code = code * 256 + buf[i + j]!;
          i += fixed;
          this.rec.anomaly({ kind: 'extension-code', offset: off, detail: `extension code ${code}` });
          this.push({ k: 'ext', code });
          break;
        }
        case 0x80: {
          // PROTO
          const p = buf[i++]!;
          if (p > 5) throw this.corrupt(off, `unsupported pickle protocol ${p}`);
          if (p > this.maxProto) this.maxProto = p;
          break;
        }
        case 0x95: // FRAME: a length hint only
          i += 8;
          break;
        case 0x97: // NEXT_BUFFER
          this.push(UNKNOWN);
          break;
        case 0x98: // READONLY_BUFFER
          this.top(off);
          break;
        default:
          this.opcodes = ops;
          throw this.corrupt(off, `unknown opcode 0x${op.toString(16).padStart(2, '0')}`);
      }
    }
  }
}
