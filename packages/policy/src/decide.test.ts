import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hashVirtualKey } from './keys.js';
import { ALICE, detection, engine, request } from './test-helpers.js';

const PERMIT_MODELS = `
policies:
  - id: models
    cedar: permit(principal, action == Action::"use-model", resource);
`;

describe('decide: Cedar authorization', () => {
  it('denies by default when no policy permits', () => {
    const d = engine('').decide(request('use-model', 'model', 'gpt-4o'));
    assert.equal(d.effect, 'deny');
    assert.equal(d.mode, 'enforce');
    assert.equal(d.reasons[0]?.policyId, 'rampart:default');
  });

  it('allows with `default: allow`, and a permit grants', () => {
    assert.equal(engine('default: allow').decide(request('use-model', 'model', 'm')).effect, 'allow');
    const d = engine(PERMIT_MODELS).decide(request('use-model', 'model', 'gpt-4o'));
    assert.equal(d.effect, 'allow');
    assert.deepEqual(
      d.reasons.map((r) => r.policyId),
      ['models'],
    );
    assert.match(d.policyRevision, /^sha256:[0-9a-f]{16}$/);
    assert.match(d.id, /^[0-9a-f-]{36}$/);
  });

  it('forbid overrides permit, and reasons name every forbid that held', () => {
    const e = engine(`${PERMIT_MODELS}
  - id: no-gpt
    message: no GPT here
    cedar: forbid(principal, action, resource) when { resource.name like "gpt-*" };`);
    const d = e.decide(request('use-model', 'model', 'gpt-4o'));
    assert.equal(d.effect, 'deny');
    assert.deepEqual(d.reasons, [{ policyId: 'no-gpt', message: 'no GPT here' }]);
    assert.equal(e.decide(request('use-model', 'model', 'claude-3')).effect, 'allow');
  });

  it('team ancestry: a key in a sub-team is `in` the parent team', () => {
    const e = engine(`
teams:
  - { id: ml, parents: [engineering] }
  - { id: engineering, parents: [company] }
policies:
  - id: company
    cedar: permit(principal in Team::"company", action, resource);`);
    assert.equal(e.decide(request('use-model', 'model', 'x')).effect, 'allow');
    assert.equal(e.decide(request('use-model', 'model', 'x', {}, { ...ALICE, team: 'sales' })).effect, 'deny');
  });

  it('monitor-mode forbid: effect deny, mode monitor, applied allow', () => {
    const e = engine(`${PERMIT_MODELS}
  - id: trial
    mode: monitor
    cedar: forbid(principal, action, resource) when { resource.name == "gpt-4o" };`);
    const d = e.decide(request('use-model', 'model', 'gpt-4o'));
    assert.deepEqual([d.effect, d.mode, d.applied], ['deny', 'monitor', 'allow']);
    assert.equal(d.reasons[0]?.policyId, 'trial');
  });

  it('a stricter monitor-mode outcome never masks an enforced redaction', () => {
    const e = engine(`default: allow
detectors:
  pii: { action: redact }
policies:
  - id: trial-deny
    mode: monitor
    cedar: forbid(principal, action, resource) when { context.detections.contains("pii") };`);
    const d = e.decide(request('use-model', 'model', 'm', { detections: [detection('pii')] }));
    assert.deepEqual([d.effect, d.mode, d.applied, d.monitorEffect], ['redact', 'enforce', 'redact', 'deny']);
    assert.deepEqual(d.obligations.redact, ['pii']);
    assert.ok(d.reasons.some((r) => r.policyId === 'trial-deny' && r.message.startsWith('(monitor: would deny)')));
  });

  it('a detectors redact shorthand rewrites text, not tool-call arguments; deny shorthands cover tools too', () => {
    const e = engine(`default: allow
detectors:
  pii: { action: redact }
  secret: { action: deny }`);
    const pii = { detections: [detection('pii', 1, 'model-output')] };
    assert.equal(e.decide(request('emit-output', 'model', 'm', pii)).effect, 'redact');
    assert.equal(e.decide(request('use-model', 'model', 'm', { detections: [detection('pii')] })).effect, 'redact');
    assert.equal(e.decide(request('call-tool', 'tool', 'send_email', pii)).effect, 'allow');
    const secret = { detections: [detection('secret', 1, 'model-output')] };
    assert.equal(e.decide(request('call-tool', 'tool', 'http_get', secret)).effect, 'deny');
  });

  it('a monitor-mode permit never grants', () => {
    const e = engine(`
policies:
  - id: trial-permit
    mode: monitor
    cedar: permit(principal, action, resource);`);
    const d = e.decide(request('use-model', 'model', 'x'));
    assert.deepEqual([d.effect, d.applied, d.mode], ['deny', 'deny', 'enforce']);
  });

  it('obligations: redact and require-approval do not grant on their own', () => {
    const e = engine(`
policies:
  - id: hold
    effect: require-approval
    approvalTimeoutSeconds: 30
    cedar: permit(principal, action == Action::"call-tool", resource);`);
    assert.equal(e.decide(request('call-tool', 'tool', 't')).effect, 'deny');
    const granted = engine(`default: allow
policies:
  - id: hold
    effect: require-approval
    approvalTimeoutSeconds: 30
    cedar: permit(principal, action == Action::"call-tool", resource);`);
    const d = granted.decide(request('call-tool', 'tool', 't'));
    assert.equal(d.effect, 'require-approval');
    assert.equal(d.obligations.approvalTimeoutMs, 30_000);
  });

  it('an effect that contradicts the Cedar keyword is refused at load', () => {
    assert.throws(
      () => engine('policies:\n  - id: x\n    effect: redact\n    cedar: forbid(principal, action, resource);'),
      /effect redact needs a permit policy/,
    );
  });

  it('never throws on a malformed request: mismatched action/resource and oversize ids deny', () => {
    const e = engine('default: allow');
    assert.match(e.decide(request('call-tool', 'model', 'x')).reasons[0]?.message ?? '', /does not apply/);
    assert.equal(e.decide(request('use-model', 'model', 'x'.repeat(10_000))).effect, 'deny');
    assert.equal(e.decide(request('nope' as 'use-model', 'model', 'x')).effect, 'deny');
  });

  it('memoised decisions are fresh objects: new ids, and mutating one does not leak into the next', () => {
    const e = engine(PERMIT_MODELS);
    const a = e.decide(request('use-model', 'model', 'a'));
    a.reasons.push({ message: 'tampered' });
    a.obligations.redact.push('x');
    const b = e.decide(request('use-model', 'model', 'a'));
    const c = e.decide(request('use-model', 'model', 'a'));
    assert.notEqual(b.id, a.id);
    assert.notEqual(c.id, b.id);
    assert.deepEqual(
      b.reasons.map((r) => r.policyId),
      ['models'],
    );
    assert.deepEqual(c.obligations.redact, []);
  });

  it('memoises Cedar results per distinct request', () => {
    const e = engine(PERMIT_MODELS);
    e.decide(request('use-model', 'model', 'a'));
    e.decide(request('use-model', 'model', 'a'));
    e.decide(request('use-model', 'model', 'a', { detections: [detection('pii')] }));
    assert.deepEqual(e.stats(), { hits: 1, misses: 2, cached: 2 });
  });
});

describe('decide: data sections', () => {
  it('detector thresholds and roles', () => {
    const e = engine(`default: allow
detectors:
  prompt-injection: { action: deny, threshold: 0.8, roles: [tool-result] }`);
    const at = (score: number, role: 'user' | 'tool-result') =>
      e.decide(request('use-model', 'model', 'm', { detections: [detection('prompt-injection', score, role)] })).effect;
    assert.equal(at(0.9, 'tool-result'), 'deny');
    assert.equal(at(0.7, 'tool-result'), 'allow');
    assert.equal(at(0.99, 'user'), 'allow');
  });

  it('redact obligations list only fired types; restore carries over', () => {
    const e = engine(`default: allow
detectors:
  pii: { action: redact, restore: true }
  secret: { action: redact }`);
    const d = e.decide(
      request('use-model', 'model', 'm', { detections: [detection('pii'), detection('secret', 0.2)] }),
    );
    assert.equal(d.effect, 'redact');
    assert.deepEqual(d.obligations, { redact: ['pii'], restore: true });
  });

  it('model allow-lists per role (globs), only for roles that have one', () => {
    const e = engine(`default: allow
roles:
  analyst: { models: ["gpt-4o-mini", "claude-*-haiku*"] }
  developer: {}`);
    const bob = { keyId: 'bob', principal: 'bob', roles: ['analyst'] };
    assert.equal(e.decide(request('use-model', 'model', 'gpt-4o-mini', {}, bob)).effect, 'allow');
    assert.equal(e.decide(request('use-model', 'model', 'claude-3-5-haiku-latest', {}, bob)).effect, 'allow');
    assert.equal(e.decide(request('use-model', 'model', 'gpt-4o', {}, bob)).effect, 'deny');
    assert.equal(e.decide(request('use-model', 'model', 'gpt-4o')).effect, 'allow');
  });

  it('limits: body size and input tokens', () => {
    const e = engine('default: allow\nlimits: { maxBodyBytes: 100, maxInputTokens: 10 }');
    assert.equal(e.decide(request('use-model', 'model', 'm', { bodyBytes: 100, inputTokens: 10 })).effect, 'allow');
    const d = e.decide(request('use-model', 'model', 'm', { bodyBytes: 101 }));
    assert.equal(d.effect, 'deny');
    assert.match(d.reasons[0]?.message ?? '', /101 bytes exceeds 100/);
  });

  it('tool rules: allow/deny, argument constraints with details, server scoping', () => {
    const e = engine(`
tools:
  - match: send_*
    server: mail
    constraints: [{ arg: to, emailDomains: [example.com] }]
  - match: rm
    allow: false`);
    const ok = request('call-tool', 'tool', 'send_mail', { server: 'mail', args: { to: 'a@example.com' } });
    assert.equal(e.decide(ok).effect, 'allow');
    const bad = e.decide({ ...ok, context: { ...ok.context, args: { to: 'a@evil.test' } } });
    assert.equal(bad.effect, 'deny');
    assert.match(bad.reasons[0]?.message ?? '', /recipient domain evil.test/);
    assert.equal(e.decide(request('call-tool', 'tool', 'send_mail', { server: 'other' })).effect, 'deny');
    assert.equal(e.decide(request('call-tool', 'tool', 'rm')).effect, 'deny');
  });

  it('rate limits per key and tool, refilled over time; dryRun does not consume', () => {
    let now = 1_000_000;
    const e = engine('tools:\n  - match: t\n    rateLimit: { capacity: 2, refillPerSecond: 1 }', { now: () => now });
    const call = (keyId = 'alice', dryRun = false) =>
      e.decide(request('call-tool', 'tool', 't', { dryRun }, { ...ALICE, keyId })).effect;
    assert.equal(call('alice', true), 'allow');
    assert.deepEqual([call(), call(), call()], ['allow', 'allow', 'deny']);
    assert.equal(call('bob'), 'allow');
    now += 1000;
    assert.deepEqual([call(), call()], ['allow', 'deny']);
  });

  it('check failures fail closed, or are monitored when configured', () => {
    const closed = engine('default: allow').decide(request('use-model', 'model', 'm', { checkFailed: true }));
    assert.deepEqual([closed.effect, closed.applied], ['deny', 'deny']);
    const open = engine('default: allow\nonCheckError: monitor').decide(
      request('use-model', 'model', 'm', { checkFailed: true }),
    );
    assert.deepEqual([open.effect, open.mode, open.applied], ['deny', 'monitor', 'allow']);
  });
});

describe('virtual keys', () => {
  const yaml = (disabled: boolean) => `
keys:
  - id: alice
    hash: ${hashVirtualKey('rk-alice-secret')}
    principal: alice@example.com
    team: ml
    roles: [developer]
    disabled: ${disabled}`;

  it('authenticates by hash; unknown, empty, huge and disabled keys are refused', () => {
    const e = engine(yaml(false));
    assert.deepEqual(e.authenticate('rk-alice-secret'), ALICE);
    assert.equal(e.authenticate('rk-alice-secreT'), undefined);
    assert.equal(e.authenticate(''), undefined);
    assert.equal(e.authenticate('x'.repeat(5000)), undefined);
    assert.equal(engine(yaml(true)).authenticate('rk-alice-secret'), undefined);
  });

  it('never keeps the key itself in the compiled policy', () => {
    const e = engine(yaml(false));
    assert.ok(!JSON.stringify(e.compiled.doc).includes('rk-alice-secret'));
  });
});

describe('decide: media in the context', () => {
  it('context.media: a policy decides on the media counts per team, and the memo keeps them apart', () => {
    const e = engine(`teams:
  - { id: contractors }
  - { id: ml }
${PERMIT_MODELS}
  - id: no-images-for-contractors
    message: contractors may not send images
    cedar: |
      forbid (principal in Team::"contractors", action == Action::"use-model", resource)
      when { context.media.images > 0 };
  - id: few-files
    cedar: forbid (principal, action, resource) when { context.media.files > 5 };`);
    const bob = { ...ALICE, keyId: 'bob', team: 'contractors' };
    const media = (images: number, audio = 0, files = 0) => ({ media: { images, audio, files } });
    assert.equal(e.decide(request('use-model', 'model', 'm', media(1), bob)).effect, 'deny');
    assert.equal(e.decide(request('use-model', 'model', 'm', media(0, 2), bob)).effect, 'allow');
    assert.equal(e.decide(request('use-model', 'model', 'm', {}, bob)).effect, 'allow', 'no media: all 0');
    assert.equal(e.decide(request('use-model', 'model', 'm', media(1))).effect, 'allow', 'another team');
    assert.equal(e.decide(request('use-model', 'model', 'm', media(0, 0, 6))).effect, 'deny');
    // A count that is not a whole number reads as many, never as none.
    assert.equal(e.decide(request('use-model', 'model', 'm', media(Number.NaN), bob)).effect, 'deny');
  });
});
