import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cvss3BaseScore, severityOfLabel, severityOfScore } from './cvss.js';

test('CVSS 3.x base scores match the specification calculator', () => {
  assert.equal(cvss3BaseScore('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H'), 9.8);
  assert.equal(cvss3BaseScore('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N'), 7.5);
  assert.equal(cvss3BaseScore('CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:N/I:H/A:H'), 8.1);
  assert.equal(cvss3BaseScore('CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N'), 6.1);
  assert.equal(cvss3BaseScore('CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H'), 10);
  assert.equal(cvss3BaseScore('CVSS:3.1/AV:L/AC:H/PR:H/UI:R/S:U/C:N/I:N/A:N'), 0);
  assert.equal(cvss3BaseScore('CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N'), undefined);
  assert.equal(cvss3BaseScore('CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H'), undefined);
  // Metric values named like Object.prototype members are unknown values, not table entries.
  for (const v of ['constructor', 'toString', '__proto__'])
    assert.equal(cvss3BaseScore(`CVSS:3.1/AV:${v}/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:${v}`), undefined, v);
});

test('severity bands', () => {
  assert.equal(severityOfScore(9.8), 'critical');
  assert.equal(severityOfScore(7.0), 'high');
  assert.equal(severityOfScore(6.9), 'medium');
  assert.equal(severityOfScore(0.1), 'low');
  assert.equal(severityOfScore(0), 'info');
  assert.equal(severityOfLabel('MODERATE'), 'medium');
  assert.equal(severityOfLabel('bogus'), undefined);
});
