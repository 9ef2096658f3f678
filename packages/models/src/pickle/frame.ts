// The pickle machine's working state for one pickle — stack, MARK positions, memo — and the checked
// primitives the opcodes are built from: every pop, push, MARK and memo access enforces underflow and
// the machine's limits, and corrupt or oversized input becomes a ParseError or LimitError with the
// file path and offset. Text operands are decoded here too, strictly (invalid UTF-8 is corrupt).
import { LimitError, ParseError } from '@rampart/core';
import type { MachineLimits } from './machine-limits.js';
import type { PValue } from './values.js';

const MARK = Symbol('mark');
export type Slot = PValue | typeof MARK;

export const utf8 = new TextDecoder('utf-8', { fatal: true });
export const latin1 = new TextDecoder('latin1');

export class PickleFrame {
  protected stack: Slot[] = [];
  protected marks: number[] = [];
  protected memo = new Map<number, PValue>();

  constructor(
    protected readonly limits: MachineLimits,
    protected readonly path: string,
  ) {}

  protected truncated(off: number): ParseError {
    return new ParseError(`${this.path}: pickle truncated at offset ${off}`, { path: this.path, offset: off });
  }
  protected corrupt(off: number, why: string): ParseError {
    return new ParseError(`${this.path}: invalid pickle at offset ${off}: ${why}`, { path: this.path, offset: off });
  }
  protected limit(name: string, why: string): LimitError {
    return new LimitError(`pickle.${name}`, `${this.path}: ${why}`, { path: this.path });
  }

  // Stack helpers are methods, not closures made per step() call: fresh closures would make V8
  // deoptimize the hot loop on every buffer refill ("wrong call target").
  protected pop(off: number): PValue {
    const floor = this.marks.length > 0 ? this.marks[this.marks.length - 1]! : 0;
    if (this.stack.length <= floor) throw this.corrupt(off, 'stack underflow');
    return this.stack.pop() as PValue;
  }
  protected top(off: number): PValue {
    const floor = this.marks.length > 0 ? this.marks[this.marks.length - 1]! : 0;
    if (this.stack.length <= floor) throw this.corrupt(off, 'stack underflow');
    return this.stack[this.stack.length - 1] as PValue;
  }
  protected push(v: Slot): void {
    if (this.stack.length >= this.limits.maxStack)
      throw this.limit('maxStack', `pickle stack deeper than ${this.limits.maxStack}`);
    this.stack.push(v);
  }
  protected popMark(off: number): PValue[] {
    const m = this.marks.pop();
    if (m === undefined) throw this.corrupt(off, 'no MARK on the stack');
    return this.stack.splice(m) as PValue[];
  }
  protected memoPut(key: number, off: number): void {
    if (this.memo.size >= this.limits.maxMemo && !this.memo.has(key))
      throw this.limit('maxMemo', `pickle memo larger than ${this.limits.maxMemo} entries`);
    this.memo.set(key, this.top(off));
  }
  protected memoGet(key: number, off: number): void {
    const v = this.memo.get(key);
    if (v === undefined) throw this.corrupt(off, `memo key ${key} not found`);
    this.push(v);
  }

  protected text(
    buf: Uint8Array,
    a: number,
    b: number,
    decoder: { decode(x: Uint8Array): string },
    off: number,
  ): string {
    if (b - a <= 64) {
      let s = '';
      for (let j = a; j < b; j++) {
        const c = buf[j]!;
        if (c >= 0x80) return this.decode(buf.subarray(a, b), decoder, off);
        s += String.fromCharCode(c);
      }
      return s;
    }
    return this.decode(buf.subarray(a, b), decoder, off);
  }

  protected decode(bytes: Uint8Array, decoder: { decode(b: Uint8Array): string }, off: number): string {
    try {
      return decoder.decode(bytes);
    } catch {
      throw this.corrupt(off, 'text operand is not valid UTF-8');
    }
  }
}
