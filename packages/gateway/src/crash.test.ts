import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { copyFile, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { openStore } from '@rampart/store';
import { startMockUpstream } from './testing/mock-upstream.js';

const here = new URL('.', import.meta.url).pathname;

describe('gateway: kill -9 under load (enforce mode, real SQLite store)', () => {
  // auditSync normal gives up the fsync, not the write: a record is in the OS before its response completes.
  for (const sync of ['full', 'normal'] as const)
    it(`loses no decision whose response completed, and the audit chain verifies (auditSync: ${sync})`, () =>
      killUnderLoad(sync));
});

async function killUnderLoad(sync: 'full' | 'normal'): Promise<void> {
  const mock = await startMockUpstream({ record: false });
  const dir = await mkdtemp(join(tmpdir(), 'rampart-crash-'));
  await copyFile(join(here, 'testdata/policy.yaml'), join(dir, 'policy.yaml'));
  const db = join(dir, 'rampart.db');
  await writeFile(
    join(dir, 'rampart.yaml'),
    [
      'gateway:',
      '  listen: { host: 127.0.0.1, port: 0 }',
      '  mode: enforce',
      '  policy: ./policy.yaml',
      `  store: ${db}`,
      `  auditSync: ${sync}`,
      '  checks: { input: { budgetMs: 5000 }, output: { budgetMs: 5000 } }',
      '  upstreams:',
      `    local: { provider: openai-compatible, baseUrl: "${mock.url}" }`,
      '',
    ].join('\n'),
  );
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--conditions=rampart-src', join(here, 'testing/child-gateway.ts'), join(dir, 'rampart.yaml')],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const nl = out.indexOf('\n');
      if (nl !== -1) resolve(out.slice(0, nl));
    });
    child.once('exit', (code) => reject(new Error(`gateway exited early (${code})`)));
  });
  const completed: string[] = [];
  let stop = false;
  const body = JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hello there' }] });
  const worker = async (): Promise<void> => {
    while (!stop) {
      try {
        const r = await fetch(`${url}/v1/chat/completions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: 'Bearer rk-test-alice' },
          body,
        });
        const text = await r.text();
        if (r.status === 200 && text.includes('chatcmpl')) completed.push(r.headers.get('x-request-id')!);
      } catch {
        // connection cut by the kill: that response never completed
      }
    }
  };
  const workers = Array.from({ length: 16 }, worker);
  while (completed.length < 150) await new Promise((r) => setTimeout(r, 20));
  child.kill('SIGKILL');
  stop = true;
  await Promise.all(workers);
  await new Promise((r) => (child.exitCode !== null || child.signalCode !== null ? r(null) : child.once('exit', r)));
  await mock.close();

  const store = await openStore({ url: db });
  try {
    const v = await store.verifyAudit();
    assert.equal(v.ok, true, JSON.stringify(v.problems.slice(0, 3)));
    const logged = new Set<string>();
    for await (const r of store.audit.records()) if (r.record.requestId) logged.add(r.record.requestId);
    const missing = completed.filter((id) => !logged.has(id));
    assert.deepEqual(missing, [], `${missing.length} of ${completed.length} completed responses have no audit record`);
    assert.ok(completed.length >= 150);
  } finally {
    await store.close();
  }
}
