// The gateway server: node:http listener, routing to handlers, health/readiness/metrics, and a
// graceful shutdown that stops accepting, lets in-flight streams drain, then cuts what is left.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GatewayConfig } from './config.js';
import { Enforcer } from './enforcer.js';
import { GatewayMetrics } from './metrics.js';
import type { ApprovalPort, AuditSink, PolicyPort, TextChecks } from './ports.js';
import { type Dialect, GatewayHttpError, sendError } from './provider-errors.js';
import { ProxyHandler } from './proxy-handler.js';
import { ROUTES } from './request-shape.js';
import { Router } from './router.js';
import { Upstream } from './upstream.js';

export interface GatewayOptions {
  config: GatewayConfig;
  policy: PolicyPort;
  checks: TextChecks;
  audit: AuditSink;
  approvals?: ApprovalPort;
  env?: NodeJS.ProcessEnv;
  /** Extra readiness probe (e.g. store reachable). */
  ready?: () => boolean;
}

export interface Gateway {
  readonly server: Server;
  readonly metrics: GatewayMetrics;
  listen(): Promise<AddressInfo>;
  /** Graceful: refuse new requests, drain in-flight ones up to limits.drainMs, then close. */
  close(): Promise<void>;
}

export function createGateway(opts: GatewayOptions): Gateway {
  const { config } = opts;
  const metrics = new GatewayMetrics();
  const upstreams = new Map<string, Upstream>();
  for (const [name, u] of Object.entries(config.upstreams)) upstreams.set(name, new Upstream(name, u, opts.env));
  const enforcer = new Enforcer(config, opts.policy, opts.checks, metrics, opts.approvals);
  const handler = new ProxyHandler(config, enforcer, new Router(config, upstreams), opts.audit, metrics);
  let draining = false;
  const inFlight = new Set<ServerResponse>();

  const server = createServer({ keepAliveTimeout: 65_000, requestTimeout: 0, headersTimeout: 30_000 }, (req, res) => {
    const requestId = randomUUID();
    const path = pathOf(req.url);
    if (req.method === 'GET' && path === '/healthz') return plain(res, 200, 'ok\n');
    if (req.method === 'GET' && path === '/readyz') {
      const ok = !draining && (opts.ready?.() ?? true);
      return plain(res, ok ? 200 : 503, ok ? 'ready\n' : 'not ready\n');
    }
    if (req.method === 'GET' && path === '/metrics')
      return plain(res, 200, metrics.render(), 'text/plain; version=0.0.4');
    const spec = ROUTES.get(`${req.method} ${path}`);
    const dialect: Dialect =
      spec?.dialect === 'anthropic' || path.startsWith('/v1/messages') || req.headers['anthropic-version'] !== undefined
        ? 'anthropic'
        : 'openai';
    if (spec === undefined) {
      req.resume();
      const known = [...ROUTES.values()].some((r) => r.path === path);
      const err = known
        ? new GatewayHttpError('method_not_allowed', 'method_not_allowed', `${req.method} is not allowed on ${path}`)
        : new GatewayHttpError('not_found', 'unknown_route', `Unknown request URL: ${req.method} ${path}`);
      metrics.requests.inc(`route="unknown",status="${err.status}"`);
      return sendError(res, dialect, err, requestId);
    }
    if (draining) {
      req.resume();
      res.setHeader('connection', 'close');
      return sendError(
        res,
        dialect,
        new GatewayHttpError('unavailable', 'shutting_down', 'gateway is shutting down'),
        requestId,
      );
    }
    inFlight.add(res);
    metrics.inFlight++;
    res.once('close', () => {
      inFlight.delete(res);
      metrics.inFlight--;
    });
    handler.handle(req, res, spec, spec.path === '/v1/models' ? dialect : spec.dialect, requestId).catch(() => {
      // handle() answers every error itself; this is the last line for bugs: never crash the process.
      if (!res.headersSent) {
        sendError(
          res,
          dialect,
          new GatewayHttpError('internal', 'internal_error', 'internal gateway error'),
          requestId,
        );
      } else res.destroy();
    });
  });
  server.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
    else socket.destroy();
  });

  return {
    server,
    metrics,
    listen() {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(config.listen.port, config.listen.host, 4096, () => {
          server.off('error', reject);
          resolve(server.address() as AddressInfo);
        });
      });
    },
    async close() {
      draining = true;
      const closed = new Promise<void>((r) => server.close(() => r()));
      server.closeIdleConnections();
      const deadline = Date.now() + config.limits.drainMs;
      while (inFlight.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      for (const res of inFlight) res.destroy();
      server.closeAllConnections();
      await closed;
      await Promise.all([...upstreams.values()].map((u) => u.close().catch(() => u.destroy())));
      await opts.audit.flush();
    },
  };
}

function pathOf(url: string | undefined): string {
  if (url === undefined) return '/';
  const q = url.indexOf('?');
  return q === -1 ? url : url.slice(0, q);
}

function plain(res: ServerResponse, status: number, body: string, type = 'text/plain; charset=utf-8'): void {
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

export type { IncomingMessage };
