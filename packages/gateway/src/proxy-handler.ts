// One proxied request, end to end: auth -> body -> shape -> input checks + policy -> upstream ->
// output checks (complete or streamed) -> audit (durable before the response completes in enforce
// mode) -> response. Every failure becomes a provider-format error; nothing fails open.
// Reading the request: request-intake.ts; relaying a stream: stream-relay.ts; the audit record:
// proxy-record.ts; reading an upstream body under its limit: http-body.ts.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { reviewAnthropicMcpServers } from './anthropic-mcp-servers.js';
import type { GatewayConfig } from './config.js';
import { checkDeclaredTools } from './declared-tools-check.js';
import { type Enforcer, newRequestState } from './enforcer.js';
import { parseJsonObject, readLimited } from './http-body.js';
import { reviewMedia } from './media-parts.js';
import type { GatewayMetrics } from './metrics.js';
import type { AuditRecord, AuditSink, PolicyVerdict } from './ports.js';
import {
  type Dialect,
  GatewayHttpError,
  responsesStreamErrorEvent,
  sendError,
  streamErrorEvent,
} from './provider-errors.js';
import { auditRecord, type ProxyCtx, usageOut } from './proxy-record.js';
import { authenticate, readRequest } from './request-intake.js';
import type { RouteSpec } from './request-shape.js';
import { reviewResponse } from './response-review.js';
import { reviewResponsesTools } from './responses-request-tools.js';
import type { Router } from './router.js';
import { relayStream } from './stream-relay.js';
import { refusedAfterReviews } from './tool-choice.js';
import type { UpstreamResponse } from './upstream.js';

const PASS_HEADERS = ['anthropic-version', 'anthropic-beta', 'openai-beta'];

export class ProxyHandler {
  constructor(
    private readonly config: GatewayConfig,
    private readonly enforcer: Enforcer,
    private readonly router: Router,
    private readonly audit: AuditSink,
    private readonly metrics: GatewayMetrics,
  ) {}

  async handle(
    req: IncomingMessage,
    res: ServerResponse,
    spec: RouteSpec,
    dialect: Dialect,
    requestId: string,
  ): Promise<void> {
    const ac = new AbortController();
    // Client gone before we finished: abort the upstream request too (no orphaned generations).
    res.once('close', () => {
      if (!res.writableFinished) ac.abort();
    });
    const identity = authenticate(req, this.enforcer.policy);
    const ctx: ProxyCtx = {
      state: newRequestState(requestId, identity ?? { keyId: '', principal: '', roles: [] }, spec.path, ac.signal),
      spec,
      dialect,
      t0: performance.now(),
      upstream: undefined,
      upstreamMs: null,
      inputTokens: null,
      outputTokens: null,
      sha: null,
      stream: false,
    };
    try {
      if (identity === undefined) {
        req.resume();
        throw new GatewayHttpError('authentication', 'invalid_api_key', 'Invalid or missing Rampart virtual key');
      }
      if (spec.method === 'GET') return await this.models(res, ctx);
      const { raw, body, slots, inputTokens } = await readRequest(req, ctx, this.config);
      if (spec.inspect) {
        const media = reviewMedia(this.enforcer, ctx.state, spec.path, body);
        if (media !== undefined) return await this.refuse(res, ctx, media, 'request');
      }
      const cls = req.headers['x-rampart-classification'];
      if (typeof cls === 'string' && cls.length > 0 && cls.length <= 64) ctx.state.classification = cls;
      const v = this.enforcer.inspectInput(ctx.state, slots, {
        inputTokens,
        bodyBytes: raw.length,
        action: spec.path === '/v1/embeddings' ? 'embed' : 'use-model',
      });
      if (v.enforced && (v.decision.effect === 'deny' || v.decision.effect === 'require-approval')) {
        return await this.refuse(res, ctx, v.decision, 'request');
      }
      // Declared tools (Responses: function, custom, remote MCP servers; Messages: MCP connector
      // servers) are reviewed before they go upstream.
      const tools =
        spec.path === '/v1/responses'
          ? await reviewResponsesTools(this.enforcer, ctx.state, body)
          : spec.path === '/v1/messages'
            ? reviewAnthropicMcpServers(this.enforcer, ctx.state, body, req.headers['anthropic-beta'])
            : undefined;
      if (tools?.refuse !== undefined) return await this.refuse(res, ctx, tools.refuse, 'request');
      // Every declared tool definition passes the tool-definition check (tool poisoning).
      const defs = spec.inspect ? checkDeclaredTools(this.enforcer, ctx.state, spec.path, body) : undefined;
      // A tool_choice is judged once on what all reviews removed (an allowed_tools list split between them).
      const forced =
        defs?.refuse ?? refusedAfterReviews(spec.path, body, [tools?.removals, defs?.removals], tools?.connectorTools);
      if (forced !== undefined) return await this.refuse(res, ctx, forced, 'request');
      const upstream = this.router.pick(spec.path, ctx.state.model, dialect);
      ctx.upstream = upstream;
      // Always the object that was checked, never the client's bytes: a body with duplicate keys
      // (JSON.parse keeps the last) would otherwise reach a first-wins parser upstream unchecked.
      const out = JSON.stringify(body);
      const up = await upstream.send(
        'POST',
        upstream.pathFor(spec.path, ctx.state.model),
        out,
        this.passHeaders(req),
        ac.signal,
      );
      ctx.upstreamMs = up.headersMs;
      this.metrics.upstreamLatency.observe(`upstream="${upstream.name}"`, up.headersMs);
      const type = String(up.headers['content-type'] ?? '');
      if (up.status >= 400) return await this.passError(res, ctx, up);
      if (ctx.stream && type.startsWith('text/event-stream')) return await this.stream(res, ctx, up, ac);
      return await this.complete(res, ctx, up);
    } catch (e) {
      const err =
        e instanceof GatewayHttpError
          ? e
          : new GatewayHttpError('internal', 'internal_error', 'internal gateway error');
      if (
        err.reason === 'upstream_timeout' ||
        err.reason === 'upstream_unreachable' ||
        err.reason === 'upstream_error'
      ) {
        this.metrics.upstreamErrors.inc(`reason="${err.reason}"`);
      }
      if (ctx.state.identity.keyId !== '' && err.reason !== 'client_aborted') {
        await this.record(ctx, 'error', err.status, err.reason).catch(() => undefined);
      }
      this.count(ctx, err.status);
      sendError(res, ctx.dialect, err, ctx.state.requestId);
    }
  }

  private passHeaders(req: IncomingMessage): Record<string, string> {
    const h: Record<string, string> = {};
    for (const k of PASS_HEADERS) {
      const v = req.headers[k];
      if (typeof v === 'string') h[k] = v;
    }
    return h;
  }

  /** Policy said no: the client gets a 403 in its provider's format; the audit says blocked. */
  private async refuse(res: ServerResponse, ctx: ProxyCtx, d: PolicyVerdict, what: string): Promise<void> {
    const why = d.reasons.map((r) => r.message).join('; ') || d.effect;
    const err = new GatewayHttpError(
      'permission',
      what === 'request' ? 'policy_denied' : 'output_blocked',
      `Rampart policy ${d.effect === 'require-approval' ? 'requires approval for' : 'denied'} this ${what}: ${why} (decision ${d.id})`,
    );
    await this.recordOrFail(ctx, 'blocked', err.status);
    this.count(ctx, err.status);
    sendError(res, ctx.dialect, err, ctx.state.requestId);
  }

  private async passError(res: ServerResponse, ctx: ProxyCtx, up: UpstreamResponse): Promise<void> {
    const body = await readLimited(up, 64 * 1024);
    await this.recordOrFail(ctx, 'error', up.status);
    this.count(ctx, up.status);
    const type = String(up.headers['content-type'] ?? 'application/json');
    res.writeHead(up.status, {
      'content-type': type,
      'content-length': body.length,
      'x-request-id': ctx.state.requestId,
    });
    res.end(body);
  }

  private async complete(res: ServerResponse, ctx: ProxyCtx, up: UpstreamResponse): Promise<void> {
    const raw = await readLimited(up, this.config.limits.maxResponseBytes);
    let body: Record<string, unknown>;
    try {
      body = parseJsonObject(raw);
    } catch {
      throw new GatewayHttpError(
        'upstream',
        'upstream_malformed',
        `upstream "${ctx.upstream?.name}" returned a malformed response`,
      );
    }
    ctx.outputTokens = usageOut(body);
    // A string, not a Buffer: Node then sends the headers and the body in one write (no writev, no copy).
    let out: Buffer | string = raw;
    if (ctx.spec.inspect) {
      const r = await reviewResponse(this.enforcer, ctx.state, ctx.spec.path, body);
      if (r.blocked) return this.refuse(res, ctx, r.blocked, 'response');
      out = JSON.stringify(body);
    }
    await this.recordOrFail(ctx, ctx.state.redacted ? 'redacted' : 'allowed', 200);
    this.count(ctx, 200);
    res.writeHead(200, {
      'content-type': 'application/json',
      'content-length': typeof out === 'string' ? Buffer.byteLength(out) : out.length,
      'x-request-id': ctx.state.requestId,
    });
    res.end(out);
  }

  private async stream(res: ServerResponse, ctx: ProxyCtx, up: UpstreamResponse, ac: AbortController): Promise<void> {
    const { guard, failure } = await relayStream(this.enforcer, ctx.state, ctx.spec.path, res, up, ac);
    ctx.outputTokens = guard.outputTokens;
    const outcome =
      failure === undefined
        ? guard.upstreamError
          ? 'error'
          : ctx.state.redacted
            ? 'redacted'
            : 'allowed'
        : failure.blocked
          ? 'blocked'
          : 'error';
    if (failure?.blocked) this.metrics.blockedStreams.inc('');
    guard.media.record(this.enforcer, ctx.state, failure !== undefined);
    let auditFailed = false;
    try {
      await this.record(ctx, outcome, 200, failure?.message);
    } catch {
      auditFailed = this.config.mode === 'enforce';
    }
    this.count(ctx, 200);
    if (res.destroyed) return;
    if (failure !== undefined || auditFailed) {
      const msg = auditFailed
        ? 'audit log unavailable; stream stopped (fail closed)'
        : failure!.blocked
          ? `Rampart policy stopped this response: ${failure!.message}`
          : failure!.message;
      const reason = failure?.blocked ? 'output_blocked' : 'stream_error';
      res.end(
        ctx.spec.path === '/v1/responses'
          ? responsesStreamErrorEvent(reason, msg)
          : streamErrorEvent(ctx.dialect, failure?.blocked ? 'permission' : 'upstream', reason, msg),
      );
      return;
    }
    res.end();
  }

  private async models(res: ServerResponse, ctx: ProxyCtx): Promise<void> {
    const upstream = this.router.pick('/v1/models', undefined, ctx.dialect);
    ctx.upstream = upstream;
    const up = await upstream.send('GET', upstream.pathFor('/v1/models', undefined), undefined, {}, ctx.state.signal);
    if (up.status >= 400) return this.passError(res, ctx, up);
    const raw = await readLimited(up, this.config.limits.maxResponseBytes);
    let body: Record<string, unknown>;
    try {
      body = parseJsonObject(raw);
    } catch {
      throw new GatewayHttpError(
        'upstream',
        'upstream_malformed',
        `upstream "${upstream.name}" returned a malformed model list`,
      );
    }
    // Only the models this identity may use are listed.
    if (Array.isArray(body.data)) {
      body.data = body.data.filter((m) => {
        const id = (m as { id?: unknown }).id;
        if (typeof id !== 'string') return false;
        const d = this.enforcer.policy.decide({
          identity: ctx.state.identity,
          action: 'list-models',
          resource: { kind: 'model', id },
          context: { route: '/v1/models', model: id, detections: [] },
        });
        return (d.applied ?? (d.mode === 'monitor' ? 'allow' : d.effect)) !== 'deny';
      });
    }
    const out = JSON.stringify(body);
    this.count(ctx, 200);
    res.writeHead(200, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(out),
      'x-request-id': ctx.state.requestId,
    });
    res.end(out);
  }

  /** Enforce mode: the record is committed before the client sees the end of the response, else 503. */
  private async recordOrFail(ctx: ProxyCtx, outcome: AuditRecord['outcome'], status: number): Promise<void> {
    try {
      await this.record(ctx, outcome, status);
    } catch {
      if (this.config.mode === 'enforce') {
        throw new GatewayHttpError(
          'unavailable',
          'audit_unavailable',
          'audit log unavailable; request refused (fail closed)',
        );
      }
    }
  }

  private record(ctx: ProxyCtx, outcome: AuditRecord['outcome'], status: number, error?: string): Promise<void> {
    const rec = auditRecord(ctx, outcome, status, error);
    if (this.config.mode === 'enforce') return this.audit.append(rec);
    this.audit.enqueue(rec);
    return Promise.resolve();
  }

  private count(ctx: ProxyCtx, status: number): void {
    this.metrics.requests.inc(`route="${ctx.spec.path}",status="${status}"`);
    this.metrics.requestLatency.observe(`route="${ctx.spec.path}"`, performance.now() - ctx.t0);
  }
}
