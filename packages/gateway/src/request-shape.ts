// What each provider API accepts: required fields, known fields (unknown ones are refused like the
// providers refuse them) and where the text lives, with the role each text plays for the detectors.

import type { TextRole } from '@rampart/core';
import { ANTHROPIC_TEXT, OPENAI_TEXT, pushContent } from './content-parts.js';
import { pushEmbeddingInput } from './embeddings-input.js';
import type { Dialect } from './provider-errors.js';
import { GatewayHttpError } from './provider-errors.js';
import { responsesItemSlots, stringSlots } from './responses-input-items.js';
import type { ApiPath } from './upstream.js';

export interface RouteSpec {
  path: ApiPath;
  dialect: Dialect;
  method: 'GET' | 'POST';
  /** Request fields the API defines. */
  fields: ReadonlySet<string> | undefined;
  /** Content checks run on this route (embeddings are auth + policy pass-through). */
  inspect: boolean;
}

const CHAT_FIELDS = new Set([
  'model',
  'messages',
  'stream',
  'stream_options',
  'temperature',
  'top_p',
  'n',
  'stop',
  'max_tokens',
  'max_completion_tokens',
  'presence_penalty',
  'frequency_penalty',
  'logit_bias',
  'logprobs',
  'top_logprobs',
  'user',
  'tools',
  'tool_choice',
  'parallel_tool_calls',
  'functions',
  'function_call',
  'response_format',
  'seed',
  'service_tier',
  'store',
  'metadata',
  'modalities',
  'audio',
  'prediction',
  'reasoning_effort',
  'verbosity',
  'web_search_options',
  'prompt_cache_key',
  'safety_identifier',
]);
const RESPONSES_FIELDS = new Set([
  'model',
  'input',
  'instructions',
  'stream',
  'stream_options',
  'temperature',
  'top_p',
  'max_output_tokens',
  'tools',
  'tool_choice',
  'parallel_tool_calls',
  'previous_response_id',
  'conversation',
  'store',
  'metadata',
  'user',
  'text',
  'reasoning',
  'truncation',
  'include',
  'service_tier',
  'background',
  'max_tool_calls',
  'prompt',
  'prompt_cache_key',
  'safety_identifier',
  'top_logprobs',
]);
const EMBEDDINGS_FIELDS = new Set(['model', 'input', 'encoding_format', 'dimensions', 'user']);
const MESSAGES_FIELDS = new Set([
  'model',
  'messages',
  'system',
  'max_tokens',
  'metadata',
  'stop_sequences',
  'stream',
  'temperature',
  'top_k',
  'top_p',
  'tools',
  'tool_choice',
  'thinking',
  'service_tier',
  'container',
  'mcp_servers',
]);

export const ROUTES: ReadonlyMap<string, RouteSpec> = new Map<string, RouteSpec>([
  [
    'POST /v1/chat/completions',
    { path: '/v1/chat/completions', dialect: 'openai', method: 'POST', fields: CHAT_FIELDS, inspect: true },
  ],
  [
    'POST /v1/responses',
    { path: '/v1/responses', dialect: 'openai', method: 'POST', fields: RESPONSES_FIELDS, inspect: true },
  ],
  [
    'POST /v1/embeddings',
    { path: '/v1/embeddings', dialect: 'openai', method: 'POST', fields: EMBEDDINGS_FIELDS, inspect: false },
  ],
  [
    'POST /v1/messages',
    { path: '/v1/messages', dialect: 'anthropic', method: 'POST', fields: MESSAGES_FIELDS, inspect: true },
  ],
  ['GET /v1/models', { path: '/v1/models', dialect: 'openai', method: 'GET', fields: undefined, inspect: false }],
]);

/** A string inside the request body that the detectors read (and redaction may rewrite). */
export interface TextSlot {
  holder: Record<string, unknown> | unknown[];
  key: string | number;
  role: TextRole;
}

export function validateShape(spec: RouteSpec, body: Record<string, unknown>, strict: boolean): string {
  if (strict && spec.fields !== undefined) {
    for (const k in body) {
      if (!spec.fields.has(k)) {
        throw new GatewayHttpError(
          'invalid_request',
          'unknown_parameter',
          `Unrecognized request argument supplied: ${k}`,
          k,
        );
      }
    }
  }
  // Deprecated function calling: the model would answer with message.function_call, which the
  // response review does not read, so the call would skip tool policy. Refused whatever strictFields says.
  if (spec.path === '/v1/chat/completions') {
    for (const k of ['functions', 'function_call'] as const) {
      if (body[k] !== undefined) {
        throw new GatewayHttpError(
          'invalid_request',
          'unsupported_parameter',
          `${k} (deprecated function calling) is not supported by the gateway: declare tools in \`tools\`, whose calls it reviews`,
          k,
        );
      }
    }
  }
  const model = body.model;
  if (typeof model !== 'string' || model.length === 0 || model.length > 256) {
    throw new GatewayHttpError('invalid_request', 'invalid_model', 'model must be a non-empty string', 'model');
  }
  if (body.stream !== undefined && typeof body.stream !== 'boolean') {
    throw new GatewayHttpError('invalid_request', 'invalid_type', 'stream must be a boolean', 'stream');
  }
  if (spec.path === '/v1/chat/completions' || spec.path === '/v1/messages') {
    if (!Array.isArray(body.messages)) {
      throw new GatewayHttpError('invalid_request', 'invalid_type', 'messages must be an array', 'messages');
    }
  }
  // A Responses request may run a stored prompt (`prompt`) without input of its own.
  if (spec.path === '/v1/embeddings' || (spec.path === '/v1/responses' && body.prompt === undefined)) {
    if (body.input === undefined)
      throw new GatewayHttpError('invalid_request', 'missing_required', 'input is required', 'input');
  }
  return model;
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
