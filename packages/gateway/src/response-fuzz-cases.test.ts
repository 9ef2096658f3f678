// Cases response-fuzz.test.ts found, as plain regression tests: model output in shapes the output
// checks did not read (a message's content or a response's output that is not a list, a bare string
// among the output items, a text block whose text is not a string, fields of a thinking block besides
// its text) reached the client with a canary in it. Each must now be blocked.
import { after, before, describe, it } from 'node:test';
import type { Harness } from './testing/harness.js';
import type { MockScript } from './testing/mock-upstream.js';
import { assertBlocked, CANARY, send, startRealHarness } from './testing/output-checks.js';

const LEAK = `the key is ${CANARY} ok`;

describe('response fuzz cases: output in malformed shapes is read', () => {
  let h: Harness;
  before(async () => {
    h = await startRealHarness();
  });
  after(async () => {
    await h.close();
  });

  const cases: Array<[string, '/v1/messages' | '/v1/responses', MockScript, boolean]> = [
    ['Anthropic content that is a string', '/v1/messages', { bodyFields: { content: LEAK } }, false],
    ['Responses output that is a string', '/v1/responses', { bodyFields: { output: LEAK } }, false],
    ['a bare string among the Responses output items', '/v1/responses', { bodyFields: { output: [LEAK] } }, false],
    [
      'an Anthropic text block whose text is an object',
      '/v1/messages',
      { extraBlocks: [{ type: 'text', text: { text: LEAK } }] },
      false,
    ],
    [
      'a field of a thinking block besides its text',
      '/v1/messages',
      { extraBlocks: [{ type: 'thinking', thinking: 'hm', note: LEAK }] },
      false,
    ],
    [
      'a field of a streamed thinking block besides its text',
      '/v1/messages',
      { extraBlocks: [{ type: 'thinking', thinking: 'hm', note: LEAK }] },
      true,
    ],
  ];
  for (const [name, api, script, stream] of cases)
    it(`blocks ${name}`, async () => {
      const r = await send(h, api, `case-${name.replace(/\W+/g, '-')}`, script, stream);
      assertBlocked(h, r, stream);
    });
});
