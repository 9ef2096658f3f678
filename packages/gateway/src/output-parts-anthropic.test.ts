// The output checks read every model-produced text an Anthropic message carries, not only its text
// blocks: thinking blocks (signed), server tool calls and their results, citations and unknown
// blocks (output-parts-anthropic.ts). End to end with the real detectors and the Cedar policy of
// testdata/policy.yaml (secret and system-prompt leak: deny; pii: redact), complete and streamed.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Harness } from './testing/harness.js';
import type { MockScript } from './testing/mock-upstream.js';
import { assertBlocked, CANARY, EMAIL, SECRET, send, startRealHarness } from './testing/output-checks.js';

type Obj = Record<string, unknown>;

const modes = [false, true] as const;
const label = (stream: boolean) => (stream ? 'streamed' : 'complete');

describe('output checks: Anthropic blocks besides text', () => {
  let h: Harness;
  before(async () => {
    h = await startRealHarness();
  });
  after(() => h.close());

  const msg = (model: string, s: MockScript, stream: boolean) => send(h, '/v1/messages', model, s, stream);

  for (const stream of modes) {
    it(`thinking: a clean block passes as it came, signature included; a secret or the canary blocks (${label(stream)})`, async () => {
      const thinking = 'Let me think about the weather in Paris today.';
      const r = await msg('think-clean', { text: 'Sunny.', thinking, chunkChars: 5 }, stream);
      assert.equal(r.status, 200);
      if (!stream) {
        const body = JSON.parse(r.raw) as { content: Obj[] };
        assert.deepEqual(body.content[0], { type: 'thinking', thinking, signature: 'sig_mock' });
      } else {
        const deltas = r.evs
          .map((e) => JSON.parse(e.data) as Obj)
          .filter((d) => d.index === 0 && d.type !== 'content_block_start')
          .map((d) => (d.type === 'content_block_stop' ? 'stop' : (d.delta as Obj)));
        assert.equal(deltas.at(-1), 'stop');
        assert.deepEqual(deltas.at(-2), { type: 'signature_delta', signature: 'sig_mock' }, 'signature after the text');
        const text = deltas
          .slice(0, -2)
          .map((d) => ((d as Obj).type === 'thinking_delta' ? (d as Obj).thinking : '?'))
          .join('');
        assert.equal(text, thinking);
      }
      for (const leak of [SECRET, CANARY]) {
        const r = await msg('think-leak', { text: 'All good.', thinking: `The env holds ${leak}, noted.` }, stream);
        assertBlocked(h, r, stream);
      }
    });

    it(`PII policy would redact in a thinking block: blocked, since the signature forbids rewriting (${label(stream)})`, async () => {
      const r = await msg('think-pii', { text: 'Done.', thinking: `The owner is ${EMAIL} for sure.` }, stream);
      assertBlocked(h, r, stream);
      const reasons = h.audit.records.at(-1)!.decisions.flatMap((d) => d.reasons);
      assert.ok(
        reasons.some((x) => /thinking block content\[0\].*signature/.test(x)),
        reasons.join(' | '),
      );
    });

    it(`a secret in a server tool result (web_fetch) blocks the response (${label(stream)})`, async () => {
      const r = await msg(
        'fetch-leak',
        {
          text: 'Fetched.',
          extraBlocks: [
            { type: 'server_tool_use', id: 'srvtoolu_1', name: 'web_fetch', input: { url: 'https://example.com/a' } },
            {
              type: 'web_fetch_tool_result',
              tool_use_id: 'srvtoolu_1',
              content: {
                type: 'web_fetch_result',
                url: 'https://example.com/a',
                content: {
                  type: 'document',
                  source: { type: 'text', media_type: 'text/plain', data: `OPENAI_API_KEY=${SECRET}` },
                },
              },
            },
          ],
        },
        stream,
      );
      assertBlocked(h, r, stream);
    });

    it(`an MCP connector call the provider already ran is audited; one policy denies blocks the response (${label(stream)})`, async () => {
      const ran = (name: string) => ({
        text: 'Done.',
        extraBlocks: [
          { type: 'mcp_tool_use', id: 'mcptoolu_9', name, server_name: 'ops', input: { cmd: 'ls' } },
          { type: 'mcp_tool_result', tool_use_id: 'mcptoolu_9', content: [{ type: 'text', text: 'a b c' }] },
        ],
      });
      const ok = await msg('mcp-ran-ok', ran('lookup'), stream);
      assert.equal(ok.status, 200);
      const d = h.audit.records.at(-1)!.decisions.find((x) => x.resource === 'lookup');
      assert.equal(d?.executedUpstream, true);
      // testdata/policy.yaml denies shell* tools.
      const bad = await msg('mcp-ran-shell', ran('shell_exec'), stream);
      if (stream) assert.match(bad.evs.at(-1)!.data, /shell_exec \(server ops\) ran at the provider before review/);
      else assert.equal(bad.status, 403);
      assert.equal(h.audit.records.at(-1)!.outcome, 'blocked');
      assert.ok(!bad.raw.includes('a b c'), 'the result of the denied call never reached the client');
      const denied = h.audit.records.at(-1)!.decisions.find((x) => x.resource === 'shell_exec');
      assert.deepEqual([denied?.effect, denied?.executedUpstream], ['deny', true]);
    });

    it(`PII in an MCP tool result is redacted in place; the server tool call passes whole (${label(stream)})`, async () => {
      const input = { query: 'who owns the billing service' };
      const r = await msg(
        'mcp-pii',
        {
          text: 'Found it.',
          extraBlocks: [
            { type: 'mcp_tool_use', id: 'mcptoolu_1', name: 'lookup', server_name: 'crm', input },
            {
              type: 'mcp_tool_result',
              tool_use_id: 'mcptoolu_1',
              is_error: false,
              content: [{ type: 'text', text: `The owner is ${EMAIL} on weekdays.` }],
            },
          ],
        },
        stream,
      );
      assert.equal(r.status, 200);
      assert.ok(!r.raw.includes(EMAIL), 'the address never reached the client');
      let blocks: Obj[];
      if (stream) {
        blocks = [];
        const json = new Map<number, string>();
        for (const e of r.evs) {
          const d = JSON.parse(e.data) as Obj;
          if (d.type === 'content_block_start') blocks[d.index as number] = d.content_block as Obj;
          const delta = d.delta as Obj | undefined;
          if (delta?.type === 'input_json_delta')
            json.set(d.index as number, (json.get(d.index as number) ?? '') + String(delta.partial_json));
        }
        for (const [i, j] of json) blocks[i]!.input = JSON.parse(j);
        assert.equal(r.evs.at(-1)!.event, 'message_stop');
      } else blocks = (JSON.parse(r.raw) as { content: Obj[] }).content;
      assert.deepEqual(blocks[1]!.input, input);
      const text = ((blocks[2]!.content as Obj[])[0] as { text: string }).text;
      assert.match(text, /^The owner is \[[A-Z_0-9]+\] on weekdays\.$/);
    });
  }

  for (const stream of modes)
    it(`a secret in a message field nobody knows blocks the response (${label(stream)})`, async () => {
      const r = await msg('top-leak', { text: 'Ok.', bodyFields: { debug_trace: { env: `KEY=${SECRET}` } } }, stream);
      assertBlocked(h, r, stream);
    });

  it('a secret in a citation or in a block type nobody knows blocks the response', async () => {
    const cited = {
      type: 'text',
      text: 'Quoted.',
      citations: [{ type: 'char_location', cited_text: `key ${SECRET}`, document_index: 0 }],
    };
    for (const block of [cited, { type: 'future_result', id: 'fr_1', payload: { note: `key ${SECRET}` } }]) {
      const r = await msg('cite-leak', { text: 'Fine.', extraBlocks: [block] }, false);
      assertBlocked(h, r, false);
    }
  });
});
