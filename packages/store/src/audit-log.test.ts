import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { sql } from 'kysely';
import { AuditLog, type AuditLogOptions, chainBody, chainHash } from './audit-log.js';
import type { AuditRecord } from './audit-types.js';
import { canonicalJson } from './canonical-json.js';
import { DIALECTS, type TestDb } from './test-stores.js';
import { verifyAuditLog } from './verify-audit.js';

const KEY = 'test-hmac-key-not-a-secret';

function rec(i: number, extra: Partial<AuditRecord> = {}): AuditRecord {
  return {
    requestId: `req-${i}`,
    keyId: 'alice',
    principal: 'alice@example.com',
    route: '/v1/chat/completions',
    model: 'gpt-4o',
    outcome: i % 3 === 0 ? 'blocked' : 'allowed',
    decisions: [
      {
        stage: 'input',
        action: 'use-model',
        resource: 'gpt-4o',
        id: `d-${i}`,
        effect: i % 3 === 0 ? 'deny' : 'allow',
        mode: 'enforce',
        policyRevision: 'sha256:0123456789abcdef',
        reasons: ['test'],
      },
    ],
    detections: [{ type: 'pii', detector: 'pii-regex', score: 0.9, flagged: true }],
    status: 200,
    latencyMs: 1.25,
    tokens: { input: 10, output: 20 },
    ...extra,
  };
}

type MakeLog = (opts?: AuditLogOptions) => AuditLog;

async function seed(mk: MakeLog, n: number, key: string | undefined = KEY): Promise<AuditLog> {
  const log = mk(key === undefined ? {} : { hmacKey: key });
  await Promise.all(Array.from({ length: n }, (_, i) => log.append(rec(i + 1))));
  return log;
}

it('chainBody is the canonical JSON of { seq, ts, prev, record }', () => {
  const r = rec(7, { error: 'a "quoted"\nline', tokens: { input: null, output: 3 } });
  const prev = 'ab'.repeat(32);
  const ts = '2026-01-02T03:04:05.678Z';
  assert.equal(chainBody(12, ts, prev, canonicalJson(r)), canonicalJson({ seq: 12, ts, prev, record: r }));
});

describe('audit log group commit (SQLite)', () => {
  it('appends made in one turn share one transaction; each resolves after it committed', async () => {
    const [, open] = DIALECTS.find(([n]) => n === 'sqlite')!;
    const t = await open();
    try {
      const sqlite = t.db.sqlite!;
      let transactions = 0;
      const real = sqlite.transaction.bind(sqlite);
      sqlite.transaction = ((fn: (...a: unknown[]) => unknown) => {
        transactions++;
        return real(fn);
      }) as typeof sqlite.transaction;
      const log = new AuditLog(t.db, { hmacKey: KEY });
      const acks = await Promise.all(Array.from({ length: 100 }, (_, i) => log.append(rec(i + 1))));
      assert.equal(transactions, 1);
      assert.deepEqual(
        acks.map((a) => a.seq),
        Array.from({ length: 100 }, (_, i) => i + 1),
      );
      // Committed, not just written: a second connection sees every acknowledged record.
      const other = new Database(t.options.url!, { readonly: true });
      const n = other.prepare('select count(*) as n from audit_log').get() as { n: number };
      other.close();
      assert.equal(n.n, 100);
      const v = await verifyAuditLog(t.db, { hmacKey: KEY });
      assert.deepEqual(v.problems, []);
    } finally {
      await t.cleanup();
    }
  });
});

// Every behaviour on both dialects, and on SQLite once more with commits on the writer thread
// (sqlite-audit-writer.ts), as the gateway runs it.
const VARIANTS = [
  ...DIALECTS.map(([name, open]) => [name, open, false] as const),
  ['sqlite', DIALECTS[0][1], true] as const,
];

for (const [dialect, open, writerThread] of VARIANTS) {
  const name = writerThread ? `${dialect} (writer thread)` : dialect;
  describe(`audit log on ${name}`, () => {
    let t: TestDb;
    const logs: AuditLog[] = [];
    const mk: MakeLog = (opts = {}) => {
      const log = new AuditLog(t.db, writerThread ? { ...opts, writerThread, threadMinGroup: 1 } : opts);
      logs.push(log);
      return log;
    };
    before(async () => {
      t = await open();
    });
    after(async () => {
      for (const l of logs) await l.close().catch(() => undefined);
      await t.cleanup();
    });

    async function fresh(): Promise<void> {
      await t.db.db.deleteFrom('audit_log').execute();
      await t.db.db
        .updateTable('audit_head')
        .set({ seq: 0, hash: '0'.repeat(64), mac: null })
        .where('id', '=', 1)
        .execute();
    }

    it('appends concurrently into one contiguous chain that verifies', async () => {
      await fresh();
      const log = await seed(mk, 120);
      const v = await verifyAuditLog(t.db, { hmacKey: KEY });
      assert.deepEqual(v.problems, []);
      assert.equal(v.ok, true);
      assert.equal(v.records, 120);
      assert.equal(v.head?.seq, 120);
      const seqs: number[] = [];
      for await (const r of log.records()) seqs.push(r.seq);
      assert.deepEqual(
        seqs,
        Array.from({ length: 120 }, (_, i) => i + 1),
      );
    });

    it('a record that cannot be encoded fails alone; the others in its group commit', async () => {
      await fresh();
      const log = mk({ hmacKey: KEY });
      const results = await Promise.allSettled([
        log.append(rec(1)),
        log.append(rec(2, { latencyMs: Number.NaN })),
        log.append(rec(3)),
      ]);
      assert.deepEqual(
        results.map((r) => r.status),
        ['fulfilled', 'rejected', 'fulfilled'],
      );
      const v = await verifyAuditLog(t.db, { hmacKey: KEY });
      assert.deepEqual(v.problems, []);
      assert.equal(v.records, 2);
    });

    it('detects an edited record', async () => {
      await fresh();
      await seed(mk, 10);
      const row = await t.db.db.selectFrom('audit_log').select('body').where('seq', '=', 4).executeTakeFirstOrThrow();
      const edited = row.body.replace('"outcome":"allowed"', '"outcome":"blocked"');
      assert.notEqual(edited, row.body);
      await t.db.db.updateTable('audit_log').set({ body: edited }).where('seq', '=', 4).execute();
      const v = await verifyAuditLog(t.db, { hmacKey: KEY });
      assert.equal(v.ok, false);
      assert.ok(
        v.problems.some((p) => p.seq === 4 && p.kind === 'edited'),
        JSON.stringify(v.problems),
      );
    });

    it('detects an edited index column that the body does not back', async () => {
      await fresh();
      await seed(mk, 5);
      await t.db.db.updateTable('audit_log').set({ outcome: 'allowed' }).where('seq', '=', 3).execute();
      const v = await verifyAuditLog(t.db, { hmacKey: KEY });
      assert.ok(v.problems.some((p) => p.seq === 3 && p.kind === 'edited' && p.message.includes('outcome')));
    });

    it('detects a deleted record', async () => {
      await fresh();
      await seed(mk, 10);
      await t.db.db.deleteFrom('audit_log').where('seq', '=', 6).execute();
      const v = await verifyAuditLog(t.db, { hmacKey: KEY });
      assert.equal(v.ok, false);
      assert.ok(
        v.problems.some((p) => p.kind === 'missing' && p.seq === 7),
        JSON.stringify(v.problems),
      );
    });

    it('detects reordering (two records swapped)', async () => {
      await fresh();
      await seed(mk, 10);
      const db = t.db.db;
      await db.updateTable('audit_log').set({ seq: -1 }).where('seq', '=', 3).execute();
      await db.updateTable('audit_log').set({ seq: 3 }).where('seq', '=', 5).execute();
      await db.updateTable('audit_log').set({ seq: 5 }).where('seq', '=', -1).execute();
      const v = await verifyAuditLog(t.db, { hmacKey: KEY });
      assert.equal(v.ok, false);
      assert.ok(
        v.problems.some((p) => p.kind === 'reordered' && p.seq === 3),
        JSON.stringify(v.problems),
      );
    });

    it('detects truncation of the tail, and a rewritten head when keyed', async () => {
      await fresh();
      await seed(mk, 10);
      await t.db.db.deleteFrom('audit_log').where('seq', '>', 7).execute();
      let v = await verifyAuditLog(t.db, { hmacKey: KEY });
      assert.ok(v.problems.some((p) => p.kind === 'truncated'));
      // The attacker also moves the head back, but cannot compute its HMAC.
      const last = await t.db.db.selectFrom('audit_log').select('hash').where('seq', '=', 7).executeTakeFirstOrThrow();
      await t.db.db.updateTable('audit_head').set({ seq: 7, hash: last.hash }).where('id', '=', 1).execute();
      v = await verifyAuditLog(t.db, { hmacKey: KEY });
      assert.equal(v.ok, false);
      assert.ok(v.problems.some((p) => p.kind === 'head' && p.message.includes('signature')));
      // Without the key this rollback is invisible, unless a head was anchored elsewhere.
      v = await verifyAuditLog(t.db, { hmacKey: '' });
      const unsigned = await verifyAuditLog(t.db, { expectHead: { seq: 9, hash: 'x'.repeat(64) } });
      assert.ok(unsigned.problems.some((p) => p.kind === 'anchor'));
    });

    it('bounds the monitor queue and records drops in the chain', async () => {
      await fresh();
      const log = mk({ hmacKey: KEY, queueCapacity: 5, batchMs: 10_000 });
      const accepted = Array.from({ length: 12 }, (_, i) => log.enqueue(rec(i + 1))).filter(Boolean).length;
      assert.equal(accepted, 5);
      assert.equal(log.stats().dropped, 7);
      await log.flush();
      const kinds: string[] = [];
      let dropped: unknown;
      for await (const r of log.records()) {
        kinds.push(r.record.kind ?? 'request');
        if (r.record.kind === 'audit-dropped') dropped = r.record.details?.dropped;
      }
      assert.deepEqual(kinds, ['request', 'request', 'request', 'request', 'request', 'audit-dropped']);
      assert.equal(dropped, 7);
      assert.equal((await verifyAuditLog(t.db, { hmacKey: KEY })).ok, true);
    });

    it('hashes content by default and never stores it raw', async () => {
      await fresh();
      const log = mk({ hmacKey: KEY });
      await log.append(rec(1, { content: 'my card is 4111 1111 1111 1111' }));
      const row = await t.db.db.selectFrom('audit_log').select('body').executeTakeFirstOrThrow();
      assert.ok(!row.body.includes('4111'));
      assert.match(row.body, /"contentSha256":"[0-9a-f]{64}"/);
    });

    it('keeps one chain when two processes append at once', async () => {
      await fresh();
      const child = fileURLToPath(new URL('./testdata/append-child.ts', import.meta.url));
      const run = (tag: string) =>
        new Promise<number | null>((resolve) => {
          const args = [t.options.url ?? '', t.options.schema ?? '', '15', tag, KEY, writerThread ? 'thread' : ''];
          const p = spawn(process.execPath, ['--import', 'tsx', '--conditions=rampart-src', child, ...args], {
            stdio: ['ignore', 'ignore', 'inherit'],
          });
          p.on('exit', (code) => resolve(code));
        });
      const codes = await Promise.all([run('a'), run('b')]);
      assert.deepEqual(codes, [0, 0]);
      const v = await verifyAuditLog(t.db, { hmacKey: KEY });
      assert.deepEqual(v.problems, []);
      assert.equal(v.records, 60);
    });

    it('mirrors committed records to a JSON-lines file that a SIEM can verify on its own', async () => {
      await fresh();
      const dir = mkdtempSync(join(tmpdir(), 'rampart-jsonl-'));
      const file = join(dir, 'audit.jsonl');
      const log = mk({ hmacKey: KEY, jsonlPath: file });
      await log.append(rec(1));
      log.enqueue(rec(2));
      await log.close();
      const lines = readFileSync(file, 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      assert.equal(lines.length, 2);
      let prev = '0'.repeat(64);
      for (const l of lines) {
        const { hash, ...rest } = l;
        assert.equal(rest.prev, prev);
        assert.equal(chainHash(prev, canonicalJson(rest)), hash);
        prev = hash as string;
      }
      rmSync(dir, { recursive: true, force: true });
    });

    it('kill -9 under load: every acknowledged durable append survives and the chain verifies', async () => {
      await fresh();
      const child = fileURLToPath(new URL('./testdata/crash-child.ts', import.meta.url));
      const args = [t.options.url ?? '', t.options.schema ?? '', KEY, writerThread ? 'thread' : ''];
      const p = spawn(process.execPath, ['--import', 'tsx', '--conditions=rampart-src', child, ...args], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      const acked: string[] = [];
      let buf = '';
      await new Promise<void>((resolve) => {
        p.stdout.on('data', (chunk: Buffer) => {
          buf += chunk.toString('utf8');
          const parts = buf.split('\n');
          buf = parts.pop() ?? '';
          acked.push(...parts);
          if (acked.length >= 150 && p.exitCode === null && !p.killed) {
            p.kill('SIGKILL');
            resolve();
          }
        });
        p.on('exit', () => resolve());
      });
      await new Promise((r) => p.once('close', r));
      assert.ok(acked.length >= 150, `child acknowledged only ${acked.length} appends`);
      const v = await verifyAuditLog(t.db, { hmacKey: KEY });
      assert.deepEqual(v.problems, []);
      const stored = new Set(
        (await t.db.db.selectFrom('audit_log').select('request_id').execute()).map((r) => r.request_id),
      );
      const lost = acked.filter((id) => !stored.has(id));
      assert.deepEqual(lost, []);
    });

    it('verifies an empty log', async () => {
      await fresh();
      const v = await verifyAuditLog(t.db, { hmacKey: KEY });
      assert.deepEqual(v.problems, []);
      assert.equal(v.ok, true);
      assert.equal(v.records, 0);
      const n = await sql<{ n: number }>`select count(*) as n from audit_log`.execute(t.db.db);
      assert.equal(Number(n.rows[0]?.n), 0);
    });
  });
}
