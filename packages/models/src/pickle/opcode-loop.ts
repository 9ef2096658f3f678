// The synchronous opcode dispatch loop of the pickle machine. It reads each opcode and its operand
// bytes from the buffer the driver holds, enforces the opcode-count and text-line bounds, skips large
// payloads by their declared length (never reading them), pushes literals, and hands everything that
// combines stack values to PickleValueOps. It never waits for I/O: when an operand is not fully in the
// buffer it stops at the opcode's start and tells the driver how many bytes it needs.
import { u32 } from '../util/little-endian.js';
import { latin1, utf8 } from './frame.js';
import type { PendingArray } from './joblib-arrays.js';
import { FIXED_OPERAND, LENGTH_PREFIX } from './opcodes.js';
import { PickleValueOps } from './value-ops.js';
import { KEEP_ITEMS, NONE, NUM, type PValue, smallInt, tuple, UNKNOWN } from './values.js';

/** step() results: a positive number asks the driver for that many bytes at `resume`. */
export const DONE = -1;
export const MOVED = -2;
export const INLINE_ARRAY = -3;

export class PickleOpcodeLoop extends PickleValueOps {
  opcodes = 0;
  maxProto = 0;

  protected result: PValue | undefined;
  /** Absolute offset where step() stopped (an opcode start when it needs more bytes). */
  protected resume = 0;
  protected pendingArray: PendingArray | undefined;

  /**
   * Executes opcodes from buf[i] until STOP (DONE), until an operand is not fully in the buffer (returns
   * the byte count needed from the opcode's start), or after skipping a large payload (MOVED).
   * Opcodes are atomic: nothing is changed before all their operand bytes are known to be present.
   */
  protected step(buf: Uint8Array, i: number, base: number, atEof: boolean, end: number): number {
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
          this.textOperand(op, buf, a, nl1, nl2, off);
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
        case 0x86: // TUPLE2
          this.tuple2(off);
          break;
        case 0x87: // TUPLE3
          this.tuple3(off);
          break;
        case 0x5d: // EMPTY_LIST
          this.push({ k: 'list', items: [] });
          break;
        case 0x6c: // LIST
          this.push({ k: 'list', items: this.popMark(off).slice(0, KEEP_ITEMS) });
          break;
        case 0x61: // APPEND
          this.append(off);
          break;
        case 0x65: // APPENDS
          this.appends(off);
          break;
        case 0x7d: // EMPTY_DICT
          this.push({ k: 'dict' });
          break;
        case 0x64: // DICT
          this.popMark(off);
          this.push({ k: 'dict' });
          break;
        case 0x73: // SETITEM
          this.setItem(off);
          break;
        case 0x75: // SETITEMS
          this.setItems(off);
          break;
        case 0x8f: // EMPTY_SET
          this.push({ k: 'set' });
          break;
        case 0x90: // ADDITEMS
          this.addItems(off);
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
        case 0x93: // STACK_GLOBAL
          this.stackGlobal(off);
          break;
        case 0x6f: // OBJ
          this.obj(off);
          break;
        case 0x81: // NEWOBJ
          this.callWithArgs(off, 'NEWOBJ');
          break;
        case 0x92: // NEWOBJ_EX
          this.newObjEx(off);
          break;
        case 0x52: // REDUCE
          this.callWithArgs(off, 'REDUCE');
          break;
        case 0x62: {
          // BUILD
          const arr = this.build(off);
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
        case 0x82: // EXT1
        case 0x83: // EXT2
        case 0x84: {
          // EXT4
          let code = 0;
          for (let j = fixed - 1; j >= 0; j--) code = code * 256 + buf[i + j]!;
          i += fixed;
          this.extension(code, off);
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
