// One proxied request, end to end: auth -> body -> shape -> input checks + policy -> upstream ->
// output checks (complete or streamed) -> audit (durable before the response completes in enforce
// mode) -> response. Every failure becomes a provider-format error; nothing fails open.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { reviewAnthropicMcpServers } from './anthropic-mcp-servers.js';
import type { GatewayConfig } from './config.js';
import { checkDeclaredTools } from './declared-tools-check.js';
import { type Enforcer, newRequestState, type RequestState } from './enforcer.js';
import { AnthropicGuard } from './guard-anthropic.js';
import { OpenAiChatGuard, type StreamGuard } from './guard-openai-chat.js';
import { ResponsesGuard } from './guard-responses.js';
import { drained, isJsonContentType, parseJsonObject, readBody } from './http-body.js';
import { reviewMedia } from './media-parts.js';
import type { GatewayMetrics } from './metrics.js';
import type { AuditRecord, AuditSink, Identity, PolicyVerdict } from './ports.js';
import {
  type Dialect,
  GatewayHttpError,
  responsesStreamErrorEvent,
  sendError,
  streamErrorEvent,
} from './provider-errors.js';
import { type RouteSpec, validateShape } from './request-shape.js';
import { collectTextSlots } from './request-text-slots.js';
import { reviewResponse } from './response-review.js';
import { reviewResponsesTools } from './responses-request-tools.js';
import type { Router } from './router.js';
import { sha256 } from './sha256.js';
import { SseParser } from './sse.js';
import { StreamBlocked } from './text-channel.js';
import { countInputTokens } from './token-count.js';
import { refusedAfterReviews } from './tool-choice.js';
import type { Upstream, UpstreamResponse } from './upstream.js';

const PASS_HEADERS = ['anthropic-version', 'anthropic-beta', 'openai-beta'];

interface Ctx {
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
    const identity = this.authenticate(req);
    const ctx: Ctx = {
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
      if (!isJsonContentType(req.headers['content-type'])) {
        req.resume();
        throw new GatewayHttpError(
          'unsupported_media',
          'unsupported_content_type',
          'Content-Type must be application/json',
        );
      }
      const raw = await readBody(req, this.config.limits.maxBodyBytes);
      const body = parseJsonObject(raw);
      ctx.state.model = validateShape(spec, body, this.config.strictFields);
      ctx.stream = body.stream === true;
      ctx.sha = sha256(raw, 'hex');
      // Embeddings input is read only when checks.input.embeddings is on (embeddings-input.ts).
      const reads = spec.inspect || (spec.path === '/v1/embeddings' && this.config.checks.input.embeddings);
      const slots = reads ? collectTextSlots(spec, body, this.config.limits.maxMessages) : [];
      let chars = 0;
      for (const s of slots) chars += (s.holder[s.key as never] as string).length;
      ctx.inputTokens = reads ? Math.ceil(chars / 4) : Math.ceil(raw.length / 4);
      const max = this.config.limits.maxInputTokens;
      if (max !== undefined) {
        // Counted exactly only when the estimate is near the limit (token-count.ts).
        const texts = reads ? slots.map((s) => s.holder[s.key as never] as string) : undefined;
        const n = await countInputTokens(texts, ctx.inputTokens, max, ctx.state.model);
        ctx.inputTokens = n.tokens;
        if (n.over) {
          throw new GatewayHttpError(
            'invalid_request',
            'context_length_exceeded',
            `input is ${n.exact ? 'more than' : 'about'} ${n.exact ? max : n.tokens} tokens; the gateway limit is ${max}`,
          );
        }
      }
      if (spec.inspect) {
        const media = reviewMedia(this.enforcer, ctx.state, spec.path, body);
        if (media !== undefined) return await this.refuse(res, ctx, media, 'request');
      }
      const cls = req.headers['x-rampart-classification'];
      if (typeof cls === 'string' && cls.length > 0 && cls.length <= 64) ctx.state.classification = cls;
      const v = this.enforcer.inspectInput(ctx.state, slots, {
        inputTokens: ctx.inputTokens,
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

  private authenticate(req: IncomingMessage): Identity | undefined {
    const auth = req.headers.authorization;
    let key: string | undefined;
    if (typeof auth === 'string' && auth.length > 7 && auth.slice(0, 7).toLowerCase() === 'bearer ')
      key = auth.slice(7).trim();
    else if (typeof req.headers['x-api-key'] === 'string') key = req.headers['x-api-key'].trim();
    if (key === undefined || key === '' || key.length > 512) return undefined;
    return this.enforcer.policy.authenticate(key);
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
  private async refuse(res: ServerResponse, ctx: Ctx, d: PolicyVerdict, what: string): Promise<void> {
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

  private async passError(res: ServerResponse, ctx: Ctx, up: UpstreamResponse): Promise<void> {
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

  private async complete(res: ServerResponse, ctx: Ctx, up: UpstreamResponse): Promise<void> {
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

  private async stream(res: ServerResponse, ctx: Ctx, up: UpstreamResponse, ac: AbortController): Promise<void> {
    const guard: StreamGuard =
      ctx.spec.path === '/v1/messages'
        ? new AnthropicGuard(this.enforcer, ctx.state)
        : ctx.spec.path === '/v1/responses'
          ? new ResponsesGuard(this.enforcer, ctx.state)
          : new OpenAiChatGuard(this.enforcer, ctx.state);
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      'x-request-id': ctx.state.requestId,
    });
    // The headers go out with the first event, in one write; if the upstream's first bytes are not
    // here yet (a slow first token), they are flushed on their own so the client is not kept waiting.
    // (res.headersSent is already true after writeHead, so `first` says whether they left.)
    let first = true;
    setImmediate(() => {
      if (first && !res.destroyed) res.flushHeaders();
    });
    const parser = new SseParser();
    let failure: { blocked: boolean; message: string } | undefined;
    // Node corks the socket on a chunked write until the next tick; the events of one upstream
    // chunk are guarded in microtasks, so without a yield the first event (the role chunk) would
    // wait for the whole chunk to be scanned. One tick after the first write sends it at once.
    try {
      for await (const chunk of up.body) {
        for (const ev of parser.push(chunk)) {
          const out = await guard.onEvent(ev);
          if (out === '') continue;
          if (!res.write(out)) await drained(res);
          else if (first) await nextTick();
          first = false;
        }
      }
      const tail = guard.onEnd();
      if (tail !== '') res.write(tail);
    } catch (e) {
      if (e instanceof StreamBlocked) failure = { blocked: e.decision !== undefined, message: e.message };
      else if (ac.signal.aborted) failure = { blocked: false, message: 'client disconnected' };
      else
        failure = { blocked: false, message: `upstream stream failed (${(e as { code?: string }).code ?? 'error'})` };
      ac.abort();
      up.body.destroy();
    }
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

  private async models(res: ServerResponse, ctx: Ctx): Promise<void> {
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
  private async recordOrFail(ctx: Ctx, outcome: AuditRecord['outcome'], status: number): Promise<void> {
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

  private record(ctx: Ctx, outcome: AuditRecord['outcome'], status: number, error?: string): Promise<void> {
    const s = ctx.state;
    const rec: AuditRecord = {
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
    if (this.config.mode === 'enforce') return this.audit.append(rec);
    this.audit.enqueue(rec);
    return Promise.resolve();
  }

  private count(ctx: Ctx, status: number): void {
    this.metrics.requests.inc(`route="${ctx.spec.path}",status="${status}"`);
    this.metrics.requestLatency.observe(`route="${ctx.spec.path}"`, performance.now() - ctx.t0);
  }
}

/** Reads a whole upstream body under `limit` bytes (data events: cheaper than an async iterator). */
function readLimited(up: UpstreamResponse, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    // Settled once; the 'close' that follows every normal 'end' then builds no error (an Error
    // captures a stack trace: measurable per request).
    let done = false;
    const body = up.body;
    body.on('data', (c: Buffer) => {
      if (done) return;
      size += c.length;
      if (size > limit) {
        done = true;
        chunks.length = 0;
        body.destroy();
        reject(new GatewayHttpError('upstream', 'upstream_too_large', `upstream response exceeds ${limit} bytes`));
        return;
      }
      chunks.push(c);
    });
    body.once('end', () => {
      if (done) return;
      done = true;
      resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size));
    });
    body.once('error', (e) => {
      if (done) return;
      done = true;
      reject(e);
    });
    // Destroyed without an error (client gone, abort): never leave the request hanging.
    body.once('close', () => {
      if (done) return;
      done = true;
      reject(new GatewayHttpError('upstream', 'upstream_error', 'upstream body closed early'));
    });
  });
}

function usageOut(body: Record<string, unknown>): number | null {
  const u = body.usage as Record<string, unknown> | undefined;
  if (u === undefined || u === null) return null;
  const v = u.completion_tokens ?? u.output_tokens;
  return typeof v === 'number' ? v : null;
}

function nextTick(): Promise<void> {
  return new Promise((resolve) => process.nextTick(resolve));
}
