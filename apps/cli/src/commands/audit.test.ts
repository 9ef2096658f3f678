// `rampart audit` and `rampart approvals` as an operator runs them: real processes on a real
// SQLite store that the test fills through @rampart/store, as the gateway would.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { openStore } from '@rampart/store';

const MAIN = new URL('../main.ts', import.meta.url).pathname;

function rampart(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--conditions=rampart-src', MAIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', RAMPART_AUDIT_KEY: '', ...env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

async function seeded(n: number): Promise<string> {
  const db = join(mkdtempSync(join(tmpdir(), 'rampart-audit-cli-')), 'rampart.db');
  const store = await openStore({ url: db, audit: { hmacKey: 'k' } });
  for (let i = 1; i <= n; i++) {
    await store.audit.append({
      requestId: `r${i}`,
      keyId: 'alice',
      route: '/v1/chat/completions',
      model: 'gpt-4o',
      outcome: i === 2 ? 'blocked' : 'allowed',
      decisions: [
        {
          stage: 'input',
          action: 'use-model',
          resource: 'gpt-4o',
          id: `d${i}`,
          effect: i === 2 ? 'deny' : 'allow',
          mode: 'enforce',
          policyRevision: 'sha256:0011223344556677',
          reasons: i === 2 ? ['prompt-injection detected'] : [],
        },
      ],
      status: i === 2 ? 403 : 200,
      latencyMs: 3,
    });
  }
  await store.close();
  return db;
}

describe('rampart audit', () => {
  it('verify: 0 on an intact chain, 1 after a record is edited; head and anchoring', async () => {
    const db = await seeded(5);
    const ok = rampart(['audit', 'verify', '--db', db], { RAMPART_AUDIT_KEY: 'k' });
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, /^ok: 5 records, head 5:[0-9a-f]{64}, head signature checked/);
    const head = rampart(['audit', 'head', '--db', db]).stdout.trim();
    assert.match(head, /^5:[0-9a-f]{64}$/);

    const store = await openStore({ url: db });
    await store.db.db.updateTable('audit_log').set({ body: '{"seq":3}' }).where('seq', '=', 3).execute();
    await store.close();
    const bad = rampart(['audit', 'verify', '--db', db, '-f', 'json'], { RAMPART_AUDIT_KEY: 'k' });
    assert.equal(bad.code, 1);
    const v = JSON.parse(bad.stdout) as { ok: boolean; problems: { seq: number; kind: string }[] };
    assert.equal(v.ok, false);
    assert.ok(v.problems.some((p) => p.seq === 3 && p.kind === 'edited'));
    assert.equal(rampart(['audit', 'verify', '--db', db, '--expect-head', 'nonsense']).code, 2);
  });

  it('export: JSON lines and OCSF API Activity events', async () => {
    const db = await seeded(3);
    const jsonl = rampart(['audit', 'export', '--db', db, '--from', '2']);
    assert.equal(jsonl.code, 0, jsonl.stderr);
    const lines = jsonl.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { seq: number; hash: string });
    assert.deepEqual(
      lines.map((l) => l.seq),
      [2, 3],
    );
    const out = join(mkdtempSync(join(tmpdir(), 'rampart-ocsf-')), 'events.jsonl');
    assert.equal(rampart(['audit', 'export', '--db', db, '--format', 'ocsf', '-o', out]).code, 0);
    const events = readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.equal(events.length, 3);
    const blocked = events[1] as {
      class_uid: number;
      type_uid: number;
      status_id: number;
      disposition: string;
      actor: unknown;
    };
    assert.equal(blocked.class_uid, 6003);
    assert.equal(blocked.type_uid, 600399);
    assert.equal(blocked.status_id, 2);
    assert.equal(blocked.disposition, 'Blocked');
    assert.deepEqual(blocked.actor, { user: { uid: 'alice' } });
  });

  it('exits 2 when there is no store', () => {
    const r = rampart(['audit', 'verify', '--db', join(tmpdir(), 'no-such-dir-rampart', 'x.db')]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /no store at/);
  });
});

describe('rampart approvals', () => {
  it('lists pending approvals, approves one, refuses a second decision, and audits the decision', async () => {
    const db = await seeded(1);
    const store = await openStore({ url: db });
    const id = await store.approvals.request({
      identity: { keyId: 'alice', principal: 'alice@example.com' },
      tool: 'send_email',
      argsPreview: '{"to":"dana@example.com"}',
      // Generous: cold `tsx` start-ups of the CLI on a busy 2-core machine can take a minute.
      timeoutMs: 3_600_000,
    });
    await store.close();

    const list = rampart(['approvals', 'list', '--db', db]);
    assert.equal(list.code, 0, list.stderr);
    assert.match(list.stdout, new RegExp(`${id}\\s+pending\\s+send_email`));
    const ok = rampart(['approvals', 'approve', id, '--db', db, '--by', 'bob', '--note', 'expected']);
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, /approved/);
    const again = rampart(['approvals', 'deny', id, '--db', db]);
    assert.equal(again.code, 2);
    assert.match(again.stderr, /already approved/);

    const check = await openStore({ url: db });
    const kinds: string[] = [];
    for await (const r of check.audit.records()) kinds.push(r.record.kind ?? 'request');
    assert.deepEqual(kinds, ['request', 'approval']);
    await check.close();
  });
});
