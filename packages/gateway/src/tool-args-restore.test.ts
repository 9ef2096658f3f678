// Input placeholders restored in the arguments of the tool calls the model proposes, end to end:
// real detectors, the real policy engine (testdata/policy.yaml: PII in prompts redacted with
// restore: true; send_email only to example.com) and the mock upstream, for Chat Completions,
// Anthropic Messages and the Responses API, whole and streamed. The mock only ever sees
// "[EMAIL_1]" and copies it into the calls it proposes, as a model does.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadPolicy } from './adapters/policy-port.js';
import type { Harness } from './testing/harness.js';
import { startHarness } from './testing/harness.js';
import { APIS, callTools } from './testing/tool-call-client.js';
import { layoutArgs } from './tool-args-leak.js';
import { restoreArgs, restoreUntouched, stringValues } from './tool-args-restore.js';

type Obj = Record<string, unknown>;
const here = new URL('.', import.meta.url).pathname;

const ALICE = 'alice.jones@example.com';
const MALLORY = 'mallory@evil-corp.io';
const LEAKED = 'carol.smith@corp.io';

async function gateway(policyFile: string): Promise<{ h: Harness; stop: () => void }> {
  const p = await loadPolicy(policyFile, () => undefined, { watch: false });
  const h = await startHarness({
    policyPort: p.port,
    realChecks: true,
    config: { checks: { input: { budgetMs: 10_000 }, output: { budgetMs: 10_000 } } },
  });
  // The model copies the placeholder it was shown into the calls it proposes.
  h.mock.scripts.set('mock-send', {
    text: 'Sending it now.',
    toolCalls: [{ name: 'send_email', args: { to: '[EMAIL_1]', subject: 'Report for [EMAIL_1]', cc: [] } }],
  });
  h.mock.scripts.set('mock-lookup', {
    text: '',
    toolCalls: [
      {
        name: 'lookup_contact',
        // Only exact tokens this request's map knows: not [EMAIL_2], not a cut "[EMAIL_1".
        args: { query: '[EMAIL_1]', notes: ['[EMAIL_2] is unknown', 'cut: [EMAIL_1'], n: 1, '[EMAIL_1]': true },
      },
    ],
    customToolCalls: [{ name: 'run_sql', input: "select * from users where email = '[EMAIL_1]'" }],
  });
  // A leak the argument checks redact (post_note: testdata/policy.yaml) next to the caller's placeholder.
  h.mock.scripts.set('mock-note', {
    text: '',
    toolCalls: [{ name: 'post_note', args: { title: 'from [EMAIL_1]', body: `also ask ${LEAKED} or [EMAIL_1]` } }],
  });
  return { h, stop: p.stop };
}

const only = (calls: { name: string; args: string }[], name: string): Obj => {
  const c = calls.filter((x) => x.name === name);
  assert.equal(c.length, 1, `one ${name} call reaches the client: ${JSON.stringify(calls)}`);
  return JSON.parse(c[0]!.args) as Obj; // valid JSON, or this throws
};

describe('gateway: input placeholders restored in proposed tool-call arguments', () => {
  let h: Harness;
  let stop: () => void;
  before(async () => {
    ({ h, stop } = await gateway(join(here, 'testdata/policy.yaml')));
  });
  after(async () => {
    stop();
    await h.close();
  });

  for (const api of APIS)
    for (const stream of [false, true]) {
      const how = `${api}${stream ? ' stream' : ''}`;

      it(`${how}: the client's tool gets the caller's address, the upstream only the placeholder`, async () => {
        const seen = await callTools(h, api, 'mock-send', `Please email the Q3 report to ${ALICE} today.`, stream);
        const sent = h.mock.requests.at(-1)!.raw;
        assert.ok(sent.includes('[EMAIL_1]') && !sent.includes(ALICE), 'the upstream saw the placeholder only');
        assert.deepEqual(only(seen.calls, 'send_email'), { to: ALICE, subject: `Report for ${ALICE}`, cc: [] });
        assert.ok(!seen.text.includes('[rampart]'), seen.text);
        const dec = h.audit.records.at(-1)!.decisions.find((d) => d.stage === 'tool-call')!;
        assert.equal(dec.effect, 'allow');
      });

      it(`${how}: an argument constraint judges the restored value (recipient outside example.com)`, async () => {
        const seen = await callTools(h, api, 'mock-send', `Please email the Q3 report to ${MALLORY} today.`, stream);
        assert.deepEqual(
          seen.calls.filter((c) => c.name === 'send_email'),
          [],
        );
        assert.match(
          seen.text,
          /\[rampart\] tool call send_email denied by policy: .*recipient domain evil-corp\.io is not allowed/,
        );
        // The restored address goes nowhere it was not already allowed to: not into the explanation's arguments.
        assert.ok(!seen.raw.includes(`"to":"${MALLORY}"`));
      });

      it(`${how}: only exact placeholders of this request, in string values, keys untouched`, async () => {
        const seen = await callTools(h, api, 'mock-lookup', `Who is ${ALICE}?`, stream);
        assert.deepEqual(only(seen.calls, 'lookup_contact'), {
          query: ALICE,
          notes: ['[EMAIL_2] is unknown', 'cut: [EMAIL_1'],
          n: 1,
          '[EMAIL_1]': true,
        });
        if (api === 'responses')
          assert.equal(
            seen.calls.find((c) => c.name === 'run_sql')?.args,
            `select * from users where email = '${ALICE}'`,
          );
      });

      it(`${how}: a placeholder from another request is never restored`, async () => {
        await callTools(h, api, 'mock-lookup', `Who is ${ALICE}?`, stream);
        const seen = await callTools(h, api, 'mock-lookup', 'Who is the on-call engineer?', stream);
        assert.equal(only(seen.calls, 'lookup_contact').query, '[EMAIL_1]');
        assert.ok(!seen.raw.includes(ALICE));
      });

      it(`${how}: a value the argument checks redacted keeps its own placeholders`, async () => {
        const seen = await callTools(h, api, 'mock-note', `Write a note for ${ALICE}.`, stream);
        const args = only(seen.calls, 'post_note');
        // The leak became a fresh "[EMAIL_1]" of its own, which must never turn into the caller's address.
        assert.equal(args.title, `from ${ALICE}`);
        assert.ok(!String(args.body).includes(LEAKED) && !String(args.body).includes(ALICE), String(args.body));
        assert.ok(!seen.raw.includes(LEAKED));
        const rec = h.audit.records.at(-1)!;
        // The caller's own address, restored, is not re-flagged as a leak: one pii finding (the body's).
        const dec = rec.decisions.find((d) => d.stage === 'tool-call')!;
        assert.ok(
          dec.reasons.some((r) => r === 'pii in the arguments at $.body of tool call post_note'),
          dec.reasons.join('; '),
        );
      });
    }
});

describe('gateway: no restore in tool-call arguments when the policy does not say restore', () => {
  let h: Harness;
  let stop: () => void;
  let dir: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rampart-restore-'));
    const yaml = readFileSync(join(here, 'testdata/policy.yaml'), 'utf8');
    const noRestore = yaml.replace('pii: { action: redact, restore: true }', 'pii: { action: redact }');
    assert.notEqual(noRestore, yaml);
    writeFileSync(join(dir, 'policy.yaml'), noRestore);
    ({ h, stop } = await gateway(join(dir, 'policy.yaml')));
  });
  after(async () => {
    stop();
    await h.close();
    rmSync(dir, { recursive: true, force: true });
  });

  for (const api of APIS)
    for (const stream of [false, true])
      it(`${api}${stream ? ' stream' : ''}: the placeholder stays in the arguments`, async () => {
        const seen = await callTools(h, api, 'mock-lookup', `Who is ${ALICE}?`, stream);
        assert.equal(only(seen.calls, 'lookup_contact').query, '[EMAIL_1]');
        assert.ok(!seen.raw.includes(ALICE));
      });
});

describe('tool-args-restore', () => {
  const map: Record<string, string> = { '[EMAIL_1]': ALICE };
  const restore = (s: string): string => s.replace(/\[[A-Z][A-Z0-9_]{0,40}_\d{1,9}\]/g, (p) => map[p] ?? p);

  it('copies, restores string values only, and says when there was nothing to restore', () => {
    const args = JSON.parse('{"a":"[EMAIL_1]","__proto__":"[EMAIL_1]","b":[1,null,{"c":"x [EMAIL_1]"}]}') as Obj;
    const out = restoreArgs(args, restore) as Obj;
    assert.equal(JSON.stringify(out), `{"a":"${ALICE}","__proto__":"${ALICE}","b":[1,null,{"c":"x ${ALICE}"}]}`);
    assert.equal(Object.getPrototypeOf(out), Object.prototype);
    assert.equal(args.a, '[EMAIL_1]', 'the model arguments are not changed');
    assert.equal(restoreArgs({ a: 'nothing here', n: 2 }, restore), undefined);
    assert.equal(restoreArgs('[EMAIL_1]', restore), ALICE);
  });

  it('restores nothing past the bounds (linear in the arguments)', () => {
    let deep: unknown = '[EMAIL_1]';
    for (let i = 0; i < 100; i++) deep = [deep];
    assert.equal(restoreArgs(deep, restore), undefined);
    assert.equal(
      restoreArgs(
        Array.from({ length: 20_000 }, () => '[EMAIL_1]'),
        restore,
      ),
      undefined,
    );
  });

  it('after an in-place redaction, restores only the values it left as they were', () => {
    const args = { a: '[EMAIL_1]', b: 'leak' };
    const layout = layoutArgs(args)!;
    const before = stringValues(layout);
    args.b = 'redacted [EMAIL_1]';
    assert.deepEqual(restoreUntouched(layout, before, restore), { a: ALICE, b: 'redacted [EMAIL_1]' });
  });
});
