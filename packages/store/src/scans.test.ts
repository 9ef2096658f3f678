import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ScanResult } from '@rampart/core';
import { ScanStore } from './scans.js';
import { DIALECTS, type TestDb } from './test-stores.js';

function result(findings: number): ScanResult {
  return {
    schemaVersion: '1',
    tool: { name: 'rampart', version: '0.1.0' },
    root: '/srv/app',
    assets: [],
    relations: [],
    findings: Array.from({ length: findings }, (_, i) => ({
      id: `f${i}`,
      ruleId: 'model-pickle-unsafe-import',
      title: 'Unsafe pickle import',
      severity: i === 0 ? 'critical' : 'low',
      message: 'test finding',
      location: { path: `m${i}.pkl` },
      frameworks: {},
      remediation: 'load with weights_only',
      fingerprint: `fp${i}`,
    })),
    errors: [],
    skipped: [],
    stats: {
      filesSeen: 3,
      filesAnalyzed: 3,
      bytesRead: 100,
      durationMs: 12,
      bySeverity: { critical: 1, low: Math.max(0, findings - 1) },
      byAssetKind: {},
      suppressed: 0,
    },
  };
}

for (const [name, open] of DIALECTS) {
  describe(`scans on ${name}`, () => {
    let t: TestDb;
    before(async () => {
      t = await open();
    });
    after(async () => {
      await t.cleanup();
    });

    it('summarises findings by severity and round-trips the full result', async () => {
      const s = new ScanStore(t.db);
      const saved = await s.save(result(3));
      assert.deepEqual([saved.findings, saved.maxSeverity], [3, 'critical']);
      assert.deepEqual(await s.get(saved.id), result(3));
      await s.delete(saved.id);
    });

    it('stores a result with a summary, lists newest first and rejects a corrupted row', async () => {
      const s = new ScanStore(t.db);
      const a = await s.save(result(0), { createdAt: '2026-01-01T00:00:00.000Z' });
      const b = await s.save(result(0), { createdAt: '2026-02-01T00:00:00.000Z' });
      assert.deepEqual(
        (await s.list()).map((x) => x.id),
        [b.id, a.id],
      );
      assert.equal((await s.get(a.id))?.root, '/srv/app');
      assert.equal(await s.get('nope'), undefined);
      await t.db.db.updateTable('scans').set({ result: '{"schemaVersion":"9"}' }).where('id', '=', a.id).execute();
      await assert.rejects(s.get(a.id), /does not match the ScanResult schema/);
      assert.equal(await s.delete(b.id), true);
    });
  });
}
