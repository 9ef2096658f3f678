// Model-produced text a response carries besides its main text (chat `content`, Anthropic `text`
// blocks, Responses `output_text` parts), for the output checks: reasoning (Anthropic `thinking`,
// Responses `reasoning` summaries and reasoning text, chat `reasoning_content`), refusals, audio
// transcripts, citations and annotations, server tool calls and what they returned (web search,
// web fetch, code execution, MCP results), and any block, item or field the gateway does not know.
// This file holds what every API shares: the slot (a string the checks read, and whether it may be
// rewritten), the bounded walk that finds them, and the checks over slots. Where each API keeps its
// parts: output-parts-chat.ts, output-parts-anthropic.ts, output-parts-responses.ts.
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

/** No field excepted: the whole object is read. */
export const NONE: ReadonlySet<string> = new Set();

/** The main text of a text part or block, excepted: it is read as the message text elsewhere. */
export const TEXT_ONLY: ReadonlySet<string> = new Set(['text']);

/**
 * A field that is read item by item elsewhere (chat `choices`, Responses `output`, Anthropic
 * `content`) but is not a list: read whole here, since nothing else reads it and a lenient client
 * may still show it.
 */
export function notAList(body: Obj, key: string, where: string): OutSlot[] {
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
