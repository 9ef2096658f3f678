// Runs every applicable detector on one file, with a time budget per detector, and turns every
// failure into an error or skipped entry that names the file and the reason. Never throws.
import {
  type Detector,
  type DetectorContext,
  type DetectorOutput,
  describeError,
  emptyOutput,
  type Limits,
  RampartError,
  type Rule,
  type ScanError,
  type Skipped,
} from '@rampart/core';
import { openDiskFile } from '../walk/disk-file.js';
import type { WalkEntry } from '../walk/walker.js';
import { findInlineSuppressions, type InlineSuppression } from './suppressions.js';

export interface FileOutcome {
  output: DetectorOutput;
  suppressions: InlineSuppression[];
  analyzed: boolean;
  bytesRead: number;
  detectorMs: Record<string, number>;
}

export interface AnalyzeEnv {
  detectors: readonly Detector[];
  limits: Limits;
  rule: (id: string) => Rule | undefined;
  options: Readonly<Record<string, unknown>>;
}

function push<T>(into: T[], from: readonly T[] | undefined): void {
  if (from) for (const x of from) into.push(x);
}

/** Run with a budget of `ms`; on timeout `ac` is aborted (the caller then needs a fresh one). */
async function withTimeout<T>(ms: number, ac: AbortController, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      ac.abort();
      reject(new RampartError('E_TIMEOUT', `analysis exceeded ${ms} ms`));
    }, ms);
  });
  try {
    return await Promise.race([run(ac.signal), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export async function analyzeFile(entry: WalkEntry, env: AnalyzeEnv): Promise<FileOutcome> {
  const out = emptyOutput();
  const outcome: FileOutcome = { output: out, suppressions: [], analyzed: false, bytesRead: 0, detectorMs: {} };
  const skip = (s: Skipped) => {
    if (!out.skipped.some((x) => x.path === s.path && x.reason === s.reason && x.detector === s.detector))
      out.skipped.push(s);
  };
  let file: Awaited<ReturnType<typeof openDiskFile>>;
  try {
    file = await openDiskFile(entry.abs, entry.rel, env.limits);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    skip({ path: entry.rel, reason: code === 'ENOENT' ? 'vanished' : 'unreadable', detail: describeError(e).message });
    return outcome;
  }
  try {
    const applicable = env.detectors.filter((d) => {
      try {
        return d.applies(file);
      } catch (e) {
        out.errors.push({
          path: entry.rel,
          code: 'E_INTERNAL',
          message: `applies() threw: ${describeError(e).message}`,
          detector: d.id,
        });
        return false;
      }
    });
    if (applicable.length === 0) return outcome;
    outcome.analyzed = true;
    // One controller for the file's detectors until a timeout aborts it: AbortSignal creation was
    // a measurable share of scanning many small files. Each detector still starts un-aborted.
    let ac = new AbortController();
    for (const d of applicable) {
      const started = performance.now();
      if (ac.signal.aborted) ac = new AbortController();
      try {
        const res = await withTimeout(env.limits.timeoutMs, ac, (signal) => {
          const ctx: DetectorContext = { limits: env.limits, signal, rule: env.rule, options: env.options };
          return d.analyze(file, ctx);
        });
        push(out.assets, res.assets);
        push(out.relations, res.relations);
        push(out.findings, res.findings);
        push(out.errors, res.errors);
        for (const s of res.skipped ?? []) skip(s);
      } catch (e) {
        recordFailure(e, entry.rel, d.id, file.isText, out.errors, skip);
      } finally {
        outcome.detectorMs[d.id] = (outcome.detectorMs[d.id] ?? 0) + (performance.now() - started);
      }
    }
    if (file.isText && out.findings.length > 0 && file.size <= env.limits.maxFileBytes) {
      try {
        outcome.suppressions = findInlineSuppressions(entry.rel, await file.text());
      } catch {
        // not text after all: no inline suppressions possible
      }
    }
  } finally {
    outcome.bytesRead = file.bytesRead;
    await file.close().catch(() => undefined);
  }
  return outcome;
}

function recordFailure(
  e: unknown,
  path: string,
  detector: string,
  isText: boolean,
  errors: ScanError[],
  skip: (s: Skipped) => void,
): void {
  const { code, message } = describeError(e);
  if (code === 'E_LIMIT') skip({ path, reason: 'too-large', detail: message, detector });
  else if (code === 'E_TIMEOUT') {
    errors.push({ path, code, message: `${detector}: ${message}; result inconclusive`, detector });
    skip({ path, reason: 'inconclusive', detail: `${detector} timed out`, detector });
  } else if (code === 'E_PARSE' && !isText && /binary content/.test(message))
    skip({ path, reason: 'binary', detail: message, detector });
  else if (code === 'E_IO' && /ENOENT/.test(message)) skip({ path, reason: 'vanished', detail: message, detector });
  else errors.push({ path, code, message, detector });
}
