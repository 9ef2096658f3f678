// A minimal, bounded protobuf wire-format walker over a ByteWindow. ONNX and TensorFlow graphs are
// read field by field: messages we care about are descended into, everything else (multi-GB
// raw_data) is skipped by length without being read. No generated code, no schema compiler, no
// dependency: the handful of fields we need are named in the callers.
import { LimitError, ParseError } from '@rampart/core';
import { ByteWindow } from './byte-window.js';
import type { RangeSource } from './ranges.js';

export interface PbField {
  field: number;
  wire: number;
  /** Varint value (wire 0). */
  value: number;
  /** Byte range of a length-delimited payload (wire 2). */
  start: number;
  end: number;
}

const utf8 = new TextDecoder('utf-8');

export class PbReader {
  readonly win: ByteWindow;
  fieldsRead = 0;

  constructor(
    readonly src: RangeSource,
    size: number,
    private readonly maxFields = 50_000_000,
    readonly maxDepth = 64,
  ) {
    this.win = new ByteWindow(src, 0, size);
  }

  private corrupt(why: string): ParseError {
    return new ParseError(`${this.src.path}: invalid protobuf at offset ${this.win.pos}: ${why}`, {
      path: this.src.path,
      offset: this.win.pos,
    });
  }

  async varint(limit: number): Promise<number> {
    if (this.win.available < 10) await this.win.ensure(10);
    return this.heldVarint(limit);
  }

  /**
   * Decode a varint from the bytes held. Callers make sure 10 bytes are held (or all up to the window
   * end) first, synchronously when they already are: an await per varint allocated promises for
   * every field of a model file, most of them skipped.
   */
  private heldVarint(limit: number): number {
    const w = this.win;
    let v = 0;
    let mul = 1;
    for (let j = 0; j < 10; j++) {
      if (w.pos >= limit || w.pos >= w.base + w.buf.length) throw this.corrupt('truncated varint');
      const b = w.buf[w.pos - w.base]!;
      w.pos++;
      v += (b & 0x7f) * mul;
      mul *= 128;
      if ((b & 0x80) === 0) return v;
    }
    throw this.corrupt('varint longer than 10 bytes');
  }

  /**
   * Calls `onField` for each field of the message in [pos, end) whose number is in `fields`; payloads
   * not consumed are skipped. The other fields are still read, checked and counted against the
   * limits, but cost no callback, object or promise (a model file holds millions of them).
   */
  async message(
    end: number,
    depth: number,
    fields: readonly number[],
    onField: (f: PbField) => Promise<void> | void,
  ): Promise<void> {
    if (depth > this.maxDepth)
      throw new LimitError('maxDepth', `${this.src.path}: protobuf messages nested deeper than ${this.maxDepth}`, {
        path: this.src.path,
      });
    const w = this.win;
    while (w.pos < end) {
      if (++this.fieldsRead > this.maxFields)
        throw new LimitError('protobuf.maxFields', `${this.src.path}: more than ${this.maxFields} protobuf fields`, {
          path: this.src.path,
        });
      const key = w.available >= 10 ? this.heldVarint(end) : await this.varint(end);
      const field = Math.floor(key / 8);
      const wire = key & 7;
      let value = 0;
      let start = 0;
      let stop = 0;
      if (wire === 0) value = w.available >= 10 ? this.heldVarint(end) : await this.varint(end);
      else if (wire === 1) w.pos += 8;
      else if (wire === 5) w.pos += 4;
      else if (wire === 2) {
        const len = w.available >= 10 ? this.heldVarint(end) : await this.varint(end);
        start = w.pos;
        stop = w.pos + len;
        if (stop > end) throw this.corrupt(`field ${field} length ${len} runs past its message`);
      } else throw this.corrupt(`unsupported wire type ${wire}`);
      if (w.pos > end) throw this.corrupt('fixed-size field runs past its message');
      if (fields.includes(field)) await onField({ field, wire, value, start, end: stop });
      if (wire === 2) w.pos = stop;
    }
  }

  /** Read a short length-delimited payload (names, paths) as UTF-8, capped. */
  async string(f: PbField, max = 4096): Promise<string> {
    const n = Math.min(f.end - f.start, max);
    this.win.pos = f.start;
    await this.win.ensure(n);
    const s = utf8.decode(this.win.buf.subarray(f.start - this.win.base, f.start - this.win.base + n));
    this.win.pos = f.end;
    return s;
  }

  /** Packed or single varints (e.g. TensorProto.dims). */
  async packedVarints(f: PbField, out: number[], max = 64): Promise<void> {
    if (f.wire === 0) {
      out.push(f.value);
      return;
    }
    this.win.pos = f.start;
    while (this.win.pos < f.end && out.length < max)
      out.push(this.win.available >= 10 ? this.heldVarint(f.end) : await this.varint(f.end));
    this.win.pos = f.end;
  }
}

/**
 * Ends a walk that threw: a limit or corrupt input becomes the report's problem (a limit marks it
 * limited, so the caller reports it as inconclusive, never as clean); anything else is rethrown.
 */
export function recordProblem(e: unknown, r: { problem: string | undefined; limited: boolean }): void {
  if (e instanceof LimitError) {
    r.problem = e.message;
    r.limited = true;
  } else if (e instanceof ParseError) r.problem = e.message;
  else throw e;
}
