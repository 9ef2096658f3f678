// Benchmark: audit-log appends (enforce: durable, group-committed; monitor: queued) and
// verification, on a real SQLite file and on the local PostgreSQL. Not a test.
// Run: node --import tsx --conditions=rampart-src packages/store/bench/audit.bench.ts
import os from 'node:os';
import { AuditLog } from '../src/audit-log.js';
import type { AuditRecord } from '../src/audit-types.js';
import { openPostgres, openSqlite, type TestDb } from '../src/test-stores.js';
import { verifyAuditLog } from '../src/verify-audit.js';

const rec = (i: number): AuditRecord => ({
  requestId: `r${i}`,
  keyId: 'alice',
  principal: 'alice@example.com',
  route: '/v1/chat/completions',
  model: 'gpt-4o',
  outcome: 'allowed',
  decisions: [
    {
      stage: 'input',
      action: 'use-model',
      resource: 'gpt-4o',
      id: `d${i}`,
      effect: 'allow',
      mode: 'enforce',
      policyRevision: 'sha256:0011223344556677',
      reasons: [],
    },
  ],
  detections: [{ type: 'pii', detector: 'pii', score: 0.1, flagged: false }],
  status: 200,
  latencyMs: 1.5,
  tokens: { input: 100, output: 200 },
  contentSha256: 'a'.repeat(64),
});

async function bench(t: TestDb): Promise<void> {
  const log = new AuditLog(t.db, { hmacKey: 'bench' });
  let i = 0;
  const seqN = 200;
  let t0 = performance.now();
  for (let k = 0; k < seqN; k++) await log.append(rec(i++));
  const seqMs = (performance.now() - t0) / seqN;
  const conc = 64;
  const rounds = 30;
  t0 = performance.now();
  for (let r = 0; r < rounds; r++) await Promise.all(Array.from({ length: conc }, () => log.append(rec(i++))));
  const concRate = (conc * rounds) / ((performance.now() - t0) / 1000);
  const monN = 10_000; // = the default queue bound: nothing is dropped
  t0 = performance.now();
  for (let k = 0; k < monN; k++) log.enqueue(rec(i++));
  const enqUs = ((performance.now() - t0) * 1000) / monN;
  await log.flush();
  const monRate = monN / ((performance.now() - t0) / 1000);
  t0 = performance.now();
  const v = await verifyAuditLog(t.db, { hmacKey: 'bench' });
  const verRate = v.records / ((performance.now() - t0) / 1000);
  console.log(
    `| ${t.name} | ${seqMs.toFixed(2)} ms | ${Math.round(concRate)} /s | ${enqUs.toFixed(1)} µs | ${Math.round(monRate)} /s | ${Math.round(verRate)} /s (${v.records}, ok=${v.ok}) |`,
  );
  await log.close();
}

console.log(
  `load average: ${os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')} on ${os.cpus().length} cores`,
);
console.log(
  '| store | enforce append, one at a time (latency) | enforce append, 64 concurrent (group commit) | monitor enqueue (caller cost) | monitor throughput | verify |',
);
console.log('|---|---|---|---|---|---|');
for (const open of [openSqlite, openPostgres]) {
  const t = await open();
  try {
    await bench(t);
  } finally {
    await t.cleanup();
  }
}
