// Error bodies in each provider's own wire format, so SDKs on the client side raise their usual
// typed errors (a 4xx from Rampart must look like a 4xx from OpenAI or Anthropic, never like HTML).
import type { ServerResponse } from 'node:http';

export type Dialect = 'openai' | 'anthropic';

export type ErrorKind =
  | 'invalid_request'
  | 'authentication'
  | 'permission'
  | 'not_found'
  | 'method_not_allowed'
  | 'too_large'
  | 'unsupported_media'
  | 'rate_limit'
  | 'upstream'
  | 'timeout'
  | 'unavailable'
  | 'internal';

const STATUS: Record<ErrorKind, number> = {
  invalid_request: 400,
  authentication: 401,
  permission: 403,
  not_found: 404,
  method_not_allowed: 405,
  too_large: 413,
  unsupported_media: 415,
  rate_limit: 429,
  upstream: 502,
  timeout: 504,
  unavailable: 503,
  internal: 500,
};

const OPENAI_TYPE: Record<ErrorKind, string> = {
  invalid_request: 'invalid_request_error',
  authentication: 'invalid_request_error',
  permission: 'invalid_request_error',
  not_found: 'invalid_request_error',
  method_not_allowed: 'invalid_request_error',
  too_large: 'invalid_request_error',
  unsupported_media: 'invalid_request_error',
  rate_limit: 'rate_limit_exceeded',
  upstream: 'server_error',
  timeout: 'server_error',
  unavailable: 'server_error',
  internal: 'server_error',
};

// https://docs.anthropic.com/en/api/errors: the "type" values the Anthropic SDKs map to classes.
const ANTHROPIC_TYPE: Record<ErrorKind, string> = {
  invalid_request: 'invalid_request_error',
  authentication: 'authentication_error',
  permission: 'permission_error',
  not_found: 'not_found_error',
  method_not_allowed: 'invalid_request_error',
  too_large: 'request_too_large',
  unsupported_media: 'invalid_request_error',
  rate_limit: 'rate_limit_error',
  upstream: 'api_error',
  timeout: 'api_error',
  unavailable: 'overloaded_error',
  internal: 'api_error',
};

export class GatewayHttpError extends Error {
  readonly kind: ErrorKind;
  /** Machine-readable reason, e.g. "body_too_large", "policy_denied". */
  readonly reason: string;
  readonly param: string | undefined;
  constructor(kind: ErrorKind, reason: string, message: string, param?: string) {
    super(message);
    this.name = 'GatewayHttpError';
    this.kind = kind;
    this.reason = reason;
    this.param = param;
  }
  get status(): number {
    return STATUS[this.kind];
  }
}

export function statusOf(kind: ErrorKind): number {
  return STATUS[kind];
}

/** The JSON error object for a non-streaming response. */
export function errorBody(dialect: Dialect, kind: ErrorKind, reason: string, message: string, param?: string): string {
  if (dialect === 'anthropic') {
    return JSON.stringify({ type: 'error', error: { type: ANTHROPIC_TYPE[kind], message } });
  }
  return JSON.stringify({ error: { message, type: OPENAI_TYPE[kind], param: param ?? null, code: reason } });
}

/** A terminal SSE error event: what the provider itself sends when a stream fails mid-way. */
export function streamErrorEvent(dialect: Dialect, kind: ErrorKind, reason: string, message: string): string {
  if (dialect === 'anthropic') {
    return `event: error\ndata: ${JSON.stringify({ type: 'error', error: { type: ANTHROPIC_TYPE[kind], message } })}\n\n`;
  }
  return `data: ${JSON.stringify({ error: { message, type: OPENAI_TYPE[kind], param: null, code: reason } })}\n\n`;
}

/** The "error" event of the OpenAI Responses streaming API. */
export function responsesStreamErrorEvent(reason: string, message: string): string {
  return `event: error\ndata: ${JSON.stringify({ type: 'error', code: reason, message, param: null })}\n\n`;
}

export function sendError(res: ServerResponse, dialect: Dialect, err: GatewayHttpError, requestId: string): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body = errorBody(dialect, err.kind, err.reason, err.message, err.param);
  res.writeHead(err.status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
    'x-request-id': requestId,
  });
  res.end(body);
}
