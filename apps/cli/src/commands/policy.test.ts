// `rampart policy validate|test|keygen` as a user runs them: real processes, exit codes, messages.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { compilePolicyText } from '@rampart/policy';

const MAIN = new URL('../main.ts', import.meta.url).pathname;
const EXAMPLES = new URL('../../../../examples/policies/', import.meta.url).pathname;

function rampart(args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--conditions=rampart-src', MAIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('rampart policy', () => {
  it('validate: 0 for the example, 2 with file:line for a broken policy', () => {
    const ok = rampart(['policy', 'validate', `${EXAMPLES}default.yaml`]);
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, /revision sha256:[0-9a-f]{16}/);
    const dir = mkdtempSync(join(tmpdir(), 'rampart-policy-cli-'));
    const bad = join(dir, 'bad.yaml');
    writeFileSync(
      bad,
      'version: 1\npolicies:\n  - id: p\n    cedar: |\n      permit(principal, action, resource) when { resource.nam == "x" };\n',
    );
    const r = rampart(['policy', 'validate', bad]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /bad\.yaml:5: policies\[0\] \(p\): .*nam/);
  });

  it('test: 0 when every case passes, 1 when one fails', () => {
    const ok = rampart(['policy', 'test', `${EXAMPLES}default.test.yaml`]);
    assert.equal(ok.code, 0, ok.stdout + ok.stderr);
    assert.match(ok.stdout, /24 passed, 0 failed/);
    const failing = new URL('../../../../packages/policy/src/testdata/failing.test.yaml', import.meta.url).pathname;
    const r = rampart(['policy', 'test', failing, '-f', 'json']);
    assert.equal(r.code, 1);
    const [report] = JSON.parse(r.stdout) as { failed: number }[];
    assert.equal(report?.failed, 2);
  });

  it('keygen: the printed entry compiles and authenticates the printed key', () => {
    const r = rampart(['policy', 'keygen', '--id', 'dana', '--principal', 'dana@example.com', '--role', 'developer']);
    assert.equal(r.code, 0, r.stderr);
    const key = /^key: (rk-\S+)$/m.exec(r.stdout)?.[1] ?? '';
    const entry = r.stdout.split('# policy file entry (keys:)\n')[1] ?? '';
    const engine = compilePolicyText(`version: 1\nkeys:\n${entry}`);
    assert.ok(key.length > 40);
    assert.equal(engine.keysByHash.size, 1);
    assert.ok(!entry.includes(key));
  });
});
