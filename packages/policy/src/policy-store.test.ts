import assert from 'node:assert/strict';
import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ConfigError } from '@rampart/core';
import { PolicyStore } from './policy-store.js';
import { request } from './test-helpers.js';

const GOOD_ALLOW = 'version: 1\ndefault: allow\n';
const GOOD_DENY = 'version: 1\ndefault: deny\n';
const BAD = 'version: 1\ndefault: allow\ndetectors:\n  pii: { action: explode }\n';

describe('PolicyStore', () => {
  it('denies everything before the first successful load', () => {
    const s = new PolicyStore();
    const d = s.decide(request('use-model', 'model', 'm'));
    assert.deepEqual([d.effect, d.policyRevision, d.reasons[0]?.message], ['deny', 'none', 'no policy loaded']);
  });

  it('a bad file is rejected with file:line and the previous revision stays active', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rampart-policy-'));
    try {
      const file = join(dir, 'policy.yaml');
      writeFileSync(file, GOOD_ALLOW);
      const s = new PolicyStore();
      const first = await s.loadFile(file);
      writeFileSync(file, BAD);
      await assert.rejects(s.loadFile(file), (e: unknown) => {
        assert.ok(e instanceof ConfigError);
        assert.equal(e.line, 4);
        assert.ok(e.message.includes('policy.yaml:4'));
        return true;
      });
      assert.equal(s.revision(), first.revision);
      assert.equal(s.decide(request('use-model', 'model', 'm')).effect, 'allow');
      await assert.rejects(s.loadFile(join(dir, 'missing.yaml')), /cannot read/);
      await assert.rejects(s.loadFile(dir), /not a regular file/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('watch() hot-reloads good files (also when replaced by rename) and keeps the old one on errors', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rampart-policy-'));
    const file = join(dir, 'policy.yaml');
    writeFileSync(file, GOOD_ALLOW);
    const s = new PolicyStore();
    await s.loadFile(file);
    const events: string[] = [];
    let wake: () => void = () => {};
    // fs.watch is not persistent (a library must not hold the process open): keep the loop alive.
    const next = () =>
      new Promise<void>((resolve, reject) => {
        const guard = setTimeout(() => reject(new Error('no watch event within 5 s')), 5000);
        wake = () => {
          clearTimeout(guard);
          resolve();
        };
      });
    const stop = s.watch(file, {
      debounceMs: 20,
      onReload: (rev) => {
        events.push(`reload ${rev}`);
        wake();
      },
      onError: (e) => {
        events.push(`error ${e.line}`);
        wake();
      },
    });
    try {
      let n = next();
      writeFileSync(file, BAD);
      await n;
      assert.equal(events.at(-1), 'error 4');
      assert.equal(s.decide(request('use-model', 'model', 'm')).effect, 'allow');
      n = next();
      writeFileSync(join(dir, 'tmp'), GOOD_DENY);
      renameSync(join(dir, 'tmp'), file);
      await n;
      assert.match(events.at(-1) ?? '', /^reload sha256:/);
      assert.equal(s.decide(request('use-model', 'model', 'm')).effect, 'deny');
    } finally {
      stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
