// Stream guard for Anthropic Messages SSE: text_delta through the hold-back scanner; a tool_use
// block is held from content_block_start to content_block_stop, reviewed, then released whole or
// replaced at the same index by a text block that explains the denial (indices stay contiguous,
// which the SDKs' snapshot accumulators rely on). Other model-produced text (output-parts.ts) is
// checked too: thinking_delta through a signed hold-back channel (its signature_delta is held until
// the thinking text is out), server tool calls (server_tool_use, mcp_tool_use) held until their input
// is complete, server tool results and unknown blocks at their content_block_start, citations and
// unknown deltas one event at a time.
import { recordExecutedMcpToolUse } from './anthropic-mcp-executed.js';
import type { Enforcer, RequestState } from './enforcer.js';
import type { StreamGuard } from './guard-openai-chat.js';
import { OutputMedia } from './output-media.js';
import { checkCollected, objectSlots } from './output-parts.js';
import { anthropicBlockSlots, anthropicBodySlots } from './output-parts-anthropic.js';

const THINKING: ReadonlySet<string> = new Set(['thinking']);
const NONE: ReadonlySet<string> = new Set();

import type { SseEvent } from './sse.js';
import { StreamBlocked, TextChannel } from './text-channel.js';
import { reviewTool } from './tool-call-review.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const MAX_TOOL_ARGS = 256 * 1024;

const ev = (name: string, data: Obj): string => `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`;

export class AnthropicGuard implements StreamGuard {
  complete = false;
  upstreamError = false;
  outputTokens: number | null = null;
  readonly media = new OutputMedia('/v1/messages');
  private readonly texts = new Map<number, TextChannel>();
  private readonly tools = new Map<number, { block: Obj; json: string; server: boolean }>();
  /** Thinking blocks: their text channel and the signature deltas held until that text is out. */
  private readonly thinking = new Map<number, { ch: TextChannel; held: string }>();
  private toolUses = 0;
  private denied = 0;

  constructor(
    private readonly enforcer: Enforcer,
    private readonly state: RequestState,
  ) {}

  async onEvent(e: SseEvent): Promise<string> {
    let data: unknown;
    try {
      data = JSON.parse(e.data);
    } catch {
      throw new StreamBlocked(undefined, 'upstream sent a malformed stream event');
    }
    if (!isObj(data)) throw new StreamBlocked(undefined, 'upstream sent a malformed stream event');
    this.media.event(data);
    const raw = `event: ${e.event ?? String(data.type)}\ndata: ${e.data}\n\n`;
    const index = typeof data.index === 'number' ? data.index : -1;
    switch (data.type) {
      case 'content_block_start': {
        const block = isObj(data.content_block) ? data.content_block : {};
        if (block.type === 'tool_use') {
          this.toolUses++;
          this.tools.set(index, { block, json: '', server: false });
          return '';
        }
        if (block.type === 'text') {
          const ch = new TextChannel(this.enforcer, this.state, false);
          this.texts.set(index, ch);
          return this.startText(data, raw, block, index, 'text', ch);
        }
        if (block.type === 'thinking') {
          const where = `thinking block content[${index}]`;
          const ch = new TextChannel(this.enforcer, this.state, false, { mode: 'signed', where });
          this.thinking.set(index, { ch, held: '' });
          return this.startText(data, raw, block, index, 'thinking', ch);
        }
        if (block.type === 'redacted_thinking') return raw;
        if (typeof block.type === 'string' && block.type.endsWith('_tool_use')) {
          // server_tool_use, mcp_tool_use: the provider runs it; its input is read whole at the stop.
          this.tools.set(index, { block, json: '', server: true });
          return '';
        }
        // Server tool results (web search, web fetch, code execution, MCP) and unknown blocks.
        return this.checkWhole(data, raw, `content block ${index}`, () => anthropicBlockSlots(block, index));
      }
      case 'content_block_delta': {
        const delta = isObj(data.delta) ? data.delta : {};
        if (delta.type === 'text_delta' && typeof delta.text === 'string') {
          const ch = this.texts.get(index);
          if (ch === undefined) throw new StreamBlocked(undefined, 'upstream sent a text delta for an unknown block');
          const safe = ch.push(delta.text);
          if (safe === delta.text) return raw;
          if (safe === '') return '';
          delta.text = safe;
          return ev('content_block_delta', data);
        }
        if (delta.type === 'thinking_delta' && typeof delta.thinking === 'string') {
          const t = this.thinking.get(index);
          if (t === undefined)
            throw new StreamBlocked(undefined, 'upstream sent a thinking delta for an unknown block');
          const safe = t.ch.push(delta.thinking);
          if (safe === delta.thinking) return raw;
          if (safe === '') return '';
          delta.thinking = safe;
          return ev('content_block_delta', data);
        }
        if (delta.type === 'signature_delta' && this.thinking.has(index)) {
          // Sent after the thinking text it signs, which may still be held back.
          this.thinking.get(index)!.held += raw;
          return '';
        }
        if (delta.type === 'input_json_delta') {
          const t = this.tools.get(index);
          if (t === undefined) throw new StreamBlocked(undefined, 'upstream sent tool input for an unknown block');
          if (typeof delta.partial_json === 'string') t.json += delta.partial_json;
          if (t.json.length > MAX_TOOL_ARGS) throw new StreamBlocked(undefined, 'tool call arguments too large');
          return '';
        }
        // citations_delta and delta types the gateway does not know: read one event at a time.
        return this.checkWhole(data, raw, `content block ${index} delta`, () =>
          objectSlots(delta, `${String(delta.type)} of content block ${index}`),
        );
      }
      case 'content_block_stop': {
        const th = this.thinking.get(index);
        if (th !== undefined) {
          this.thinking.delete(index);
          return restDelta(index, 'thinking_delta', 'thinking', th.ch.end()) + th.held + raw;
        }
        const ch = this.texts.get(index);
        if (ch !== undefined) {
          this.texts.delete(index);
          return restDelta(index, 'text_delta', 'text', ch.end()) + raw;
        }
        const t = this.tools.get(index);
        if (t !== undefined) {
          this.tools.delete(index);
          return (await this.releaseTool(index, t)) + raw;
        }
        return raw;
      }
      case 'message_start': {
        const msg = isObj(data.message) ? data.message : {};
        return this.checkWhole(data, raw, 'message', () => anthropicBodySlots(msg, true));
      }
      case 'message_delta': {
        if (isObj(data.usage) && typeof data.usage.output_tokens === 'number')
          this.outputTokens = data.usage.output_tokens;
        const d = isObj(data.delta) ? data.delta : undefined;
        if (d?.stop_reason === 'tool_use' && this.toolUses > 0 && this.denied === this.toolUses) {
          d.stop_reason = 'end_turn';
          return ev('message_delta', data);
        }
        return raw;
      }
      case 'message_stop':
        this.complete = true;
        return raw;
      case 'error':
        this.upstreamError = true;
        return raw;
      default:
        return raw;
    }
  }

  onEnd(): string {
    if (!this.complete && !this.upstreamError)
      throw new StreamBlocked(undefined, 'upstream stream ended before completion');
    return '';
  }

  /** A text or thinking block's start: any text it already carries goes through its channel. */
  private startText(
    data: Obj,
    raw: string,
    block: Obj,
    index: number,
    field: 'text' | 'thinking',
    ch: TextChannel,
  ): string {
    // Besides the text the channel holds back: the block's other fields (a thinking block's too).
    const r = checkCollected(this.enforcer, this.state, `content block ${index}`, () =>
      block.type === 'text'
        ? anthropicBlockSlots(block, index)
        : objectSlots(block, `thinking block content[${index}]`, typeof block.thinking === 'string' ? THINKING : NONE),
    );
    if (r.blocked !== undefined) throw new StreamBlocked(r.blocked, 'output blocked by policy');
    const first = typeof block[field] === 'string' ? (block[field] as string) : '';
    if (first === '' && !r.changed) return raw;
    if (first !== '') block[field] = '';
    const safe = first === '' ? '' : ch.push(first);
    return (
      ev('content_block_start', data) +
      (safe === ''
        ? ''
        : ev('content_block_delta', {
            type: 'content_block_delta',
            index,
            delta: field === 'text' ? { type: 'text_delta', text: safe } : { type: 'thinking_delta', thinking: safe },
          }))
    );
  }

  /** Checks one event's object whole (output-parts.ts): blocked stops the stream; rewritten is re-sent. */
  private checkWhole(data: Obj, raw: string, what: string, collect: () => ReturnType<typeof objectSlots>): string {
    const r = checkCollected(this.enforcer, this.state, what, collect);
    if (r.blocked !== undefined) throw new StreamBlocked(r.blocked, 'output blocked by policy');
    return r.changed ? ev(String(data.type), data) : raw;
  }

  /** A server tool call, complete: its input is read as model output, then released whole. */
  private releaseServerTool(index: number, t: { block: Obj; json: string }): string {
    let input: unknown = t.block.input ?? {};
    if (t.json !== '') {
      try {
        input = JSON.parse(t.json);
      } catch {
        throw new StreamBlocked(undefined, 'upstream sent server tool input that is not valid JSON');
      }
    }
    const block: Obj = { ...t.block, input };
    // A connector tool the provider already ran: audited; one policy does not allow stops the stream.
    if (block.type === 'mcp_tool_use') {
      const ran = recordExecutedMcpToolUse(this.enforcer, this.state, block);
      if (ran !== undefined) throw new StreamBlocked(ran.decision, ran.why);
    }
    const { blocked } = checkCollected(this.enforcer, this.state, `content block ${index}`, () =>
      anthropicBlockSlots(block, index),
    );
    if (blocked !== undefined) throw new StreamBlocked(blocked, 'output blocked by policy');
    return (
      ev('content_block_start', { type: 'content_block_start', index, content_block: { ...block, input: {} } }) +
      ev('content_block_delta', {
        type: 'content_block_delta',
        index,
        delta: { type: 'input_json_delta', partial_json: JSON.stringify(block.input) },
      })
    );
  }

  private async releaseTool(index: number, t: { block: Obj; json: string; server: boolean }): Promise<string> {
    if (t.server) return this.releaseServerTool(index, t);
    const name = typeof t.block.name === 'string' ? t.block.name : '';
    const r = await reviewTool(this.enforcer, this.state, name, t.json);
    if (r.allowed) {
      return (
        ev('content_block_start', { type: 'content_block_start', index, content_block: t.block }) +
        ev('content_block_delta', {
          type: 'content_block_delta',
          index,
          // Rewritten input (leaks redacted, input placeholders restored) goes out re-serialised.
          delta: {
            type: 'input_json_delta',
            partial_json: r.redactedArgs === undefined ? t.json : JSON.stringify(r.redactedArgs),
          },
        })
      );
    }
    this.denied++;
    return (
      ev('content_block_start', { type: 'content_block_start', index, content_block: { type: 'text', text: '' } }) +
      ev('content_block_delta', {
        type: 'content_block_delta',
        index,
        delta: { type: 'text_delta', text: `[rampart] ${r.message}` },
      })
    );
  }
}

/** The text a channel still held back at its block's end, as one delta event ('' when none). */
function restDelta(
  index: number,
  type: 'text_delta' | 'thinking_delta',
  key: 'text' | 'thinking',
  rest: string,
): string {
  return rest === ''
    ? ''
    : ev('content_block_delta', { type: 'content_block_delta', index, delta: { type, [key]: rest } });
}
