// What each provider API accepts: required fields and known fields (unknown ones are refused like the
// providers refuse them). Where the text lives, and the role each text plays for the detectors:
// request-text-slots.ts.
import type { Dialect } from './provider-errors.js';
import { GatewayHttpError } from './provider-errors.js';
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
