// Upstream LLM providers behind undici keep-alive pools: URL and auth per provider (OpenAI,
// Anthropic, Azure OpenAI, OpenAI-compatible), timeouts, and retries that never replay a request
// after the client has seen a byte. Provider keys are read once and live only in this closure.
import { readFileSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { ConfigError } from '@rampart/core';
import { Pool } from 'undici';
import type { UpstreamConfig } from './config.js';
import { GatewayHttpError } from './provider-errors.js';

export interface UpstreamResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Readable & AsyncIterable<Buffer>;
  /** ms from send to response headers. */
  headersMs: number;
}

export type ApiPath = '/v1/chat/completions' | '/v1/responses' | '/v1/embeddings' | '/v1/messages' | '/v1/models';

const RETRY_STATUS = new Set([502, 503, 504]);
const RETRY_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT', 'EPIPE']);

export class Upstream {
  readonly name: string;
  readonly config: UpstreamConfig;
  private readonly pool: Pool;
  private readonly basePath: string;
  private readonly authHeader: [string, string] | undefined;

  constructor(name: string, config: UpstreamConfig, env: NodeJS.ProcessEnv = process.env) {
    this.name = name;
    this.config = config;
    const url = new URL(config.baseUrl);
    this.basePath = url.pathname.replace(/\/+$/, '');
    this.pool = new Pool(url.origin, {
      connections: config.connections,
      pipelining: 1,
      keepAliveTimeout: 30_000,
      headersTimeout: config.headersTimeoutMs,
      bodyTimeout: config.bodyTimeoutMs,
      connect: { timeout: 5_000 },
    });
    const key = readKey(name, config, env);
    if (key === undefined) this.authHeader = undefined;
    else if (config.provider === 'anthropic') this.authHeader = ['x-api-key', key];
    else if (config.provider === 'azure-openai') this.authHeader = ['api-key', key];
    else this.authHeader = ['authorization', `Bearer ${key}`];
  }

  /** The path on the upstream for a gateway API path and model. */
  pathFor(api: ApiPath, model: string | undefined): string {
    if (this.config.provider !== 'azure-openai') return this.basePath + api;
    const v = encodeURIComponent(this.config.apiVersion ?? '2024-10-21');
    if (api === '/v1/responses') return `${this.basePath}/openai/v1/responses?api-version=${v}`;
    if (api === '/v1/models') return `${this.basePath}/openai/models?api-version=${v}`;
    // Own keys only: a request for model "constructor" must not find Object.prototype's.
    const d = this.config.deployments;
    const named = d !== undefined && model !== undefined && Object.hasOwn(d, model) ? d[model] : undefined;
    const deployment = encodeURIComponent(named ?? model ?? '');
    const tail = api === '/v1/embeddings' ? 'embeddings' : 'chat/completions';
    return `${this.basePath}/openai/deployments/${deployment}/${tail}?api-version=${v}`;
  }

  async send(
    method: 'GET' | 'POST',
    path: string,
    body: string | undefined,
    extraHeaders: Record<string, string>,
    signal: AbortSignal,
  ): Promise<UpstreamResponse> {
    const headers: Record<string, string> = { ...extraHeaders };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.authHeader !== undefined) headers[this.authHeader[0]] = this.authHeader[1];
    let attempt = 0;
    for (;;) {
      const t0 = performance.now();
      try {
        const r = await this.pool.request({ method, path, headers, body: body ?? null, signal });
        const headersMs = performance.now() - t0;
        if (RETRY_STATUS.has(r.statusCode) && attempt < this.config.retries) {
          await r.body.dump().catch(() => undefined);
          attempt++;
          await delay(25 * attempt, signal);
          continue;
        }
        return { status: r.statusCode, headers: r.headers, body: r.body as UpstreamResponse['body'], headersMs };
      } catch (e) {
        if (signal.aborted) throw new GatewayHttpError('invalid_request', 'client_aborted', 'client went away');
        const code = (e as { code?: string }).code ?? '';
        if (RETRY_CODES.has(code) && attempt < this.config.retries) {
          attempt++;
          await delay(25 * attempt, signal);
          continue;
        }
        throw upstreamError(this.name, code, e);
      }
    }
  }

  close(): Promise<void> {
    return this.pool.close();
  }

  destroy(): Promise<void> {
    return this.pool.destroy();
  }
}

/** Maps undici failures to client-facing errors that name the upstream but never its key. */
export function upstreamError(name: string, code: string, e: unknown): GatewayHttpError {
  if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_CONNECT_TIMEOUT') {
    return new GatewayHttpError('timeout', 'upstream_timeout', `upstream "${name}" did not answer in time`);
  }
  if (code === 'UND_ERR_BODY_TIMEOUT') {
    return new GatewayHttpError('timeout', 'upstream_timeout', `upstream "${name}" stalled while sending its body`);
  }
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EHOSTUNREACH') {
    return new GatewayHttpError('upstream', 'upstream_unreachable', `upstream "${name}" is unreachable (${code})`);
  }
  const msg = e instanceof Error ? e.message.slice(0, 160) : 'unknown error';
  return new GatewayHttpError('upstream', 'upstream_error', `upstream "${name}" failed (${code || msg})`);
}

function readKey(name: string, c: UpstreamConfig, env: NodeJS.ProcessEnv): string | undefined {
  if (c.apiKeyEnv !== undefined) {
    const v = env[c.apiKeyEnv];
    if (v === undefined || v.trim() === '') {
      throw new ConfigError(`upstream "${name}": environment variable ${c.apiKeyEnv} is not set`);
    }
    return v.trim();
  }
  if (c.apiKeyFile !== undefined) {
    let v: string;
    try {
      v = readFileSync(c.apiKeyFile, 'utf8').split(/\r?\n/, 1)[0]?.trim() ?? '';
    } catch (e) {
      throw new ConfigError(`upstream "${name}": cannot read key file ${c.apiKeyFile}`, { cause: e });
    }
    if (v === '') throw new ConfigError(`upstream "${name}": key file ${c.apiKeyFile} is empty`);
    return v;
  }
  if (c.provider !== 'openai-compatible') {
    throw new ConfigError(`upstream "${name}": ${c.provider} needs apiKeyEnv or apiKeyFile`);
  }
  return undefined;
}

function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(t);
        resolve();
      },
      { once: true },
    );
  });
}
