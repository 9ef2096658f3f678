// Telemetry end to end: a gateway started from a rampart.yaml with `telemetry:` sends its spans over
// OTLP/HTTP to a local stand-in collector; the spans carry route, model, identity, decision and
// latency attributes and nothing of the prompt, the response or any key.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseGatewayConfig } from './config.js';
import { runGateway } from './run-gateway.js';
import { tracesUrl } from './telemetry.js';
import { startMockUpstream } from './testing/mock-upstream.js';

type AnyValue = {
  stringValue?: string;
  intValue?: number | string;
  doubleValue?: number;
  boolValue?: boolean;
  arrayValue?: { values: AnyValue[] };
};
interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes: { key: string; value: AnyValue }[];
}

const here = new URL('.', import.meta.url).pathname;
const KEY = 'rk-test-alice';
const PROMPT = 'Summarise the quarterly plan for carol@corp.io please';

function val(v: AnyValue): unknown {
  if (v.stringValue !== undefined) return v.stringValue;
  if (v.intValue !== undefined) return Number(v.intValue);
  if (v.doubleValue !== undefined) return v.doubleValue;
  if (v.boolValue !== undefined) return v.boolValue;
  if (v.arrayValue !== undefined) return v.arrayValue.values.map(val);
  return undefined;
}
const attrs = (s: OtlpSpan): Record<string, unknown> =>
  Object.fromEntries(s.attributes.map((a) => [a.key, val(a.value)]));

describe('gateway telemetry (OTLP/HTTP traces)', () => {
  it('is validated by the config schema', () => {
    assert.throws(() => parseGatewayConfig({ upstreams: {}, telemetry: { otlpEndpoint: 'ftp://x' } }), /telemetry/);
    assert.throws(
      () => parseGatewayConfig({ upstreams: {}, telemetry: { otlpEndpoint: 'http://c:4318', sampling: 1 } }),
      /telemetry/,
    );
    assert.equal(parseGatewayConfig({ upstreams: {} }).telemetry, undefined);
    const t = parseGatewayConfig({ upstreams: {}, telemetry: { otlpEndpoint: 'http://c:4318' } }).telemetry!;
    assert.equal(t.serviceName, 'rampart-gateway');
    assert.equal(tracesUrl(t.otlpEndpoint), 'http://c:4318/v1/traces');
    assert.equal(tracesUrl('https://c.example/otlp/v1/traces'), 'https://c.example/otlp/v1/traces');
  });

  it('loads no OpenTelemetry code at run time unless configured', () => {
    // Only type imports may name @opentelemetry statically; the SDK is imported inside startTelemetry.
    for (const f of ['telemetry.ts', 'run-gateway.ts', 'gateway.ts', 'proxy-handler.ts', 'index.ts']) {
      const src = readFileSync(join(here, f), 'utf8');
      const runtime = src.split('\n').filter((l) => /^import (?!type ).*['"]@opentelemetry\//.test(l));
      assert.deepEqual(runtime, [], `${f} imports OpenTelemetry at load time`);
    }
  });

  it('sends one span per proxied request with its facts and no content or secrets', async () => {
    const bodies: string[] = [];
    const auth: (string | undefined)[] = [];
    const collector = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        assert.equal(req.url, '/v1/traces');
        assert.match(String(req.headers['content-type']), /application\/json/);
        auth.push(req.headers['x-collector-token'] as string | undefined);
        bodies.push(Buffer.concat(chunks).toString('utf8'));
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((r) => collector.listen(0, '127.0.0.1', r));
    const mock = await startMockUpstream();
    const dir = mkdtempSync(join(tmpdir(), 'rampart-otel-'));
    const cfg = join(dir, 'rampart.yaml');
    writeFileSync(
      cfg,
      `gateway:
  listen: { host: 127.0.0.1, port: 0 }
  policy: ${join(here, 'testdata/policy.yaml')}
  store: ${join(dir, 'audit.db')}
  upstreams:
    openai: { provider: openai-compatible, baseUrl: ${mock.url} }
  checks: { input: { budgetMs: 10000 }, output: { budgetMs: 10000 } }
  telemetry:
    otlpEndpoint: http://127.0.0.1:${(collector.address() as AddressInfo).port}
    serviceName: rampart-test
    headersEnv: { x-collector-token: OTEL_TEST_TOKEN }
`,
    );
    const gw = await runGateway(cfg, { log: () => undefined, env: { OTEL_TEST_TOKEN: 'collector-token-1' } });
    const post = (body: unknown, key = KEY) =>
      fetch(`${gw.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        body: JSON.stringify(body),
      });
    try {
      const ok = await post({ model: 'gpt-4o', messages: [{ role: 'user', content: PROMPT }] });
      assert.equal(ok.status, 200);
      await ok.text();
      const streamed = await post({ model: 'gpt-4o', stream: true, messages: [{ role: 'user', content: PROMPT }] });
      await streamed.text();
      const denied = await post({ model: 'o1-preview', messages: [{ role: 'user', content: 'hi' }] });
      assert.equal(denied.status, 403);
      await denied.text();
      const anon = await post({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] }, 'rk-nobody');
      assert.equal(anon.status, 401);
      await anon.text();
      assert.equal((await fetch(`${gw.url}/healthz`)).status, 200);
    } finally {
      await gw.stop(); // flushes the span queue
      await mock.close();
      collector.closeAllConnections();
      await new Promise<void>((r) => collector.close(() => r()));
      rmSync(dir, { recursive: true, force: true });
    }

    assert.ok(bodies.length > 0, 'the collector received spans');
    assert.ok(
      auth.every((a) => a === 'collector-token-1'),
      'collector header taken from the environment',
    );
    const raw = bodies.join('\n');
    for (const secret of [KEY, 'carol@corp.io', 'quarterly plan', 'collector-token-1', 'rk-nobody'])
      assert.ok(!raw.includes(secret), `span data does not contain ${secret}`);
    const docs = bodies.map(
      (b) =>
        JSON.parse(b) as {
          resourceSpans: {
            resource: { attributes: { key: string; value: AnyValue }[] };
            scopeSpans: { spans: OtlpSpan[] }[];
          }[];
        },
    );
    const service = docs[0]!.resourceSpans[0]!.resource.attributes.find((a) => a.key === 'service.name');
    assert.equal(val(service!.value), 'rampart-test');
    const spans = docs.flatMap((d) => d.resourceSpans.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans)));
    const servers = spans.filter((s) => s.kind === 2);
    assert.equal(servers.length, 4, 'one span per proxied request; /healthz has none');
    for (const s of servers) assert.equal(s.name, 'POST /v1/chat/completions');
    const by = (status: number, stream?: boolean) =>
      servers.find((s) => {
        const a = attrs(s);
        return a['http.response.status_code'] === status && (stream === undefined || a['rampart.stream'] === stream);
      })!;

    const a = attrs(by(200, false));
    assert.equal(a['http.route'], '/v1/chat/completions');
    assert.equal(a['gen_ai.request.model'], 'gpt-4o');
    assert.equal(a['rampart.key_id'], 'alice');
    assert.equal(a['rampart.team'], 'eng');
    assert.equal(a['rampart.upstream'], 'openai');
    assert.equal(a['rampart.upstream.status_code'], 200);
    assert.equal(typeof a['rampart.upstream.latency_ms'], 'number');
    assert.equal(a['rampart.decision.effect'], 'redact');
    assert.deepEqual(a['rampart.detections'], ['pii']);
    assert.match(String(a['rampart.policy.revision']), /\S/);
    assert.ok((a['rampart.detector.calls'] as number) >= 2, 'input and output checks were timed');
    assert.ok((a['rampart.detector.input_ms'] as number) > 0);
    assert.ok((a['rampart.detector.output_ms'] as number) > 0);
    const client = spans.find((s) => s.kind === 3 && s.parentSpanId === by(200, false).spanId);
    assert.ok(client, 'the upstream call is a child span');
    assert.equal(attrs(client)['http.response.status_code'], 200);

    const st = attrs(by(200, true));
    assert.equal(st['rampart.stream'], true);
    assert.ok((st['rampart.detector.output_ms'] as number) > 0, 'stream scanner time counted');

    const d = attrs(by(403));
    assert.equal(d['rampart.decision.effect'], 'deny');
    assert.equal(d['rampart.outcome'], 'blocked');
    assert.equal(d['rampart.upstream'], undefined, 'a denied request never reached the upstream');

    const u = attrs(by(401));
    assert.equal(u['rampart.key_id'], undefined);
  });
});
