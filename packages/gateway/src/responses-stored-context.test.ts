// Requests that continue stored provider context (previous_response_id, conversation): the gateway
// cannot review what the provider kept, so it records the gap (default) or refuses them
// (responses.previousResponseId: deny). Tools the request carries are reviewed either way.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parseGatewayConfig } from './config.js';
import { type Harness, post, startHarness } from './testing/harness.js';

type Obj = Record<string, unknown>;

const follow = (extra: Obj) =>
  JSON.stringify({
    model: 'gpt-4o',
    input: 'and now?',
    tools: [
      { type: 'function', name: 'lookup', parameters: { type: 'object' } },
      { type: 'function', name: 'delete_repo', parameters: { type: 'object' } },
    ],
    ...extra,
  });

describe('gateway: previous_response_id by default is forwarded and audited', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({ policy: { deniedTools: ['delete_repo'] } });
  });
  after(() => h.close());

  it('forwards it with the tools it carries reviewed, and says in the audit what was not reviewed', async () => {
    const r = await post(`${h.url}/v1/responses`, follow({ previous_response_id: 'resp_1' }));
    assert.equal(r.status, 200);
    const sent = h.mock.requests.at(-1)!.body as { previous_response_id: string; tools: Obj[] };
    assert.equal(sent.previous_response_id, 'resp_1');
    assert.deepEqual(
      sent.tools.map((t) => t.name),
      ['lookup'],
    );
    const d = h.audit.records.at(-1)!.decisions.find((x) => x.id.includes('stored-context'))!;
    assert.equal(d.effect, 'allow');
    assert.match(d.reasons[0]!, /previous_response_id: the provider reuses stored context .* not review/);
  });

  it('records nothing of the kind for a request that carries its whole context', async () => {
    await post(`${h.url}/v1/responses`, follow({}));
    assert.ok(!h.audit.records.at(-1)!.decisions.some((x) => x.id.includes('stored-context')));
  });
});

describe('gateway: responses.previousResponseId: deny', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({ config: { responses: { previousResponseId: 'deny' } } });
  });
  after(() => h.close());

  for (const extra of [{ previous_response_id: 'resp_1' }, { conversation: 'conv_1' }]) {
    it(`refuses ${Object.keys(extra)[0]} in the provider's error format, before anything goes upstream`, async () => {
      const n = h.mock.requests.length;
      const r = await post(`${h.url}/v1/responses`, follow(extra));
      assert.equal(r.status, 403);
      const j = (await r.json()) as { error: { type: string; code: string; message: string } };
      assert.equal(j.error.type, 'invalid_request_error');
      assert.equal(j.error.code, 'policy_denied');
      assert.match(j.error.message, /stored provider context cannot be reviewed/);
      assert.equal(h.mock.requests.length, n);
      assert.equal(h.audit.records.at(-1)!.outcome, 'blocked');
    });
  }

  it('still serves requests that carry their whole context', async () => {
    assert.equal((await post(`${h.url}/v1/responses`, follow({}))).status, 200);
  });

  it('rejects an unknown setting', () => {
    assert.throws(
      () => parseGatewayConfig({ upstreams: {}, responses: { previousResponseId: 'maybe' } }),
      /gateway\.responses\.previousResponseId/,
    );
  });
});
