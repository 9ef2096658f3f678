// Model-produced text a response carries besides its main text (chat `content`, Anthropic `text`
// blocks, Responses `output_text` parts), for the output checks: reasoning (Anthropic `thinking`,
// Responses `reasoning` summaries and reasoning text, chat `reasoning_content`), refusals, audio
// transcripts, citations and annotations, server tool calls and what they returned (web search,
// web fetch, code execution, MCP results), and any block, item or field the gateway does not know.
// Each is read with the `model-output` role through the policy path message text takes: deny
// blocks the response (a stream stops), redact rewrites the spans in place. Unknown shapes are read
// whole: every string but ids, signatures, encrypted data and media, in a bounded walk; past the
// bounds the response is blocked (fail closed). Input placeholders are never restored into this
// text: a client sends reasoning and server tool blocks back as they are, and the input checks do
// not read them, so a restored value would reach the upstream unredacted.
// Signed text (a `thinking` block, an audio transcript whose audio says the same) cannot be
// rewritten: the provider checks the signature when the block comes back, and the audio would still
// say what the transcript no longer does. A redact decision on it blocks the response instead.
import { OPAQUE_FIELDS } from './content-parts.js';
import type { Enforcer, RequestState } from './enforcer.js';
import { gatewayDecision } from './gateway-decision.js';
import type { PolicyVerdict } from './ports.js';
import { stringSlots } from './responses-input-items.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/** `rewrite`: redacted in place. `signed`: read only; a redaction blocks instead. */
export type OutMode = 'rewrite' | 'signed';

export interface OutSlot {
  holder: Obj | unknown[];
  key: string | number;
  /** Where the text is, for the audit and the block message (`thinking of content[0]`). */
  where: string;
  mode: OutMode;
}

/** Fields that hold no text: ids, signatures, encrypted or encoded data, stream bookkeeping. */
export const OUTPUT_OPAQUE: ReadonlySet<string> = new Set([
  ...OPAQUE_FIELDS,
  'item_id',
  'obfuscation',
  'partial_image_b64',
  'expires_at',
  // Enums the provider sets, read on every response otherwise.
  'role',
  'status',
  // Per-token copies of the text, checked joined (logprobsSlot).
  'logprobs',
]);

/** Every string under `holder[key]` (skipping opaque fields), as `mode` slots. Throws past the walk's bounds. */
export function walkSlots(holder: Obj, key: string, where: string, mode: OutMode, skip = OUTPUT_OPAQUE): OutSlot[] {
  return stringSlots(holder, key, 'tool-result', where, skip).map((s) => ({
    holder: s.holder,
    key: s.key,
    where: `${s.path} of ${where}`,
    mode,
  }));
}

/** Every string of `o` but its opaque fields and those in `except`. */
export function objectSlots(o: Obj, where: string, except: ReadonlySet<string> = NONE): OutSlot[] {
  const out: OutSlot[] = [];
  for (const k of Object.keys(o)) {
    if (OUTPUT_OPAQUE.has(k) || except.has(k)) continue;
    out.push(...walkSlots(o, k, where, 'rewrite'));
  }
  return out;
}

const NONE: ReadonlySet<string> = new Set();

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

/**
 * A field that is read item by item elsewhere (chat `choices`, Responses `output`, Anthropic
 * `content`) but is not a list: read whole here, since nothing else reads it and a lenient client
 * may still show it.
 */
function notAList(body: Obj, key: string, where: string): OutSlot[] {
  const v = body[key];
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) return walkSlots(body, key, where, 'rewrite');
  // Entries that are not objects (a bare string among the items): nothing else reads them either.
  const out: OutSlot[] = [];
  for (let i = 0; i < v.length; i++)
    if (v[i] === null || typeof v[i] !== 'object' || Array.isArray(v[i]))
      out.push(...walkSlots(v as unknown as Obj, String(i), `${key}[${i}] of ${where}`, 'rewrite'));
  return out;
}

/**
 * Responses fields that are not model output: settings and what the request said (instructions,
 * tools, metadata: read as input already), bookkeeping, and `output` (read item by item).
 */
const RESPONSES_TOP = new Set([
  'object',
  'created_at',
  'completed_at',
  'background',
  'error',
  'incomplete_details',
  'instructions',
  'max_output_tokens',
  'max_tool_calls',
  'model',
  'output',
  'parallel_tool_calls',
  'previous_response_id',
  'prompt',
  'prompt_cache_key',
  'prompt_cache_retention',
  'reasoning',
  'safety_identifier',
  'service_tier',
  'store',
  'temperature',
  'text',
  'tool_choice',
  'tools',
  'top_logprobs',
  'top_p',
  'truncation',
  'usage',
  'user',
  'metadata',
  'conversation',
  'billing',
]);

/**
 * A Responses object besides its output items: fields a compatible server adds (an `output_text`
 * that repeats the text, unredacted) and fields nobody knows yet.
 */
export function responsesBodySlots(body: Obj): OutSlot[] {
  return [...objectSlots(body, 'the response', RESPONSES_TOP), ...notAList(body, 'output', 'the response')];
}

/** Anthropic message fields that are not text, or are read elsewhere (content). */
const ANTHROPIC_TOP = new Set([
  'role',
  'model',
  'content',
  'stop_reason',
  'stop_sequence',
  'usage',
  'container',
  'context_management',
]);

/**
 * An Anthropic message besides its content blocks (fields nobody knows yet). At `message_start`,
 * where content is normally empty, any block it carries is read whole, its text included.
 */
export function anthropicBodySlots(body: Obj, withContent: boolean): OutSlot[] {
  const out = objectSlots(body, 'the message', ANTHROPIC_TOP);
  if (withContent) out.push(...walkSlots(body, 'content', 'the message', 'rewrite'));
  else out.push(...notAList(body, 'content', 'the message'));
  return out;
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

/** An Anthropic content block other than a tool_use; for a text block, everything but its text. */
export function anthropicBlockSlots(b: Obj, i: number): OutSlot[] {
  const type = typeof b.type === 'string' ? b.type : '(none)';
  const where = `${type} block content[${i}]`;
  switch (type) {
    case 'text':
      // A text that is not a string is not read as the main text: read whole here.
      return objectSlots(b, where, typeof b.text === 'string' ? TEXT_ONLY : NONE);
    case 'thinking':
      // The signed text, and whatever else the block carries (read whole, like an unknown block).
      return typeof b.thinking === 'string'
        ? [{ holder: b, key: 'thinking', where, mode: 'signed' }, ...objectSlots(b, where, THINKING_ONLY)]
        : objectSlots(b, where);
    case 'redacted_thinking':
      return []; // encrypted by the provider
    default:
      // server_tool_use / mcp_tool_use inputs, web search / web fetch / code execution / MCP results,
      // and block types the gateway does not know yet.
      return objectSlots(b, where);
  }
}

const TEXT_ONLY = new Set(['text']);
const THINKING_ONLY = new Set(['thinking']);
const IMAGE_RESULT = new Set(['result']);

/** A Responses output item that is not a tool item; for a message, everything but its output_text. */
export function responsesItemSlots(item: Obj, oi: number): OutSlot[] {
  const type = typeof item.type === 'string' ? item.type : '(none)';
  const where = `${type} item output[${oi}]`;
  if (type === 'message' && Array.isArray(item.content)) {
    const out = objectSlots(item, where, CONTENT);
    item.content.forEach((p, ci) => {
      if (!isObj(p)) return;
      const at = `content[${ci}] of ${where}`;
      // output_text: its annotations and logprobs; output_audio: its transcript, signed (the audio
      // says the same), and not its audio; refusal and other parts: read whole.
      if (p.type === 'output_audio' && typeof p.transcript === 'string')
        out.push(
          { holder: p, key: 'transcript', where: `transcript of ${at}`, mode: 'signed' },
          ...objectSlots(p, at, AUDIO_PART),
        );
      else out.push(...objectSlots(p, at, p.type === 'output_text' ? TEXT_ONLY : NONE));
    });
    return out;
  }
  // The generated image is not text.
  if (type === 'image_generation_call') return objectSlots(item, where, IMAGE_RESULT);
  // reasoning (summary, reasoning text), web_search_call, computer_call, local_shell_call, shell_call,
  // apply_patch_call, and item types the gateway does not know yet.
  return objectSlots(item, where);
}

const CONTENT = new Set(['content']);
const AUDIO_PART = new Set(['transcript', 'audio', 'data']);

/**
 * Log probabilities repeat the text token by token (`content[].token`, chat `refusal[].token`):
 * checked joined, and removed when the text they spell needs redaction (they cannot be redacted
 * token by token) or blocked when it is denied.
 */
export function checkLogprobs(
  enforcer: Enforcer,
  state: RequestState,
  holder: Obj,
  where: string,
): PolicyVerdict | undefined {
  const lp = holder.logprobs;
  const lists = Array.isArray(lp) ? [lp] : isObj(lp) ? [lp.content, lp.refusal] : [];
  for (const list of lists) {
    if (!Array.isArray(list) || list.length === 0) continue;
    let text = '';
    for (const t of list) if (isObj(t) && typeof t.token === 'string') text += t.token;
    const before = state.decisions.length;
    const r = checkWithoutRestore(enforcer, state, text);
    if (state.decisions.length > before)
      state.decisions[state.decisions.length - 1]?.reasons.push(`in the logprobs of ${where}`);
    if (r.blocked !== undefined) return r.blocked;
    if (r.text !== text) {
      holder.logprobs = Array.isArray(lp) ? [] : null;
      return undefined;
    }
  }
  return undefined;
}

/**
 * The output checks over `slots`, each on its own (a finding is reported where it is): deny blocks
 * (the verdict is returned); redact rewrites in place, or blocks when the text is signed.
 */
export function checkOutSlots(enforcer: Enforcer, state: RequestState, slots: OutSlot[]): OutCheck {
  let changed = false;
  for (const s of slots) {
    const h = s.holder as Record<string | number, unknown>;
    const v = h[s.key];
    if (typeof v !== 'string') continue;
    const before = state.decisions.length;
    const r = checkWithoutRestore(enforcer, state, v);
    if (state.decisions.length > before) state.decisions[state.decisions.length - 1]?.reasons.push(`in the ${s.where}`);
    if (r.blocked !== undefined) return { blocked: r.blocked, changed };
    if (r.text === v) continue;
    if (s.mode === 'signed') {
      const d = signedDeny(enforcer, state, s.where);
      if (d !== undefined) return { blocked: d, changed };
      continue;
    }
    h[s.key] = r.text;
    changed = true;
  }
  return { blocked: undefined, changed };
}

/** What the checks decided: blocked, or the texts as they are now (rewritten in place when `changed`). */
export interface OutCheck {
  blocked: PolicyVerdict | undefined;
  changed: boolean;
}

/** Slots collected by `collect` and checked; a walk past its bounds blocks (fail closed). */
export function checkCollected(
  enforcer: Enforcer,
  state: RequestState,
  what: string,
  collect: () => OutSlot[],
): OutCheck {
  let slots: OutSlot[];
  try {
    slots = collect();
  } catch {
    const d = gatewayDeny(
      enforcer,
      state,
      `the ${what} nests too deeply or holds too many strings for the output checks (fail closed)`,
      'output-too-complex',
    );
    return { blocked: d.mode === 'enforce' ? d : undefined, changed: false };
  }
  return slots.length === 0 ? { blocked: undefined, changed: false } : checkOutSlots(enforcer, state, slots);
}

/** Enforcer.checkOutput without putting input placeholders back: the text is upstream's, or redacted. */
export function checkWithoutRestore(
  enforcer: Enforcer,
  state: RequestState,
  text: string,
): ReturnType<Enforcer['checkOutput']> {
  const restore = state.restore;
  state.restore = false;
  try {
    return enforcer.checkOutput(state, text);
  } finally {
    state.restore = restore;
  }
}

/** Policy wants a signed text redacted: it cannot be, so the response is blocked (enforce mode). */
export function signedDeny(enforcer: Enforcer, state: RequestState, where: string): PolicyVerdict | undefined {
  const d = gatewayDeny(
    enforcer,
    state,
    `policy redacts what the ${where} carries, and the provider signed it: redacting it would break the signature, so the response is blocked`,
    'signed-output',
  );
  return d.mode === 'enforce' ? d : undefined;
}

function gatewayDeny(enforcer: Enforcer, state: RequestState, reason: string, rule: string): PolicyVerdict {
  const d = gatewayDecision(enforcer, state, {
    action: 'emit-output',
    resource: state.model,
    effect: 'deny',
    reason,
    rule,
  });
  const rec = state.decisions[state.decisions.length - 1];
  if (rec !== undefined) rec.stage = 'output';
  return d;
}
