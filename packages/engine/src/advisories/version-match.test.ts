import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AffectedPackage } from './osv.js';
import { inRange, isAffected, specAdmitsAffected } from './version-match.js';

const pypi = (events: AffectedPackage['ranges'][number]['events'], versions: string[] = []): AffectedPackage => ({
  ecosystem: 'PyPI',
  name: 'x',
  ranges: [{ type: 'ECOSYSTEM', events }],
  versions,
});
const npm = (events: AffectedPackage['ranges'][number]['events']): AffectedPackage => ({
  ecosystem: 'npm',
  name: 'x',
  ranges: [{ type: 'SEMVER', events }],
  versions: [],
});

test('ECOSYSTEM ranges with PEP 440 ordering: introduced / fixed / last_affected', () => {
  const r = pypi([{ introduced: '0' }, { fixed: '0.0.247' }]);
  assert.equal(isAffected('PyPI', '0.0.171', r), true, '0.0.171 < 0.0.247 numerically, not as strings');
  assert.equal(isAffected('PyPI', '0.0.247', r), false);
  assert.equal(isAffected('PyPI', '0.0.1000', r), false);
  assert.equal(isAffected('PyPI', '0.0.247rc1', r), true, 'a pre-release of the fix is still affected');
  const la = pypi([{ introduced: '1.0' }, { last_affected: '1.4' }]);
  assert.equal(isAffected('PyPI', '1.4', la), true);
  assert.equal(isAffected('PyPI', '1.4.post1', la), false);
  assert.equal(isAffected('PyPI', '0.9', la), false);
  // Two windows in one range: reintroduced after a fix.
  const two = pypi([{ introduced: '1.0' }, { fixed: '1.2' }, { introduced: '2.0' }, { fixed: '2.1' }]);
  assert.deepEqual(
    ['0.5', '1.1', '1.5', '2.0.5', '2.1'].map((v) => isAffected('PyPI', v, two)),
    [false, true, false, true, false],
  );
  assert.equal(isAffected('PyPI', 'garbage!', r), undefined);
});

test('explicit versions lists count even without ranges', () => {
  const listed = pypi([], ['1.0', '1.1']);
  assert.equal(isAffected('PyPI', '1.1.0', listed), true, 'PEP 440 equality: 1.1.0 == 1.1');
  assert.equal(isAffected('PyPI', '1.2', listed), false);
});

test('npm SEMVER ranges', () => {
  const r = npm([{ introduced: '0' }, { fixed: '0.2.19' }]);
  assert.equal(isAffected('npm', '0.2.18', r), true);
  assert.equal(isAffected('npm', '0.2.19', r), false);
  assert.equal(isAffected('npm', '^1.0.0', r), undefined, 'a range is not a version');
  assert.equal(
    inRange('npm', '1.0.0', { type: 'SEMVER', events: [{ introduced: '1.0.0' }, { limit: '1.5.0' }] }),
    true,
  );
});

test('unpinned specs: does the spec admit an affected version?', () => {
  const r = pypi([{ introduced: '0' }, { fixed: '0.0.247' }]);
  assert.equal(specAdmitsAffected('PyPI', '', r), true);
  assert.equal(specAdmitsAffected('PyPI', '>=0.0.200', r), true);
  assert.equal(specAdmitsAffected('PyPI', '>=0.0.247', r), false);
  assert.equal(specAdmitsAffected('PyPI', '>0.0.246', r), true, '0.0.246.1 exists between the bound and the fix');
  assert.equal(specAdmitsAffected('PyPI', '>0.0.247', r), false);
  assert.equal(specAdmitsAffected('PyPI', '~=0.1.0', r), false);
  assert.equal(specAdmitsAffected('PyPI', '<0.0.100', r), true);
  assert.equal(specAdmitsAffected('PyPI', '==0.0.*', r), true);
  assert.equal(specAdmitsAffected('PyPI', 'weird', r), true, 'unreadable specs are not assumed safe');
  const n = npm([{ introduced: '0' }, { fixed: '4.0.0' }]);
  assert.equal(specAdmitsAffected('npm', '^3.1.0', n), true);
  assert.equal(specAdmitsAffected('npm', '^4.2.0', n), false);
  assert.equal(specAdmitsAffected('npm', '>=3.9.0 <5', n), true);
});
