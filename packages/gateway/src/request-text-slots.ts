// Where the text lives in a request each provider API accepts, with the role each text plays for the
// detectors: every message (assistant turns included), system text, tool-call arguments of earlier
// turns, structured-output schemas, stored-prompt variables, Responses input items and embeddings
// input. The shape itself was validated first (request-shape.ts).
import type { TextRole } from '@rampart/core';
import { ANTHROPIC_TEXT, OPENAI_TEXT, pushContent } from './content-parts.js';
import { pushEmbeddingInput } from './embeddings-input.js';
import { GatewayHttpError } from './provider-errors.js';
import type { RouteSpec } from './request-shape.js';
import { responsesItemSlots, stringSlots } from './responses-input-items.js';

/** A string inside the request body that the detectors read (and redaction may rewrite). */
export interface TextSlot {
  holder: Record<string, unknown> | unknown[];
  key: string | number;
  role: TextRole;
}

/**
 * Message roles and the text role their content is read with (a Map: a role such as "constructor"
 * must not find Object.prototype). A chat role not listed here is read as `user` text: OpenAI refuses
 * it, but lenient OpenAI-compatible servers (vLLM's custom roles, some chat templates) render it into
 * the prompt, so it must not be a way around the checks.
 */
const CHAT_ROLE: ReadonlyMap<string, TextRole> = new Map([
  ['system', 'system'],
  ['developer', 'system'],
  ['user', 'user'],
  ['tool', 'tool-result'],
  ['function', 'tool-result'],
  ['assistant', 'assistant'],
]);

/** The arguments of the tool calls in an earlier assistant turn (chat `tool_calls`), read as that turn. */
function pushToolCallArgs(msg: Record<string, unknown>, out: TextSlot[]): void {
  // A deprecated `function_call` in an old turn of the history.
  const legacy = msg.function_call;
  if (legacy !== null && typeof legacy === 'object') pushArgs(legacy as Record<string, unknown>, out);
  const calls = msg.tool_calls;
  if (!Array.isArray(calls)) return;
  for (const c of calls) {
    const fn = c !== null && typeof c === 'object' ? (c as Record<string, unknown>).function : undefined;
    if (fn !== null && typeof fn === 'object') pushArgs(fn as Record<string, unknown>, out);
  }
}

/**
 * OpenAI sends arguments as a JSON string; lenient servers (vLLM's chat templates) also take an object,
 * so any other shape is read string by string (a bounded walk, 400 past its bounds).
 */
function pushArgs(fn: Record<string, unknown>, out: TextSlot[]): void {
  if (typeof fn.arguments === 'string') out.push({ holder: fn, key: 'arguments', role: 'assistant' });
  else for (const s of stringSlots(fn, 'arguments', 'assistant', 'tool_calls')) out.push(s);
}

/**
 * Every text the input checks read, with its role. Assistant turns (chat history, an Anthropic
 * prefill) are read too, with the `assistant` role: the client sends them, so they can carry a
 * fabricated turn (a many-shot or prefill jailbreak) or an answer in which the gateway restored
 * redacted PII for the caller, which must not reach the provider in clear on the next turn.
 */
export function collectTextSlots(spec: RouteSpec, body: Record<string, unknown>, maxMessages: number): TextSlot[] {
  const out: TextSlot[] = [];
  if (spec.path === '/v1/chat/completions') {
    pushSchemaText(body.response_format, 'json_schema', out);
    const msgs = body.messages as unknown[];
    if (msgs.length > maxMessages) tooMany(maxMessages);
    for (const m of msgs) {
      if (m === null || typeof m !== 'object') throw badMessage();
      const msg = m as Record<string, unknown>;
      if (typeof msg.role !== 'string') throw badMessage();
      const role = CHAT_ROLE.get(msg.role) ?? 'user';
      pushContent(msg, role, out, OPENAI_TEXT);
      // An assistant turn's refusal is part of the history the model reads back.
      if (typeof msg.refusal === 'string') out.push({ holder: msg, key: 'refusal', role });
      // Only assistant turns carry calls, but a lenient server may render them on any role: read always.
      pushToolCallArgs(msg, out);
    }
  } else if (spec.path === '/v1/messages') {
    const sys = body.system;
    if (typeof sys === 'string') out.push({ holder: body, key: 'system', role: 'system' });
    // Text blocks as system text; any other block as in a message (Anthropic takes only text blocks
    // here, but a block the gateway skipped would reach a lenient server unread).
    else if (Array.isArray(sys)) pushContent({ content: sys }, 'system', out, ANTHROPIC_TEXT);
    const msgs = body.messages as unknown[];
    if (msgs.length > maxMessages) tooMany(maxMessages);
    for (const m of msgs) {
      if (m === null || typeof m !== 'object') throw badMessage();
      const msg = m as Record<string, unknown>;
      if (msg.role === 'user') pushContent(msg, 'user', out, ANTHROPIC_TEXT);
      else if (msg.role === 'assistant') pushContent(msg, 'assistant', out, ANTHROPIC_TEXT);
      else throw badMessage();
    }
  } else if (spec.path === '/v1/responses') {
    if (typeof body.instructions === 'string') out.push({ holder: body, key: 'instructions', role: 'system' });
    const text = body.text;
    if (text !== null && typeof text === 'object' && !Array.isArray(text))
      pushSchemaText((text as Record<string, unknown>).format, undefined, out);
    // A stored prompt's variables are substituted into it: text from the caller (the template itself
    // is stored at the provider, like previous_response_id, and cannot be read here).
    const prompt = body.prompt;
    if (prompt !== null && typeof prompt === 'object' && !Array.isArray(prompt))
      for (const s of stringSlots(prompt as Record<string, unknown>, 'variables', 'user', 'prompt')) out.push(s);
    const input = body.input;
    if (typeof input === 'string') out.push({ holder: body, key: 'input', role: 'user' });
    else if (Array.isArray(input)) {
      if (input.length > maxMessages) tooMany(maxMessages);
      for (const it of input) {
        if (it === null || typeof it !== 'object') throw badMessage();
        const item = it as Record<string, unknown>;
        // What tools returned, and unknown items, are tool-result text (responses-input-items.ts).
        if (responsesItemSlots(item, out)) continue;
        // A message (responsesItemSlots read any other item): its role is one of CHAT_ROLE's.
        const role = typeof item.role === 'string' ? CHAT_ROLE.get(item.role) : undefined;
        if (role !== undefined) pushContent(item, role, out, OPENAI_TEXT);
      }
    } else if (input !== undefined)
      throw new GatewayHttpError('invalid_request', 'invalid_type', 'input must be a string or an array', 'input');
  } else if (spec.path === '/v1/embeddings') pushEmbeddingInput(body, out);
  return out;
}

/**
 * A structured-output schema (chat `response_format.json_schema`, Responses `text.format`): its name,
 * description and property descriptions are read by the model, and written by the application like a
 * system prompt, so every string in it is read with the `system` role (data checks only under
 * `systemRole: data-only`, injection too under `full`).
 */
function pushSchemaText(format: unknown, key: string | undefined, out: TextSlot[]): void {
  if (format === null || typeof format !== 'object' || Array.isArray(format)) return;
  const f = format as Record<string, unknown>;
  if (key !== undefined) {
    for (const s of stringSlots(f, key, 'system', 'response_format')) out.push(s);
    return;
  }
  for (const k of Object.keys(f))
    if (k !== 'type') for (const s of stringSlots(f, k, 'system', 'text.format')) out.push(s);
}

function tooMany(max: number): never {
  throw new GatewayHttpError(
    'invalid_request',
    'too_many_messages',
    `more than ${max} messages in one request`,
    'messages',
  );
}

function badMessage(): GatewayHttpError {
  return new GatewayHttpError(
    'invalid_request',
    'invalid_message',
    'each message must be an object with a valid role',
    'messages',
  );
}
