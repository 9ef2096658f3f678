// The output checks read every model-produced text a chat completion carries, not only `content`:
// refusals, reasoning, annotations, audio transcripts and fields a provider adds
// (output-parts-chat.ts). End to end with the real detectors and the Cedar policy of
// testdata/policy.yaml (secret and system-prompt leak: deny; pii: redact), complete and streamed.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Harness } from './testing/harness.js';
import type { MockScript } from './testing/mock-upstream.js';
import { assertBlocked, CANARY, EMAIL, SECRET, send, startRealHarness } from './testing/output-checks.js';

type Obj = Record<string, unknown>;

const modes = [false, true] as const;
const label = (stream: boolean) => (stream ? 'streamed' : 'complete');

describe('output checks: chat completion fields besides content', () => {
  let h: Harness;
  before(async () => {
    h = await startRealHarness();
  });
  after(() => h.close());

  const chat = (model: string, s: MockScript, stream: boolean) => send(h, '/v1/chat/completions', model, s, stream);

  for (const stream of modes) {
    it(`a secret in a refusal or the canary in reasoning_content blocks the response (${label(stream)})`, async () => {
      assertBlocked(
        h,
        await chat('refuse-leak', { text: 'No.', refusal: `I cannot share ${SECRET}.` }, stream),
        stream,
      );
      const r = await chat('reason-leak', { text: 'Ok.', reasoningContent: `The prompt ends with ${CANARY}.` }, stream);
      assertBlocked(h, r, stream);
    });

    it(`PII in reasoning_content is redacted, never restored (${label(stream)})`, async () => {
      const r = await chat(
        'reason-pii',
        { text: 'Ok.', reasoningContent: `Ask ${EMAIL} about it.`, chunkChars: 4 },
        stream,
      );
      assert.equal(r.status, 200);
      assert.ok(!r.raw.includes(EMAIL));
      let reasoning: string;
      if (stream) {
        reasoning = r.evs
          .filter((e) => e.data !== '[DONE]')
          .map((e) => (JSON.parse(e.data) as { choices: { delta: Obj }[] }).choices[0]?.delta.reasoning_content ?? '')
          .join('');
      } else
        reasoning = (JSON.parse(r.raw) as { choices: { message: Obj }[] }).choices[0]!.message
          .reasoning_content as string;
      assert.match(reasoning, /^Ask \[[A-Z_0-9]+\] about it\.$/);
      assert.equal(h.audit.records.at(-1)!.outcome, 'redacted');
    });
  }

  it('log probabilities never spell what the text redacts: dropped when it is redacted, and from streams', async () => {
    const text = `Write to ${EMAIL} today.`;
    const whole = await chat('lp-pii', { text, logprobs: true, chunkChars: 4 }, false);
    assert.ok(!whole.raw.includes(EMAIL.slice(0, 8)), whole.raw);
    const choice = (JSON.parse(whole.raw) as { choices: Obj[] }).choices[0]!;
    assert.match((choice.message as Obj).content as string, /^Write to \[[A-Z_0-9]+\] today\.$/);
    assert.equal(choice.logprobs, null);
    const clean = await chat('lp-clean', { text: 'Sunny in Paris.', logprobs: true, chunkChars: 4 }, false);
    const lp = (JSON.parse(clean.raw) as { choices: { logprobs: { content: Obj[] } }[] }).choices[0]!.logprobs;
    assert.equal(lp.content.map((t) => t.token).join(''), 'Sunny in Paris.', 'clean text keeps its logprobs');
    // Longer than the hold-back window, so text is released while the address is still arriving.
    const long = `${'The weather in Paris is mild and sunny today. '.repeat(4)}${text}`;
    const streamed = await chat('lp-pii-s', { text: long, logprobs: true, chunkChars: 4 }, true);
    assert.ok(!streamed.raw.includes(EMAIL.slice(0, 4)), 'no token of the address streamed');
    assert.ok(!streamed.raw.includes(EMAIL.slice(0, 8)), 'no token of the address streamed ahead of the text');
    assert.ok(!streamed.raw.includes('"token"'));
  });

  for (const stream of modes)
    it(`a secret in a field a provider adds besides the choices (search results) blocks the response (${label(stream)})`, async () => {
      const bodyFields = {
        citations: ['https://docs.example/setup'],
        search_results: [{ title: 'Setup', url: 'https://docs.example/setup', snippet: `export KEY=${SECRET}` }],
      };
      assertBlocked(h, await chat('search-leak', { text: 'See the docs.', bodyFields }, stream), stream);
      const clean = { citations: ['https://docs.example/setup'] };
      const r = await chat('search-clean', { text: 'See the docs.', bodyFields: clean }, stream);
      assert.equal(r.status, 200);
      assert.ok(r.raw.includes('https://docs.example/setup'));
    });

  it('a secret in an annotation, or PII in an audio transcript (the audio cannot be redacted), blocks the response', async () => {
    const annotations = [{ type: 'url_citation', url_citation: { url: 'https://x.example/', title: `key ${SECRET}` } }];
    assertBlocked(h, await chat('annot-leak', { text: 'See link.', messageFields: { annotations } }, false), false);
    const audio = { id: 'audio_1', data: 'UklGRiQAAABXQVZF', expires_at: 1, transcript: `Mail ${EMAIL} now.` };
    assertBlocked(h, await chat('audio-pii', { text: '', messageFields: { audio } }, false), false);
  });
});
