// Responses API streams with function calls, end to end through the gateway against the mock
// upstream's real SSE: denied calls are replaced at their output_index, allowed ones released
// whole, and the events still add up (as an SDK accumulates them) to the final response.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parseGatewayConfig } from './config.js';
import { Enforcer, newRequestState } from './enforcer.js';
import { ResponsesGuard } from './guard-responses.js';
import { GatewayMetrics } from './metrics.js';
import type { SseEvent } from './sse.js';
import { FakeChecks, FakePolicy } from './testing/fakes.js';
import { type Harness, post, startHarness } from './testing/harness.js';
import { accumulateOutput as accumulate, readSse as sse } from './testing/responses-sse.js';

type Obj = Record<string, unknown>;

describe('gateway: Responses API streamed function calls', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({ policy: { deniedTools: ['delete_repo'] } });
  });
  after(() => h.close());

  it('removes a denied call, explains it at the same output_index, releases the allowed one whole', async () => {
    h.mock.scripts.set('rf1', {
      text: 'working on it',
      toolCalls: [
        { name: 'delete_repo', args: { repo: 'prod', force: true } },
        { name: 'lookup', args: { q: 'weather in Paris today' } },
      ],
    });
    const r = await post(`${h.url}/v1/responses`, JSON.stringify({ model: 'rf1', stream: true, input: 'go' }));
    assert.equal(r.status, 200);
    const evs = await sse(r);
    assert.equal(evs.at(-1)!.event, 'response.completed', 'the stream is not cut short');
    assert.ok(!evs.some((e) => e.event === 'error'));
    // Nothing of the denied call reached the client: no item, no argument deltas.
    const all = evs.map((e) => e.data).join('\n');
    assert.ok(!all.includes('"name":"delete_repo"'));
    assert.ok(!all.includes('prod'), 'the denied call arguments are withheld');
    const argEvents = evs.filter((e) => e.event?.startsWith('response.function_call_arguments.'));
    assert.ok(argEvents.length > 0);
    for (const e of argEvents) assert.equal((JSON.parse(e.data) as { output_index: number }).output_index, 2);

    const streamed = accumulate(evs);
    assert.deepEqual(
      streamed.map((i) => i.type),
      ['message', 'message', 'function_call'],
    );
    const note = (streamed[1]!.content as { text: string }[])[0]!.text;
    assert.match(note, /^\[rampart\] tool call delete_repo denied by policy/);
    assert.equal(streamed[2]!.name, 'lookup');
    assert.deepEqual(JSON.parse(streamed[2]!.arguments as string), { q: 'weather in Paris today' });

    const completed = JSON.parse(evs.at(-1)!.data) as { response: { output: Obj[] } };
    assert.deepEqual(completed.response.output, streamed, 'response.completed says what was streamed');

    const rec = h.audit.records.at(-1)!;
    const tools = rec.decisions.filter((d) => d.stage === 'tool-call');
    assert.deepEqual(
      tools.map((d) => [d.resource, d.effect]),
      [
        ['delete_repo', 'deny'],
        ['lookup', 'allow'],
      ],
      'each call reviewed once, the denial recorded',
    );
    assert.notEqual(rec.outcome, 'error');
  });

  it('streams an all-allowed call unchanged', async () => {
    h.mock.scripts.set('rf2', { text: 'ok', toolCalls: [{ name: 'lookup', args: { q: 'a' } }] });
    const r = await post(`${h.url}/v1/responses`, JSON.stringify({ model: 'rf2', stream: true, input: 'go' }));
    const evs = await sse(r);
    const out = accumulate(evs);
    assert.deepEqual(
      out.map((i) => [i.type, i.name]),
      [
        ['message', undefined],
        ['function_call', 'lookup'],
      ],
    );
    assert.equal(h.audit.records.at(-1)!.outcome, 'allowed');
  });

  // Real argument streams come in small deltas (~165 bytes of events per 10 characters here): the
  // guard keeps only their text and releases it as one delta.
  it('holds a long call streamed in small deltas by its text, released as one delta', async () => {
    h.mock.scripts.set('rf-small', { text: 'ok', toolCalls: [{ name: 'lookup', args: { q: 'd'.repeat(60_000) } }] });
    const r = await post(`${h.url}/v1/responses`, JSON.stringify({ model: 'rf-small', stream: true, input: 'go' }));
    const evs = await sse(r);
    assert.equal(evs.at(-1)!.event, 'response.completed', 'the stream is not cut short');
    const deltas = evs.filter((e) => e.event === 'response.function_call_arguments.delta');
    assert.equal(deltas.length, 1);
    const out = accumulate(evs);
    assert.equal(out[1]!.arguments, JSON.stringify({ q: 'd'.repeat(60_000) }));
    assert.deepEqual(JSON.parse(deltas[0]!.data), {
      type: 'response.function_call_arguments.delta',
      output_index: 1,
      item_id: 'fc_0',
      delta: out[1]!.arguments,
    });
  });

  it('limits what is held now, not the whole stream: several long calls in a row pass', async () => {
    const big = (c: string) => ({ name: 'lookup', args: { q: c.repeat(200_000) } });
    h.mock.scripts.set('rf-long', { text: 'ok', toolChunkChars: 1000, toolCalls: [big('a'), big('b'), big('c')] });
    const r = await post(`${h.url}/v1/responses`, JSON.stringify({ model: 'rf-long', stream: true, input: 'go' }));
    const evs = await sse(r);
    assert.equal(evs.at(-1)!.event, 'response.completed', 'the stream is not cut short');
    const out = accumulate(evs);
    assert.deepEqual(
      out.map((i) => [
        i.type,
        (JSON.parse((i.arguments as string | undefined) ?? '{"q":""}') as { q: string }).q.length,
      ]),
      [
        ['message', 0],
        ['function_call', 200_000],
        ['function_call', 200_000],
        ['function_call', 200_000],
      ],
    );
    assert.equal(h.audit.records.at(-1)!.outcome, 'allowed');
  });

  it('still stops a stream (fail closed) when one call holds more than the limit', async () => {
    h.mock.scripts.set('rf-huge', {
      text: 'ok',
      toolChunkChars: 100_000,
      toolCalls: [{ name: 'lookup', args: { q: 'z'.repeat(600_000) } }],
    });
    const r = await post(`${h.url}/v1/responses`, JSON.stringify({ model: 'rf-huge', stream: true, input: 'go' }));
    const evs = await sse(r);
    assert.equal(evs.at(-1)!.event, 'error');
    assert.match(evs.at(-1)!.data, /too large/);
    assert.ok(!evs.some((e) => e.event?.startsWith('response.function_call_arguments.')), 'nothing of it released');
    const rec = h.audit.records.at(-1)!;
    assert.equal(rec.outcome, 'error');
    assert.match(rec.error ?? '', /too large/);
  });
});

describe('ResponsesGuard: calls the review did not see are never forwarded', () => {
  const mk = () => {
    const enforcer = new Enforcer(
      parseGatewayConfig({ upstreams: {} }),
      new FakePolicy({ deniedTools: ['delete_repo'] }),
      new FakeChecks(),
      new GatewayMetrics(),
      undefined,
    );
    const state = newRequestState(
      'r1',
      { keyId: 'k', principal: 'p', roles: [] },
      '/v1/responses',
      AbortSignal.timeout(5000),
    );
    return { guard: new ResponsesGuard(enforcer, state), state };
  };
  const e = (d: Obj): SseEvent => ({ event: String(d.type), data: JSON.stringify(d) });
  const call = (args: string) => ({
    type: 'function_call',
    id: 'fc_1',
    call_id: 'c1',
    name: 'lookup',
    arguments: args,
  });

  it('replaces a call whose streamed argument deltas differ from its final arguments', async () => {
    const { guard } = mk();
    let out = '';
    out += await guard.onEvent(e({ type: 'response.output_item.added', output_index: 0, item: call('') }));
    out += await guard.onEvent(
      e({ type: 'response.function_call_arguments.delta', output_index: 0, delta: '{"q":"rm -rf /"}' }),
    );
    out += await guard.onEvent(e({ type: 'response.output_item.done', output_index: 0, item: call('{"q":"a"}') }));
    assert.ok(!out.includes('rm -rf'));
    assert.match(out, /streamed arguments differ/);
    assert.ok(!out.includes('"type":"function_call"'));
  });

  it('drops argument events without an output_item.added and reviews calls first seen in response.completed', async () => {
    const { guard, state } = mk();
    const stray = await guard.onEvent(
      e({ type: 'response.function_call_arguments.delta', output_index: 3, delta: '{"secret":1}' }),
    );
    assert.equal(stray, '');
    const done = await guard.onEvent(
      e({
        type: 'response.completed',
        response: { output: [{ ...call('{}'), name: 'delete_repo' }], usage: { output_tokens: 3 } },
      }),
    );
    const j = JSON.parse(done.split('data: ')[1]!) as { response: { output: Obj[] } };
    assert.equal(j.response.output[0]!.type, 'message');
    assert.ok(state.decisions.some((d) => d.resource === 'delete_repo' && d.effect === 'deny'));
    assert.equal(guard.complete, true);
  });

  it('reads an event typed like an Object.prototype member whole, as any unknown event', async () => {
    for (const type of ['constructor', 'toString', 'hasOwnProperty', '__proto__']) {
      const { guard } = mk();
      const email = 'jane.doe@corp.example.org';
      const out = await guard.onEvent(e({ type, output_index: 0, delta: 'hi', text: `mail ${email}` }));
      assert.ok(!out.includes(email), type);
      assert.match(out, /\[EMAIL_1\]/, type);
    }
  });
});
