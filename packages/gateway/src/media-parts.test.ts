// Media the input checks cannot read (images, audio, files) is counted, said in the audit record, and
// refused when checks.input.media is deny.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { countMedia, describeMedia } from './media-parts.js';
import { type Harness, post } from './testing/harness.js';
import { startRealHarness } from './testing/real-harness.js';

const auth = { authorization: 'Bearer rk-test-alice' };
const PNG =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

describe('countMedia', () => {
  it('chat: images, audio and files in user turns', () => {
    const r = countMedia('/v1/chat/completions', {
      messages: [
        { role: 'system', content: 'be brief' },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'what is this?' },
            { type: 'image_url', image_url: { url: PNG } },
            { type: 'input_audio', input_audio: { data: 'AAAA', format: 'wav' } },
            { type: 'file', file: { file_id: 'file-1' } },
          ],
        },
      ],
    });
    assert.deepEqual(r, { count: { images: 1, audio: 1, files: 1 }, truncated: false });
  });

  it('Anthropic: an image inside a tool result counts; a text document does not, a PDF does', () => {
    const r = countMedia('/v1/messages', {
      system: [{ type: 'text', text: 'sys' }],
      messages: [
        {
          role: 'user',
          content: [
            {
              type: 'tool_result',
              tool_use_id: 't1',
              content: [{ type: 'image', source: { type: 'base64', data: 'x' } }],
            },
            { type: 'document', source: { type: 'text', media_type: 'text/plain', data: 'read as text' } },
            { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: 'JVBERi0=' } },
          ],
        },
      ],
    });
    assert.deepEqual(r.count, { images: 1, audio: 0, files: 1 });
  });

  it('Responses: input_image, input_file and a computer-use screenshot', () => {
    const r = countMedia('/v1/responses', {
      input: [
        {
          role: 'user',
          content: [
            { type: 'input_image', image_url: PNG },
            { type: 'input_file', file_id: 'f' },
          ],
        },
        { type: 'computer_call_output', call_id: 'c', output: { type: 'computer_screenshot', image_url: PNG } },
      ],
    });
    assert.deepEqual(r.count, { images: 2, audio: 0, files: 1 });
    assert.deepEqual(countMedia('/v1/responses', { input: 'plain text' }).count, { images: 0, audio: 0, files: 0 });
  });

  it('stops at its depth bound and says so instead of reading on', () => {
    let deep: unknown = { type: 'image_url' };
    for (let i = 0; i < 100; i++) deep = { type: 'wrapper', inner: deep };
    const r = countMedia('/v1/chat/completions', { messages: [{ role: 'user', content: [deep] }] });
    assert.equal(r.truncated, true);
  });

  it('describes counts for people', () => {
    assert.equal(describeMedia({ images: 2, audio: 0, files: 1 }), '2 images and 1 file');
    assert.equal(describeMedia({ images: 0, audio: 1, files: 0 }), '1 audio clip');
    assert.equal(describeMedia({ images: 0, audio: 0, files: 0 }), undefined);
  });
});

const imageRequest = JSON.stringify({
  model: 'gpt-4o',
  messages: [
    {
      role: 'user',
      content: [
        { type: 'text', text: 'Describe this picture' },
        { type: 'image_url', image_url: { url: PNG } },
      ],
    },
  ],
});

describe('gateway: media in a request', () => {
  let allow: Harness;
  let deny: Harness;
  before(async () => {
    allow = await startRealHarness();
    deny = await startRealHarness({ media: 'deny' });
  });
  after(async () => {
    await allow.close();
    await deny.close();
  });

  it('by default passes it on and the audit record says what went unscanned', async () => {
    const r = await post(`${allow.url}/v1/chat/completions`, imageRequest, auth);
    assert.equal(r.status, 200);
    const rec = allow.audit.records.at(-1)!;
    const d = rec.decisions.find((x) => x.reasons.some((m) => m.includes('1 image')));
    assert.ok(d, JSON.stringify(rec.decisions));
    assert.equal(d.effect, 'allow');
    assert.match(d.reasons[0]!, /went to the model unscanned/);
    // A request without media gets no such decision.
    const plain = await post(
      `${allow.url}/v1/chat/completions`,
      JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hello' }] }),
      auth,
    );
    assert.equal(plain.status, 200);
    assert.ok(!JSON.stringify(allow.audit.records.at(-1)!.decisions).includes('unscanned-media'));
  });

  it('with checks.input.media deny refuses it before anything reaches the provider', async () => {
    const before = deny.mock.requests.length;
    const r = await post(`${deny.url}/v1/chat/completions`, imageRequest, auth);
    assert.equal(r.status, 403);
    const body = (await r.json()) as { error: { message: string; code: string } };
    assert.equal(body.error.code, 'policy_denied');
    assert.match(body.error.message, /1 image/);
    assert.equal(deny.mock.requests.length, before);
    assert.equal(deny.audit.records.at(-1)!.outcome, 'blocked');
  });
});

describe('gateway: media counts in policy (context.media)', () => {
  let h: Harness;
  const bob = { authorization: 'Bearer rk-test-bob' };
  const chat = (content: unknown[]) =>
    JSON.stringify({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }, ...content] }],
    });
  before(async () => {
    h = await startRealHarness({
      policyFile: join(new URL('.', import.meta.url).pathname, 'testdata/media-policy.yaml'),
    });
  });
  after(async () => {
    await h.close();
  });

  it('a policy refuses images for one team, counted once per request', async () => {
    const n = h.mock.requests.length;
    const r = await post(`${h.url}/v1/chat/completions`, imageRequest, bob);
    assert.equal(r.status, 403);
    assert.match(((await r.json()) as { error: { message: string } }).error.message, /contractors may not send images/);
    assert.equal(h.mock.requests.length, n, 'nothing reached the provider');
    const audio = [{ type: 'input_audio', input_audio: { data: 'AAAA', format: 'wav' } }];
    assert.equal((await post(`${h.url}/v1/chat/completions`, chat(audio), bob)).status, 200, 'audio is not an image');
    assert.equal((await post(`${h.url}/v1/chat/completions`, imageRequest, auth)).status, 200, 'another team');
  });

  it('media past the counting bound counts as at least one of each kind', async () => {
    // Past the walk's node bound (the request shape already refuses deep nesting): what follows is unread.
    const many = { type: 'wrapper', inner: Array.from({ length: 200_001 }, () => []) };
    const image = { type: 'image_url', image_url: { url: PNG } };
    const r = await post(`${h.url}/v1/chat/completions`, chat([many, image]), bob);
    const text = await r.text();
    assert.equal(r.status, 403, text);
    assert.match(text, /contractors may not send images/);
  });
});
