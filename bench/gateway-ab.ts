// A/B of the gateway's CPU per request between checkouts, at 64 concurrent connections:
//   node --import tsx bench/gateway-ab.ts /path/to/checkout-a /path/to/checkout-b [--rounds=2] [--n=6000]
// Each checkout (with its own node_modules) runs its gateway from source (enforce mode, SQLite audit
// with fsync, the example policy) against its own mock upstream; the checkouts take turns twice, so a
// machine that is slower for a while is slower for both. Prints req/s and the gateway process's CPU
// ms per request (utime + stime from /proc, warm-up excluded). Wall-clock numbers on a shared machine
// move a lot; the CPU column is the one to compare.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'undici';

const roots = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const opt = (k: string, d: number) => Number(process.argv.find((a) => a.startsWith(`--${k}=`))?.split('=')[1] ?? d);
const N = opt('n', 6000);
const ROUNDS = opt('rounds', 2);
const C = 64;
if (roots.length === 0) throw new Error('usage: gateway-ab.ts CHECKOUT [CHECKOUT...] [--rounds=2] [--n=6000]');

const USER =
  'Please summarise these meeting notes for the weekly report: the team reviewed the Q3 roadmap, agreed to move the launch to October, and asked Dana to update the budget sheet before Friday. The next sync is on Tuesday at 10:00.';
let seq = 0;
const body = () =>
  JSON.stringify({
    model: 'gpt-4o',
    messages: [
      { role: 'system', content: 'You are a helpful assistant. Answer briefly.' },
      { role: 'user', content: `${USER} (ref ${++seq})` },
    ],
  });

function start(cwd: string, args: string[], kids: ChildProcess[]): Promise<{ url: string; pid: number }> {
  const c = spawn(process.execPath, ['--import', 'tsx', '--conditions=rampart-src', ...args], {
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  kids.push(c);
  return new Promise((res, rej) => {
    let out = '';
    const on = (b: Buffer) => {
      out += b.toString();
      const m = /^(http:\/\/\S+)/m.exec(out);
      if (m && c.pid !== undefined) res({ url: m[1]!, pid: c.pid });
    };
    c.stdout!.on('data', on);
    c.stderr!.on('data', on);
    c.once('exit', (code) => rej(new Error(`exited ${code}: ${out.slice(-400)}`)));
  });
}

const cpuMs = (pid: number): number => {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(f[11]) + Number(f[12])) * 10;
};

async function load(url: string, n: number): Promise<number> {
  const clients = Array.from({ length: C }, () => new Client(url, { pipelining: 1 }));
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    clients.map(async (c) => {
      while (next < n) {
        next++;
        const r = await c.request({
          method: 'POST',
          path: '/v1/chat/completions',
          headers: { 'content-type': 'application/json', authorization: 'Bearer rk-test-alice' },
          body: body(),
        });
        await r.body.text();
        if (r.statusCode !== 200) throw new Error(`HTTP ${r.statusCode}`);
      }
    }),
  );
  const rps = n / ((performance.now() - t0) / 1000);
  await Promise.all(clients.map((c) => c.close()));
  return rps;
}

async function measure(root: string): Promise<string> {
  const kids: ChildProcess[] = [];
  try {
    const mock = await start(root, ['packages/gateway/src/testing/bench-upstream.ts', '0'], kids);
    const dir = mkdtempSync(join(tmpdir(), 'rampart-ab-'));
    const cfg = join(dir, 'gateway.yaml');
    writeFileSync(
      cfg,
      [
        'gateway:',
        '  listen: { host: 127.0.0.1, port: 0 }',
        '  mode: enforce',
        `  policy: ${join(root, 'examples/gateway/policy.yaml')}`,
        `  store: ${join(dir, 'audit.db')}`,
        '  upstreams:',
        `    local: { provider: openai-compatible, baseUrl: "${mock.url}", connections: 128 }`,
        '',
      ].join('\n'),
    );
    const gw = await start(root, ['packages/gateway/src/testing/child-gateway.ts', cfg], kids);
    await load(gw.url, 2000);
    const rows: string[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const c0 = cpuMs(gw.pid);
      const rps = await load(gw.url, N);
      rows.push(`${rps.toFixed(0)} req/s, ${((cpuMs(gw.pid) - c0) / N).toFixed(3)} CPU ms/req`);
    }
    return rows.join('; ');
  } finally {
    for (const k of kids) k.kill('SIGTERM');
  }
}

for (let pass = 0; pass < 2; pass++)
  for (const root of roots) console.log(`pass ${pass + 1} ${resolve(root)}: ${await measure(resolve(root))}`);
