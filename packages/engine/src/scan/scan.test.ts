// The engine against hostile trees: symlink loops and escapes, binaries with source extensions,
// oversized files, invalid UTF-8, detectors that throw or hang. None may crash the scan; each is
// reported with its path and reason, and everything else is still scanned.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { assetId, type Detector } from '@rampart/core';
import { scan } from './scan.js';

/** A test detector: reports a model asset and a finding for every text file mentioning "MODEL". */
const probe: Detector = {
  id: 'probe',
  version: '1',
  description: 'test probe',
  applies: (f) => f.path.endsWith('.py') || f.path.endsWith('.txt'),
  async analyze(file) {
    const text = await file.text();
    const line = text.split('\n').findIndex((l) => l.includes('MODEL'));
    if (line < 0) return {};
    const id = assetId('model', 'test', 'm');
    return {
      assets: [{ id, kind: 'model', name: 'm', locations: [{ path: file.path, line: line + 1 }], properties: {} }],
      findings: [
        { ruleId: 'test-probe-rule', assetId: id, location: { path: file.path, line: line + 1 }, message: 'probe hit' },
      ],
    };
  },
};

function tree(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), 'rampart-scan-'));
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(join(dir, rel, '..'), { recursive: true });
    writeFileSync(join(dir, rel), content);
  }
  return dir;
}

describe('scan engine', () => {
  it('merges one asset seen in many files into one asset with every location', async () => {
    const dir = tree({ 'a.py': 'MODEL\n', 'b/c.py': 'x\nMODEL\n', 'd.txt': 'MODEL' });
    const r = await scan({ paths: [dir], detectors: [probe] });
    assert.equal(r.assets.length, 1);
    assert.deepEqual(
      r.assets[0]!.locations.map((l) => `${l.path}:${l.line}`),
      ['a.py:1', 'b/c.py:2', 'd.txt:1'],
    );
    assert.equal(r.stats.filesSeen, 3);
  });

  it('honours .gitignore, default excludes, --include and --exclude', async () => {
    const dir = tree({
      '.gitignore': 'ignored/\n*.log\n',
      'ignored/a.py': 'MODEL',
      'x.log': 'MODEL',
      'node_modules/p/i.py': 'MODEL',
      'keep/a.py': 'MODEL',
      'keep/b.txt': 'MODEL',
      'skip/c.py': 'MODEL',
    });
    const r = await scan({ paths: [dir], detectors: [probe], exclude: ['skip/'] });
    assert.deepEqual(
      r.assets[0]!.locations.map((l) => l.path),
      ['keep/a.py', 'keep/b.txt'],
    );
    const onlyPy = await scan({ paths: [dir], detectors: [probe], include: ['*.py'], exclude: ['skip/'] });
    assert.deepEqual(
      onlyPy.assets[0]!.locations.map((l) => l.path),
      ['keep/a.py'],
    );
  });

  it('never follows a symlink out of the root, and survives symlink loops', async () => {
    const outside = tree({ 'secret.py': 'MODEL' });
    const dir = tree({ 'in.py': 'MODEL' });
    symlinkSync(outside, join(dir, 'escape'));
    symlinkSync(join(outside, 'secret.py'), join(dir, 'escape.py'));
    mkdirSync(join(dir, 'loop'));
    symlinkSync(join(dir, 'loop'), join(dir, 'loop', 'again'));
    symlinkSync(join(dir, 'nowhere'), join(dir, 'dangling.py'));
    const r = await scan({ paths: [dir], detectors: [probe] });
    assert.deepEqual(
      r.assets[0]!.locations.map((l) => l.path),
      ['in.py'],
    );
    const reasons = Object.fromEntries(r.skipped.map((s) => [s.path, s.reason]));
    assert.equal(reasons.escape, 'symlink-outside-root');
    assert.equal(reasons['escape.py'], 'symlink-outside-root');
    assert.equal(reasons['loop/again'], 'symlink-loop');
    assert.ok(reasons['dangling.py'], 'dangling link reported');
  });

  it('reports binaries with source extensions, invalid UTF-8 and oversized files, and scans the rest', async () => {
    const dir = tree({
      'bin.py': Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 1, 2]),
      'latin1.py': Buffer.from('MODEL caf\xe9\n', 'latin1'),
      'big.py': `MODEL${'x'.repeat(4096)}`,
      'ok.py': 'MODEL',
    });
    const r = await scan({ paths: [dir], detectors: [probe], limits: { maxFileBytes: 1024 } });
    assert.deepEqual(
      r.assets[0]!.locations.map((l) => l.path),
      ['ok.py'],
    );
    const reasons = Object.fromEntries(r.skipped.map((s) => [s.path, s.reason]));
    assert.equal(reasons['bin.py'], 'binary');
    assert.equal(reasons['big.py'], 'too-large');
    assert.ok(
      r.errors.some((e) => e.path === 'latin1.py' && e.code === 'E_PARSE'),
      JSON.stringify(r.errors),
    );
  });

  it('turns a throwing or hanging detector into an error for that file only', async () => {
    const thrower: Detector = {
      ...probe,
      id: 'thrower',
      applies: (f) => f.path === 'boom.py',
      analyze: async () => {
        throw new Error('kaboom');
      },
    };
    const hanger: Detector = {
      ...probe,
      id: 'hanger',
      applies: (f) => f.path === 'slow.py',
      analyze: () => new Promise(() => undefined),
    };
    // The detectors of one file share an abort signal until a timeout aborts it: the hanger's
    // signal must be aborted, and the next detector on the same file must start with a fresh one.
    const signals: Array<[string, AbortSignal]> = [];
    const hangerSeen: Detector = {
      ...hanger,
      analyze: (_f, ctx) => {
        signals.push(['hanger', ctx.signal]);
        return new Promise(() => undefined);
      },
    };
    const after: Detector = {
      ...probe,
      id: 'after',
      applies: (f) => f.path === 'slow.py',
      analyze: async (_f, ctx) => {
        signals.push(['after', ctx.signal]);
        return {};
      },
    };
    const dir = tree({ 'boom.py': 'MODEL', 'slow.py': 'MODEL', 'fine.py': 'MODEL' });
    const r = await scan({
      paths: [dir],
      detectors: [thrower, hangerSeen, probe, after],
      limits: { timeoutMs: 200 },
    });
    assert.ok(r.errors.some((e) => e.path === 'boom.py' && /kaboom/.test(e.message)));
    assert.ok(r.skipped.some((s) => s.path === 'slow.py' && s.reason === 'inconclusive'));
    assert.equal(r.assets[0]!.locations.length, 3, 'the probe still ran on every file');
    assert.deepEqual(
      signals.map(([id, s]) => [id, s.aborted]),
      [
        ['hanger', true],
        ['after', false],
      ],
    );
  });

  it('reports unknown rule ids as errors instead of inventing findings', async () => {
    const dir = tree({ 'a.py': 'MODEL' });
    const r = await scan({ paths: [dir], detectors: [probe] });
    assert.equal(r.findings.length, 0);
    assert.ok(r.errors.some((e) => e.code === 'E_RULE' && /test-probe-rule/.test(e.message)));
  });

  it('scans a single file by its own name', async () => {
    const dir = tree({ 'one.py': 'x\nMODEL' });
    const r = await scan({ paths: [join(dir, 'one.py')], detectors: [probe] });
    assert.deepEqual(r.assets[0]!.locations, [{ path: 'one.py', line: 2 }]);
  });
});
