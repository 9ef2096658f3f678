// Media a response carries past the output checks (generated images, spoken audio, fetched PDFs,
// files a tool wrote) is counted once and said in the audit (`gateway/unscanned-output-media`):
// counting per shape, and end to end for complete and streamed responses of the three APIs.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type Enforcer, newRequestState } from './enforcer.js';
import { audioEventKey, OutputMedia } from './output-media.js';
import type { AuditDecision } from './ports.js';
import type { Harness } from './testing/harness.js';
import { MOCK_AUDIO_DATA, type MockScript } from './testing/mock-upstream.js';
import { CANARY, SECRET, send, startRealHarness } from './testing/output-checks.js';
import type { ApiPath } from './upstream.js';

const B64 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

const IMAGE_ITEM = { type: 'image_generation_call', id: 'ig_1', status: 'completed', result: B64 };
const PDF_RESULT = {
  type: 'web_fetch_tool_result',
  tool_use_id: 'srvtoolu_1',
  content: {
    type: 'web_fetch_result',
    url: 'https://example.com/report.pdf',
    content: { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: 'JVBERi0xLjQ=' } },
  },
};

const counted = (api: ApiPath, feed: (m: OutputMedia) => void) => {
  const m = new OutputMedia(api);
  feed(m);
  return m.result().count;
};

describe('OutputMedia', () => {
  it('complete bodies: chat audio, a generated image and a code interpreter image, a fetched PDF and a written file', () => {
    const chat = {
      choices: [{ index: 0, message: { role: 'assistant', audio: { id: 'a', data: 'UklG', transcript: 'hi' } } }],
    };
    assert.deepEqual(
      counted('/v1/chat/completions', (m) => m.body(chat)),
      { images: 0, audio: 1, files: 0 },
    );
    const resp = {
      output: [
        IMAGE_ITEM,
        { type: 'image_generation_call', id: 'ig_2', status: 'failed', result: null },
        {
          type: 'code_interpreter_call',
          id: 'ci_1',
          outputs: [
            { type: 'logs', logs: 'ok' },
            { type: 'image', url: 'https://x/y.png' },
          ],
        },
        { type: 'message', id: 'msg_1', content: [{ type: 'output_text', text: 'An image of a cat.' }] },
      ],
    };
    assert.deepEqual(
      counted('/v1/responses', (m) => m.body(resp)),
      { images: 2, audio: 0, files: 0 },
    );
    const written = {
      type: 'bash_code_execution_tool_result',
      tool_use_id: 'srvtoolu_2',
      content: {
        type: 'bash_code_execution_result',
        stdout: '',
        content: [{ type: 'bash_code_execution_output', file_id: 'file_1' }],
      },
    };
    const text = { type: 'document', source: { type: 'text', media_type: 'text/plain', data: 'read as text' } };
    assert.deepEqual(
      counted('/v1/messages', (m) => m.body({ content: [{ type: 'text', text: 'hi' }, PDF_RESULT, written, text] })),
      { images: 0, audio: 0, files: 2 },
    );
    assert.deepEqual(
      counted('/v1/messages', (m) => m.body({ content: [{ type: 'text', text: 'no media' }] })),
      { images: 0, audio: 0, files: 0 },
    );
  });

  it('a streamed image seen as partial images, as its item is done and in the final response counts once', () => {
    const n = counted('/v1/responses', (m) => {
      m.event({
        type: 'response.output_item.added',
        output_index: 0,
        item: { ...IMAGE_ITEM, status: 'in_progress', result: null },
      });
      m.event({
        type: 'response.image_generation_call.partial_image',
        item_id: 'ig_1',
        output_index: 0,
        partial_image_b64: B64,
      });
      m.event({
        type: 'response.image_generation_call.partial_image',
        item_id: 'ig_1',
        output_index: 0,
        partial_image_b64: B64,
      });
      m.event({ type: 'response.output_item.done', output_index: 0, item: IMAGE_ITEM });
      m.event({ type: 'response.completed', response: { output: [IMAGE_ITEM] } });
    });
    assert.deepEqual(n, { images: 1, audio: 0, files: 0 });
    const audio = counted('/v1/responses', (m) => {
      const at = { item_id: 'msg_1', output_index: 0, content_index: 1 };
      m.event({ type: 'response.content_part.added', ...at, part: { type: 'output_audio', transcript: '' } });
      m.event({ type: 'response.output_audio.delta', ...at, delta: 'UklG' });
      m.event({ type: 'response.output_audio.delta', ...at, delta: 'UklG' });
      m.event({ type: 'response.audio.delta', delta: 'UklG' });
    });
    assert.deepEqual(
      audio,
      { images: 0, audio: 2, files: 0 },
      'one per content part, and one for the older per-response shape',
    );
    const chat = counted('/v1/chat/completions', (m) => {
      for (let i = 0; i < 3; i++) m.event({ choices: [{ index: 0, delta: { audio: { id: 'a', data: 'UklG' } } }] });
      m.event({ choices: [{ index: 1, delta: { audio: { id: 'b', data: 'UklG' } } }] });
    });
    assert.deepEqual(chat, { images: 0, audio: 2, files: 0 }, 'one per choice');
  });

  it('a stopped stream: media of the event it stopped on and audio still held are withheld, not counted', () => {
    const m = new OutputMedia('/v1/responses');
    m.event({ type: 'response.output_item.done', output_index: 0, item: IMAGE_ITEM });
    m.forwarded();
    const at = { item_id: 'msg_1', output_index: 1, content_index: 0 };
    m.event({ type: 'response.output_audio.delta', ...at, delta: 'UklG' });
    m.holdAudio(audioEventKey(at));
    m.forwarded();
    // The guard stops the stream on this event: the image never goes out.
    m.event({ type: 'response.output_item.done', output_index: 2, item: { ...IMAGE_ITEM, id: 'ig_2' } });
    const enforcer = { config: { mode: 'enforce' }, policy: { revision: () => 'r1' } } as unknown as Enforcer;
    const identity = { keyId: 'k1', principal: 'alice', roles: [] };
    const state = newRequestState('req_1', identity, '/v1/responses', new AbortController().signal);
    m.record(enforcer, state, true);
    assert.equal(state.decisions.length, 1);
    assert.equal(
      state.decisions[0]!.reasons[0],
      'the response carried media the output checks cannot read (1 image) before the stream stopped; it went to the client unread (withheld, never sent: 1 image and 1 audio clip)',
    );
    // Released before the end: it went out.
    const n = new OutputMedia('/v1/chat/completions');
    n.event({ choices: [{ index: 0, delta: { audio: { id: 'a', data: 'UklG' } } }] });
    n.holdAudio('c0.audio');
    n.forwarded();
    n.releaseAudio('c0.audio');
    const s2 = newRequestState('req_2', identity, '/v1/chat/completions', new AbortController().signal);
    n.record(enforcer, s2, true);
    assert.match(
      s2.decisions[0]?.reasons[0] ?? '',
      /\(1 audio clip\) before the stream stopped; it went to the client unread$/,
    );
  });
});

describe('gateway: media in a response is said in the audit', () => {
  let h: Harness;
  before(async () => {
    h = await startRealHarness();
  });
  after(() => h.close());

  const mediaDecision = (): AuditDecision | undefined =>
    h.audit.records.at(-1)!.decisions.find((d) => d.reasons.some((r) => r.includes('output checks cannot read')));

  const cases: Array<[string, '/v1/chat/completions' | '/v1/responses' | '/v1/messages', MockScript, RegExp]> = [
    [
      'chat audio',
      '/v1/chat/completions',
      { text: 'Here you go.', audioTranscript: 'It is sunny.' },
      /\(1 audio clip\)/,
    ],
    ['a Responses generated image', '/v1/responses', { text: 'Here it is.', extraItems: [IMAGE_ITEM] }, /\(1 image\)/],
    ['an Anthropic fetched PDF', '/v1/messages', { text: 'Summary follows.', extraBlocks: [PDF_RESULT] }, /\(1 file\)/],
  ];
  for (const [name, api, script, what] of cases)
    for (const stream of [false, true])
      it(`${name}, ${stream ? 'streamed' : 'complete'}: one decision, allow, naming what went out unread`, async () => {
        const r = await send(h, api, `media-${name.replace(/\W+/g, '-')}`, script, stream);
        assert.equal(r.status, 200, r.raw);
        assert.equal(h.audit.records.at(-1)!.outcome, 'allowed');
        const d = mediaDecision();
        assert.ok(d, JSON.stringify(h.audit.records.at(-1)!.decisions));
        assert.equal(d.effect, 'allow');
        assert.equal(d.stage, 'output');
        assert.match(d.reasons[0]!, what);
        assert.match(d.reasons[0]!, /went to the client unread/);
        assert.equal(
          h.audit.records.at(-1)!.decisions.filter((x) => x.id.includes('unscanned-output-media')).length,
          1,
        );
      });

  it('a response without media gets no such decision', async () => {
    for (const stream of [false, true]) {
      const r = await send(h, '/v1/chat/completions', 'media-none', { text: 'Plain words.' }, stream);
      assert.equal(r.status, 200);
      assert.equal(mediaDecision(), undefined);
    }
  });

  /** Audio pieces the client received (chat `delta.audio.data`, Responses audio deltas). */
  const audioSent = (r: { evs: { data: string }[] }): number =>
    r.evs.filter((e) => e.data !== '[DONE]' && e.data.includes(MOCK_AUDIO_DATA)).length;

  const audioShapes = [
    ['chat', '/v1/chat/completions', {}],
    ['Responses audio', '/v1/responses', {}],
    ['Responses output_audio', '/v1/responses', { audioEvents: 'output_audio' }],
  ] as const;

  for (const [name, api, extra] of audioShapes)
    it(`${name}: a stream stopped while its audio waited for the transcript check does not count that audio`, async () => {
      const script = {
        text: 'Here you go.',
        audioTranscript: `The code is ${CANARY} as asked.`,
        chunkChars: 4,
        ...extra,
      };
      const r = await send(h, api, 'media-stopped', script, true);
      assert.equal(h.audit.records.at(-1)!.outcome, 'blocked', r.raw);
      assert.equal(audioSent(r), 0, 'no audio reached the client');
      assert.equal(mediaDecision(), undefined, JSON.stringify(h.audit.records.at(-1)!.decisions));
    });

  for (const [name, api, extra] of audioShapes.filter(([, api]) => api === '/v1/responses'))
    it(`${name}: a stream stopped after its audio went out counts that audio`, async () => {
      // The transcript is clean (its audio is released), then an item carrying a secret stops the stream.
      const leak = { type: 'hologram_call', id: 'hol_1', status: 'completed', script: { note: `key ${SECRET}` } };
      const said = 'It is sunny in Paris today.';
      const script = { text: 'Here you go.', audioTranscript: said, chunkChars: 4, extraItems: [leak], ...extra };
      const r = await send(h, api, 'media-stopped-late', script, true);
      assert.equal(h.audit.records.at(-1)!.outcome, 'blocked', r.raw);
      assert.equal(audioSent(r), Math.ceil(said.length / 4), 'every audio piece reached the client');
      assert.match(
        mediaDecision()?.reasons[0] ?? '',
        /\(1 audio clip\) before the stream stopped; it went to the client unread$/,
      );
    });
});
