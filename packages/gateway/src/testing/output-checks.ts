// Test helpers for the output checks end to end: a harness with the real detectors and the sample
// Cedar policy (testdata/policy.yaml: secret and system-prompt leak deny, pii redact), one request
// per scripted model, and what a blocked response looks like.
import assert from 'node:assert/strict';
import type { SseEvent } from '../sse.js';
import { type Harness, post } from './harness.js';
import type { MockScript } from './mock-upstream.js';
import { startRealHarness as startReal } from './real-harness.js';
import { readSse } from './responses-sse.js';

type Obj = Record<string, unknown>;

export const SECRET = 'sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4zAb7dEf0hIj3kLm6nOp9qRs2tUv5wXy8z';
export const CANARY = 'RAMPART-CANARY-7f3a9c21';
export const EMAIL = 'bob.martin@corp-mail.io';
const LEAKS = [SECRET, CANARY, EMAIL, SECRET.slice(0, 20)];

/** The real harness with this file's canary configured. */
export const startRealHarness = (): Promise<Harness> => startReal({ canaries: [CANARY] });

/** Sends one request for `model` (scripted as `script`), complete or streamed. */
export async function send(
  h: Harness,
  api: '/v1/messages' | '/v1/chat/completions' | '/v1/responses',
  model: string,
  script: MockScript,
  stream: boolean,
): Promise<{ status: number; raw: string; evs: SseEvent[] }> {
  // The sample policy allows alice `mock-*` models.
  model = `mock-${model}`;
  h.mock.scripts.set(model, script);
  const body: Obj =
    api === '/v1/responses'
      ? { model, input: 'go', stream }
      : { model, max_tokens: 100, messages: [{ role: 'user', content: 'go' }], stream };
  const r = await post(`${h.url}${api}`, JSON.stringify(body), { 'anthropic-version': '2023-06-01' });
  if (!stream) return { status: r.status, raw: await r.text(), evs: [] };
  const evs = await readSse(r);
  return { status: r.status, raw: evs.map((e) => e.data).join('\n'), evs };
}

/** Nothing leaked, and the request is audited as blocked: a 403 output_blocked, or a stream that ends in an error. */
export function assertBlocked(h: Harness, r: { status: number; raw: string; evs: SseEvent[] }, stream: boolean): void {
  for (const s of LEAKS) assert.ok(!r.raw.includes(s), `${s.slice(0, 10)}… never sent`);
  if (stream) {
    const last = r.evs.at(-1)!;
    assert.ok(last.event === 'error' || /"output_blocked"/.test(last.data), `ends with an error: ${last.data}`);
  } else {
    assert.equal(r.status, 403);
    assert.match(r.raw, /output_blocked|permission/);
  }
  const rec = h.audit.records.at(-1)!;
  assert.equal(rec.outcome, 'blocked');
  assert.ok(rec.decisions.some((d) => d.stage === 'output' && d.effect === 'deny'));
}
