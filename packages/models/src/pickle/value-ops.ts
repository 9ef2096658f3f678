// What the opcodes that combine stack values do, once the opcode loop has decoded their operands:
// text-operand literals and memo keys, containers (tuples, lists, dicts, sets), and the opcodes that
// make a load import or call something (GLOBAL, INST, STACK_GLOBAL, OBJ, NEWOBJ, NEWOBJ_EX, REDUCE,
// BUILD, EXT). Nothing is imported or called: each becomes a symbolic value and an entry in the
// LoadRecord, which enforces the distinct-globals bound.
import { latin1, PickleFrame, utf8 } from './frame.js';
import { joblibArray, type PendingArray } from './joblib-arrays.js';
import { LoadRecord } from './load-record.js';
import type { MachineLimits } from './machine-limits.js';
import { decodeRawUnicodeEscape, decodeStringRepr } from './text-escapes.js';
import { describe, KEEP_ITEMS, keep, NUM, tuple } from './values.js';

export class PickleValueOps extends PickleFrame {
  protected readonly rec: LoadRecord;

  constructor(limits: MachineLimits, path: string) {
    super(limits, path);
    this.rec = new LoadRecord(limits, path);
  }

  /** Protocol 0 text operands: buf[a, nl1) is the first line, buf(nl1, nl2) the second (GLOBAL, INST). */
  protected textOperand(op: number, buf: Uint8Array, a: number, nl1: number, nl2: number, off: number): void {
    switch (op) {
      case 0x53: {
        // STRING
        const v = decodeStringRepr(latin1.decode(buf.subarray(a, nl1)).trimEnd());
        if (v === undefined) throw this.corrupt(off, 'STRING operand is not a quoted string');
        this.push({ k: 'str', v, truncated: false });
        break;
      }
      case 0x56: // UNICODE
        this.push({ k: 'str', v: decodeRawUnicodeEscape(buf.subarray(a, nl1)), truncated: false });
        break;
      case 0x50: // PERSID
        this.push({ k: 'pid' });
        break;
      case 0x67: // GET
      case 0x70: {
        // PUT
        const key = Number.parseInt(latin1.decode(buf.subarray(a, nl1)), 10);
        if (Number.isNaN(key)) throw this.corrupt(off, 'memo key is not a number');
        if (op === 0x67) this.memoGet(key, off);
        else this.memoPut(key, off);
        break;
      }
      case 0x63: // GLOBAL
      case 0x69: {
        // INST
        const module = this.decode(buf.subarray(a, nl1), utf8, off);
        const name = this.decode(buf.subarray(nl1 + 1, nl2), utf8, off);
        const g = this.rec.importGlobal(module, name, off, op === 0x63 ? 'GLOBAL' : 'INST');
        this.push(op === 0x63 ? g : this.rec.call(g, tuple(this.popMark(off)), off, 'INST'));
        break;
      }
      default:
        // FLOAT, INT, LONG
        this.push(NUM);
    }
  }

  protected tuple2(off: number): void {
    const b = this.pop(off);
    this.push(tuple([this.pop(off), b]));
  }

  protected tuple3(off: number): void {
    const c = this.pop(off);
    const b = this.pop(off);
    this.push(tuple([this.pop(off), b, c]));
  }

  protected append(off: number): void {
    const v = this.pop(off);
    const t = this.top(off);
    if (t.k === 'list' && t.items.length < KEEP_ITEMS) t.items.push(v);
    this.rec.mutate(t, off, 'APPEND');
  }

  protected appends(off: number): void {
    const items = this.popMark(off);
    const t = this.top(off);
    if (t.k === 'list') for (let j = 0; j < items.length && t.items.length < KEEP_ITEMS; j++) t.items.push(items[j]!);
    this.rec.mutate(t, off, 'APPENDS');
  }

  protected setItem(off: number): void {
    const v = this.pop(off);
    const k = this.pop(off);
    const t = this.top(off);
    if (t.k === 'dict' && k.k === 'str') keep(t, k.v, v);
    this.rec.mutate(t, off, 'SETITEM');
  }

  protected setItems(off: number): void {
    const items = this.popMark(off);
    const t = this.top(off);
    if (t.k === 'dict')
      for (let j = 0; j + 1 < items.length; j += 2)
        if (items[j]!.k === 'str') keep(t, (items[j] as { v: string }).v, items[j + 1]!);
    this.rec.mutate(t, off, 'SETITEMS');
  }

  protected addItems(off: number): void {
    this.popMark(off);
    this.rec.mutate(this.top(off), off, 'ADDITEMS');
  }

  protected stackGlobal(off: number): void {
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
  }

  protected obj(off: number): void {
    const items = this.popMark(off);
    const cls = items.shift();
    if (cls === undefined) throw this.corrupt(off, 'OBJ without a class');
    this.push(this.rec.call(cls, tuple(items), off, 'OBJ'));
  }

  /** NEWOBJ and REDUCE: callable and argument tuple on the stack. */
  protected callWithArgs(off: number, via: 'NEWOBJ' | 'REDUCE'): void {
    const args = this.pop(off);
    this.push(this.rec.call(this.pop(off), args, off, via));
  }

  protected newObjEx(off: number): void {
    this.pop(off);
    const args = this.pop(off);
    this.push(this.rec.call(this.pop(off), args, off, 'NEWOBJ_EX'));
  }

  /**
   * BUILD: obj.__setstate__(state) or attribute update; on a global it rewrites a module or class.
   * Returns the layout of joblib inline array data that follows in the stream, if the target is one.
   */
  protected build(off: number): PendingArray | undefined {
    const state = this.pop(off);
    const target = this.top(off);
    this.rec.mutate(target, off, 'BUILD');
    return joblibArray(target, state);
  }

  /** EXT1/EXT2/EXT4: copyreg extension registry, resolves to a global chosen at load time. */
  protected extension(code: number, off: number): void {
    this.rec.anomaly({ kind: 'extension-code', offset: off, detail: `extension code ${code}` });
    this.push({ k: 'ext', code });
  }
}
