// The reusable source-analysis layer: parse a Python or JS/TS file once and get a SourceModel
// (imports, resolved calls, assignments, constants, functions). Several detectors look at the same
// file in a row, so the last few models are cached by path and exact text.
import { extractJs, jsGrammarFor } from './javascript.js';
import { extractPython } from './python.js';
import type { SourceModel } from './source-model.js';

export * from './source-model.js';
export { MAX_PARSE_BYTES, PARSE_TIMEOUT_MS } from './tree-sitter.js';

export type AnalyzedSource = SourceModel & { truncated: boolean };

const PY_EXT = /\.(py|pyw|pyi)$/i;
const JS_EXT = /\.(js|mjs|cjs|jsx|ts|mts|cts|tsx)$/i;

/** True when the layer can parse this path. */
export function isSourcePath(path: string): boolean {
  return PY_EXT.test(path) || (JS_EXT.test(path) && !/\.d\.[cm]?ts$/i.test(path));
}

export function isPythonPath(path: string): boolean {
  return PY_EXT.test(path);
}

const CACHE_SIZE = 4;
const cache = new Map<string, { text: string; model: Promise<AnalyzedSource> }>();

/**
 * Cumulative parse + extraction statistics (benchmarks read them). `cpuMs` is process CPU time,
 * meaningful when one thread does the work (the bench), wall `ms` is inflated on a busy machine.
 * Times are taken only when `timed` is set: process.cpuUsage() is a system call, and two per
 * parsed file cost about 2% of a whole scan.
 */
export const parseStats = { files: 0, bytes: 0, ms: 0, cpuMs: 0, timed: false };

/**
 * Parse `text` as the language its path says (or Python when `asPython`, for notebook cells).
 * Throws LimitError / TimeoutError / ParseError; callers turn them into skipped/errors entries.
 */
export function analyzeSource(path: string, text: string, asPython = false): Promise<AnalyzedSource> {
  const key = `${asPython ? 'py' : ''}\u0000${path}`;
  const hit = cache.get(key);
  if (hit && hit.text === text) return hit.model;
  const model = run(path, text, asPython);
  cache.set(key, { text, model });
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  return model;
}

async function run(path: string, text: string, asPython: boolean): Promise<AnalyzedSource> {
  const timed = parseStats.timed;
  const t0 = timed ? performance.now() : 0;
  const c0 = timed ? process.cpuUsage() : undefined;
  try {
    if (asPython || PY_EXT.test(path)) return await extractPython(path, text);
    const grammar = jsGrammarFor(path);
    if (!grammar) throw new Error(`${path}: no parser for this file type`);
    return await extractJs(path, text, grammar);
  } finally {
    parseStats.files++;
    parseStats.bytes += text.length;
    if (c0) {
      parseStats.ms += performance.now() - t0;
      const c = process.cpuUsage(c0);
      parseStats.cpuMs += (c.user + c.system) / 1000;
    }
  }
}
