// An mcp_approval_response the client sends back is matched against the approval requests the
// gateway delivered: approving one it withheld, never delivered, or restated with other arguments
// is refused before anything goes upstream; approvals for tools policy now denies never pass.
// End to end through the gateway against the mock upstream, complete and streamed.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type Harness, post, startHarness } from './testing/harness.js';
import { accumulateOutput, readSse } from './testing/responses-sse.js';

type Obj = Record<string, unknown>;

const script = {
  text: 'asking first',
  mcp: {
    server: 'github',
    approvals: [
      { name: 'wire_money', args: { amount: 5 } }, // mcpr_0: needs a Rampart approval, none configured: withheld
      { name: 'search', args: { q: 'more' } }, // mcpr_1: delivered
    ],
  },
};
const approval = (id: string, approve = true): Obj => ({
  type: 'mcp_approval_response',
  approval_request_id: id,
  approve,
});

async function setup(denied: string[]): Promise<Harness> {
  const h = await startHarness({ policy: { approvalTools: ['wire_money'], deniedTools: denied } });
  h.mock.scripts.set('mock-approve', script);
  return h;
}

describe('gateway: mcp_approval_response is matched against delivered approval requests', () => {
  let h: Harness;
  const denied: string[] = [];
  before(async () => {
    h = await setup(denied);
  });
  after(() => h.close());
  const answer = (input: Obj[], extra: Obj = {}) =>
    post(
      `${h.url}/v1/responses`,
      JSON.stringify({ model: 'mock-approve', previous_response_id: 'resp_1', input, ...extra }),
    );

  it('delivers one request and withholds the other', async () => {
    const r = await post(`${h.url}/v1/responses`, JSON.stringify({ model: 'mock-approve', input: 'go' }));
    const out = ((await r.json()) as { output: Obj[] }).output;
    assert.deepEqual(
      out.map((i) => [i.type, i.id]),
      [
        ['message', 'msg_1'],
        ['message', 'mcpr_0'],
        ['mcp_approval_request', 'mcpr_1'],
      ],
    );
  });

  it('passes an approval for the delivered request, and any refusal', async () => {
    const n = h.mock.requests.length;
    assert.equal((await answer([approval('mcpr_1')])).status, 200);
    assert.equal((await answer([approval('mcpr_0', false)])).status, 200);
    assert.equal(h.mock.requests.length, n + 2);
    assert.deepEqual((h.mock.requests.at(-2)!.body as { input: Obj[] }).input, [approval('mcpr_1')]);
  });

  for (const [what, input, why] of [
    [
      'the withheld request',
      [approval('mcpr_0')],
      /approves "mcpr_0", which is not an approval request this gateway delivered/,
    ],
    ['an id never seen', [approval('mcpr_forged')], /"mcpr_forged", which is not an approval request/],
    [
      'a delivered id restated with other arguments',
      [
        { type: 'mcp_approval_request', id: 'mcpr_1', server_label: 'github', name: 'search', arguments: '{"q":"x"}' },
        approval('mcpr_1'),
      ],
      /the request restated in the input differs/,
    ],
    [
      'a delivered id restated as another tool',
      [
        {
          type: 'mcp_approval_request',
          id: 'mcpr_1',
          server_label: 'github',
          name: 'wire_money',
          arguments: '{"q":"more"}',
        },
        approval('mcpr_1'),
      ],
      /differs/,
    ],
  ] as const) {
    it(`refuses approving ${what}, before anything goes upstream`, async () => {
      const n = h.mock.requests.length;
      const r = await answer([...input]);
      assert.equal(r.status, 403);
      const j = (await r.json()) as { error: { type: string; code: string; message: string } };
      assert.equal(j.error.type, 'invalid_request_error');
      assert.equal(j.error.code, 'policy_denied');
      assert.match(j.error.message, why);
      assert.equal(h.mock.requests.length, n, 'nothing went upstream');
      const rec = h.audit.records.at(-1)!;
      assert.equal(rec.outcome, 'blocked');
      const d = rec.decisions.find((x) => x.id.includes('mcp-approval-match'))!;
      assert.equal(d.effect, 'deny');
      assert.match(d.reasons[0]!, why);
    });
  }

  it('passes the delivered request restated exactly', async () => {
    const r = await answer([
      { type: 'mcp_approval_request', id: 'mcpr_1', server_label: 'github', name: 'search', arguments: '{"q":"more"}' },
      approval('mcpr_1'),
    ]);
    assert.equal(r.status, 200);
  });

  it('never passes an approval for a tool policy denies now', async () => {
    denied.push('search');
    try {
      const r = await answer([approval('mcpr_1')]);
      assert.equal(r.status, 403);
      assert.match(
        ((await r.json()) as { error: { message: string } }).error.message,
        /search \(server github\) is denied/,
      );
    } finally {
      denied.pop();
    }
  });

  it('refuses a malformed approval response with a 400', async () => {
    const r = await answer([{ type: 'mcp_approval_response', approve: true }]);
    assert.equal(r.status, 400);
    assert.equal(((await r.json()) as { error: { code: string } }).error.code, 'invalid_approval_response');
  });
});

describe('gateway: approval requests delivered in a stream can be approved', () => {
  let h: Harness;
  before(async () => {
    h = await setup([]);
  });
  after(() => h.close());

  it('records the streamed request, refuses the one it withheld', async () => {
    const r = await post(`${h.url}/v1/responses`, JSON.stringify({ model: 'mock-approve', input: 'go', stream: true }));
    const out = accumulateOutput(await readSse(r));
    assert.deepEqual(
      out.map((i) => i.type),
      ['message', 'message', 'mcp_approval_request'],
    );
    const answer = (id: string) =>
      post(
        `${h.url}/v1/responses`,
        JSON.stringify({ model: 'mock-approve', previous_response_id: 'resp_1', input: [approval(id)] }),
      );
    assert.equal((await answer('mcpr_1')).status, 200);
    assert.equal((await answer('mcpr_0')).status, 403);
  });
});
