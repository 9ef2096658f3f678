// With responses.approvalLedger: store, the MCP approval requests one gateway process delivered are
// found by another process on the same store (a real SQLite file; the local PostgreSQL): an
// approval reaching the other process passes, where the in-memory ledger refuses it. A store that
// fails withholds the request (it could never be approved) and refuses the approval (fail closed).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openStore, type Store } from '@rampart/store';
import { storeLedger } from './adapters/store-port.js';
import type { ApprovalPort } from './ports.js';
import { runGateway } from './run-gateway.js';
import { type Harness, post, startHarness } from './testing/harness.js';
import { startMockUpstream } from './testing/mock-upstream.js';

type Obj = Record<string, unknown>;
const PG_URL = process.env.RAMPART_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test';
const TTL = 3_600_000;

const script = { text: 'asking first', mcp: { server: 'github', approvals: [{ name: 'search', args: { q: 'x' } }] } };
const approval = (id: string): Obj => ({ type: 'mcp_approval_response', approval_request_id: id, approve: true });

/** An approvals port whose only part in use is the store-backed ledger. */
function port(store: Store | undefined): ApprovalPort {
  return {
    request: () => Promise.reject(new Error('no Rampart approvals in this test')),
    wait: () => Promise.resolve('denied'),
    ...(store === undefined ? {} : { mcpLedger: storeLedger(store, TTL) }),
  };
}

const DIALECTS: [string, () => { url: string; schema?: string; cleanup(): void }][] = [
  [
    'sqlite',
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'rampart-ledger-'));
      return { url: join(dir, 'rampart.db'), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
    },
  ],
  [
    'postgres',
    () => ({
      url: PG_URL,
      schema: `rampart_ledger_${process.pid}_${Math.random().toString(36).slice(2, 8)}`,
      cleanup() {},
    }),
  ],
];

for (const [name, where] of DIALECTS) {
  describe(`gateway: MCP approvals across gateway processes on one ${name} store`, () => {
    const db = where();
    const open = () => openStore({ url: db.url, ...(db.schema === undefined ? {} : { schema: db.schema }) });
    let storeA: Store;
    let storeB: Store;
    let a: Harness;
    let b: Harness;
    let memory: Harness;
    before(async () => {
      storeA = await open();
      storeB = await open(); // a second process: its own connection to the same database
      a = await startHarness({ approvals: port(storeA) });
      b = await startHarness({ approvals: port(storeB) });
      memory = await startHarness({ approvals: port(undefined) });
      for (const h of [a, b, memory]) h.mock.scripts.set('mock-approve', script);
    });
    after(async () => {
      for (const h of [a, b, memory]) await h.close();
      await storeA.close().catch(() => undefined);
      await storeB.close().catch(() => undefined);
      if (db.schema !== undefined) {
        const c = await open();
        await c.db.db.schema.dropSchema(db.schema).ifExists().cascade().execute();
        await c.close();
      }
      db.cleanup();
    });

    const answer = (h: Harness, input: Obj[]) =>
      post(`${h.url}/v1/responses`, JSON.stringify({ model: 'mock-approve', previous_response_id: 'r', input }));

    it('an approval reaches another process than the one that delivered the request, and passes', async () => {
      const r = await post(`${a.url}/v1/responses`, JSON.stringify({ model: 'mock-approve', input: 'go' }));
      const out = ((await r.json()) as { output: Obj[] }).output;
      assert.deepEqual(
        out.map((i) => [i.type, i.id]),
        [
          ['message', 'msg_1'],
          ['mcp_approval_request', 'mcpr_0'],
        ],
      );
      const ok = await answer(b, [approval('mcpr_0')]);
      assert.equal(ok.status, 200);
      assert.deepEqual((b.mock.requests.at(-1)!.body as { input: Obj[] }).input, [approval('mcpr_0')]);
      // A forged id is still refused, and so is the same approval on a gateway with its own memory.
      assert.equal((await answer(b, [approval('mcpr_forged')])).status, 403);
      const mem = await answer(memory, [approval('mcpr_0')]);
      assert.equal(mem.status, 403);
      assert.match(await mem.text(), /not an approval request this gateway delivered/);
    });

    it('fails closed when the store fails: the request is withheld, the approval refused', async () => {
      await storeA.close();
      const r = await post(`${a.url}/v1/responses`, JSON.stringify({ model: 'mock-approve', input: 'go' }));
      assert.equal(r.status, 200);
      const out = ((await r.json()) as { output: Obj[] }).output;
      assert.deepEqual(
        out.map((i) => i.type),
        ['message', 'message'],
      );
      assert.match(JSON.stringify(out[1]), /search \(server github\) withheld: .*could not be recorded/);
      assert.ok(a.audit.records.at(-1)!.decisions.some((d) => d.id.includes(':mcp-approval-record:')));
      await storeB.close();
      const refused = await answer(b, [approval('mcpr_0')]);
      assert.equal(refused.status, 403);
      assert.match(await refused.text(), /could not read its record of delivered approval requests/);
    });
  });
}

describe('gateway: a full store approval ledger', () => {
  it('withholds the request and says the ledger is full (nothing is recorded that could be approved)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rampart-ledger-full-'));
    const store = await openStore({ url: join(dir, 'rampart.db') });
    const full: ApprovalPort = {
      request: () => Promise.reject(new Error('no Rampart approvals in this test')),
      wait: () => Promise.resolve('denied'),
      mcpLedger: storeLedger(store, TTL, 0),
    };
    const h = await startHarness({ approvals: full });
    try {
      h.mock.scripts.set('mock-approve', script);
      const r = await post(`${h.url}/v1/responses`, JSON.stringify({ model: 'mock-approve', input: 'go' }));
      assert.equal(r.status, 200);
      const out = ((await r.json()) as { output: Obj[] }).output;
      assert.deepEqual(
        out.map((i) => i.type),
        ['message', 'message'],
      );
      assert.match(
        JSON.stringify(out[1]),
        /search \(server github\) withheld: .*could not be recorded \(the MCP approval ledger is full/,
      );
      const reasons = h.audit.records.at(-1)!.decisions.flatMap((d) => d.reasons);
      assert.ok(
        reasons.some((x) => /ledger is full/.test(x)),
        JSON.stringify(reasons),
      );
      const refused = await post(
        `${h.url}/v1/responses`,
        JSON.stringify({ model: 'mock-approve', previous_response_id: 'r', input: [approval('mcpr_0')] }),
      );
      assert.equal(refused.status, 403);
    } finally {
      await h.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('gateway: responses.approvalLedger in rampart.yaml', () => {
  it('store: two gateways started from one config share what they delivered; memory: they do not', async () => {
    const here = new URL('.', import.meta.url).pathname;
    const mock = await startMockUpstream();
    mock.scripts.set('mock-approve', script);
    const dir = mkdtempSync(join(tmpdir(), 'rampart-ledger-cfg-'));
    // runGateway runs the real detectors. Their default budget (50 ms of wall clock, fail closed)
    // is not what this test is about, and a loaded CI runner can stall a sub-millisecond check past
    // it (seen: 53 ms wall for 3.5 ms on CPU): the request was then denied or its tool call
    // withheld. A budget no stall reaches, as in the other gateway tests that run real detectors.
    const config = (ledger: string) => {
      const path = join(dir, `${ledger}.yaml`);
      writeFileSync(
        path,
        `gateway:
  listen: { host: 127.0.0.1, port: 0 }
  policy: ${join(here, 'testdata/policy.yaml')}
  store: ${join(dir, `${ledger}.db`)}
  checks: { input: { budgetMs: 10000 }, output: { budgetMs: 10000 } }
  upstreams:
    openai: { provider: openai-compatible, baseUrl: ${mock.url} }
  responses: { approvalLedger: ${ledger} }
`,
      );
      return path;
    };
    const gws: Awaited<ReturnType<typeof runGateway>>[] = [];
    try {
      for (const ledger of ['store', 'memory']) {
        // Two gateway processes on one store file (in one test process, each with its own connection).
        const one = await runGateway(config(ledger), { log: () => undefined });
        gws.push(one);
        const other = await runGateway(config(ledger), { log: () => undefined });
        gws.push(other);
        const auth = { authorization: 'Bearer rk-test-alice' };
        const r = await post(`${one.url}/v1/responses`, JSON.stringify({ model: 'mock-approve', input: 'go' }), auth);
        assert.match(await r.text(), /"type":"mcp_approval_request","id":"mcpr_0"/);
        const answered = await post(
          `${other.url}/v1/responses`,
          JSON.stringify({ model: 'mock-approve', previous_response_id: 'r', input: [approval('mcpr_0')] }),
          auth,
        );
        assert.equal(answered.status, ledger === 'store' ? 200 : 403, ledger);
        await answered.text();
      }
    } finally {
      for (const g of gws) await g.stop();
      await mock.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
