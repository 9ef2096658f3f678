// Output checks for complete (non-streaming) responses: text scanned for leakage (and redacted /
// restored per policy), every other model-produced text too (reasoning, refusals, server tool
// results, unknown blocks and items: output-parts.ts), proposed tool calls reviewed, their arguments
// included (reviewTool in tool-call-review.ts; Responses tool items: responses-tool-items.ts). Media the checks
// cannot read is counted and said in the audit (output-media.ts).
// Denied calls are removed and explained, in the response's own format, so the client's agent loop
// sees a normal turn instead of a crash.
import { recordExecutedMcpToolUse } from './anthropic-mcp-executed.js';
import type { Enforcer, RequestState } from './enforcer.js';
import { OutputMedia } from './output-media.js';
import { checkCollected, checkLogprobs } from './output-parts.js';
import { anthropicBlockSlots, anthropicBodySlots } from './output-parts-anthropic.js';
import { chatBodySlots, chatMessageSlots } from './output-parts-chat.js';
import { responsesBodySlots, responsesItemSlots } from './output-parts-responses.js';
import type { PolicyVerdict } from './ports.js';
import { reviewToolItem, toolItemType } from './responses-tool-items.js';
import { reviewTool, reviewToolArgs } from './tool-call-review.js';
import type { ApiPath } from './upstream.js';

export interface ReviewResult {
  blocked: PolicyVerdict | undefined;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

export async function reviewResponse(
  enforcer: Enforcer,
  state: RequestState,
  api: ApiPath,
  body: Obj,
): Promise<ReviewResult> {
  const r =
    api === '/v1/chat/completions'
      ? await reviewChat(enforcer, state, body)
      : api === '/v1/messages'
        ? await reviewAnthropic(enforcer, state, body)
        : api === '/v1/responses'
          ? await reviewResponses(enforcer, state, body)
          : { blocked: undefined };
  // What goes out unread (generated images, audio, files): said in the audit (output-media.ts).
  if (r.blocked === undefined) {
    const media = new OutputMedia(api);
    media.body(body);
    media.record(enforcer, state);
  }
  return r;
}

async function reviewChat(enforcer: Enforcer, state: RequestState, body: Obj): Promise<ReviewResult> {
  const top = checkCollected(enforcer, state, 'response', () => chatBodySlots(body));
  if (top.blocked !== undefined) return { blocked: top.blocked };
  const choices = Array.isArray(body.choices) ? body.choices : [];
  for (const c of choices) {
    if (!isObj(c) || !isObj(c.message)) continue;
    const msg = c.message;
    if (typeof msg.content === 'string') {
      const r = enforcer.checkOutput(state, msg.content);
      if (r.blocked) return { blocked: r.blocked };
      msg.content = r.text;
    }
    const other =
      checkCollected(enforcer, state, 'message', () => chatMessageSlots(msg)).blocked ??
      checkLogprobs(enforcer, state, c, 'the message');
    if (other !== undefined) return { blocked: other };
    if (Array.isArray(msg.tool_calls)) {
      const kept: unknown[] = [];
      const notes: string[] = [];
      for (const tc of msg.tool_calls) {
        const fn = isObj(tc) && isObj(tc.function) ? tc.function : undefined;
        const name = typeof fn?.name === 'string' ? fn.name : '';
        const args = typeof fn?.arguments === 'string' ? fn.arguments : '';
        const r = await reviewTool(enforcer, state, name, args);
        if (!r.allowed) notes.push(r.message);
        else {
          if (fn !== undefined && r.redactedArgs !== undefined) fn.arguments = JSON.stringify(r.redactedArgs);
          kept.push(tc);
        }
      }
      if (notes.length > 0) {
        const note = `[rampart] ${notes.join(' | ')}`;
        msg.content = typeof msg.content === 'string' && msg.content !== '' ? `${msg.content}\n${note}` : note;
        if (kept.length > 0) msg.tool_calls = kept;
        else {
          delete msg.tool_calls;
          if (c.finish_reason === 'tool_calls') c.finish_reason = 'stop';
        }
      }
    }
  }
  return { blocked: undefined };
}

async function reviewAnthropic(enforcer: Enforcer, state: RequestState, body: Obj): Promise<ReviewResult> {
  const top = checkCollected(enforcer, state, 'message', () => anthropicBodySlots(body, false));
  if (top.blocked !== undefined) return { blocked: top.blocked };
  const content = Array.isArray(body.content) ? body.content : [];
  let toolUses = 0;
  let denied = 0;
  for (let i = 0; i < content.length; i++) {
    const b = content[i];
    if (!isObj(b)) continue;
    if (b.type === 'text' && typeof b.text === 'string') {
      const r = enforcer.checkOutput(state, b.text);
      if (r.blocked) return { blocked: r.blocked };
      b.text = r.text;
    }
    if (b.type === 'tool_use') {
      toolUses++;
      const name = typeof b.name === 'string' ? b.name : '';
      const r = await reviewToolArgs(enforcer, state, name, b.input ?? {}, 'tool-call');
      if (!r.allowed) {
        denied++;
        content[i] = { type: 'text', text: `[rampart] ${r.message}` };
      } else if (r.redactedArgs !== undefined) b.input = r.redactedArgs;
    } else {
      // A connector tool the provider already ran: audited; one policy does not allow blocks the response.
      if (b.type === 'mcp_tool_use') {
        const ran = recordExecutedMcpToolUse(enforcer, state, b);
        if (ran !== undefined) return { blocked: ran.decision };
      }
      const { blocked } = checkCollected(enforcer, state, `content block ${i}`, () => anthropicBlockSlots(b, i));
      if (blocked !== undefined) return { blocked };
    }
  }
  if (toolUses > 0 && denied === toolUses && body.stop_reason === 'tool_use') body.stop_reason = 'end_turn';
  return { blocked: undefined };
}

async function reviewResponses(enforcer: Enforcer, state: RequestState, body: Obj): Promise<ReviewResult> {
  const top = checkCollected(enforcer, state, 'response', () => responsesBodySlots(body));
  if (top.blocked !== undefined) return { blocked: top.blocked };
  const output = Array.isArray(body.output) ? body.output : [];
  for (let i = 0; i < output.length; i++) {
    const item = output[i];
    if (!isObj(item)) continue;
    if (item.type === 'message' && Array.isArray(item.content)) {
      for (const part of item.content) {
        if (isObj(part) && part.type === 'output_text' && typeof part.text === 'string') {
          const r = enforcer.checkOutput(state, part.text);
          if (r.blocked) return { blocked: r.blocked };
          part.text = r.text;
          const lp = checkLogprobs(enforcer, state, part, `output[${i}]`);
          if (lp !== undefined) return { blocked: lp };
        }
      }
    }
    if (toolItemType(item) !== undefined) output[i] = (await reviewToolItem(enforcer, state, i, item)) ?? item;
    else {
      const { blocked } = checkCollected(enforcer, state, `output item ${i}`, () => responsesItemSlots(item, i));
      if (blocked !== undefined) return { blocked };
    }
  }
  return { blocked: undefined };
}
