// Spins up mock upstream + gateway on 127.0.0.1 with fakes for tests and the benchmark.
import type { AddressInfo } from 'node:net';
import { detectorChecks } from '../adapters/detector-checks.js';
import { MemoryAuditSink } from '../audit-sinks.js';
import { type GatewayConfigInput, parseGatewayConfig } from '../config.js';
import { createGateway, type Gateway } from '../gateway.js';
import type { ApprovalPort, AuditSink, PolicyPort, TextChecks } from '../ports.js';
import { FakeChecks, FakePolicy, type FakePolicyOptions } from './fakes.js';
import { type MockUpstream, startMockUpstream } from './mock-upstream.js';

export const KEY = 'rk-test-alice';
export const ANTHROPIC_KEY_ENV = { MOCK_ANTHROPIC_KEY: 'sk-ant-mock-provider-key-000000' };

export interface Harness {
  mock: MockUpstream;
  gateway: Gateway;
  url: string;
  audit: MemoryAuditSink;
  checks: FakeChecks;
  close(): Promise<void>;
}

export async function startHarness(
  o: {
    config?: Partial<GatewayConfigInput>;
    policy?: FakePolicyOptions;
    policyPort?: PolicyPort;
    checks?: TextChecks;
    approvals?: ApprovalPort;
    audit?: AuditSink;
    mockDelayMs?: number;
    record?: boolean;
    /** Use the real detectors (checks built from the final config). */
    realChecks?: boolean;
  } = {},
): Promise<Harness> {
  const mock = await startMockUpstream({
    ...(o.mockDelayMs === undefined ? {} : { delayMs: o.mockDelayMs }),
    ...(o.record === undefined ? {} : { record: o.record }),
  });
  const config = parseGatewayConfig({
    listen: { host: '127.0.0.1', port: 0 },
    upstreams: {
      openai: { provider: 'openai-compatible', baseUrl: mock.url, retries: 1 },
      anthropic: { provider: 'anthropic', baseUrl: mock.url, apiKeyEnv: 'MOCK_ANTHROPIC_KEY' },
    },
    ...o.config,
  });
  const checks = (o.checks ?? (o.realChecks ? detectorChecks(config) : new FakeChecks())) as FakeChecks;
  const audit = new MemoryAuditSink();
  const gateway = createGateway({
    config,
    policy:
      o.policyPort ??
      new FakePolicy({
        keys: { [KEY]: { keyId: 'alice', principal: 'alice', team: 'eng', roles: ['dev'] } },
        ...o.policy,
      }),
    checks,
    audit: o.audit ?? audit,
    env: ANTHROPIC_KEY_ENV,
    ...(o.approvals ? { approvals: o.approvals } : {}),
  });
  const addr: AddressInfo = await gateway.listen();
  return {
    mock,
    gateway,
    url: `http://127.0.0.1:${addr.port}`,
    audit,
    checks,
    async close() {
      await gateway.close();
      await mock.close();
    },
  };
}

export function chatBody(text: string, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: text }], ...extra });
}

export async function post(url: string, body: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}`, ...headers },
    body,
  });
}
