// Benchmark: what building the asset graph and scoring risk adds to a scan of the synthetic
// 20,000-file repository (bench/gen-repo.ts). Graph work is the correlators (lineage, cross-file
// tools, attack paths, Bedrock logging) plus finalize's riskFactors; target: under 10% of the scan.
// Two measurements, because the machine is shared and wall time of a whole scan is noisy:
//   1. paired scans in-process, with CORRELATORS and with `correlators: []`, alternated, medians;
//   2. inside each full scan, the correlators' own time (stats.detectorMs) plus riskFactors timed
//      separately on the same result — a direct, low-noise share of the scan time.
// Run: node --import tsx --conditions=rampart-src bench/graph.ts [rounds=3]
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { CORRELATORS, scan } from '@rampart/engine';
import { riskFactors } from '../packages/engine/src/graph/context.js';
import { DEFAULT_SPEC, generateRepo } from './gen-repo.js';

const root = new URL('..', import.meta.url).pathname;
const repo = join(root, 'bench/.work/repo');
const rounds = Math.max(1, Number(process.argv[2] ?? 3));

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const load = (): string =>
  loadavg()
    .map((x) => x.toFixed(1))
    .join(' ');

interface Full {
  wallMs: number;
  /** Process CPU (all threads, user + system): far less sensitive to other load than wall time. */
  cpuMs: number;
  correlatorMs: number;
  riskMs: number;
  assets: number;
  relations: number;
  findings: number;
}

const cpuSince = (c0: NodeJS.CpuUsage): number => {
  const d = process.cpuUsage(c0);
  return (d.user + d.system) / 1000;
};

async function fullScan(): Promise<Full> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const r = await scan({ paths: [repo] });
  const wallMs = performance.now() - t0;
  const cpuMs = cpuSince(c0);
  const ids = new Set(CORRELATORS.map((c) => c.id));
  let correlatorMs = 0;
  for (const [k, v] of Object.entries(r.stats.detectorMs ?? {})) if (ids.has(k)) correlatorMs += v;
  // riskFactors runs inside finalize; time it again on the same graph (5 repeats, median).
  const riskRuns: number[] = [];
  for (let i = 0; i < 5; i++) {
    const s = performance.now();
    riskFactors(r.assets, r.relations);
    riskRuns.push(performance.now() - s);
  }
  return {
    wallMs,
    cpuMs,
    correlatorMs,
    riskMs: median(riskRuns),
    assets: r.assets.length,
    relations: r.relations.length,
    findings: r.findings.length,
  };
}

async function bareScan(): Promise<{ wallMs: number; cpuMs: number }> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await scan({ paths: [repo], correlators: [] });
  return { wallMs: performance.now() - t0, cpuMs: cpuSince(c0) };
}

async function main(): Promise<void> {
  const stats = generateRepo(repo, DEFAULT_SPEC);
  console.log(`repository: ${stats.files} files, ${(stats.bytes / 1e6).toFixed(0)} MB; load average ${load()}`);
  await bareScan(); // warm-up: page cache and worker start-up
  const full: Full[] = [];
  const bare: Array<{ wallMs: number; cpuMs: number }> = [];
  const loads: string[] = [];
  for (let i = 0; i < rounds; i++) {
    // Alternate the order so a load spike does not always hit the same variant.
    if (i % 2 === 0) {
      full.push(await fullScan());
      bare.push(await bareScan());
    } else {
      bare.push(await bareScan());
      full.push(await fullScan());
    }
    loads.push(load());
    const f = full[full.length - 1]!;
    console.log(
      `round ${i + 1}: full ${(f.wallMs / 1000).toFixed(1)} s (correlators ${f.correlatorMs.toFixed(0)} ms, ` +
        `riskFactors ${f.riskMs.toFixed(1)} ms, CPU ${(f.cpuMs / 1000).toFixed(1)} s), ` +
        `no correlators ${(bare[bare.length - 1]!.wallMs / 1000).toFixed(1)} s (CPU ${(bare[bare.length - 1]!.cpuMs / 1000).toFixed(1)} s); load ${load()}`,
    );
  }
  const fullMs = median(full.map((f) => f.wallMs));
  const bareMs = median(bare.map((b) => b.wallMs));
  const fullCpu = median(full.map((f) => f.cpuMs));
  const bareCpu = median(bare.map((b) => b.cpuMs));
  const graphMs = median(full.map((f) => f.correlatorMs + f.riskMs));
  const direct = (100 * graphMs) / fullMs;
  const paired = (100 * (fullMs - bareMs)) / bareMs;
  const last = full[full.length - 1]!;
  console.log('');
  console.log(`graph: ${last.assets} assets, ${last.relations} relations, ${last.findings} findings`);
  console.log(`median full scan            ${(fullMs / 1000).toFixed(2)} s`);
  console.log(`median scan, no correlators ${(bareMs / 1000).toFixed(2)} s  (paired difference ${paired.toFixed(1)}%)`);
  console.log(
    `median CPU: full ${(fullCpu / 1000).toFixed(1)} s, no correlators ${(bareCpu / 1000).toFixed(1)} s ` +
      `(difference ${((100 * (fullCpu - bareCpu)) / bareCpu).toFixed(1)}%)`,
  );
  console.log(
    `median correlators + riskFactors ${graphMs.toFixed(0)} ms = ${direct.toFixed(2)}% of the scan (target < 10%)`,
  );
  console.log(`load averages after each round: ${loads.join(' | ')}`);
}

await main();
