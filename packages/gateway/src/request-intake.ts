// The proxied request as the gateway reads it, before any check: the caller's virtual key, then the
// body under the byte limit (JSON only), its shape per API, the texts the input checks will read and
// the input-token limit (estimated, counted exactly near the limit). Every malformed or oversize
// request becomes a typed 4xx, recorded against the request (proxy-record.ts).
import type { IncomingMessage } from 'node:http';
import type { GatewayConfig } from './config.js';
import { isJsonContentType, parseJsonObject, readBody } from './http-body.js';
import type { Identity, PolicyPort } from './ports.js';
import { GatewayHttpError } from './provider-errors.js';
import type { ProxyCtx } from './proxy-record.js';
import { validateShape } from './request-shape.js';
import { collectTextSlots, type TextSlot } from './request-text-slots.js';
import { sha256 } from './sha256.js';
import { countInputTokens } from './token-count.js';

/** The identity of the virtual key in `authorization: Bearer …` or `x-api-key`; undefined when none matches. */
export function authenticate(req: IncomingMessage, policy: PolicyPort): Identity | undefined {
  const auth = req.headers.authorization;
  let key: string | undefined;
  if (typeof auth === 'string' && auth.length > 7 && auth.slice(0, 7).toLowerCase() === 'bearer ')
    key = auth.slice(7).trim();
  else if (typeof req.headers['x-api-key'] === 'string') key = req.headers['x-api-key'].trim();
  if (key === undefined || key === '' || key.length > 512) return undefined;
  return policy.authenticate(key);
}

/**
 * Reads and validates the body of a POST; fills in the model, stream flag, body hash and input
 * tokens of `ctx` as it learns them (an error after that is recorded with them).
 */
export async function readRequest(
  req: IncomingMessage,
  ctx: ProxyCtx,
  config: GatewayConfig,
): Promise<{ raw: Buffer; body: Record<string, unknown>; slots: TextSlot[]; inputTokens: number }> {
  const spec = ctx.spec;
  if (!isJsonContentType(req.headers['content-type'])) {
    req.resume();
    throw new GatewayHttpError(
      'unsupported_media',
      'unsupported_content_type',
      'Content-Type must be application/json',
    );
  }
  const raw = await readBody(req, config.limits.maxBodyBytes);
  const body = parseJsonObject(raw);
  ctx.state.model = validateShape(spec, body, config.strictFields);
  ctx.stream = body.stream === true;
  ctx.sha = sha256(raw, 'hex');
  // Embeddings input is read only when checks.input.embeddings is on (embeddings-input.ts).
  const reads = spec.inspect || (spec.path === '/v1/embeddings' && config.checks.input.embeddings);
  const slots = reads ? collectTextSlots(spec, body, config.limits.maxMessages) : [];
  let chars = 0;
  for (const s of slots) chars += (s.holder[s.key as never] as string).length;
  let inputTokens = reads ? Math.ceil(chars / 4) : Math.ceil(raw.length / 4);
  ctx.inputTokens = inputTokens;
  const max = config.limits.maxInputTokens;
  if (max !== undefined) {
    // Counted exactly only when the estimate is near the limit (token-count.ts).
    const texts = reads ? slots.map((s) => s.holder[s.key as never] as string) : undefined;
    const n = await countInputTokens(texts, inputTokens, max, ctx.state.model);
    inputTokens = n.tokens;
    ctx.inputTokens = inputTokens;
    if (n.over) {
      throw new GatewayHttpError(
        'invalid_request',
        'context_length_exceeded',
        `input is ${n.exact ? 'more than' : 'about'} ${n.exact ? max : n.tokens} tokens; the gateway limit is ${max}`,
      );
    }
  }
  return { raw, body, slots, inputTokens };
}
