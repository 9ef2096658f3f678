import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SseParser } from './sse.js';
import { chatBody, type Harness, post, startHarness } from './testing/harness.js';

interface Ev {
  event: string | undefined;
  data: string;
}

async function sse(r: Response): Promise<Ev[]> {
  const p = new SseParser();
  const out: Ev[] = [];
  const reader = r.body!.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    out.push(...p.push(value));
  }
  return out;
}

function chatText(evs: Ev[]): string {
  let t = '';
  for (const e of evs) {
    if (e.data === '[DONE]') continue;
    const j = JSON.parse(e.data) as { choices?: { delta?: { content?: string } }[] };
    t += j.choices?.[0]?.delta?.content ?? '';
  }
  return t;
}

const SECRET = 'sk-abcdefghijklmnopqrstuvwxyz0123';

describe('gateway: streaming', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({ policy: { deniedTools: ['delete_repo'] } });
  });
  after(() => h.close());

  it('streams OpenAI chat text unchanged and ends with [DONE]', async () => {
    const text = 'The quick brown fox jumps over the lazy dog. '.repeat(6);
    h.mock.scripts.set('s1', { text, chunkChars: 5 });
    const r = await post(
      `${h.url}/v1/chat/completions`,
      JSON.stringify({ model: 's1', stream: true, messages: [{ role: 'user', content: 'x' }] }),
    );
    assert.equal(r.status, 200);
    assert.match(r.headers.get('content-type')!, /text\/event-stream/);
    const evs = await sse(r);
    assert.equal(chatText(evs), text);
    assert.equal(evs.at(-1)!.data, '[DONE]');
    assert.equal(h.audit.records.at(-1)!.outcome, 'allowed');
  });

  it('sends the response headers before a slow first token arrives, then the stream', async () => {
    h.mock.scripts.set('slow-first', { text: 'Hello there, a slow first token.', firstEventMs: 1500 });
    const t0 = performance.now();
    const r = await post(
      `${h.url}/v1/chat/completions`,
      JSON.stringify({ model: 'slow-first', stream: true, messages: [{ role: 'user', content: 'x' }] }),
    );
    // fetch resolves on the headers: the gateway must not hold them until the upstream's first event.
    assert.ok(performance.now() - t0 < 1000, `headers took ${performance.now() - t0} ms`);
    assert.equal(r.status, 200);
    const evs = await sse(r);
    assert.ok(performance.now() - t0 >= 1400);
    assert.equal(chatText(evs), 'Hello there, a slow first token.');
    assert.equal(evs.at(-1)!.data, '[DONE]');
  });

  it('catches a secret split across chunks and stops the stream with an error event, audited as blocked', async () => {
    const text = `Sure. The key is ${SECRET} and more text follows here.`;
    h.mock.scripts.set('s2', { text, chunkChars: 3 });
    const r = await post(
      `${h.url}/v1/chat/completions`,
      JSON.stringify({ model: 's2', stream: true, messages: [{ role: 'user', content: 'x' }] }),
    );
    const evs = await sse(r);
    const all = evs.map((e) => e.data).join('');
    assert.ok(!all.includes('sk-abcdefghij'), 'no part of the secret reached the client');
    const last = JSON.parse(evs.at(-1)!.data) as { error: { code: string } };
    assert.equal(last.error.code, 'output_blocked');
    const rec = h.audit.records.at(-1)!;
    assert.equal(rec.outcome, 'blocked');
    assert.ok(rec.decisions.some((d) => d.stage === 'output' && d.effect === 'deny'));
  });

  it('restores input placeholders in streamed text, even when a placeholder is split across chunks', async () => {
    h.mock.scripts.set('s3', { chunkChars: 2 });
    const r = await post(
      `${h.url}/v1/chat/completions`,
      JSON.stringify({
        model: 's3',
        stream: true,
        messages: [{ role: 'user', content: 'write to carol@corp.io now' }],
      }),
    );
    const evs = await sse(r);
    assert.equal(chatText(evs), 'write to carol@corp.io now');
    const sent = h.mock.requests.at(-1)!.body as { messages: { content: string }[] };
    assert.equal(sent.messages[0]!.content, 'write to [EMAIL_1] now');
  });

  it('holds streamed tool calls until complete, drops denied ones and explains', async () => {
    h.mock.scripts.set('s4', {
      text: 'ok',
      toolCalls: [
        { name: 'delete_repo', args: { repo: 'prod' } },
        { name: 'lookup', args: { q: 'a' } },
      ],
    });
    const r = await post(
      `${h.url}/v1/chat/completions`,
      JSON.stringify({ model: 's4', stream: true, messages: [{ role: 'user', content: 'x' }] }),
    );
    const evs = await sse(r);
    const calls = evs
      .filter((e) => e.data !== '[DONE]')
      .flatMap(
        (e) =>
          (
            JSON.parse(e.data) as {
              choices: { delta: { tool_calls?: { function: { name: string; arguments: string } }[] } }[];
            }
          ).choices,
      )
      .flatMap((c) => c.delta.tool_calls ?? []);
    assert.deepEqual(
      calls.map((c) => c.function.name),
      ['lookup'],
    );
    assert.deepEqual(JSON.parse(calls[0]!.function.arguments), { q: 'a' });
    assert.match(chatText(evs), /delete_repo denied by policy/);
  });

  it('Anthropic: streams text, replaces a denied tool_use block at the same index, ends with message_stop', async () => {
    h.mock.scripts.set('c1', { text: 'hello world', toolCalls: [{ name: 'delete_repo', args: { r: 1 } }] });
    const r = await post(
      `${h.url}/v1/messages`,
      JSON.stringify({ model: 'c1', max_tokens: 5, stream: true, messages: [{ role: 'user', content: 'x' }] }),
    );
    const evs = await sse(r);
    const types = evs.map((e) => e.event);
    assert.equal(types.at(-1), 'message_stop');
    const starts = evs
      .filter((e) => e.event === 'content_block_start')
      .map((e) => JSON.parse(e.data) as { index: number; content_block: { type: string } });
    assert.deepEqual(
      starts.map((s) => [s.index, s.content_block.type]),
      [
        [0, 'text'],
        [1, 'text'],
      ],
    );
    const text = evs
      .filter((e) => e.event === 'content_block_delta')
      .map((e) => (JSON.parse(e.data) as { delta: { text?: string } }).delta.text ?? '')
      .join('');
    assert.match(text, /^hello world\[rampart\] tool call delete_repo denied/);
    const md = JSON.parse(evs.find((e) => e.event === 'message_delta')!.data) as { delta: { stop_reason: string } };
    assert.equal(md.delta.stop_reason, 'end_turn');
  });

  it('Anthropic: a blocked stream ends with an Anthropic error event', async () => {
    h.mock.scripts.set('c2', { text: `token ${SECRET} end`, chunkChars: 4 });
    const r = await post(
      `${h.url}/v1/messages`,
      JSON.stringify({ model: 'c2', max_tokens: 5, stream: true, messages: [{ role: 'user', content: 'x' }] }),
    );
    const evs = await sse(r);
    const last = evs.at(-1)!;
    assert.equal(last.event, 'error');
    const j = JSON.parse(last.data) as { type: string; error: { type: string } };
    assert.equal(j.type, 'error');
    assert.equal(j.error.type, 'permission_error');
    assert.ok(
      !evs
        .map((e) => e.data)
        .join('')
        .includes('sk-abcdefghij'),
    );
  });

  it('Responses API: streams text and rewrites the final events to what was sent', async () => {
    h.mock.scripts.set('r1', { chunkChars: 3 });
    const r = await post(
      `${h.url}/v1/responses`,
      JSON.stringify({ model: 'r1', stream: true, input: 'ping dave@corp.io' }),
    );
    const evs = await sse(r);
    const deltas = evs
      .filter((e) => e.event === 'response.output_text.delta')
      .map((e) => (JSON.parse(e.data) as { delta: string }).delta)
      .join('');
    assert.equal(deltas, 'ping dave@corp.io');
    const done = JSON.parse(evs.find((e) => e.event === 'response.completed')!.data) as {
      response: { output: { content: { text: string }[] }[] };
    };
    assert.equal(done.response.output[0]!.content[0]!.text, 'ping dave@corp.io');
  });

  it('Responses API: a denied function call is replaced and the stream goes on to response.completed', async () => {
    h.mock.scripts.set('r2', { text: 'x', toolCalls: [{ name: 'delete_repo', args: {} }] });
    const r = await post(`${h.url}/v1/responses`, JSON.stringify({ model: 'r2', stream: true, input: 'go' }));
    const evs = await sse(r);
    assert.equal(evs.at(-1)!.event, 'response.completed');
    assert.ok(!evs.some((e) => e.data.includes('"name":"delete_repo"')));
    assert.ok(h.audit.records.at(-1)!.decisions.some((d) => d.stage === 'tool-call' && d.effect === 'deny'));
  });

  it('passes SSE through the parser byte-exact for CRLF line endings', () => {
    const p = new SseParser();
    const evs = [
      ...p.push(Buffer.from('event: a\r\ndata: 1\r')),
      ...p.push(Buffer.from('\ndata: 2\r\n\r\n: comment\n\ndata: x\n\n')),
    ];
    assert.deepEqual(evs, [
      { event: 'a', data: '1\n2' },
      { event: undefined, data: 'x' },
    ]);
  });

  it('refuses an oversize SSE event instead of buffering it', () => {
    const p = new SseParser(100);
    assert.throws(() => p.push(Buffer.from(`data: ${'a'.repeat(200)}`)), /exceeds/);
  });

  it('returns clean text on a stream request to a non-stream upstream answer', async () => {
    const r = await post(`${h.url}/v1/chat/completions`, chatBody('plain'));
    assert.equal(r.status, 200);
  });
});
