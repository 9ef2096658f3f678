// Optional OpenTelemetry traces for the gateway: one SERVER span per proxied request, a CLIENT child
// span per upstream HTTP call, exported over OTLP/HTTP. Off unless `telemetry.otlpEndpoint` is set:
// the @opentelemetry packages are imported only then (type imports below are erased), so a gateway
// without telemetry loads none of it and its hot path is unchanged.
//
// Nothing in proxy-handler knows about spans. The span's facts come from what the gateway already
// produces: the audit record (identity, model, decisions, outcome, tokens, upstream latency), the
// detector calls (timed through a TextChecks wrapper) and undici's diagnostics channels for the
// upstream call. Attributes carry ids, names, numbers and effects, never a key, prompt or output.
import { AsyncLocalStorage } from 'node:async_hooks';
import diagnosticsChannel from 'node:diagnostics_channel';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Attributes, Span } from '@opentelemetry/api';
import type { TelemetryConfig } from './config.js';
import type { AuditRecord, AuditSink, StreamScanner, TextChecks } from './ports.js';
import { ROUTES } from './request-shape.js';

interface RequestTrace {
  span: Span;
  ended: boolean;
  record: AuditRecord | undefined;
  inputMs: number;
  outputMs: number;
  checkCalls: number;
  /** Status of the last upstream response's headers, from undici. */
  upstreamStatus: number | undefined;
  /** An upstream span is open, or one already got an answer that is not retried. */
  upstreamBusy: boolean;
}

export interface GatewayTelemetry {
  /** Times detector calls made while serving a request (attributes on its span). */
  wrapChecks(checks: TextChecks): TextChecks;
  /** Remembers the request's audit record to describe its span. */
  wrapAudit(audit: AuditSink): AuditSink;
  /** Opens a span around every proxied request the server handles. Call after createGateway. */
  attach(server: Server): void;
  /** Stops listening and flushes pending spans to the collector. */
  shutdown(): Promise<void>;
}

type RequestListener = (req: IncomingMessage, res: ServerResponse) => void;
type UndiciRequest = { origin?: unknown; method?: unknown };
const SEVERITY = ['allow', 'redact', 'require-approval', 'deny'];

/** `http://host:4318` -> `http://host:4318/v1/traces`; a URL with a path is used as given. */
export function tracesUrl(endpoint: string): string {
  const u = new URL(endpoint);
  if (u.pathname === '/' || u.pathname === '') u.pathname = '/v1/traces';
  return u.toString();
}

export async function startTelemetry(
  cfg: TelemetryConfig,
  env: NodeJS.ProcessEnv = process.env,
): Promise<GatewayTelemetry> {
  const [api, sdk, otlp, resources] = await Promise.all([
    import('@opentelemetry/api'),
    import('@opentelemetry/sdk-trace'),
    import('@opentelemetry/exporter-trace-otlp-http'),
    import('@opentelemetry/resources'),
  ]);
  const headers: Record<string, string> = { ...cfg.headers };
  for (const [name, variable] of Object.entries(cfg.headersEnv)) {
    const v = env[variable];
    if (v !== undefined && v !== '') headers[name] = v;
  }
  const exporter = new otlp.OTLPTraceExporter({ url: tracesUrl(cfg.otlpEndpoint), headers, timeoutMillis: 10_000 });
  const provider = new sdk.TracerProvider({
    resource: resources.resourceFromAttributes({ 'service.name': cfg.serviceName }),
    // Bounded queue: a collector that is down costs dropped spans, never memory or latency.
    spanProcessors: [new sdk.BatchSpanProcessor({ exporter, maxQueueSize: 4096, scheduledDelayMillis: 1000 })],
  });
  const tracer = provider.getTracer('@rampart/gateway');
  const als = new AsyncLocalStorage<RequestTrace>();
  const upstreamSpans = new WeakMap<object, { span: Span; trace: RequestTrace }>();

  const timed = (role: string, ms: number): void => {
    const t = als.getStore();
    if (t === undefined) return;
    if (role === 'model-output') t.outputMs += ms;
    else t.inputMs += ms;
    t.checkCalls++;
  };

  // Upstream calls: undici publishes request lifecycle events. `create` runs synchronously inside
  // the request that dispatches the call, so the async context names the parent span. A call
  // queued behind a saturated pool is dispatched later from the context of whichever request opened
  // the connection; a request makes one upstream call at a time and retries only after a failure,
  // so a create is taken only when its context has no open or answered call (else: no span).
  const onCreate = (m: unknown): void => {
    const t = als.getStore();
    const r = (m as { request?: UndiciRequest }).request;
    if (t === undefined || t.ended || t.upstreamBusy || r === undefined) return;
    t.upstreamBusy = true;
    let host = '';
    try {
      host = new URL(String(r.origin)).host;
    } catch {
      // an origin undici accepted always parses; an empty host is harmless
    }
    const child = tracer.startSpan(
      `${String(r.method)} upstream`,
      { kind: api.SpanKind.CLIENT, attributes: { 'http.request.method': String(r.method), 'server.address': host } },
      api.trace.setSpan(api.ROOT_CONTEXT, t.span),
    );
    upstreamSpans.set(r, { span: child, trace: t });
  };
  const onHeaders = (m: unknown): void => {
    const { request, response } = m as { request: object; response: { statusCode: number } };
    const u = upstreamSpans.get(request);
    if (u === undefined) return;
    const s = u.span;
    u.trace.upstreamStatus = response.statusCode;
    // Only these are retried by the upstream client; any other answer is final for the request.
    const retried = response.statusCode === 502 || response.statusCode === 503 || response.statusCode === 504;
    if (retried) u.trace.upstreamBusy = false;
    s.setAttribute('http.response.status_code', response.statusCode);
    s.addEvent('response.headers');
    if (response.statusCode >= 500) s.setStatus({ code: api.SpanStatusCode.ERROR });
  };
  const onTrailers = (m: unknown): void => {
    const { request } = m as { request: object };
    upstreamSpans.get(request)?.span.end();
    upstreamSpans.delete(request);
  };
  const onError = (m: unknown): void => {
    const { request, error } = m as { request: object; error: { code?: unknown; name?: unknown } };
    const u = upstreamSpans.get(request);
    if (u === undefined) return;
    u.trace.upstreamBusy = false; // a connect error is retried
    const s = u.span;
    s.setStatus({ code: api.SpanStatusCode.ERROR, message: String(error.code ?? error.name ?? 'error') });
    s.end();
    upstreamSpans.delete(request);
  };
  const channels: [string, (m: unknown) => void][] = [
    ['undici:request:create', onCreate],
    ['undici:request:headers', onHeaders],
    ['undici:request:trailers', onTrailers],
    ['undici:request:error', onError],
  ];
  for (const [name, fn] of channels) diagnosticsChannel.subscribe(name, fn);

  const finish = (t: RequestTrace, res: ServerResponse): void => {
    t.ended = true;
    const span = t.span;
    span.setAttributes({
      'http.response.status_code': res.statusCode,
      'rampart.detector.input_ms': round(t.inputMs),
      'rampart.detector.output_ms': round(t.outputMs),
      'rampart.detector.calls': t.checkCalls,
    });
    if (t.upstreamStatus !== undefined) span.setAttribute('rampart.upstream.status_code', t.upstreamStatus);
    if (!res.writableFinished) span.setAttribute('rampart.client_aborted', true);
    const r = t.record;
    if (r !== undefined) span.setAttributes(recordAttributes(r));
    const failed = res.statusCode >= 500 || r?.outcome === 'error';
    if (failed) span.setStatus({ code: api.SpanStatusCode.ERROR, ...(r?.error ? { message: r.error } : {}) });
    span.end();
  };

  return {
    wrapChecks(checks) {
      const scanner = (s: StreamScanner, role: string): StreamScanner => ({
        push(chunk) {
          const t0 = performance.now();
          try {
            return s.push(chunk);
          } finally {
            timed(role, performance.now() - t0);
          }
        },
        end() {
          const t0 = performance.now();
          try {
            return s.end();
          } finally {
            timed(role, performance.now() - t0);
          }
        },
      });
      return {
        check(text, role) {
          const t0 = performance.now();
          try {
            return checks.check(text, role);
          } finally {
            timed(role, performance.now() - t0);
          }
        },
        redact: (text, detections, map) => checks.redact(text, detections, map),
        restore: (text, map) => checks.restore(text, map),
        streamScanner: (role) => scanner(checks.streamScanner(role), role),
      };
    },
    wrapAudit(audit) {
      const keep = (r: AuditRecord): void => {
        const t = als.getStore();
        if (t !== undefined) t.record = r;
      };
      return {
        append(r) {
          keep(r);
          return audit.append(r);
        },
        enqueue(r) {
          keep(r);
          audit.enqueue(r);
        },
        flush: () => audit.flush(),
        close: () => audit.close(),
      };
    },
    attach(server) {
      const listeners = server.listeners('request') as RequestListener[];
      server.removeAllListeners('request');
      server.on('request', (req: IncomingMessage, res: ServerResponse) => {
        const q = (req.url ?? '/').indexOf('?');
        const path = q === -1 ? (req.url ?? '/') : (req.url ?? '/').slice(0, q);
        const spec = ROUTES.get(`${req.method} ${path}`);
        if (spec === undefined) {
          // Health, metrics and unknown routes are not proxied requests: no span.
          for (const l of listeners) l.call(server, req, res);
          return;
        }
        const span = tracer.startSpan(`${req.method} ${spec.path}`, {
          kind: api.SpanKind.SERVER,
          attributes: { 'http.request.method': String(req.method), 'http.route': spec.path },
        });
        const t: RequestTrace = {
          span,
          ended: false,
          record: undefined,
          inputMs: 0,
          outputMs: 0,
          checkCalls: 0,
          upstreamStatus: undefined,
          upstreamBusy: false,
        };
        res.once('close', () => finish(t, res));
        als.run(t, () => {
          for (const l of listeners) l.call(server, req, res);
        });
      });
    },
    async shutdown() {
      for (const [name, fn] of channels) diagnosticsChannel.unsubscribe(name, fn);
      await provider.shutdown().catch(() => undefined);
    },
  };
}

/** What the audit record says about the request, minus anything that is content or a credential. */
function recordAttributes(r: AuditRecord): Attributes {
  const a: Attributes = {
    'rampart.request_id': r.requestId,
    'rampart.outcome': r.outcome,
    'rampart.stream': r.stream,
    'rampart.latency_ms': r.latencyMs,
  };
  if (r.keyId !== null) a['rampart.key_id'] = r.keyId;
  if (r.principal !== null) a['rampart.principal'] = r.principal;
  if (r.team !== null) a['rampart.team'] = r.team;
  if (r.model !== null) a['gen_ai.request.model'] = r.model;
  if (r.upstream !== null) a['rampart.upstream'] = r.upstream;
  if (r.upstreamMs !== null) a['rampart.upstream.latency_ms'] = r.upstreamMs;
  if (r.tokens.input !== null) a['gen_ai.usage.input_tokens'] = r.tokens.input;
  if (r.tokens.output !== null) a['gen_ai.usage.output_tokens'] = r.tokens.output;
  if (r.decisions.length > 0) {
    let worst = 0;
    for (const d of r.decisions) worst = Math.max(worst, SEVERITY.indexOf(d.effect));
    a['rampart.decision.effect'] = SEVERITY[worst] ?? 'deny';
    a['rampart.decision.effects'] = r.decisions.map((d) => `${d.stage}:${d.effect}`);
    a['rampart.policy.revision'] = [...new Set(r.decisions.map((d) => d.policyRevision))].join(',');
  }
  const flagged = r.detections.filter((d) => d.flagged).map((d) => d.type);
  if (flagged.length > 0) a['rampart.detections'] = [...new Set(flagged)];
  return a;
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
