// The pickle disassembler and symbolic stack machine (protocols 0-5). It walks the opcode stream
// exactly as CPython's Unpickler would, but every "object" is a PValue describing its origin, so it
// can report each global the load would import and each call it would make, without executing,
// importing or allocating anything the file asks for. Bounded: opcodes, memo, stack, marks, line length.
//
// Layers, each in its own file: the bounds (machine-limits.ts); the checked stack, MARK and memo
// primitives (frame.ts); what value-combining opcodes build and record (value-ops.ts); the synchronous
// opcode loop (opcode-loop.ts). This file is the driver: it refills the byte window between runs of
// the loop, honours the abort signal, and steps over joblib's inline array data.
import type { ByteWindow } from '../util/byte-window.js';
import type { Anomaly, NestedPayload, SeenGlobal } from './load-record.js';
import { DEFAULT_MACHINE_LIMITS, type MachineLimits } from './machine-limits.js';
import { DONE, INLINE_ARRAY, MOVED, PickleOpcodeLoop } from './opcode-loop.js';
import type { PValue } from './values.js';

export { DEFAULT_MACHINE_LIMITS, type MachineLimits } from './machine-limits.js';

export class PickleMachine extends PickleOpcodeLoop {
  readonly globals: Map<string, SeenGlobal>;
  readonly anomalies: Anomaly[];
  readonly nested: NestedPayload[];
  /** Callees that are not plain globals (e.g. the result of getattr), by description. */
  readonly indirectCalls: Map<string, number>;
  pickles = 0;

  private inlineDepth = 0;

  constructor(
    limits: MachineLimits = DEFAULT_MACHINE_LIMITS,
    path = '<pickle>',
    /** Checked between buffer refills, so a huge pickle still honours the engine's time budget. */
    private readonly signal?: AbortSignal,
  ) {
    super(limits, path);
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
}
