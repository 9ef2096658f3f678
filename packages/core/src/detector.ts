// The one small interface every static detector implements, plus correlators that run once over
// the merged result (cross-file context: lineage, resolution of names, attack paths).
import type { Asset } from './asset.js';
import type { FindingDraft } from './finding.js';
import type { Relation } from './relation.js';
import type { Rule } from './rule.js';
import type { ScanError, Skipped } from './scan-result.js';

/** Safety limits every detector must honour. Hitting one is "inconclusive", never "safe". */
export interface Limits {
  /** Largest file read whole by `bytes()` / `text()`. */
  maxFileBytes: number;
  /** Largest file any detector may look at, even by ranges (model files can be huge). */
  maxModelFileBytes: number;
  /** Largest total a decompressor may produce for one file. */
  maxDecompressedBytes: number;
  /** Largest compression ratio accepted for an archive member. */
  maxCompressionRatio: number;
  /** Deepest nesting (JSON, archives in archives, pickles in pickles). */
  maxDepth: number;
  /** Wall-clock budget for one detector on one file. */
  timeoutMs: number;
}

export const DEFAULT_LIMITS: Limits = {
  maxFileBytes: 8 * 1024 * 1024,
  maxModelFileBytes: 64 * 1024 * 1024 * 1024,
  maxDecompressedBytes: 2 * 1024 * 1024 * 1024,
  maxCompressionRatio: 200,
  maxDepth: 64,
  timeoutMs: 30_000,
};

/** What a detector may look at without I/O: path, size and the first bytes (for sniffing). */
export interface FileInfo {
  /** Path relative to the scan root, posix separators. */
  readonly path: string;
  readonly size: number;
  /** The first bytes of the file (up to HEAD_BYTES). */
  readonly head: Uint8Array;
  /** Content sniffed as text (no NUL byte and valid UTF-8 in the head). */
  readonly isText: boolean;
}

export const HEAD_BYTES = 8192;

export interface FileInput extends FileInfo {
  /** The whole file. Throws LimitError above limits.maxFileBytes. */
  bytes(): Promise<Uint8Array>;
  /** The whole file as UTF-8. Throws ParseError on invalid UTF-8, LimitError when too large. */
  text(): Promise<string>;
  /** Bytes [start, end), clamped to the file size. For formats read by header or in chunks. */
  readRange(start: number, end: number): Promise<Uint8Array>;
}

export interface DetectorContext {
  readonly limits: Limits;
  readonly signal: AbortSignal;
  /** The rule catalog, for rules' `match` configuration. */
  rule(id: string): Rule | undefined;
  /** Scan options from the CLI or config, by detector id. */
  readonly options: Readonly<Record<string, unknown>>;
}

export interface DetectorOutput {
  assets: Asset[];
  relations: Relation[];
  findings: FindingDraft[];
  errors: ScanError[];
  skipped: Skipped[];
}

export interface Detector {
  /** Registry id, kebab-case. */
  readonly id: string;
  /** Bump when output can change for the same input: it feeds the scan cache key. */
  readonly version: string;
  readonly description: string;
  /** Cheap, no I/O: decide from path, size and head bytes. */
  applies(file: FileInfo): boolean;
  analyze(file: FileInput, ctx: DetectorContext): Promise<Partial<DetectorOutput>>;
}

/** Runs once on the merged result of all detectors: cross-file resolution, lineage, risk. */
export interface Correlator {
  readonly id: string;
  readonly version: string;
  readonly description: string;
  run(
    result: Readonly<DetectorOutput>,
    ctx: DetectorContext,
  ): Partial<DetectorOutput> | Promise<Partial<DetectorOutput>>;
}

export function emptyOutput(): DetectorOutput {
  return { assets: [], relations: [], findings: [], errors: [], skipped: [] };
}
