// Stream guard for Anthropic Messages SSE: text_delta through the hold-back scanner; a tool_use
// block is held from content_block_start to content_block_stop, reviewed, then released whole or
// replaced at the same index by a text block that explains the denial (indices stay contiguous,
// which the SDKs' snapshot accumulators rely on).
import type { Enforcer, RequestState } from './enforcer.js';
import type { StreamGuard } from './guard-openai-chat.js';
import type { SseEvent } from './sse.js';
import { StreamBlocked, TextChannel } from './text-channel.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const MAX_TOOL_ARGS = 256 * 1024;

const ev = (name: string, data: Obj): string => `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`;

export class AnthropicGuard implements StreamGuard {
  complete = false;
  upstreamError = false;
  outputTokens: number | null = null;
  private readonly texts = new Map<number, TextChannel>();
  private readonly tools = new Map<number, { block: Obj; json: string }>();
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
    const raw = `event: ${e.event ?? String(data.type)}\ndata: ${e.data}\n\n`;
    const index = typeof data.index === 'number' ? data.index : -1;
    switch (data.type) {
      case 'content_block_start': {
        const block = isObj(data.content_block) ? data.content_block : {};
        if (block.type === 'tool_use') {
          this.toolUses++;
          this.tools.set(index, { block, json: '' });
          return '';
        }
        if (block.type === 'text') this.texts.set(index, new TextChannel(this.enforcer, this.state, false));
        return raw;
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
        if (delta.type === 'input_json_delta') {
          const t = this.tools.get(index);
          if (t === undefined) throw new StreamBlocked(undefined, 'upstream sent tool input for an unknown block');
          if (typeof delta.partial_json === 'string') t.json += delta.partial_json;
          if (t.json.length > MAX_TOOL_ARGS) throw new StreamBlocked(undefined, 'tool call arguments too large');
          return '';
        }
        return raw;
      }
      case 'content_block_stop': {
        const ch = this.texts.get(index);
        if (ch !== undefined) {
          this.texts.delete(index);
          const rest = ch.end();
          return (
            (rest === ''
              ? ''
              : ev('content_block_delta', {
                  type: 'content_block_delta',
                  index,
                  delta: { type: 'text_delta', text: rest },
                })) + raw
          );
        }
        const t = this.tools.get(index);
        if (t !== undefined) {
          this.tools.delete(index);
          return (await this.releaseTool(index, t)) + raw;
        }
        return raw;
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

  private async releaseTool(index: number, t: { block: Obj; json: string }): Promise<string> {
    const name = typeof t.block.name === 'string' ? t.block.name : '';
    const r = await this.enforcer.reviewTool(this.state, name, t.json);
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
