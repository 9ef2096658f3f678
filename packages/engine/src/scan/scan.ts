// The scan pipeline: walk -> detectors (worker threads for large trees) -> correlators -> finalize.
import { availableParallelism } from 'node:os';
import { relative, resolve, sep } from 'node:path';
import {
  type Correlator,
  DEFAULT_LIMITS,
  type Detector,
  type DetectorContext,
  describeError,
  emptyOutput,
  isTestCodePath,
  type Limits,
  type Maturity,
  type ScanResult,
  UsageError,
} from '@rampart/core';
import type { RampartConfig } from '../config/config.js';
import { CORRELATORS, DETECTORS } from '../registry.js';
import { defaultRuleCatalog, type RuleCatalog } from '../rules/catalog.js';
import { type WalkEntry, walk } from '../walk/walker.js';
import { analyzeFile, type FileOutcome } from './analyze-file.js';
import { dedupeRelations, finalize, mergeAssets } from './finalize.js';
import { runPool } from './pool.js';
import type { InlineSuppression } from './suppressions.js';

export interface ScanOptions {
  paths: readonly string[];
  config?: RampartConfig;
  include?: readonly string[];
  exclude?: readonly string[];
  maturity?: Maturity;
  baseline?: ReadonlySet<string>;
  /** Report test-code findings of rules with `testCode: suppress` (default: from the config, else false). */
  includeTestCode?: boolean;
  /** Options for detectors and correlators, by detector id or shared keys. */
  detectorOptions?: Record<string, unknown>;
  /** Worker threads; 0 runs in-process. Default: in-process for small trees, else one per core. */
  workers?: number;
  /** Replace the registry (tests). Forces in-process analysis. */
  detectors?: readonly Detector[];
  correlators?: readonly Correlator[];
  rules?: RuleCatalog;
  limits?: Partial<Limits>;
  onProgress?: (done: number, total: number) => void;
}

const IN_PROCESS_BELOW = 200;

export async function scan(opts: ScanOptions): Promise<ScanResult> {
  const started = performance.now();
  if (opts.paths.length === 0) throw new UsageError('no path to scan');
  const cfg = opts.config ?? { version: 1 as const };
  const limits: Limits = { ...DEFAULT_LIMITS, ...defined(cfg.limits), ...defined(opts.limits) };
  const rules = opts.rules ?? defaultRuleCatalog();
  const options: Record<string, unknown> = { ...cfg.detectors, ...opts.detectorOptions };
  const out = emptyOutput();

  // 1. Walk every root.
  const entries: WalkEntry[] = [];
  const multi = opts.paths.length > 1;
  const labels: string[] = [];
  for (const p of opts.paths) {
    const abs = resolve(p);
    const label = relative(process.cwd(), abs).split(sep).join('/') || '.';
    labels.push(label);
    try {
      for await (const ev of walk(abs, {
        include: opts.include ?? cfg.include ?? [],
        exclude: [...(cfg.exclude ?? []), ...(opts.exclude ?? [])],
        ...(cfg.gitignore !== undefined ? { gitignore: cfg.gitignore } : {}),
        ...(cfg.defaultExcludes !== undefined ? { defaultExcludes: cfg.defaultExcludes } : {}),
      })) {
        if (ev.type === 'skipped')
          out.skipped.push(multi ? { ...ev.skipped, path: `${label}/${ev.skipped.path}` } : ev.skipped);
        else entries.push(multi ? { ...ev.entry, rel: `${label}/${ev.entry.rel}` } : ev.entry);
      }
    } catch (e) {
      const { code, message } = describeError(e);
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new UsageError(`${p}: no such file or directory`);
      out.errors.push({ path: label, code, message });
    }
  }

  // 2. Detectors, per file.
  const suppressions: InlineSuppression[] = [];
  let filesAnalyzed = 0;
  let bytesRead = 0;
  const detectorMs: Record<string, number> = {};
  let done = 0;
  const collect = (o: FileOutcome) => {
    for (const k of ['assets', 'relations', 'findings', 'errors', 'skipped'] as const) {
      for (const x of o.output[k]) (out[k] as unknown[]).push(x);
    }
    suppressions.push(...o.suppressions);
    if (o.analyzed) filesAnalyzed++;
    bytesRead += o.bytesRead;
    for (const [k, v] of Object.entries(o.detectorMs)) detectorMs[k] = (detectorMs[k] ?? 0) + v;
    opts.onProgress?.(++done, entries.length);
  };
  const detectors = opts.detectors ?? DETECTORS;
  const workers =
    opts.detectors !== undefined
      ? 0
      : (opts.workers ?? cfg.workers ?? (entries.length < IN_PROCESS_BELOW ? 0 : Math.max(1, availableParallelism())));
  if (workers === 0) {
    const env = { detectors, limits, rule: (id: string) => rules.get(id), options };
    for (const e of entries) collect(await analyzeFile(e, env));
  } else {
    await runPool(entries, workers, { limits, options }, collect);
  }

  // 3. Correlators over the merged output (cross-file context, lineage, risk): they see one asset per id.
  out.assets = mergeAssets(out.assets);
  out.relations = dedupeRelations(out.relations);
  // Correlators that resolve names across files (plain-function tools) may read under the one scan root.
  const ctx: DetectorContext = {
    limits,
    signal: new AbortController().signal,
    rule: (id) => rules.get(id),
    options:
      opts.paths.length === 1
        ? { ...options, 'scan.root': resolve(opts.paths[0]!), 'scan.files': entries.map((e) => e.rel) }
        : options,
  };
  for (const c of opts.correlators ?? CORRELATORS) {
    const t0 = performance.now();
    try {
      const r = await c.run(out, ctx);
      for (const k of ['assets', 'relations', 'findings', 'errors', 'skipped'] as const) {
        for (const x of r[k] ?? []) (out[k] as unknown[]).push(x);
      }
    } catch (e) {
      const { code, message } = describeError(e);
      out.errors.push({ path: '.', code, message: `correlator ${c.id} failed: ${message}`, detector: c.id });
    }
    detectorMs[c.id] = performance.now() - t0;
  }

  // 4. The report contract.
  return finalize(out, {
    rules,
    ...(opts.paths.length === 1 ? { root: opts.paths[0]! } : {}),
    maturity: opts.maturity ?? cfg.maturity ?? 'stable',
    ...(cfg.rules ? { ruleSettings: cfg.rules } : {}),
    suppressions,
    ...(opts.baseline ? { baseline: opts.baseline } : {}),
    includeTestCode: opts.includeTestCode ?? cfg.includeTestCode ?? false,
    // Test code is judged on the path inside its scan root: a root's own name (a label such as
    // ../repo/tests when several roots are scanned) says nothing about the files in it.
    isTestCode: multi ? (path) => isTestCodePath(withoutLabel(path, labels)) : isTestCodePath,
    stats: {
      filesSeen: entries.length,
      filesAnalyzed,
      bytesRead,
      durationMs: Math.round(performance.now() - started),
      workers,
      detectorMs: Object.fromEntries(Object.entries(detectorMs).map(([k, v]) => [k, Math.round(v)])),
    },
  });
}

/** The path inside its scan root, for a path prefixed with one of several root labels. */
function withoutLabel(path: string, labels: readonly string[]): string {
  let best = '';
  for (const l of labels) if (l.length > best.length && path.startsWith(`${l}/`)) best = l;
  return best === '' ? path : path.slice(best.length + 1);
}

/** Drop undefined values so they do not override defaults in a spread. */
function defined<T extends object>(o: T | undefined): Partial<{ [K in keyof T]: Exclude<T[K], undefined> }> {
  if (!o) return {};
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<{
    [K in keyof T]: Exclude<T[K], undefined>;
  }>;
}
