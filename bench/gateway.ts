// `npm run bench:gateway`: added latency and throughput of the Rampart gateway against a local mock
// provider (0 ms and 20 ms), side by side with the same requests sent directly and through the
// Portkey gateway (npm @portkey-ai/gateway, installed under bench/.work/portkey). Loopback only,
// bounded loops. Every process (mock, gateways) is a separate child so the load generator does not
// share their event loop. Writes docs/benchmarks/gateway.md.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Client } from 'undici';

const root = new URL('..', import.meta.url).pathname;
const quick = process.argv.includes('--quick');
// --out=FILE writes the report elsewhere (e.g. for before/after runs that must not touch the docs).
const outArg = process.argv.find((a) => a.startsWith('--out='));
const N_C1 = quick ? 300 : 2000;
const N_C1_SLOW = quick ? 60 : 400;
const N_C64 = quick ? 1000 : 8000;
const N_TTFB = quick ? 150 : 1000;
// Throughput rounds per path: the paths take turns (order reversed every round) and each path's
// figure is its median round, so one noisy stretch on the shared machine cannot decide a column.
const TPUT_ROUNDS = quick ? 1 : 3;
const children: ChildProcess[] = [];
const pidOf = new Map<string, number>();

/**
 * CPU time (ms) a child has run so far, all its threads: a load-independent cost measure. From
 * /proc/<pid>/task/<tid>/schedstat (nanoseconds), not the 10 ms ticks of /proc/<pid>/stat, which
 * mis-sample a process that runs in sub-millisecond bursts (the concurrency-1 case).
 */
function cpuMs(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN;
  try {
    let ns = 0;
    for (const t of readdirSync(`/proc/${pid}/task`)) {
      try {
        ns += Number(readFileSync(`/proc/${pid}/task/${t}/schedstat`, 'utf8').split(' ')[0]);
      } catch {
        // a thread that just exited
      }
    }
    return ns / 1e6;
  } catch {
    return Number.NaN;
  }
}

function startChild(
  cmd: string,
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
  ready = /^(http:\/\/\S+)/m,
): Promise<string> {
  const c = spawn(cmd, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(c);
  return new Promise<string>((resolve, reject) => {
    let out = '';
    const on = (b: Buffer): void => {
      out += b.toString();
      const m = ready.exec(out.replace(/\x1b\[[0-9;]*m/g, ''));
      if (m) {
        if (c.pid !== undefined) pidOf.set(m[1]!.replace('localhost', '127.0.0.1'), c.pid);
        resolve(m[1]!);
      }
    };
    c.stdout!.on('data', on);
    c.stderr!.on('data', on);
    c.once('exit', (code) => reject(new Error(`${args.join(' ')} exited (${code}): ${out.slice(-400)}`)));
    setTimeout(() => reject(new Error(`${args.join(' ')} did not start: ${out.slice(-400)}`)), 240_000).unref();
  });
}

const tsx = (file: string, ...a: string[]): [string, string[]] => [
  process.execPath,
  ['--import', 'tsx', '--conditions=rampart-src', file, ...a],
];

async function rampart(
  upstream: string,
  dir: string,
  name: string,
  mode = 'enforce',
  auditSync: 'full' | 'normal' = 'full',
): Promise<string> {
  const cfg = join(dir, `${name}.yaml`);
  writeFileSync(
    cfg,
    [
      'gateway:',
      '  listen: { host: 127.0.0.1, port: 0 }',
      `  mode: ${mode}`,
      `  policy: ${join(root, 'examples/gateway/policy.yaml')}`,
      `  store: ${join(dir, `${name}.db`)}`,
      `  auditSync: ${auditSync}`,
      '  upstreams:',
      `    local: { provider: openai-compatible, baseUrl: "${upstream}", connections: 128 }`,
      '',
    ].join('\n'),
  );
  const [c, a] = tsx('packages/gateway/src/testing/child-gateway.ts', cfg);
  return startChild(c, a);
}

/**
 * Portkey and its dependency tree come from the lock file committed in bench/portkey (npm ci), so
 * runs on different days compare the same code: its server framework (hono, @hono/node-server) is a
 * caret dependency, and a newer one changes its speed.
 */
function ensurePortkey(): string | undefined {
  const dir = join(root, 'bench/.work/portkey');
  const bin = join(dir, 'node_modules/@portkey-ai/gateway/build/start-server.js');
  const lock = readFileSync(join(root, 'bench/portkey/package-lock.json'), 'utf8');
  const installed = join(dir, 'package-lock.json');
  if (existsSync(bin) && existsSync(installed) && readFileSync(installed, 'utf8') === lock) return bin;
  console.log('installing @portkey-ai/gateway@1.15.2 from bench/portkey/package-lock.json (npm ci, npm registry)...');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), readFileSync(join(root, 'bench/portkey/package.json')));
  writeFileSync(installed, lock);
  const r = spawnSync('npm', ['ci', '--no-audit', '--no-fund', '--ignore-scripts'], { cwd: dir, stdio: 'inherit' });
  return r.status === 0 && existsSync(bin) ? bin : undefined;
}

/** Versions of Portkey's server framework as installed, for the report. */
function portkeyStack(): string {
  const v = (p: string): string => {
    try {
      return (
        JSON.parse(readFileSync(join(root, 'bench/.work/portkey/node_modules', p, 'package.json'), 'utf8')) as {
          version: string;
        }
      ).version;
    } catch {
      return '?';
    }
  };
  return `hono ${v('hono')}, @hono/node-server ${v('@hono/node-server')}`;
}

interface Target {
  name: string;
  url: string;
  headers: Record<string, string>;
}

const USER =
  'Please summarise these meeting notes for the weekly report: the team reviewed the Q3 roadmap, agreed to move the launch to October, and asked Dana to update the budget sheet before Friday. The next sync is on Tuesday at 10:00.';
// Each request carries a different user message (a running reference number), as real traffic
// does: the gateway caches detector results for repeated input text (system prompts, chat history),
// and a benchmark that sent one message over and over would measure only that cache.
let seq = 0;
const body = (stream: boolean): string =>
  JSON.stringify({
    model: 'gpt-4o',
    stream,
    messages: [
      { role: 'system', content: 'You are a helpful assistant. Answer briefly.' },
      { role: 'user', content: `${USER} (ref ${++seq})` },
    ],
  });
const BODY = (): string => body(false);
const BODY_STREAM = (): string => body(true);

async function one(
  c: Client,
  t: Target,
  b: string | (() => string),
): Promise<{ total: number; ttfb: number; status: number }> {
  const payload = typeof b === 'string' ? b : b();
  const t0 = performance.now();
  const r = await c.request({
    method: 'POST',
    path: '/v1/chat/completions',
    headers: { 'content-type': 'application/json', ...t.headers },
    body: payload,
  });
  let ttfb = -1;
  for await (const _chunk of r.body) if (ttfb < 0) ttfb = performance.now() - t0;
  return { total: performance.now() - t0, ttfb, status: r.statusCode };
}

const pct = (xs: number[], p: number): number => {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  if (s.length === 0) return Number.NaN;
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};

/**
 * Concurrency 1, interleaved: each round sends one request to every target in turn (direct first),
 * so machine noise (other processes, the mock, the load generator itself) hits every path alike
 * and the same round can be compared pairwise. One keep-alive connection per target.
 */
async function interleaved(
  targets: Target[],
  n: number,
  b: () => string,
): Promise<Map<string, { lat: number[]; ttfb: number[]; errors: number; cpu: number; failStatus: number }>> {
  const clients = targets.map(
    (t) => new Client(t.url, { pipelining: 1, keepAliveTimeout: 60_000, headersTimeout: 30_000, bodyTimeout: 30_000 }),
  );
  const out = new Map(
    targets.map((t) => [t.name, { lat: [] as number[], ttfb: [] as number[], errors: 0, cpu: 0, failStatus: 0 }]),
  );
  // Warm-up (JIT, pools), not measured.
  for (let i = 0; i < Math.min(100, n); i++)
    for (let j = 0; j < targets.length; j++) await one(clients[j]!, targets[j]!, b).catch(() => undefined);
  const cpu0 = targets.map((t) => cpuMs(pidOf.get(t.url)));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < targets.length; j++) {
      const t = targets[j]!;
      const r = await one(clients[j]!, t, b).catch(() => ({ total: Number.NaN, ttfb: Number.NaN, status: 0 }));
      const o = out.get(t.name)!;
      if (r.status !== 200) {
        o.errors++;
        o.failStatus = r.status;
        // A failed request says nothing about the path's latency: it is counted, not timed.
        o.lat.push(Number.NaN);
        o.ttfb.push(Number.NaN);
        continue;
      }
      o.lat.push(r.total);
      o.ttfb.push(r.ttfb);
    }
  }
  targets.forEach((t, j) => {
    out.get(t.name)!.cpu = (cpuMs(pidOf.get(t.url)) - cpu0[j]!) / n;
  });
  await Promise.all(clients.map((c) => c.close()));
  return out;
}

/** Per-round differences x[i] - d[i] (same round, same noise); NaN rounds dropped. */
const pairDiff = (x: number[], d: number[]): number[] => x.map((v, i) => v - d[i]!).filter(Number.isFinite);

async function throughput(t: Target, n: number, conc: number): Promise<{ rps: number; errors: number }> {
  const clients = Array.from(
    { length: conc },
    () => new Client(t.url, { pipelining: 1, headersTimeout: 30_000, bodyTimeout: 30_000 }),
  );
  let next = 0;
  let errors = 0;
  await Promise.all(
    clients.map(async (c) => {
      for (let i = 0; i < 20; i++) await one(c, t, BODY).catch(() => undefined);
    }),
  );
  const t0 = performance.now();
  await Promise.all(
    clients.map(async (c) => {
      while (next < n) {
        next++;
        const r = await one(c, t, BODY).catch(() => ({ status: 0 }));
        if (r.status !== 200) errors++;
      }
    }),
  );
  const secs = (performance.now() - t0) / 1000;
  await Promise.all(clients.map((c) => c.close()));
  return { rps: n / secs, errors };
}

const f = (x: number): string => x.toFixed(2);

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'rampart-bench-gw-'));
  const [c0, a0] = tsx('packages/gateway/src/testing/bench-upstream.ts', '0');
  const [c20, a20] = tsx('packages/gateway/src/testing/bench-upstream.ts', '20');
  const up0 = await startChild(c0, a0);
  const up20 = await startChild(c20, a20);
  const rk0 = await rampart(up0, dir, 'r0');
  const rk20 = await rampart(up20, dir, 'r20');
  // Same checks, monitor mode: separates the cost of the durable per-request audit commit.
  const rkm0 = await rampart(up0, dir, 'rm0', 'monitor');
  const rkm20 = await rampart(up20, dir, 'rm20', 'monitor');
  // Enforce mode with the audit commit in the OS rather than on disk (auditSync: normal): the record
  // survives kill -9 of the gateway, not power loss. Concurrency 1 only, where the fsync shows.
  const rks0 = await rampart(up0, dir, 'rs0', 'enforce', 'normal');
  const rks20 = await rampart(up20, dir, 'rs20', 'enforce', 'normal');
  const key = { authorization: 'Bearer rk-test-alice' };
  const pkBin = ensurePortkey();
  let pk: string | undefined;
  if (pkBin) {
    pk = await startChild(
      process.execPath,
      [pkBin, '--port=18787', '--headless'],
      { ...process.env, NODE_ENV: 'production' },
      /(http:\/\/localhost:\d+)/,
    ).catch((e: unknown) => {
      console.log(`Portkey did not start: ${(e as Error).message}`);
      return undefined;
    });
    if (pk) pk = pk.replace('localhost', '127.0.0.1');
  } else console.log('NOTICE: Portkey gateway unavailable; its column is skipped.');
  // Portkey's closest built-in guardrails: regex checks for secrets / emails on input and output, deny on match.
  const guard = (id: string) => [
    { id: `${id}-secret`, deny: true, 'default.regexMatch': { rule: 'sk-[A-Za-z0-9_-]{20,}', not: true } },
    {
      id: `${id}-email`,
      deny: true,
      'default.regexMatch': { rule: '[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}', not: true },
    },
  ];
  const pkHeaders = (up: string): Record<string, string> => ({
    authorization: 'Bearer sk-bench-not-a-key',
    'x-portkey-config': JSON.stringify({
      provider: 'openai',
      api_key: 'sk-bench-not-a-key',
      custom_host: `${up}/v1`,
      input_guardrails: guard('in'),
      output_guardrails: guard('out'),
    }),
  });

  // Sanity check that the guardrails are live: a request carrying an API-key-shaped string must be refused.
  const probe = JSON.stringify({
    model: 'gpt-4o',
    // A made-up key in a credential context: Rampart's secret detector flags it on input (a bare
    // low-entropy "sk-abc..." is not flagged, and a 403 for it meant a budget overrun, not a check).
    messages: [{ role: 'user', content: 'export OPENAI_API_KEY=sk-proj-Xk3L9mQ2vB7nR4tY8wZ1aF6hJ0pE5sD2' }],
  });
  const probeStatus = async (t: Target): Promise<number> => {
    const c = new Client(t.url);
    const r = await one(c, t, probe).catch(() => ({ status: 0 }));
    await c.close();
    return r.status;
  };
  const rkProbe = await probeStatus({ name: 'rampart', url: rk0, headers: key });
  const pkProbe = pk ? await probeStatus({ name: 'portkey', url: pk, headers: pkHeaders(up0) }) : 0;
  console.log(`guardrail probe (secret in prompt): rampart HTTP ${rkProbe}, portkey HTTP ${pkProbe}`);

  const rows: string[] = [];
  const res: Record<string, Record<string, number>> = {};
  for (const [label, up, rk, n] of [
    ['0 ms', up0, rk0, N_C1],
    ['20 ms', up20, rk20, N_C1_SLOW],
  ] as const) {
    const targets: Target[] = [
      { name: 'direct', url: up, headers: {} },
      { name: 'rampart', url: rk, headers: key },
      { name: 'rampart-monitor', url: label === '0 ms' ? rkm0 : rkm20, headers: key },
      { name: 'rampart-sync-normal', url: label === '0 ms' ? rks0 : rks20, headers: key },
      ...(pk ? [{ name: 'portkey', url: pk, headers: pkHeaders(up) }] : []),
    ];
    const r = await interleaved(targets, n, BODY);
    const d = r.get('direct')!;
    console.log(`${label} c=1 direct: p50 ${f(pct(d.lat, 50))} ms, p99 ${f(pct(d.lat, 99))} ms, errors ${d.errors}`);
    for (const t of targets.slice(1)) {
      const x = r.get(t.name)!;
      const a50 = pct(x.lat, 50) - pct(d.lat, 50);
      const a99 = pct(x.lat, 99) - pct(d.lat, 99);
      const pd = pairDiff(x.lat, d.lat);
      res[`${t.name}-${label}`] = { a50, a99, p50: pct(pd, 50), p99: pct(pd, 99) };
      console.log(
        `${label} c=1 ${t.name}: p50 ${f(pct(x.lat, 50))} ms, p99 ${f(pct(x.lat, 99))} ms, per-round added p50/p90/p99 ${f(pct(pd, 50))}/${f(pct(pd, 90))}/${f(pct(pd, 99))} ms, errors ${x.errors}, cpu/request ${f(x.cpu)} ms`,
      );
      rows.push(
        `| ${t.name} | ${label} | ${n} | ${f(pct(d.lat, 50))} / ${f(pct(d.lat, 99))} | ${f(pct(x.lat, 50))} / ${f(pct(x.lat, 99))} | **${f(a50)}** | **${f(a99)}** | ${f(pct(pd, 50))} / ${f(pct(pd, 90))} / ${f(pct(pd, 99))} | ${f(x.cpu)} | ${x.errors} |`,
      );
    }
  }

  const tput: string[] = [];
  const tputCpu: string[] = [];
  let perRound: number[] = [];
  for (const [label, up, rk] of [
    ['0 ms', up0, rk0],
    ['20 ms', up20, rk20],
  ] as const) {
    const targets: Target[] = [
      { name: 'direct', url: up, headers: {} },
      { name: 'rampart', url: rk, headers: key },
      { name: 'rampart-monitor', url: label === '0 ms' ? rkm0 : rkm20, headers: key },
      ...(pk ? [{ name: 'portkey', url: pk, headers: pkHeaders(up) }] : []),
    ];
    const line: string[] = [];
    const cpuLine: string[] = [];
    const rounds = new Map(targets.map((t) => [t.name, { rps: [] as number[], cpu: [] as number[], errors: 0 }]));
    const n = label === '0 ms' ? N_C64 : Math.min(N_C64, 4000);
    for (let round = 0; round < TPUT_ROUNDS; round++) {
      for (const t of round % 2 === 0 ? targets : [...targets].reverse()) {
        const c0 = cpuMs(pidOf.get(t.url));
        const r = await throughput(t, n, 64);
        const cpu = (cpuMs(pidOf.get(t.url)) - c0) / (n + 64 * 20);
        console.log(
          `${label} c=64 round ${round + 1} ${t.name}: ${r.rps.toFixed(0)} req/s (errors ${r.errors}), cpu/request ${f(cpu)} ms`,
        );
        const o = rounds.get(t.name)!;
        o.rps.push(r.rps);
        o.cpu.push(cpu);
        o.errors += r.errors;
      }
    }
    for (const t of targets) {
      const o = rounds.get(t.name)!;
      line.push(`${pct(o.rps, 50).toFixed(0)}${o.errors ? ` (${o.errors} errors)` : ''}`);
      cpuLine.push(f(pct(o.cpu, 50)));
      res[`${t.name}-rps-${label}`] = { rps: pct(o.rps, 50) };
    }
    tput.push(`| ${label} | ${line.join(' | ')} |`);
    tputCpu.push(`| ${label} | ${cpuLine.join(' | ')} |`);
    if (label === '0 ms' && pk) {
      // The same round's figures side by side: how the ratio moved with the machine.
      const rk = rounds.get('rampart')!.rps;
      const pkr = rounds.get('portkey')!.rps;
      perRound = rk.map((x, i) => x / pkr[i]!);
    }
  }

  const ttfbRows: string[] = [];
  const streamTargets: Target[] = [
    { name: 'direct', url: up0, headers: {} },
    { name: 'rampart', url: rk0, headers: key },
    ...(pk ? [{ name: 'portkey', url: pk, headers: pkHeaders(up0) }] : []),
  ];
  const st = await interleaved(streamTargets, N_TTFB, BODY_STREAM);
  const sd = st.get('direct')!;
  for (const t of streamTargets) {
    const x = st.get(t.name)!;
    const pd = pairDiff(x.ttfb, sd.ttfb);
    console.log(
      `stream ${t.name}: ttfb p50 ${f(pct(x.ttfb, 50))} ms, p99 ${f(pct(x.ttfb, 99))} ms, errors ${x.errors}${t.name === 'direct' ? '' : `, per-round TTFB overhead p50/p99 ${f(pct(pd, 50))}/${f(pct(pd, 99))} ms`}`,
    );
    if (x.errors === N_TTFB) {
      // Portkey 1.15.2 on Node 20 answers every stream with HTTP 500 ("TypeError: immutable" when
      // it adds headers to the upstream fetch response; Portkey-AI/gateway#1550, #1389).
      ttfbRows.push(`| ${t.name} | every stream failed (HTTP ${x.failStatus}) | – | – | – |`);
      continue;
    }
    ttfbRows.push(
      t.name === 'direct'
        ? `| direct | ${f(pct(x.ttfb, 50))} / ${f(pct(x.ttfb, 99))} | ${f(pct(x.lat, 50))} / ${f(pct(x.lat, 99))} | – | – |`
        : `| ${t.name} | ${f(pct(x.ttfb, 50))} / ${f(pct(x.ttfb, 99))} | ${f(pct(x.lat, 50))} / ${f(pct(x.lat, 99))} | **${f(pct(x.ttfb, 50) - pct(sd.ttfb, 50))} / ${f(pct(x.ttfb, 99) - pct(sd.ttfb, 99))}** | ${f(pct(pd, 50))} / ${f(pct(pd, 90))} / ${f(pct(pd, 99))} |`,
    );
    if (t.name === 'rampart')
      res['ttfb'] = {
        a50: pct(x.ttfb, 50) - pct(sd.ttfb, 50),
        a99: pct(x.ttfb, 99) - pct(sd.ttfb, 99),
        p99: pct(pd, 99),
      };
  }

  const ratio = pk ? (res['rampart-rps-0 ms']!.rps! / res['portkey-rps-0 ms']!.rps!).toFixed(2) : 'n/a';
  const load = loadavg()
    .map((x) => x.toFixed(1))
    .join(' ');
  const doc = `## Gateway

Command: \`npm run bench:gateway\` (bench/gateway.ts${quick ? ', --quick' : ''}). Node ${process.version}, ${new Date().toISOString().slice(0, 10)}, 1-minute/5/15 load average at the end of the run: ${load} (the machine has 2 cores shared with other work; see "Caveats").

Setup: a mock OpenAI-compatible provider (0 ms and 20 ms added latency), each in its own process; Rampart
(\`rampart gateway\` wiring: real detectors pipeline on input — injection, PII, secrets, invisible text — and the
default output checks — PII, secrets, system-prompt/canary leak, invisible text —, Cedar policy from
examples/gateway/policy.yaml with a virtual key, SQLite audit log in **enforce** mode — every response waits for
its hash-chained audit record to commit with an fsync, \`auditSync: full\`) in its own process; at concurrency 1
also \`rampart-monitor\` (the same checks, decisions logged through a queue) and \`rampart-sync-normal\` (enforce,
\`auditSync: normal\`: the record is in the OS before the response completes — it survives kill -9 of the gateway,
not power loss — so the difference to \`rampart\` is the fsync); Portkey gateway ${pk ? `1.15.2 (node build, \`--headless\`; ${portkeyStack()}, from bench/portkey/package-lock.json)` + ' with its closest built-in guardrails: `default.regexMatch` deny rules for API keys and emails on input and output' : '(not available in this run)'}.
Guardrail probe (a prompt carrying an API-key-shaped string): Rampart answered HTTP ${rkProbe}${pk ? `, Portkey HTTP ${pkProbe}` : ''} (non-200 = refused, i.e. the checks are live).
Request: a chat completion with a system + a ~240-character user message (no findings; the user message differs per
request, the system prompt does not), keep-alive client, one connection per path.
Method at concurrency 1 (latency and streaming): the paths are **interleaved** — each round sends one request
directly, then one through each gateway, in the same order every round — so the load generator's and the
mock's own noise and whatever else the machine does hit every path alike (measuring one path after the
other let a noisy minute land on one of them only). Added latency is given two ways: the difference of
percentiles (gateway p99 − direct p99), and the **per-round** difference (gateway − direct in the same round),
whose p50 / p90 / p99 say how much a request pays for the gateway; the same method applies to every gateway.
"Gateway CPU ms / request" is the CPU time all the gateway process's threads ran during the measured rounds
(/proc/<pid>/task/*/schedstat, nanoseconds; warm-up excluded) divided by its requests: unlike wall-clock
latency it hardly depends on how busy the machine is. "errors" are non-200 answers (for Rampart: fail-closed
denials when the 50 ms detector budget was spent before a detector could start, on the loaded machine).

### Added latency at concurrency 1 (ms)

| gateway | upstream | rounds | direct p50 / p99 | via gateway p50 / p99 | added p50 | added p99 | per-round added p50 / p90 / p99 | gateway CPU ms / request | errors |
|---|---|---|---|---|---|---|---|---|---|
${rows.join('\n')}

### Max throughput at 64 concurrent connections (req/s)

Each path runs ${TPUT_ROUNDS} round${TPUT_ROUNDS > 1 ? 's' : ''} of ${N_C64} requests (${Math.min(N_C64, 4000)} at 20 ms) after a warm-up of 20 per
connection; the paths take turns, in reverse order every other round, and each cell is the path's median round.

| upstream | direct | rampart (enforce) | rampart (monitor) | ${pk ? 'portkey |' : ''}
|---|---|---|---|${pk ? '---|' : ''}
${tput.join('\n')}

Process CPU ms per request during those runs (the direct column is the mock provider's own CPU):

| upstream | direct | rampart (enforce) | rampart (monitor) | ${pk ? 'portkey |' : ''}
|---|---|---|---|${pk ? '---|' : ''}
${tputCpu.join('\n')}

Rampart / Portkey req/s at 0 ms: **${ratio}×** (target ≥ 5×)${perRound.length > 1 ? `; the same ratio within each round: ${perRound.map((x) => `${x.toFixed(2)}×`).join(', ')}` : ''}.

### Streaming (0 ms upstream, ${N_TTFB} interleaved rounds of one stream per path, ms)

| path | time to first byte p50 / p99 | whole stream p50 / p99 | TTFB overhead p50 / p99 | per-round TTFB overhead p50 / p90 / p99 |
|---|---|---|---|---|
${ttfbRows.join('\n')}

TTFB is the first body byte (the role chunk, which Rampart forwards at once). Text itself is released
after the output scanner's hold-back window (\`limits.holdBackChars\`, default 96 characters), so the first
*visible* token arrives once that many characters have been generated — that is the price of catching a
secret split across chunks, and it is not included in the TTFB column.

### Targets (issue 7) and verdict

- added p99 ≤ 1 ms at concurrency 1 with checks on: measured ${res['rampart-0 ms'] ? `${f(res['rampart-0 ms'].a99!)} ms as a difference of percentiles, ${f(res['rampart-0 ms'].p99!)} ms per round` : '?'} (0 ms upstream, enforce).
- ≥ 5× Portkey's req/s: measured ${ratio}×.
- streaming first-byte overhead ≤ 1 ms: p50 / p99 ${res.ttfb ? `${f(res.ttfb.a50!)} / ${f(res.ttfb.a99!)} ms (per-round p99 ${f(res.ttfb.p99!)} ms)` : '?'}.

### Caveats

- Shared 2-core machine: load generator, mock, gateway (and Portkey) compete for the same two cores, and other
  jobs may run at the same time (load average above). Numbers are indicative; rerun on an idle machine.
- Rampart (enforce) includes a durable SQLite commit per request before the response completes (an fsync of
  the WAL: on this shared disk 0.13 ms at best, several ms when other jobs write); "rampart (monitor)" runs
  the same checks and logs through the bounded queue, which shows what that commit costs. WAL checkpoints
  run on a worker thread, off the request path (docs/gateway.md, "Performance and durability").
  Portkey has no audit log.
- Portkey's regex guardrails are much cheaper (and much weaker) than Rampart's detector pipeline.
- CPU per request at concurrency 1 is several times the figure at 64 concurrent, for two measured reasons:
  each request pays a whole SQLite commit and fsync on its own (0.25 ms of main-thread CPU for a one-record
  commit against 0.04 ms per record in a group of 20), and each request starts after the process slept —
  on this VM the same JavaScript costs 10-45% more right after a 4 ms sleep than back to back (cold caches,
  vCPU wake-up), and interleaving makes every request such a request (the gateway's main-thread CPU per
  request went from 0.95 to 1.7 ms when a 4 ms pause preceded each request). The same holds for every path.
`;
  const out = outArg === undefined ? join(root, 'docs/benchmarks/gateway.md') : outArg.slice('--out='.length);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, doc);
  console.log(doc);
}

for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.once(sig, () => {
    for (const c of children) c.kill('SIGKILL');
    process.exit(130);
  });
}
try {
  await main();
} finally {
  for (const c of children) c.kill('SIGKILL');
}
