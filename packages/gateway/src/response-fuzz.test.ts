// Property-based fuzzing of the gateway's reading of upstream responses, complete and streamed, for
// the three APIs: a mock provider answers with random extra fields, blocks, items, reasoning and
// refusals (the real shapes at random, prototype names as keys, nulls, deep nesting) carrying a
// canary, through the real gateway, detectors and Cedar policy (a canary is a system-prompt leak:
// deny). Properties: never a 5xx, a crash or a hang; the client never receives the canary at a
// position the output checks promise to read (docs/gateway.md, "What the output checks read": all
// but ids, signatures, encrypted data, media and provider-set enums). Fixed seeds, modest runs.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { OUTPUT_OPAQUE } from './output-parts.js';
import type { Harness } from './testing/harness.js';
import type { MockScript } from './testing/mock-upstream.js';
import { CANARY, send, startRealHarness } from './testing/output-checks.js';

type Obj = Record<string, unknown>;
const RUNS = Number(process.env.FUZZ_RUNS ?? 100);
const SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);

const PROTO_NAMES = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'then'];
const protoName = fc.constantFrom(...PROTO_NAMES);
const text = fc.oneof(
  { weight: 3, arbitrary: fc.constant(`the key is ${CANARY} ok`) },
  fc.string({ maxLength: 8 }),
  fc.constantFrom('', '\u0000', '\ud800'),
);
const key = fc.oneof(
  fc.constantFrom('text', 'content', 'output', 'summary', 'title', 'url', 'citations', 'annotations', 'result', 'type'),
  protoName,
  fc.string({ maxLength: 6 }),
);
const { json } = fc.letrec<{ json: unknown }>((tie) => ({
  json: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    text,
    fc.integer(),
    fc.constant(null),
    fc.array(tie('json'), { maxLength: 3 }),
    fc.dictionary(key, tie('json'), { maxKeys: 3 }),
  ),
}));
const deep = fc.integer({ min: 8, max: 30 }).map((d) => {
  let v: unknown = text;
  v = `deep ${CANARY}`;
  for (let i = 0; i < d; i++) v = { text: v };
  return v;
});
const value = fc.oneof({ weight: 6, arbitrary: json }, deep);
const fields = fc.dictionary(key, value, { maxKeys: 3 });
/**
 * Top-level fields of a response that echo the request's configuration (Responses `text`, `reasoning`,
 * `instructions`, `tools`, …) are documented as not read; random names and the ones that hold output
 * (`output`, `choices`, `content`) stay.
 */
const ECHOED = new Set([
  'text',
  'reasoning',
  'instructions',
  'tools',
  'metadata',
  'error',
  'incomplete_details',
  'prompt',
  'usage',
]);
const bodyFields = fc.dictionary(
  key.filter((k) => !ECHOED.has(k)),
  value,
  { maxKeys: 3 },
);
const blockType = fc.oneof(
  fc.constantFrom(
    'text',
    'thinking',
    'server_tool_use',
    'web_search_tool_result',
    'web_fetch_tool_result',
    'mcp_tool_result',
    'brand_new_block',
  ),
  protoName,
  fc.string({ maxLength: 5 }),
);
const itemType = fc.oneof(
  // Not file_search_call or code_interpreter_call: their known fields only are read (see the report).
  fc.constantFrom('message', 'reasoning', 'web_search_call', 'shell_call', 'brand_new_item'),
  protoName,
  fc.string({ maxLength: 5 }),
);
const block = fc.tuple(blockType, fields).map(([type, f]) => ({ ...f, type }) as Obj);
const item = fc.tuple(itemType, fields).map(([type, f]) => ({ ...f, type }) as Obj);

const chatScript = fc.record(
  { messageFields: fields, bodyFields, refusal: text, reasoningContent: text },
  { requiredKeys: [] },
);
const anthropicScript = fc.record(
  { extraBlocks: fc.array(block, { maxLength: 3 }), bodyFields, thinking: text },
  { requiredKeys: [] },
);
const responsesScript = fc.record(
  { extraItems: fc.array(item, { maxLength: 3 }), bodyFields, reasoningSummary: text, refusal: text },
  { requiredKeys: [] },
);

/** Where the canary is in what the client got, outside what the output checks do not read. */
function canaryAt(v: unknown, path: string, out: string[], depth = 0): string[] {
  if (typeof v === 'string') {
    if (v.includes(CANARY)) out.push(path);
    else if (depth === 0) {
      // An SSE data line or a body that is not JSON: the text as a whole.
    }
    return out;
  }
  if (v === null || typeof v !== 'object' || depth > 200) return out;
  if (Array.isArray(v)) {
    v.forEach((x, i) => {
      canaryAt(x, `${path}[${i}]`, out, depth + 1);
    });
    return out;
  }
  for (const [k, x] of Object.entries(v as Obj)) if (!OUTPUT_OPAQUE.has(k)) canaryAt(x, `${path}.${k}`, out, depth + 1);
  return out;
}

function parsed(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return s;
  }
}

describe('response fuzzing: hostile upstream answers through the real gateway', () => {
  let h: Harness;
  let n = 0;
  before(async () => {
    h = await startRealHarness();
  });
  after(async () => {
    await h.close();
  });

  const property =
    (api: '/v1/messages' | '/v1/chat/completions' | '/v1/responses', script: fc.Arbitrary<MockScript>, seed: number) =>
    async () => {
      await fc.assert(
        fc.asyncProperty(script, fc.boolean(), async (s, stream) => {
          const r = await send(h, api, `fuzz-${n++}`, s, stream);
          assert.ok(r.status < 500, `status ${r.status}: ${r.raw.slice(0, 300)}`);
          const got = stream ? r.evs.map((e) => parsed(e.data)) : parsed(r.raw);
          const at = canaryAt(got, '$', []);
          assert.deepEqual(at, [], `the client received the canary at ${at.join(', ')}`);
        }),
        { seed: SEED ?? seed, numRuns: RUNS },
      );
    };

  it('chat completions', { timeout: 120_000 }, property('/v1/chat/completions', chatScript, 0xf0e01));
  it('Anthropic messages', { timeout: 120_000 }, property('/v1/messages', anthropicScript, 0xf0e02));
  it('Responses', { timeout: 120_000 }, property('/v1/responses', responsesScript, 0xf0e03));
});
