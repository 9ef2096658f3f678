// The pickle machine's bounds. Each one turns hostile input (billions of opcodes, a huge memo, deep
// MARK nesting, endless text lines, thousands of distinct globals) into a LimitError, which the scan
// reports as inconclusive, never as safe. Kept apart so the frame and the opcode loop share one source.

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
