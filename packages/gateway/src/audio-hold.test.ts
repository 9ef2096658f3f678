// A streamed audio transcript (chat `delta.audio`, Responses `response.audio.transcript.*` and
// `response.output_audio_transcript.*`) goes through a signed hold-back channel: a secret, the canary
// or PII split across transcript chunks is seen whole and blocks the stream before any of it, or any
// of the audio it comes with, reaches the client. Real detectors and the sample Cedar policy.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { responsesItemSlots } from './output-parts-responses.js';
import type { Harness } from './testing/harness.js';
import { MOCK_AUDIO_DATA, type MockScript } from './testing/mock-upstream.js';
import { assertBlocked, CANARY, EMAIL, SECRET, send, startRealHarness } from './testing/output-checks.js';

type Obj = Record<string, unknown>;
const LEAKS = [SECRET, CANARY, EMAIL];
const TRANSCRIPT_DELTAS = new Set(['response.audio.transcript.delta', 'response.output_audio_transcript.delta']);
const AUDIO_DELTAS = new Set(['response.audio.delta', 'response.output_audio.delta']);

/** The transcript and the audio pieces the client received, in order. */
function received(r: { evs: { data: string }[] }, chat: boolean): { transcript: string; audio: number } {
  let transcript = '';
  let audio = 0;
  for (const e of r.evs) {
    if (e.data === '[DONE]') continue;
    const d = JSON.parse(e.data) as Obj;
    if (chat) {
      const a = ((d.choices as Obj[] | undefined)?.[0]?.delta as Obj | undefined)?.audio as Obj | undefined;
      if (typeof a?.transcript === 'string') transcript += a.transcript;
      if (a?.data === MOCK_AUDIO_DATA) audio++;
    } else {
      if (TRANSCRIPT_DELTAS.has(d.type as string)) transcript += d.delta as string;
      if (AUDIO_DELTAS.has(d.type as string)) audio++;
    }
  }
  return { transcript, audio };
}

describe('output checks: streamed audio transcripts', () => {
  let h: Harness;
  before(async () => {
    h = await startRealHarness();
  });
  after(() => h.close());

  const shapes = [
    { name: 'chat', api: '/v1/chat/completions' as const, extra: {} },
    { name: 'Responses audio', api: '/v1/responses' as const, extra: {} },
    { name: 'Responses output_audio', api: '/v1/responses' as const, extra: { audioEvents: 'output_audio' as const } },
  ];

  for (const s of shapes) {
    const chat = s.api === '/v1/chat/completions';
    const go = (model: string, script: MockScript) => send(h, s.api, model, { ...script, ...s.extra }, true);

    it(`${s.name}: a clean transcript passes whole, with every audio piece after its check`, async () => {
      const said = 'The weather in Paris is mild and sunny today, with a light breeze from the west.';
      const r = await go('audio-clean', { text: 'Here you go.', audioTranscript: said, chunkChars: 5 });
      assert.equal(r.status, 200);
      const got = received(r, chat);
      assert.equal(got.transcript, said);
      assert.equal(got.audio, Math.ceil(said.length / 5), 'every audio piece delivered');
      assert.equal(h.audit.records.at(-1)!.outcome, 'allowed');
      if (!chat) {
        const done = r.evs
          .map((e) => JSON.parse(e.data) as Obj)
          .find((d) => d.type === `response.output_audio_transcript.done`);
        if (done !== undefined) assert.equal(done.transcript, said);
      }
    });

    for (const leak of LEAKS)
      it(`${s.name}: ${leak === EMAIL ? 'PII (signed: redaction blocks)' : leak === CANARY ? 'the canary' : 'a secret'} split across transcript chunks blocks the stream before any audio`, async () => {
        const said = `Sure, I read it out: ${leak} and that is all you need.`;
        const r = await go('audio-leak', { text: 'Here you go.', audioTranscript: said, chunkChars: 3 });
        assertBlocked(h, r, true);
        const got = received(r, chat);
        assert.ok(!got.transcript.includes(leak.slice(0, 12)), `transcript sent: ${got.transcript}`);
        assert.equal(got.audio, 0, 'no audio of the blocked transcript was sent');
        if (leak === EMAIL) {
          const reasons = h.audit.records.at(-1)!.decisions.flatMap((d) => d.reasons);
          assert.ok(
            reasons.some((x) => /audio transcript of .*signed it/.test(x)),
            reasons.join(' | '),
          );
        }
      });
  }
});

describe('output parts: a Responses output_audio part', () => {
  it('reads its transcript as signed text and leaves its audio unread', () => {
    const part = { type: 'output_audio', transcript: 'Hello there.', audio: 'UklGRiQAAABXQVZF', extra: 'note' };
    const slots = responsesItemSlots({ type: 'message', content: [part] }, 0);
    assert.deepEqual(
      slots.map((s) => [s.key, s.mode]),
      [
        ['transcript', 'signed'],
        ['extra', 'rewrite'],
      ],
    );
  });
});
