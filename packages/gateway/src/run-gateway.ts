// Wires a gateway from rampart.yaml: policy (hot reload), detectors, store (audit + approvals),
// listener, and signal handling for a graceful drain. Used by `rampart gateway`.
import { ConfigError } from '@rampart/core';
import { detectorChecks } from './adapters/detector-checks.js';
import { loadPolicy } from './adapters/policy-port.js';
import { bindStore } from './adapters/store-port.js';
import { loadGatewayConfig } from './config.js';
import { createGateway, type Gateway } from './gateway.js';
import type { AuditSink, TextChecks } from './ports.js';
import { type GatewayTelemetry, startTelemetry } from './telemetry.js';
import { loadTokenizer } from './token-count.js';

export interface RunningGateway {
  gateway: Gateway;
  url: string;
  /** Drains in-flight requests, closes the store. Idempotent. */
  stop(): Promise<void>;
}

export async function runGateway(
  configPath: string,
  opts: { log?: (msg: string) => void; port?: number; host?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<RunningGateway> {
  const log = opts.log ?? ((m: string) => process.stderr.write(`rampart gateway: ${m}\n`));
  const config = await loadGatewayConfig(configPath);
  if (opts.port !== undefined) config.listen.port = opts.port;
  if (opts.host !== undefined) config.listen.host = opts.host;
  if (config.policy === undefined) {
    throw new ConfigError(`${configPath}: gateway.policy is required (virtual keys and rules live there)`, {
      path: configPath,
    });
  }
  const policy = await loadPolicy(config.policy, log);
  // With a token limit, load the tokenizer now rather than in the first request near the limit.
  if (config.limits.maxInputTokens !== undefined) await loadTokenizer('o200k_base');
  let checks: TextChecks = detectorChecks(config);
  const bound = await bindStore(config.store, {
    ...(config.auditJsonl === undefined ? {} : { jsonlPath: config.auditJsonl }),
    onError: (e) => log(`audit write failed (monitor mode, records lost): ${e.message}`),
    sqliteSync: config.auditSync,
    ...(config.responses.approvalLedger === 'store'
      ? { mcpLedger: { ttlMs: config.responses.approvalTtlSeconds * 1000 } }
      : {}),
  });
  let audit: AuditSink = bound.audit;
  // WAL checkpoints run on a worker thread; if it cannot run they go back into the commits (slower, as safe).
  const checkpointer = bound.store.db.checkpointer;
  void checkpointer?.ready.then(() => {
    const s = checkpointer.stats();
    if (s.failed) log(`WAL checkpoint worker unavailable (${s.failure}); checkpoints run inside audit commits`);
  });
  // Telemetry off (the default): nothing is loaded or wrapped.
  let telemetry: GatewayTelemetry | undefined;
  let gateway: Gateway;
  try {
    if (config.telemetry !== undefined) {
      telemetry = await startTelemetry(config.telemetry, opts.env);
      checks = telemetry.wrapChecks(checks);
      audit = telemetry.wrapAudit(audit);
    }
    gateway = createGateway({
      config,
      policy: policy.port,
      checks,
      audit,
      approvals: bound.approvals,
      ...(opts.env === undefined ? {} : { env: opts.env }),
      ready: () => policy.store.current !== undefined,
    });
    telemetry?.attach(gateway.server);
  } catch (e) {
    policy.stop();
    await telemetry?.shutdown();
    await bound.audit.close();
    throw e;
  }
  const addr = await gateway.listen();
  const url = `http://${addr.address}:${addr.port}`;
  log(`listening on ${url} (mode ${config.mode}, upstreams: ${Object.keys(config.upstreams).join(', ')})`);
  if (config.telemetry !== undefined) log(`traces to ${new URL(config.telemetry.otlpEndpoint).origin} (OTLP/HTTP)`);
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      log('draining in-flight requests');
      policy.stop();
      await gateway.close();
      await telemetry?.shutdown();
      await bound.audit.close();
      log('stopped');
    })();
    return stopping;
  };
  return { gateway, url, stop };
}
