import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkConstraint, readArg } from './constraints.js';
import type { ArgConstraint } from './policy-schema.js';

const c = (x: Partial<ArgConstraint> & { arg: string }): ArgConstraint => ({ required: false, ...x });

describe('argument constraints', () => {
  it('e-mail domains: display names, lists, case, subdomains; anything unparsable fails closed', () => {
    const rule = c({ arg: 'to', emailDomains: ['example.com', '.corp.example'] });
    const ok = (to: unknown) => checkConstraint(rule, { to }) === undefined;
    assert.ok(ok('a@example.com'));
    assert.ok(ok('Dana Doe <dana@EXAMPLE.com>'));
    assert.ok(ok('a@example.com, b@eu.corp.example'));
    assert.ok(ok(['a@example.com', 'b@x.corp.example']));
    assert.ok(!ok('a@sub.example.com'), 'exact domain does not cover subdomains');
    assert.ok(!ok('a@corp.example'), '.corp.example covers subdomains only');
    assert.ok(!ok('a@example.com.evil.test'));
    assert.ok(!ok('a@evil.test <b@example.com>x'));
    assert.ok(!ok('"a@example.com" <x@evil.test>'));
    assert.ok(!ok('not an address'));
    assert.ok(!ok(42));
    assert.ok(!ok(['a@example.com', 'b@evil.test']));
    assert.ok(ok(undefined), 'optional when not required');
    assert.match(checkConstraint({ ...rule, required: true }, {}) ?? '', /required/);
  });

  it('path prefixes: traversal, relative paths, NUL and sibling directories are refused', () => {
    const rule = c({ arg: 'path', pathPrefixes: ['/srv/shared/'] });
    const ok = (path: unknown) => checkConstraint(rule, { path }) === undefined;
    assert.ok(ok('/srv/shared/a.txt'));
    assert.ok(ok('/srv/shared/x/../b.txt'));
    assert.ok(ok('/srv/shared'));
    assert.ok(!ok('/srv/shared/../../etc/passwd'));
    assert.ok(!ok('/srv/shared2/a'));
    assert.ok(!ok('shared/a.txt'));
    assert.ok(!ok('/srv/shared/a\0.txt'));
    assert.ok(!ok({ path: '/srv/shared/a' }));
  });

  it('URL hosts, numeric ranges, enums and lengths', () => {
    const url = c({ arg: 'u', urlHosts: ['api.example.com'] });
    assert.equal(checkConstraint(url, { u: 'https://api.example.com/x' }), undefined);
    assert.ok(checkConstraint(url, { u: 'https://api.example.com@evil.test/' }));
    assert.ok(checkConstraint(url, { u: 'https://user:pw@api.example.com/' }));
    assert.ok(checkConstraint(url, { u: 'not a url' }));
    const amount = c({ arg: 'payment.amount', min: 0, max: 100 });
    assert.equal(checkConstraint(amount, { payment: { amount: 100 } }), undefined);
    assert.equal(checkConstraint(amount, { payment: { amount: '99.5' } }), undefined);
    assert.match(checkConstraint(amount, { payment: { amount: 100.01 } }) ?? '', /exceeds 100/);
    assert.match(checkConstraint(amount, { payment: { amount: -1 } }) ?? '', /below 0/);
    assert.match(checkConstraint(amount, { payment: { amount: '1e9' } }) ?? '', /not a number/);
    assert.match(checkConstraint(amount, { payment: { amount: Number.NaN } }) ?? '', /not a number/);
    assert.ok(checkConstraint(c({ arg: 'x', oneOf: ['a', 'b'] }), { x: 'c' }));
    assert.ok(checkConstraint(c({ arg: 'x', maxLength: 3 }), { x: 'abcd' }));
  });

  it('argument paths never walk prototypes', () => {
    assert.equal(readArg({}, '__proto__'), undefined);
    assert.equal(readArg({}, 'constructor.name'), undefined);
    assert.equal(readArg('str', 'length'), undefined);
    assert.equal(readArg({ a: [1] }, 'a.0'), undefined);
  });

  it('adversarial values stay bounded and fail closed', () => {
    const rule = c({ arg: 'to', emailDomains: ['example.com'] });
    assert.ok(checkConstraint(rule, { to: `${'<'.repeat(30_000)}a@example.com` }));
    assert.ok(checkConstraint(rule, { to: `<${' '.repeat(60_000)}` }));
    assert.match(checkConstraint(rule, { to: 'a'.repeat(70_000) }) ?? '', /too long/);
    assert.match(checkConstraint(rule, { to: Array(1000).fill('a@example.com') }) ?? '', /too many values/);
  });
});
