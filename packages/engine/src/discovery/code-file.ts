// Shared plumbing for the code-discovery detectors: cheap pre-filters on path and head bytes,
// loading and parsing a file once through the lang layer, and mapping source lines to report
// locations (a plain file, or a notebook cell). Parse failures become skipped/errors entries.
import {
  type DetectorOutput,
  describeError,
  type FileInfo,
  type FileInput,
  LimitError,
  type Location,
  TimeoutError,
} from '@rampart/core';
import { type AnalyzedSource, analyzeSource, isSourcePath } from '../lang/index.js';

/** Where findings and assets from one parsed source point to. */
export interface SourceRef {
  path: string;
  /** Map a 1-based line of the parsed text to a report location. */
  locate(line: number): Location;
}

export function fileRef(path: string): SourceRef {
  return { path, locate: (line) => ({ path, line }) };
}

/** Case-insensitive test for any hint in the bytes (ASCII hints; bytes read as latin1). */
export function hasHint(bytes: Uint8Array, hints: RegExp): boolean {
  return hints.test(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1'));
}

/** Build a linear-time alternation of literal hints. */
export function hintPattern(hints: readonly string[]): RegExp {
  return new RegExp(hints.map((h) => h.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'i');
}

/**
 * applies() for code detectors: a parseable source file whose bytes may contain one of the hints.
 * The head is conclusive only when it is the whole file.
 */
export function codeApplies(file: FileInfo, hints: RegExp): boolean {
  if (!file.isText || !isSourcePath(file.path)) return false;
  if (file.size > file.head.length) return true;
  return hasHint(file.head, hints);
}

/**
 * Read and parse a source file when its full text contains a hint. Returns undefined when there is
 * nothing to look at; limits and parse failures are recorded in `out` (inconclusive, never "clean").
 */
export async function loadSource(
  file: FileInput,
  hints: RegExp,
  out: Partial<DetectorOutput>,
  detector: string,
): Promise<AnalyzedSource | undefined> {
  let text: string;
  try {
    text = await file.text();
  } catch (e) {
    record(file.path, e, out, detector);
    return undefined;
  }
  if (!hints.test(text)) return undefined;
  try {
    const model = await analyzeSource(file.path, text);
    if (model.truncated) {
      out.skipped = out.skipped ?? [];
      out.skipped.push({
        path: file.path,
        reason: 'limit-reached',
        detail: 'nesting or call-count limit reached; analysis is partial',
        detector,
      });
    }
    return model;
  } catch (e) {
    record(file.path, e, out, detector);
    return undefined;
  }
}

export function record(path: string, e: unknown, out: Partial<DetectorOutput>, detector: string): void {
  if (e instanceof LimitError || e instanceof TimeoutError) {
    out.skipped = out.skipped ?? [];
    out.skipped.push({ path, reason: 'limit-reached', detail: e.message, detector });
    return;
  }
  const d = describeError(e);
  out.errors = out.errors ?? [];
  out.errors.push({ path, code: d.code, message: d.message, detector });
}
