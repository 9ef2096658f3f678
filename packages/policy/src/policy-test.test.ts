import assert from 'node:assert/strict';
import { it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { runPolicyTests } from './policy-test.js';

const examples = fileURLToPath(new URL('../../../examples/policies/', import.meta.url));
const testdata = fileURLToPath(new URL('./testdata/', import.meta.url));

it('the example policy passes its own tests', async () => {
  const r = await runPolicyTests(`${examples}default.test.yaml`);
  const failed = r.results.filter((x) => !x.ok).map((x) => `${x.name}: ${x.failures.join('; ')}`);
  assert.deepEqual(failed, []);
  assert.ok(r.passed >= 20);
});

it('a wrong expectation fails with the case line and the actual reasons', async () => {
  const r = await runPolicyTests(`${testdata}failing.test.yaml`);
  assert.equal(r.failed, 2);
  const [first, second] = r.results;
  assert.equal(first?.line, 4);
  assert.match(first?.failures[0] ?? '', /effect: expected allow, got deny/);
  assert.match(first?.failures.at(-1) ?? '', /rampart:default/);
  assert.match(second?.failures[0] ?? '', /unknown key nobody/);
});

it('a malformed test file is a ConfigError with file:line', async () => {
  await assert.rejects(
    runPolicyTests(`${testdata}malformed.test.yaml`),
    /malformed\.test\.yaml:5: tests\.0\.expect\.effect/,
  );
});

it('a test case can give the media counts a request carries', async () => {
  const r = await runPolicyTests(`${testdata}media.test.yaml`);
  const failed = r.results.filter((x) => !x.ok).map((x) => `${x.name}: ${x.failures.join('; ')}`);
  assert.deepEqual(failed, []);
  assert.equal(r.passed, 3);
});
