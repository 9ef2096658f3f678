// Benchmark: decide() latency on the example policy. Not a test: prints numbers for docs/policy.md.
// Run: node --import tsx --conditions=rampart-src packages/policy/bench/decide.bench.ts
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { PolicyEngine } from '../src/decide.js';
import { compilePolicyText } from '../src/load.js';
import type { PolicyRequest } from '../src/types.js';

const file = new URL('../../../examples/policies/default.yaml', import.meta.url).pathname;
const compiled = compilePolicyText(readFileSync(file, 'utf8'), file);
const alice = { keyId: 'alice', principal: 'alice@example.com', team: 'ml-platform', roles: ['developer'] };

function req(i: number, distinctRoutes: boolean): PolicyRequest {
  const models = ['gpt-4o', 'gpt-4o-mini', 'claude-sonnet-4', 'llama-3-70b', 'mistral-large'];
  const det = [
    [],
    [{ type: 'pii', score: 0.9, flagged: true, role: 'user' as const }],
    [{ type: 'prompt-injection', score: 0.95, flagged: true, role: 'tool-result' as const }],
  ];
  if (i % 4 === 3) {
    return {
      identity: alice,
      action: 'call-tool',
      resource: { kind: 'tool', id: 'read_file' },
      context: {
        route: distinctRoutes ? `/r/${i}` : '/v1/chat/completions',
        detections: [],
        args: { path: '/srv/shared/a.txt' },
        dryRun: true,
      },
    };
  }
  return {
    identity: alice,
    action: 'use-model',
    resource: { kind: 'model', id: models[i % models.length] as string },
    context: {
      route: distinctRoutes ? `/r/${i}` : '/v1/chat/completions',
      detections: det[i % det.length] ?? [],
      bodyBytes: 2000,
      inputTokens: 500,
    },
  };
}

function run(label: string, n: number, make: (i: number) => PolicyRequest, engine: PolicyEngine): void {
  const reqs = Array.from({ length: n }, (_, i) => make(i));
  for (let i = 0; i < Math.min(n, 2000); i++) engine.decide(reqs[i] as PolicyRequest); // warm-up (JIT)
  const times = new Float64Array(n);
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < n; i++) {
    const t = process.hrtime.bigint();
    engine.decide(reqs[i] as PolicyRequest);
    times[i] = Number(process.hrtime.bigint() - t) / 1000;
  }
  const cpu = process.cpuUsage(cpu0);
  const cpuPerOp = (cpu.user + cpu.system) / n;
  times.sort();
  const q = (p: number) => (times[Math.min(n - 1, Math.floor(p * n))] ?? 0).toFixed(1);
  const mean = times.reduce((a, b) => a + b, 0) / n;
  console.log(`| ${label} | ${n} | ${cpuPerOp.toFixed(1)} | ${mean.toFixed(1)} | ${q(0.5)} | ${q(0.99)} |`);
}

console.log(
  `decide() on examples/policies/default.yaml (${compiled.rules.size} compiled Cedar policies), Node ${process.version}`,
);
// CPU time per call is reported next to wall-clock percentiles: on a shared machine the wall
// clock includes time the process was not scheduled; CPU time does not.
console.log(
  `load average: ${os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')} on ${os.cpus().length} cores`,
);
console.log('| workload | requests | CPU µs/call | wall mean µs | wall p50 µs | wall p99 µs |');
console.log('|---|---|---|---|---|---|');
run('memoised: 15 distinct requests, repeated', 100_000, (i) => req(i % 15, false), new PolicyEngine(compiled));
run(
  'Cedar every time: every request distinct (cache miss)',
  5_000,
  (i) => req(i, true),
  new PolicyEngine(compiled, { cacheSize: 1 }),
);
