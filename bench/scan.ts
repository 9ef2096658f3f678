// Benchmark: `rampart scan` end to end on the synthetic 20,000-file, ~200 MB repository from
// bench/gen-repo.ts, beside @cyclonedx/cdxgen producing its BOM of the same tree in the same run.
// Reports files/s, MB/s and peak RSS, and writes docs/benchmarks/scan.md.
// Run: npm run bench -- scan   (or: node --import tsx --conditions=rampart-src bench/scan.ts)
// cdxgen is installed into bench/.work/cdxgen on first use (never a project dependency) and runs
// offline: --no-install-deps, FETCH_LICENSE=false and registry URLs on a closed loopback port, so
// it neither installs packages nor fetches metadata. BENCH_SKIP_CDXGEN=1 measures Rampart only.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_SPEC, generateRepo } from './gen-repo.js';

const root = new URL('..', import.meta.url).pathname;
const work = join(root, 'bench/.work');
const repo = join(work, 'repo');
const cli = join(root, 'apps/cli/dist/main.js');
const cdxDir = join(work, 'cdxgen');
const cdxBin = join(cdxDir, 'node_modules/.bin/cdxgen');
const CDXGEN_VERSION = '12.8.4';
// Some cdxgen Python paths (getPyModules) call PyPI even with FETCH_LICENSE=false; its
// registry URLs point at a closed loopback port so every lookup fails at once and nothing leaves
// the machine.
const CDXGEN_OFFLINE_ENV = {
  FETCH_LICENSE: 'false',
  CDXGEN_FETCH_PKG_METADATA: 'false',
  PYPI_URL: 'http://127.0.0.1:9/',
  NPM_URL: 'http://127.0.0.1:9/',
};
const TARGET_FILES_PER_S = 2000;
const TARGET_RSS_MB = 512;

interface Run {
  tool: string;
  command: string;
  exitCode: number | null;
  wallS: number;
  peakRssMb: number;
  /** User + system CPU seconds (GNU time only): comparable even when the machine is busy. */
  cpuS?: number;
  rssSource: string;
  note?: string;
}

const hasGnuTime = existsSync('/usr/bin/time') && spawnSync('/usr/bin/time', ['-v', 'true']).status === 0;

/** Run a command, measuring wall time and peak RSS (GNU time -v, else sampling /proc). */
async function measure(
  tool: string,
  cmd: string,
  args: string[],
  env: NodeJS.ProcessEnv = {},
  timeoutS = 1800,
): Promise<Run> {
  const command = [...Object.entries(env).map(([k, v]) => `${k}=${v}`), cmd, ...args].join(' ');
  const start = process.hrtime.bigint();
  const argv = hasGnuTime ? ['-v', cmd, ...args] : args;
  const child = spawn(hasGnuTime ? '/usr/bin/time' : cmd, argv, {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
    // Own process group, so a timeout ends the tool and everything it started.
    detached: true,
  });
  let timedOut = false;
  const killer = setTimeout(() => {
    timedOut = true;
    if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
  }, timeoutS * 1000);
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
    if (stderr.length > 1_000_000) stderr = stderr.slice(-500_000);
  });
  let sampled = 0;
  const timer = hasGnuTime
    ? undefined
    : setInterval(() => {
        try {
          const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
          const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
          if (kb > sampled) sampled = kb;
        } catch {
          // the process has exited
        }
      }, 50);
  const exitCode = await new Promise<number | null>((resolve) => child.on('close', resolve));
  if (timer) clearInterval(timer);
  clearTimeout(killer);
  const wallS = Number(process.hrtime.bigint() - start) / 1e9;
  const kb = hasGnuTime ? Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(stderr)?.[1] ?? 0) : sampled;
  const run: Run = {
    tool,
    command,
    exitCode,
    wallS,
    peakRssMb: kb / 1024,
    rssSource: hasGnuTime ? '/usr/bin/time -v' : '/proc VmHWM sampled every 50 ms',
  };
  if (hasGnuTime) {
    const user = Number(/User time \(seconds\): ([\d.]+)/.exec(stderr)?.[1] ?? Number.NaN);
    const sys = Number(/System time \(seconds\): ([\d.]+)/.exec(stderr)?.[1] ?? Number.NaN);
    if (Number.isFinite(user + sys)) run.cpuS = user + sys;
  }
  if (timedOut) run.note = `killed after the ${timeoutS} s time limit`;
  else if (exitCode !== 0) run.note = stderr.trim().split('\n').slice(-3).join(' | ').slice(0, 300);
  return run;
}

function ensureCli(): void {
  if (existsSync(cli)) return;
  console.log('building (apps/cli/dist/main.js is missing)…');
  const r = spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0 || !existsSync(cli)) {
    console.error('bench/scan: the build failed; cannot measure the built CLI');
    process.exit(1);
  }
}

function ensureCdxgen(): boolean {
  if (existsSync(cdxBin)) return true;
  mkdirSync(cdxDir, { recursive: true });
  if (!existsSync(join(cdxDir, 'package.json'))) writeFileSync(join(cdxDir, 'package.json'), '{"private":true}\n');
  console.log(`installing @cyclonedx/cdxgen@${CDXGEN_VERSION} into ${cdxDir} (bench only)…`);
  const r = spawnSync(
    'npm',
    ['install', `@cyclonedx/cdxgen@${CDXGEN_VERSION}`, '--no-audit', '--no-fund', '--ignore-scripts', '--no-save'],
    { cwd: cdxDir, stdio: 'inherit' },
  );
  return r.status === 0 && existsSync(cdxBin);
}

const mb = (n: number) => n / 1e6;
const fmt = (n: number, d = 1) => n.toFixed(d);

async function main(): Promise<void> {
  ensureCli();
  const t0 = Date.now();
  const stats = generateRepo(repo, DEFAULT_SPEC);
  console.log(
    `repository: ${stats.files} files, ${fmt(mb(stats.bytes))} MB (ready in ${fmt((Date.now() - t0) / 1000)} s)`,
  );
  const load = loadavg()[0]!;

  const runs: Run[] = [];
  // One warm-up so both tools meet the same (warm) page cache; its report gives the per-detector times.
  const warmJson = join(work, 'rampart-warm-up.json');
  await measure('warm-up', 'node', [
    cli,
    'scan',
    repo,
    '--format',
    'json',
    '--output',
    warmJson,
    '--quiet',
    '--no-store',
  ]);
  let detectorMs: Record<string, number> | undefined;
  try {
    const stats = (JSON.parse(readFileSync(warmJson, 'utf8')) as { stats?: { detectorMs?: Record<string, number> } })
      .stats;
    detectorMs = stats?.detectorMs;
  } catch {
    detectorMs = undefined;
  }
  runs.push(
    await measure('rampart', 'node', [cli, 'scan', repo, '--format', 'json', '--output', '/dev/null', '--no-store']),
  );
  const skipCdx = process.env.BENCH_SKIP_CDXGEN === '1';
  if (!skipCdx && ensureCdxgen()) {
    runs.push(
      await measure(
        'cdxgen',
        cdxBin,
        ['-r', '--no-install-deps', '--spec-version', '1.6', '-o', join(work, 'cdxgen-bom.json'), repo],
        CDXGEN_OFFLINE_ENV,
      ),
    );
  } else {
    console.log(
      skipCdx ? 'cdxgen skipped (BENCH_SKIP_CDXGEN=1)' : 'cdxgen could not be installed: measured Rampart only',
    );
  }

  const rows = runs.map((r) => {
    const fps = stats.files / r.wallS;
    const mbps = mb(stats.bytes) / r.wallS;
    return { ...r, fps, mbps };
  });
  for (const r of rows) {
    console.log(
      `${r.tool.padEnd(8)} exit ${r.exitCode}  ${fmt(r.wallS)} s (cpu ${r.cpuS === undefined ? 'n/a' : fmt(r.cpuS)} s)  ${fmt(r.fps, 0)} files/s  ${fmt(r.mbps)} MB/s  peak RSS ${fmt(r.peakRssMb, 0)} MB${r.note ? `  (${r.note})` : ''}`,
    );
  }
  const rampart = rows.find((r) => r.tool === 'rampart')!;
  const verdict = (ok: boolean) => (ok ? 'met' : '**not met**');
  const md = [
    '## Scan throughput (`bench/scan.ts`)',
    '',
    `Synthetic repository from \`bench/gen-repo.ts\` (seed ${DEFAULT_SPEC.seed}): **${stats.files} files, ${fmt(mb(stats.bytes))} MB** —`,
    Object.entries(stats.byKind)
      .map(([k, v]) => `${k} ${v.files} (${fmt(mb(v.bytes))} MB)`)
      .join(', ') + '.',
    `About ${Math.round(DEFAULT_SPEC.aiShare * 100)}% of source files and notebooks use an AI SDK. Measured ${new Date().toISOString().slice(0, 16)}Z on ${process.platform}, Node ${process.version}, 2 cores, 1-minute load average ${fmt(load, 1)} when the run started. Other work shared the machine, so wall-clock numbers are a floor; CPU seconds (user + system, from GNU time) say more about the tools themselves.`,
    '',
    '| tool | wall (s) | files/s | MB/s | CPU (s) | files per CPU-s | peak RSS (MB) | exit |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map((r) => {
      const cpu = r.cpuS === undefined ? 'n/a' : fmt(r.cpuS);
      const perCpu = r.cpuS === undefined ? 'n/a' : fmt(stats.files / r.cpuS, 0);
      return `| ${r.tool} | ${fmt(r.wallS)} | ${fmt(r.fps, 0)} | ${fmt(r.mbps)} | ${cpu} | ${perCpu} | ${fmt(r.peakRssMb, 0)} | ${r.exitCode ?? 'killed'} |`;
    }),
    ...(detectorMs === undefined
      ? []
      : [
          '',
          `Where Rampart's time goes (wall time inside each detector summed over both workers, from the warm-up scan's stats.detectorMs; inflated by the machine's load, so read it as a ranking): ${Object.entries(
            detectorMs,
          )
            .sort((a, b) => b[1] - a[1])
            .map(([k, v]) => `${k} ${fmt(v / 1000)} s`)
            .join(', ')}.`,
        ]),
    '',
    `Targets for Rampart: ≥ ${TARGET_FILES_PER_S} files/s — ${verdict(rampart.fps >= TARGET_FILES_PER_S)} (${fmt(rampart.fps, 0)}); peak RSS < ${TARGET_RSS_MB} MB — ${verdict(rampart.peakRssMb < TARGET_RSS_MB && rampart.peakRssMb > 0)} (${fmt(rampart.peakRssMb, 0)} MB).`,
    '',
    'Commands (after one unmeasured warm-up scan, so both tools read from the page cache):',
    '',
    '```',
    ...rows.map((r) => r.command.replaceAll(root, '')),
    '```',
    '',
    `Peak RSS from ${rampart.rssSource}; files/s and MB/s are the repository's files and bytes over wall time. cdxgen ${CDXGEN_VERSION} runs offline (\`--no-install-deps\`, \`FETCH_LICENSE=false\`, and \`PYPI_URL\`/\`NPM_URL\` on a closed loopback port, because some of its Python code paths call PyPI even when FETCH_LICENSE=false) and builds a dependency BOM of the manifests; Rampart parses every source file, notebook and model file as well, so the two do different amounts of work on the same tree.`,
    ...rows.filter((r) => r.note).map((r) => `\n${r.tool} stderr (tail): ${r.note}`),
    '',
    'Reproduce: `npm run bench -- scan` (generates the tree under bench/.work/ on first use).',
    '',
  ].join('\n');
  mkdirSync(join(root, 'docs/benchmarks'), { recursive: true });
  writeFileSync(join(root, 'docs/benchmarks/scan.md'), md);
  console.log('wrote docs/benchmarks/scan.md');
  if (rampart.exitCode !== 0 && rampart.exitCode !== 1) process.exitCode = 1;
}

await main();
