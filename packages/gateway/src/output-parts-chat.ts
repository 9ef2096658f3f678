// The output parts of an OpenAI chat completion (or stream chunk) besides `content` and tool calls:
// fields a compatible provider adds (citations, search results), message fields (refusal,
// reasoning, annotations), content given as a list of parts, and the audio transcript, signed
// (the audio says the same). The slot model and the checks: output-parts.ts.
import { notAList, type OutSlot, objectSlots, walkSlots } from './output-parts.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Chat response (or chunk) fields that are not text, or are read elsewhere (choices). */
const CHAT_TOP = new Set([
  'object',
  'created',
  'model',
  'system_fingerprint',
  'usage',
  'service_tier',
  'choices',
  'prompt_filter_results',
]);

/**
 * A chat completion (or chunk) besides its choices: fields some compatible providers add
 * (Perplexity's `citations` and `search_results`, text from the web) and fields nobody knows yet.
 */
export function chatBodySlots(body: Obj): OutSlot[] {
  return [...objectSlots(body, 'the response', CHAT_TOP), ...notAList(body, 'choices', 'the response')];
}

/** Chat fields of `message` that hold neither extra text nor anything read here. */
const CHAT_MESSAGE_HANDLED = new Set(['role', 'content', 'tool_calls', 'audio']);

/** A chat completion message: everything but its text and tool calls (reviewed elsewhere). */
export function chatMessageSlots(msg: Obj): OutSlot[] {
  const out = objectSlots(msg, 'the message', CHAT_MESSAGE_HANDLED);
  // Content as a list of parts (some compatible servers): read whole.
  if (msg.content !== undefined && msg.content !== null && typeof msg.content !== 'string')
    out.push(...walkSlots(msg, 'content', 'the message', 'rewrite'));
  if (isObj(msg.audio) && typeof msg.audio.transcript === 'string')
    out.push({ holder: msg.audio, key: 'transcript', where: 'the audio transcript', mode: 'signed' });
  return out;
}
