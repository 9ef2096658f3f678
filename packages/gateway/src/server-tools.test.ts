// Tools the provider runs are call-tool decisions at request time (real Cedar policy, real detectors).
import assert from 'node:assert/strict';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type Harness, post } from './testing/harness.js';
import { startRealHarness } from './testing/real-harness.js';

const here = new URL('.', import.meta.url).pathname;
const auth = { authorization: 'Bearer rk-test-alice' };
const anthropicHeaders = { ...auth, 'anthropic-version': '2023-06-01' };
// The integration-test policy plus rules on provider-run tools.
const EXTRA_RULES = `  - match: code_execution
    allow: false
  - match: web_fetch
    allow: false
  - match: web_search
    allow: false
  - match: file_search
    approval: { timeoutSeconds: 2 }
  - match: "*"
`;

describe('provider-run tools are decided at request time', () => {
  let h: Harness;
  before(async () => {
    const base = await readFile(join(here, 'testdata/policy.yaml'), 'utf8');
    assert.equal(base.split('  - match: "*"\n').length, 2, 'the base policy has one catch-all tool rule');
    const file = join(await mkdtemp(join(tmpdir(), 'rampart-server-tools-')), 'policy.yaml');
    await writeFile(file, base.replace('  - match: "*"\n', EXTRA_RULES));
    h = await startRealHarness({ policyFile: file });
  });
  after(() => h.close());

  const sentTools = (): Record<string, unknown>[] =>
    (h.mock.requests.at(-1)!.body as { tools: Record<string, unknown>[] }).tools;
  const anthropicTools = [
    { type: 'web_search_20250305', name: 'web_search', max_uses: 3 },
    { type: 'code_execution_20250825', name: 'code_execution' },
    { type: 'web_fetch_20250910', name: 'web_fetch' },
    { type: 'bash_20250124', name: 'bash' },
    { name: 'lookup', description: 'Looks up an order by id.', input_schema: { type: 'object' } },
  ];
  const anthropic = (extra: Record<string, unknown> = {}) =>
    post(
      `${h.url}/v1/messages`,
      JSON.stringify({
        model: 'claude-3-5-sonnet',
        max_tokens: 50,
        messages: [{ role: 'user', content: 'find my order' }],
        tools: anthropicTools,
        ...extra,
      }),
      anthropicHeaders,
    );

  it('Anthropic: removes the server tools policy denies; client tools are left to the call review', async () => {
    const r = await anthropic();
    assert.equal(r.status, 200);
    assert.deepEqual(
      sentTools().map((t) => t.name),
      ['bash', 'lookup'],
    );
    const decisions = h.audit.records.at(-1)!.decisions.filter((d) => d.action === 'call-tool');
    assert.deepEqual(decisions.map((d) => [d.resource, d.effect]).sort(), [
      ['code_execution', 'deny'],
      ['web_fetch', 'deny'],
      ['web_search', 'deny'],
    ]);
  });

  it('Anthropic: a tool_choice forcing a removed server tool is refused before any upstream call', async () => {
    const n = h.mock.requests.length;
    const r = await anthropic({ tool_choice: { type: 'tool', name: 'code_execution' } });
    assert.equal(r.status, 403);
    assert.equal(h.mock.requests.length, n);
  });

  it('Responses: a hosted tool allowed only call by call (approval) is removed, allowed ones kept', async () => {
    const tools = [
      { type: 'file_search', vector_store_ids: ['vs_1'] },
      { type: 'code_interpreter', container: { type: 'auto' } },
      { type: 'function', name: 'lookup', parameters: { type: 'object' } },
    ];
    const ok = await post(`${h.url}/v1/responses`, JSON.stringify({ model: 'gpt-4o', input: 'go', tools }), auth);
    assert.equal(ok.status, 200);
    assert.deepEqual(
      sentTools().map((t) => t.type),
      ['code_interpreter', 'function'],
    );
    const rec = h.audit.records.at(-1)!;
    const fs = rec.decisions.find((d) => d.resource === 'file_search');
    assert.match(fs!.reasons.join(' '), /run by the provider/);
    const n = h.mock.requests.length;
    const forced = await post(
      `${h.url}/v1/responses`,
      JSON.stringify({ model: 'gpt-4o', input: 'go', tools, tool_choice: { type: 'file_search' } }),
      auth,
    );
    assert.equal(forced.status, 403);
    assert.equal(h.mock.requests.length, n);
  });

  it('chat: web_search_options is a web_search decision; denied, the request is refused', async () => {
    const n = h.mock.requests.length;
    const r = await post(
      `${h.url}/v1/chat/completions`,
      JSON.stringify({
        model: 'gpt-4o-search-preview',
        web_search_options: {},
        messages: [{ role: 'user', content: 'news today' }],
      }),
      auth,
    );
    assert.equal(r.status, 403);
    assert.match(((await r.json()) as { error: { message: string } }).error.message, /web_search/);
    assert.equal(h.mock.requests.length, n);
  });
});
