// A scriptable mock LLM provider on 127.0.0.1 for tests and benchmarks: OpenAI chat / responses /
// embeddings / models and Anthropic messages, complete or SSE, with knobs for latency, errors,
// malformed output, broken streams and tool calls. Behaviour is chosen by the request's model name.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface MockScript {
  /** Text the model "generates"; default echoes the last user text. */
  text?: string;
  /** SSE: split the text into pieces of this many chars. */
  chunkChars?: number;
  delayMs?: number;
  /** Delay between stream events. */
  interChunkMs?: number;
  /** Stream: send the headers at once and the first event only after this many ms (a slow first token). */
  firstEventMs?: number;
  status?: number;
  malformed?: boolean;
  /** Stream: cut the connection after this many events. */
  breakAfter?: number;
  toolCalls?: { name: string; args: Record<string, unknown> }[];
  /** Responses API: custom tool calls (free-form input), after the function calls. */
  customToolCalls?: { name: string; input: string }[];
  /**
   * Responses API: remote MCP items the provider produced for one server, after the custom tool
   * calls: the server's tool list, calls it already ran, and calls waiting for the client's approval.
   */
  mcp?: {
    server: string;
    list?: string[];
    calls?: { name: string; args: Record<string, unknown>; output: string; error?: string }[];
    approvals?: { name: string; args: Record<string, unknown> }[];
  };
  /** Responses API streams: argument / input deltas of this many chars (default 10). */
  toolChunkChars?: number;
  /** Responses API: items appended to `output` as given (e.g. a *_call_output item a provider echoes). */
  extraItems?: Record<string, unknown>[];
  /** Anthropic: a signed `thinking` block before the text (streamed as thinking_delta + signature_delta). */
  thinking?: string;
  /**
   * Anthropic: blocks after the tool_use blocks, as given (server tool calls and their results). In
   * streams a `*_tool_use` block's input comes as input_json_delta pieces, other blocks whole.
   */
  extraBlocks?: Record<string, unknown>[];
  /** Responses API: a `reasoning` item with this summary before the message (streamed as summary deltas). */
  reasoningSummary?: string;
  /** Chat: `message.refusal` (streamed as refusal deltas); Responses: a `refusal` part after the text. */
  refusal?: string;
  /** Chat: `message.reasoning_content` (vLLM / DeepSeek style; streamed before the text). */
  reasoningContent?: string;
  /** Chat: fields merged into the complete response's `message` as given. */
  messageFields?: Record<string, unknown>;
  /**
   * Fields added to the response as given, e.g. a provider's `search_results`: chat (and every stream
   * chunk), Responses (and the response of `response.completed`), Anthropic (and `message_start`).
   */
  bodyFields?: Record<string, unknown>;
  /** Chat and Responses: log probabilities, one token per text piece (chunkChars), complete and streamed. */
  logprobs?: boolean;
  /**
   * A spoken answer with this transcript. Chat: `message.audio`, streamed as `delta.audio` transcript
   * pieces, each followed by an audio data piece. Responses streams: transcript and audio events after
   * the text, named `response.audio.*` or, with `audioEvents: 'output_audio'`, `response.output_audio*`.
   */
  audioTranscript?: string;
  audioEvents?: 'audio' | 'output_audio';
}

/** One piece of mock audio data (base64), sent after each transcript piece. */
export const MOCK_AUDIO_DATA = 'UklGRiQAAABXQVZF';

/** The Responses stream events of a spoken answer, transcript and audio interleaved. */
function responsesAudioEvents(s: MockScript, oi: number): Record<string, unknown>[] {
  const t = s.audioTranscript ?? '';
  const o = s.audioEvents === 'output_audio';
  const at = o ? { item_id: 'msg_1', output_index: oi, content_index: 1 } : {};
  const out: Record<string, unknown>[] = [];
  for (const p of pieces(t, s.chunkChars ?? 8))
    out.push(
      { type: o ? 'response.output_audio_transcript.delta' : 'response.audio.transcript.delta', ...at, delta: p },
      { type: o ? 'response.output_audio.delta' : 'response.audio.delta', ...at, delta: MOCK_AUDIO_DATA },
    );
  out.push(
    o
      ? { type: 'response.output_audio_transcript.done', ...at, transcript: t }
      : { type: 'response.audio.transcript.done' },
    { type: o ? 'response.output_audio.done' : 'response.audio.done', ...at },
  );
  return out;
}

/** The text as log-probability tokens, one per piece. */
function tokens(text: string, s: MockScript): Record<string, unknown>[] {
  return pieces(text, s.chunkChars ?? 8).map((token) => ({ token, logprob: -0.01, bytes: null, top_logprobs: [] }));
}

export interface MockUpstream {
  url: string;
  server: Server;
  /** What the upstream received: parsed body and the exact bytes (to check what was forwarded). */
  requests: { path: string; body: unknown; raw: string; headers: IncomingMessage['headers'] }[];
  /** Streams whose client (the gateway) went away before the end. */
  aborted: number;
  scripts: Map<string, MockScript>;
  close(): Promise<void>;
}

export async function startMockUpstream(opts: { record?: boolean; delayMs?: number } = {}): Promise<MockUpstream> {
  const mock: MockUpstream = {
    url: '',
    server: undefined as unknown as Server,
    requests: [],
    aborted: 0,
    scripts: new Map(),
    close: () =>
      new Promise((r) => {
        mock.server.closeAllConnections();
        mock.server.close(() => r());
      }),
  };
  mock.server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = (req.url ?? '/').split('?')[0]!;
      const raw = Buffer.concat(chunks).toString('utf8');
      const body = chunks.length === 0 ? {} : (JSON.parse(raw) as Record<string, unknown>);
      if (opts.record !== false) mock.requests.push({ path, body, raw, headers: req.headers });
      const s = mock.scripts.get(String(body.model)) ?? {};
      const delay = s.delayMs ?? opts.delayMs ?? 0;
      const go = (): void => respond(mock, path, body, s, res);
      if (delay > 0) setTimeout(go, delay);
      else go();
    });
  });
  mock.server.keepAliveTimeout = 60_000;
  await new Promise<void>((r) => mock.server.listen(0, '127.0.0.1', 4096, r));
  mock.url = `http://127.0.0.1:${(mock.server.address() as AddressInfo).port}`;
  return mock;
}

function lastUserText(body: Record<string, unknown>): string {
  const msgs = (body.messages ?? body.input) as unknown;
  if (typeof msgs === 'string') return msgs;
  if (!Array.isArray(msgs)) return '';
  for (let i = msgs.length - 1; i >= 0; i--) {
    // Fuzzed bodies reach the mock too: nulls and odd values are skipped, never dereferenced.
    const m = msgs[i] as { role?: unknown; content?: unknown } | null;
    if (m === null || typeof m !== 'object' || m.role !== 'user') continue;
    if (typeof m.content === 'string') return m.content;
    if (Array.isArray(m.content))
      return m.content
        .map((p: unknown) =>
          p !== null && typeof p === 'object' && typeof (p as { text?: unknown }).text === 'string'
            ? (p as { text: string }).text
            : '',
        )
        .join('');
  }
  return '';
}

function respond(
  mock: MockUpstream,
  path: string,
  body: Record<string, unknown>,
  s: MockScript,
  res: ServerResponse,
): undefined {
  if (s.status !== undefined && s.status >= 400) {
    const b =
      path === '/v1/messages'
        ? JSON.stringify({ type: 'error', error: { type: 'api_error', message: 'mock failure' } })
        : JSON.stringify({ error: { message: 'mock failure', type: 'server_error', param: null, code: null } });
    res.writeHead(s.status, { 'content-type': 'application/json' });
    res.end(b);
    return;
  }
  if (s.malformed && body.stream !== true) {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"id": "x", "choices": [');
    return;
  }
  const text = s.text ?? lastUserText(body);
  if (path === '/v1/models')
    return json(res, {
      object: 'list',
      data: [
        { id: 'gpt-4o', object: 'model' },
        { id: 'secret-model', object: 'model' },
      ],
    });
  if (path === '/v1/embeddings')
    return json(res, {
      object: 'list',
      data: [{ object: 'embedding', index: 0, embedding: [0.1, 0.2] }],
      usage: { prompt_tokens: 2, total_tokens: 2 },
    });
  if (body.stream === true) return stream(mock, path, text, s, res);
  if (path === '/v1/messages') {
    const content: unknown[] = [{ type: 'text', text }];
    if (s.thinking !== undefined) content.unshift({ type: 'thinking', thinking: s.thinking, signature: 'sig_mock' });
    for (const [i, t] of (s.toolCalls ?? []).entries())
      content.push({ type: 'tool_use', id: `toolu_${i}`, name: t.name, input: t.args });
    content.push(...(s.extraBlocks ?? []));
    return json(res, {
      id: 'msg_1',
      type: 'message',
      role: 'assistant',
      model: body.model,
      content,
      stop_reason: s.toolCalls ? 'tool_use' : 'end_turn',
      usage: { input_tokens: 5, output_tokens: 7 },
      ...s.bodyFields,
    });
  }
  if (path === '/v1/responses') {
    const output: unknown[] = [
      {
        type: 'message',
        id: 'msg_1',
        role: 'assistant',
        status: 'completed',
        content: [
          { type: 'output_text', text, annotations: [], ...(s.logprobs ? { logprobs: tokens(text, s) } : {}) },
          ...(s.refusal === undefined ? [] : [{ type: 'refusal', refusal: s.refusal }]),
        ],
      },
    ];
    if (s.reasoningSummary !== undefined) output.unshift(reasoningItem(s.reasoningSummary));
    output.push(...responsesToolItems(s));
    return json(res, {
      id: 'resp_1',
      object: 'response',
      status: 'completed',
      model: body.model,
      output,
      usage: { input_tokens: 5, output_tokens: 7 },
      ...s.bodyFields,
    });
  }
  const message: Record<string, unknown> = { role: 'assistant', content: text };
  if (s.refusal !== undefined) message.refusal = s.refusal;
  if (s.reasoningContent !== undefined) message.reasoning_content = s.reasoningContent;
  if (s.audioTranscript !== undefined)
    message.audio = { id: 'audio_1', data: MOCK_AUDIO_DATA, expires_at: 1, transcript: s.audioTranscript };
  Object.assign(message, s.messageFields);
  if (s.toolCalls)
    message.tool_calls = s.toolCalls.map((t, i) => ({
      id: `call_${i}`,
      type: 'function',
      function: { name: t.name, arguments: JSON.stringify(t.args) },
    }));
  return json(res, {
    id: 'chatcmpl-1',
    object: 'chat.completion',
    created: 1,
    model: body.model,
    choices: [
      {
        index: 0,
        message,
        ...(s.logprobs ? { logprobs: { content: tokens(text, s), refusal: null } } : {}),
        finish_reason: s.toolCalls ? 'tool_calls' : 'stop',
      },
    ],
    usage: { prompt_tokens: 5, completion_tokens: 7, total_tokens: 12 },
    ...s.bodyFields,
  });
}

function reasoningItem(summary: string): Record<string, unknown> {
  return {
    type: 'reasoning',
    id: 'rs_1',
    summary: [{ type: 'summary_text', text: summary }],
    encrypted_content: 'gAAAAmockEncryptedReasoning',
  };
}

/** Responses output items for the script's tool calls: function, custom, then the MCP server's. */
function responsesToolItems(s: MockScript): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const [i, t] of (s.toolCalls ?? []).entries())
    out.push({
      type: 'function_call',
      id: `fc_${i}`,
      call_id: `call_${i}`,
      name: t.name,
      arguments: JSON.stringify(t.args),
      status: 'completed',
    });
  for (const [i, t] of (s.customToolCalls ?? []).entries())
    out.push({ type: 'custom_tool_call', id: `ctc_${i}`, call_id: `call_c${i}`, name: t.name, input: t.input });
  const m = s.mcp;
  if (m === undefined) return [...out, ...(s.extraItems ?? [])];
  const server_label = m.server;
  if (m.list !== undefined)
    out.push({
      type: 'mcp_list_tools',
      id: 'mcpl_0',
      server_label,
      tools: m.list.map((name) => ({ name, description: `the ${name} tool`, input_schema: { type: 'object' } })),
    });
  for (const [i, c] of (m.calls ?? []).entries())
    out.push({
      type: 'mcp_call',
      id: `mcp_${i}`,
      server_label,
      name: c.name,
      arguments: JSON.stringify(c.args),
      output: c.output,
      error: c.error ?? null,
      status: 'completed',
    });
  for (const [i, a] of (m.approvals ?? []).entries())
    out.push({
      type: 'mcp_approval_request',
      id: `mcpr_${i}`,
      server_label,
      name: a.name,
      arguments: JSON.stringify(a.args),
    });
  return [...out, ...(s.extraItems ?? [])];
}

/** The stream events the Responses API sends for one tool item, as the real API orders them. */
function responsesItemEvents(item: Record<string, unknown>, oi: number, chunk: number): Record<string, unknown>[] {
  const at = { output_index: oi, item_id: item.id };
  const added = (over: Record<string, unknown>) => ({
    type: 'response.output_item.added',
    output_index: oi,
    item: { ...item, ...over },
  });
  const deltas = (type: string, text: string) => pieces(text, chunk).map((delta) => ({ type, ...at, delta }));
  const done = { type: 'response.output_item.done', output_index: oi, item };
  switch (item.type) {
    case 'function_call': {
      const args = String(item.arguments);
      return [
        added({ arguments: '', status: 'in_progress' }),
        ...deltas('response.function_call_arguments.delta', args),
        { type: 'response.function_call_arguments.done', ...at, arguments: args },
        done,
      ];
    }
    case 'custom_tool_call': {
      const input = String(item.input);
      return [
        added({ input: '' }),
        ...deltas('response.custom_tool_call_input.delta', input),
        { type: 'response.custom_tool_call_input.done', ...at, input },
        done,
      ];
    }
    case 'mcp_list_tools':
      return [
        added({ tools: [] }),
        { type: 'response.mcp_list_tools.in_progress', ...at },
        { type: 'response.mcp_list_tools.completed', ...at },
        done,
      ];
    case 'mcp_call': {
      const args = String(item.arguments);
      return [
        added({ arguments: '', output: null, status: 'in_progress' }),
        { type: 'response.mcp_call.in_progress', ...at },
        ...deltas('response.mcp_call_arguments.delta', args),
        { type: 'response.mcp_call_arguments.done', ...at, arguments: args },
        { type: 'response.mcp_call.completed', ...at },
        done,
      ];
    }
    default:
      return [added({}), done];
  }
}

function json(res: ServerResponse, v: unknown): undefined {
  const b = JSON.stringify(v);
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(b) });
  res.end(b);
}

function pieces(text: string, n: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += n) out.push(text.slice(i, i + n));
  return out;
}

function stream(mock: MockUpstream, path: string, text: string, s: MockScript, res: ServerResponse): undefined {
  const events: string[] = [];
  const parts = pieces(text, s.chunkChars ?? 8);
  const tools = s.toolCalls ?? [];
  if (path === '/v1/messages') {
    const e = (name: string, d: unknown): string => `event: ${name}\ndata: ${JSON.stringify(d)}\n\n`;
    events.push(
      e('message_start', {
        type: 'message_start',
        message: {
          id: 'msg_1',
          type: 'message',
          role: 'assistant',
          content: [],
          model: 'm',
          usage: { input_tokens: 5, output_tokens: 0 },
          ...s.bodyFields,
        },
      }),
    );
    const t0 = s.thinking === undefined ? 0 : 1;
    if (s.thinking !== undefined) {
      events.push(
        e('content_block_start', {
          type: 'content_block_start',
          index: 0,
          content_block: { type: 'thinking', thinking: '', signature: '' },
        }),
      );
      for (const p of pieces(s.thinking, s.chunkChars ?? 8))
        events.push(
          e('content_block_delta', {
            type: 'content_block_delta',
            index: 0,
            delta: { type: 'thinking_delta', thinking: p },
          }),
        );
      events.push(
        e('content_block_delta', {
          type: 'content_block_delta',
          index: 0,
          delta: { type: 'signature_delta', signature: 'sig_mock' },
        }),
      );
      events.push(e('content_block_stop', { type: 'content_block_stop', index: 0 }));
    }
    events.push(
      e('content_block_start', { type: 'content_block_start', index: t0, content_block: { type: 'text', text: '' } }),
    );
    for (const p of parts)
      events.push(
        e('content_block_delta', { type: 'content_block_delta', index: t0, delta: { type: 'text_delta', text: p } }),
      );
    events.push(e('content_block_stop', { type: 'content_block_stop', index: t0 }));
    tools.forEach((t, i) => {
      const idx = i + 1 + t0;
      const j = JSON.stringify(t.args);
      events.push(
        e('content_block_start', {
          type: 'content_block_start',
          index: idx,
          content_block: { type: 'tool_use', id: `toolu_${i}`, name: t.name, input: {} },
        }),
      );
      for (const p of pieces(j, 10))
        events.push(
          e('content_block_delta', {
            type: 'content_block_delta',
            index: idx,
            delta: { type: 'input_json_delta', partial_json: p },
          }),
        );
      events.push(e('content_block_stop', { type: 'content_block_stop', index: idx }));
    });
    (s.extraBlocks ?? []).forEach((b, i) => {
      const index = 1 + t0 + tools.length + i;
      const streamed = String(b.type).endsWith('_tool_use');
      events.push(
        e('content_block_start', {
          type: 'content_block_start',
          index,
          content_block: streamed ? { ...b, input: {} } : b,
        }),
      );
      if (streamed)
        for (const p of pieces(JSON.stringify(b.input ?? {}), 10))
          events.push(
            e('content_block_delta', {
              type: 'content_block_delta',
              index,
              delta: { type: 'input_json_delta', partial_json: p },
            }),
          );
      events.push(e('content_block_stop', { type: 'content_block_stop', index }));
    });
    events.push(
      e('message_delta', {
        type: 'message_delta',
        delta: { stop_reason: tools.length > 0 ? 'tool_use' : 'end_turn' },
        usage: { output_tokens: 7 },
      }),
    );
    events.push(e('message_stop', { type: 'message_stop' }));
  } else if (path === '/v1/responses') {
    const e = (d: Record<string, unknown>): string => `event: ${String(d.type)}\ndata: ${JSON.stringify(d)}\n\n`;
    events.push(e({ type: 'response.created', response: { id: 'resp_1', status: 'in_progress', output: [] } }));
    const output: Record<string, unknown>[] = [];
    if (s.reasoningSummary !== undefined) {
      const item = reasoningItem(s.reasoningSummary);
      output.push(item);
      const rs = { item_id: 'rs_1', output_index: 0, summary_index: 0 };
      const sum = s.reasoningSummary;
      events.push(e({ type: 'response.output_item.added', output_index: 0, item: { ...item, summary: [] } }));
      events.push(
        e({ type: 'response.reasoning_summary_part.added', ...rs, part: { type: 'summary_text', text: '' } }),
      );
      for (const p of pieces(sum, s.chunkChars ?? 8))
        events.push(e({ type: 'response.reasoning_summary_text.delta', ...rs, delta: p }));
      events.push(e({ type: 'response.reasoning_summary_text.done', ...rs, text: sum }));
      events.push(
        e({ type: 'response.reasoning_summary_part.done', ...rs, part: { type: 'summary_text', text: sum } }),
      );
      events.push(e({ type: 'response.output_item.done', output_index: 0, item }));
    }
    const mo = output.length;
    events.push(
      e({
        type: 'response.output_item.added',
        output_index: mo,
        item: { type: 'message', id: 'msg_1', role: 'assistant', content: [] },
      }),
    );
    const at = { item_id: 'msg_1', output_index: mo, content_index: 0 };
    events.push(
      e({ type: 'response.content_part.added', ...at, part: { type: 'output_text', text: '', annotations: [] } }),
    );
    for (const p of parts)
      events.push(
        e({
          type: 'response.output_text.delta',
          item_id: 'msg_1',
          output_index: mo,
          content_index: 0,
          delta: p,
          ...(s.logprobs ? { logprobs: tokens(p, { chunkChars: p.length || 1 }) } : {}),
        }),
      );
    events.push(e({ type: 'response.output_text.done', ...at, text }));
    events.push(e({ type: 'response.content_part.done', ...at, part: { type: 'output_text', text, annotations: [] } }));
    const msgContent: Record<string, unknown>[] = [{ type: 'output_text', text, annotations: [] }];
    if (s.refusal !== undefined) {
      const rat = { ...at, content_index: 1 };
      events.push(e({ type: 'response.content_part.added', ...rat, part: { type: 'refusal', refusal: '' } }));
      for (const p of pieces(s.refusal, s.chunkChars ?? 8))
        events.push(e({ type: 'response.refusal.delta', ...rat, delta: p }));
      events.push(e({ type: 'response.refusal.done', ...rat, refusal: s.refusal }));
      events.push(e({ type: 'response.content_part.done', ...rat, part: { type: 'refusal', refusal: s.refusal } }));
      msgContent.push({ type: 'refusal', refusal: s.refusal });
    }
    if (s.audioTranscript !== undefined) for (const a of responsesAudioEvents(s, mo)) events.push(e(a));
    const msgItem = {
      type: 'message',
      id: 'msg_1',
      role: 'assistant',
      status: 'completed',
      content: msgContent,
    };
    events.push(e({ type: 'response.output_item.done', output_index: mo, item: msgItem }));
    output.push(msgItem);
    for (const item of responsesToolItems(s)) {
      const oi = output.length;
      output.push(item);
      for (const d of responsesItemEvents(item, oi, s.toolChunkChars ?? 10)) events.push(e(d));
    }
    events.push(
      e({
        type: 'response.completed',
        response: {
          id: 'resp_1',
          status: 'completed',
          output,
          usage: { input_tokens: 5, output_tokens: 7 },
          ...s.bodyFields,
        },
      }),
    );
  } else {
    const base = { id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 1, model: 'm', ...s.bodyFields };
    const d = (v: unknown): string => `data: ${JSON.stringify({ ...base, ...(v as object) })}\n\n`;
    events.push(d({ choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] }));
    for (const p of pieces(s.reasoningContent ?? '', s.chunkChars ?? 8))
      events.push(d({ choices: [{ index: 0, delta: { reasoning_content: p }, finish_reason: null }] }));
    for (const p of parts)
      events.push(
        d({
          choices: [
            {
              index: 0,
              delta: { content: p },
              ...(s.logprobs ? { logprobs: { content: tokens(p, { chunkChars: p.length || 1 }) } } : {}),
              finish_reason: null,
            },
          ],
        }),
      );
    for (const p of pieces(s.refusal ?? '', s.chunkChars ?? 8))
      events.push(d({ choices: [{ index: 0, delta: { refusal: p }, finish_reason: null }] }));
    pieces(s.audioTranscript ?? '', s.chunkChars ?? 8).forEach((p, i) => {
      const id = i === 0 ? { id: 'audio_1' } : {};
      events.push(d({ choices: [{ index: 0, delta: { audio: { ...id, transcript: p } }, finish_reason: null }] }));
      events.push(d({ choices: [{ index: 0, delta: { audio: { data: MOCK_AUDIO_DATA } }, finish_reason: null }] }));
    });
    if (s.audioTranscript !== undefined)
      events.push(
        d({ choices: [{ index: 0, delta: { audio: { id: 'audio_1', expires_at: 1 } }, finish_reason: null }] }),
      );
    tools.forEach((t, i) => {
      events.push(
        d({
          choices: [
            {
              index: 0,
              delta: {
                tool_calls: [
                  { index: i, id: `call_${i}`, type: 'function', function: { name: t.name, arguments: '' } },
                ],
              },
              finish_reason: null,
            },
          ],
        }),
      );
      for (const p of pieces(JSON.stringify(t.args), 10))
        events.push(
          d({
            choices: [
              { index: 0, delta: { tool_calls: [{ index: i, function: { arguments: p } }] }, finish_reason: null },
            ],
          }),
        );
    });
    events.push(d({ choices: [{ index: 0, delta: {}, finish_reason: tools.length > 0 ? 'tool_calls' : 'stop' }] }));
    events.push('data: [DONE]\n\n');
  }
  if (s.malformed) events.splice(2, 0, 'data: {not json\n\n');
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  let i = 0;
  let finished = false;
  res.on('close', () => {
    if (!finished) mock.aborted++;
  });
  const next = (): void => {
    if (res.destroyed) return;
    if (s.breakAfter !== undefined && i >= s.breakAfter) {
      finished = true;
      res.destroy();
      return;
    }
    if (i >= events.length) {
      finished = true;
      res.end();
      return;
    }
    res.write(events[i++]!);
    if (s.interChunkMs) setTimeout(next, s.interChunkMs);
    else next();
  };
  if (s.firstEventMs) {
    res.flushHeaders();
    setTimeout(next, s.firstEventMs);
  } else next();
}
