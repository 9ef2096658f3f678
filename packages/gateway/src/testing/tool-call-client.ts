// Test helper: one request through the gateway on Chat Completions, Anthropic Messages or the
// Responses API, whole or streamed, and the tool calls and text the client ends up with (streams
// put back together the way the SDKs' accumulators do).
import assert from 'node:assert/strict';
import { type Harness, post } from './harness.js';
import { accumulateOutput, readSse } from './responses-sse.js';

type Obj = Record<string, unknown>;

export type Api = 'chat' | 'anthropic' | 'responses';
export const APIS: readonly Api[] = ['chat', 'anthropic', 'responses'];

export interface ClientTurn {
  /** Each call's name and its argument text as the client got it (Anthropic input re-serialised). */
  calls: { name: string; args: string }[];
  text: string;
  /** Every byte the client received. */
  raw: string;
}

export async function callTools(h: Harness, api: Api, model: string, prompt: string, stream: boolean) {
  const path = api === 'chat' ? '/v1/chat/completions' : api === 'anthropic' ? '/v1/messages' : '/v1/responses';
  const body =
    api === 'responses'
      ? { model, input: prompt, stream }
      : {
          model,
          stream,
          messages: [{ role: 'user', content: prompt }],
          ...(api === 'anthropic' ? { max_tokens: 50 } : {}),
        };
  const r = await post(`${h.url}${path}`, JSON.stringify(body));
  assert.equal(r.status, 200);
  if (!stream) {
    const raw = await r.text();
    return { ...whole(api, JSON.parse(raw) as Obj), raw } satisfies ClientTurn;
  }
  const evs = await readSse(r);
  const datas = evs.map((e) => e.data);
  const turn: Omit<ClientTurn, 'raw'> = api === 'responses' ? fromOutput(accumulateOutput(evs)) : streamed(api, datas);
  return { ...turn, raw: datas.join('\n') } satisfies ClientTurn;
}

function whole(api: Api, j: Obj): Omit<ClientTurn, 'raw'> {
  if (api === 'chat') {
    const m = (j.choices as { message: { content: string | null; tool_calls?: Obj[] } }[])[0]!.message;
    const calls = (m.tool_calls ?? []).map((tc) => tc.function as { name: string; arguments: string });
    return { calls: calls.map((f) => ({ name: f.name, args: f.arguments })), text: m.content ?? '' };
  }
  if (api === 'anthropic') {
    const blocks = j.content as Obj[];
    return {
      calls: blocks
        .filter((b) => b.type === 'tool_use')
        .map((b) => ({ name: b.name as string, args: JSON.stringify(b.input) })),
      text: blocks.map((b) => (b.type === 'text' ? (b.text as string) : '')).join(''),
    };
  }
  return fromOutput(j.output as Obj[]);
}

function fromOutput(output: Obj[]): Omit<ClientTurn, 'raw'> {
  return {
    calls: output
      // Every named tool item: function and custom calls, and the remote MCP calls and approval requests.
      .filter((i) => i.type !== 'message' && typeof i.name === 'string')
      .map((i) => ({ name: i.name as string, args: (i.arguments ?? i.input) as string })),
    text: output
      .filter((i) => i.type === 'message')
      .map((i) => (i.content as { text: string }[]).map((p) => p.text).join(''))
      .join('\n'),
  };
}

function streamed(api: 'chat' | 'anthropic', datas: string[]): Omit<ClientTurn, 'raw'> {
  let text = '';
  const calls: { name: string; args: string }[] = [];
  for (const d of datas) {
    if (d === '[DONE]') continue;
    const j = JSON.parse(d) as Obj;
    if (api === 'chat') {
      for (const ch of (j.choices as { delta: Obj }[] | undefined) ?? []) {
        if (typeof ch.delta.content === 'string') text += ch.delta.content;
        for (const tc of (ch.delta.tool_calls as Obj[] | undefined) ?? []) {
          const f = tc.function as { name?: string; arguments?: string };
          if (f.name !== undefined) calls.push({ name: f.name, args: '' });
          calls[calls.length - 1]!.args += f.arguments ?? '';
        }
      }
      continue;
    }
    if (j.type === 'content_block_start' && (j.content_block as Obj).type === 'tool_use')
      calls.push({ name: (j.content_block as Obj).name as string, args: '' });
    const delta = j.delta as Obj | undefined;
    if (j.type === 'content_block_delta' && delta?.type === 'text_delta') text += delta.text as string;
    if (j.type === 'content_block_delta' && delta?.type === 'input_json_delta')
      calls[calls.length - 1]!.args += delta.partial_json as string;
  }
  return { calls, text };
}
