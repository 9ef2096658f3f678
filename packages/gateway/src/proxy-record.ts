// What one proxied request carries from its first byte to its audit record: the request state the
// checks record into, the route, the timings, token counts and the body hash, and the record built
// from them when the request ends, whatever way it ends.

import type { RequestState } from './enforcer.js';
import type { AuditRecord } from './ports.js';
import type { Dialect } from './provider-errors.js';
import type { RouteSpec } from './request-shape.js';
import type { Upstream } from './upstream.js';

export interface ProxyCtx {
  state: RequestState;
  spec: RouteSpec;
  dialect: Dialect;
  t0: number;
  upstream: Upstream | undefined;
  upstreamMs: number | null;
  inputTokens: number | null;
  outputTokens: number | null;
  sha: string | null;
  stream: boolean;
}

/** The audit record of the request as it stands now. */
export function auditRecord(
  ctx: ProxyCtx,
  outcome: AuditRecord['outcome'],
  status: number,
  error?: string,
): AuditRecord {
  const s = ctx.state;
  return {
    ts: new Date().toISOString(),
    requestId: s.requestId,
    keyId: s.identity.keyId || null,
    principal: s.identity.principal || null,
    team: s.identity.team ?? null,
    route: s.route,
    model: s.model || null,
    upstream: ctx.upstream?.name ?? null,
    decisions: s.decisions,
    outcome,
    detections: s.detections,
    status,
    latencyMs: Math.round((performance.now() - ctx.t0) * 1000) / 1000,
    upstreamMs: ctx.upstreamMs === null ? null : Math.round(ctx.upstreamMs * 1000) / 1000,
    tokens: { input: ctx.inputTokens, output: ctx.outputTokens },
    stream: ctx.stream,
    contentSha256: ctx.sha,
    ...(error === undefined ? {} : { error }),
  };
}

/** Output tokens a complete response reports (chat `completion_tokens`, Messages/Responses `output_tokens`). */
export function usageOut(body: Record<string, unknown>): number | null {
  const u = body.usage as Record<string, unknown> | undefined;
  if (u === undefined || u === null) return null;
  const v = u.completion_tokens ?? u.output_tokens;
  return typeof v === 'number' ? v : null;
}
