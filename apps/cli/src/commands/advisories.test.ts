// `rampart advisories` as a user meets it: a real process, a temporary RAMPART_HOME, real records.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';

const MAIN = new URL('../main.ts', import.meta.url).pathname;
const OSV = new URL('../../../../packages/engine/src/advisories/testdata/osv', import.meta.url).pathname;
const home = mkdtempSync(join(tmpdir(), 'rampart-home-'));
after(() => rmSync(home, { recursive: true, force: true }));

function rampart(args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--conditions=rampart-src', MAIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, RAMPART_HOME: home, NO_COLOR: '1' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('import into $RAMPART_HOME, then status, query and scan use it', () => {
  const before = rampart(['advisories', 'status']);
  assert.equal(before.code, 0);
  assert.match(before.stdout, /curated set: \d+ advisories/);
  assert.match(before.stdout, /empty: run `rampart advisories import PATH`/);

  const imp = rampart(['advisories', 'import', OSV]);
  assert.equal(imp.code, 0, imp.stderr);
  assert.match(imp.stdout, /imported 3 of 5 records \(1 withdrawn or other ecosystems\)/);
  assert.match(imp.stdout, /PyPI 2, npm 1 advisories/);
  assert.match(imp.stderr, /skipped .*broken\.json/);

  assert.match(rampart(['advisories', 'status']).stdout, /PyPI 2, npm 1 advisories/);
  const q = rampart(['advisories', 'query', 'openai', '4.10.0', '-e', 'npm']);
  assert.match(q.stdout, /TEST-2026-0002 +\[medium\]/);
  assert.match(rampart(['advisories', 'query', 'openai', '4.20.1', '-e', 'npm']).stdout, /^0 advisories/m);

  const proj = mkdtempSync(join(tmpdir(), 'rampart-proj-'));
  writeFileSync(
    join(proj, 'package-lock.json'),
    JSON.stringify({ lockfileVersion: 3, packages: { 'node_modules/openai': { version: '4.10.0' } } }, null, 2),
  );
  const scan = rampart(['scan', proj, '--format', 'json']);
  rmSync(proj, { recursive: true, force: true });
  const result = JSON.parse(scan.stdout) as { findings: Array<{ ruleId: string; severity: string; message: string }> };
  const f = result.findings.find((x) => x.ruleId === 'pkg-vulnerable-ai-package');
  assert.ok(f, scan.stdout);
  assert.equal(f.severity, 'medium');
  assert.match(f.message, /TEST-2026-0002/);
});

test('usage errors exit 2 with a reason', () => {
  const missing = rampart(['advisories', 'import', join(home, 'nope')]);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /cannot read .*nope/);
  const range = rampart(['advisories', 'query', 'torch', '>=2']);
  assert.equal(range.code, 2);
  assert.match(range.stderr, /not a PyPI version/);
});
