import assert from 'node:assert/strict';
import { copyFile, mkdtemp, writeFile } from 'node:fs/promises';
import { createServer as createHttpServer } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadPolicy } from './adapters/policy-port.js';
import { FakeChecks } from './testing/fakes.js';
import { chatBody, type Harness, KEY, post, startHarness } from './testing/harness.js';

const here = new URL('.', import.meta.url).pathname;

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

describe('gateway: upstream failures', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h.close());

  it('upstream down -> 502 upstream_unreachable in provider format, audited as error', async () => {
    const port = await freePort();
    const d = await startHarness({
      config: {
        upstreams: { openai: { provider: 'openai-compatible', baseUrl: `http://127.0.0.1:${port}`, retries: 1 } },
      },
    });
    try {
      const r = await post(`${d.url}/v1/chat/completions`, chatBody('x'));
      assert.equal(r.status, 502);
      const j = (await r.json()) as { error: { code: string; message: string } };
      assert.equal(j.error.code, 'upstream_unreachable');
      assert.match(j.error.message, /upstream "openai" is unreachable/);
      assert.equal(d.audit.records.at(-1)!.outcome, 'error');
    } finally {
      await d.close();
    }
  });

  it('slow upstream -> 504 after the headers timeout', async () => {
    const fast = await startHarness({
      config: {
        upstreams: {
          openai: { provider: 'openai-compatible', baseUrl: h.mock.url, headersTimeoutMs: 200, retries: 0 },
        },
      },
    });
    try {
      fast.mock.scripts.set('slow', { delayMs: 2500 });
      h.mock.scripts.set('slow', { delayMs: 2500 });
      const r = await post(`${fast.url}/v1/chat/completions`, JSON.stringify({ model: 'slow', messages: [] }));
      assert.equal(r.status, 504);
      assert.equal(((await r.json()) as { error: { code: string } }).error.code, 'upstream_timeout');
    } finally {
      await fast.close();
    }
  });

  it('5xx: 503 is retried once, then passed through in the provider format', async () => {
    h.mock.scripts.set('flaky', { status: 503 });
    const n = h.mock.requests.length;
    const r = await post(`${h.url}/v1/chat/completions`, JSON.stringify({ model: 'flaky', messages: [] }));
    assert.equal(r.status, 503);
    assert.equal(h.mock.requests.length - n, 2);
    assert.equal(((await r.json()) as { error: { message: string } }).error.message, 'mock failure');
    h.mock.scripts.set('boom', { status: 500 });
    const r2 = await post(`${h.url}/v1/chat/completions`, JSON.stringify({ model: 'boom', messages: [] }));
    assert.equal(r2.status, 500);
  });

  it('malformed upstream JSON -> 502 upstream_malformed (never passed through unchecked)', async () => {
    h.mock.scripts.set('bad', { malformed: true });
    const r = await post(`${h.url}/v1/chat/completions`, JSON.stringify({ model: 'bad', messages: [] }));
    assert.equal(r.status, 502);
    assert.equal(((await r.json()) as { error: { code: string } }).error.code, 'upstream_malformed');
  });

  it('an upstream answer over limits.maxResponseBytes -> 502 upstream_too_large, audited as error', async () => {
    const small = await startHarness({ config: { limits: { maxResponseBytes: 2048 } } });
    try {
      small.mock.scripts.set('huge', { text: 'x'.repeat(8192) });
      const r = await post(`${small.url}/v1/chat/completions`, JSON.stringify({ model: 'huge', messages: [] }));
      assert.equal(r.status, 502);
      assert.equal(((await r.json()) as { error: { code: string } }).error.code, 'upstream_too_large');
      assert.equal(small.audit.records.at(-1)!.outcome, 'error');
      // The gateway keeps serving after dropping the oversize body.
      const ok = await post(`${small.url}/v1/chat/completions`, chatBody('hello'));
      assert.equal(ok.status, 200);
    } finally {
      await small.close();
    }
  });

  it('malformed event inside a stream -> terminal error event', async () => {
    h.mock.scripts.set('badstream', { malformed: true, text: 'abc' });
    const r = await post(
      `${h.url}/v1/chat/completions`,
      JSON.stringify({ model: 'badstream', stream: true, messages: [] }),
    );
    const t = await r.text();
    assert.match(t, /malformed stream event/);
    assert.ok(!t.includes('[DONE]'));
  });

  it('a stream that breaks halfway ends with an error event and is audited as error, not success', async () => {
    h.mock.scripts.set('broken', { text: 'a'.repeat(400), chunkChars: 10, breakAfter: 8, interChunkMs: 2 });
    const r = await post(
      `${h.url}/v1/chat/completions`,
      JSON.stringify({ model: 'broken', stream: true, messages: [] }),
    );
    const t = await r.text();
    assert.ok(!t.includes('[DONE]'));
    assert.match(t, /"code":"stream_error"/);
    assert.equal(h.audit.records.at(-1)!.outcome, 'error');
  });

  it('client disconnect during a non-streamed request aborts the upstream request, before or after its headers', async () => {
    // An upstream that answers nothing, or only its headers, and notes when the gateway hangs up.
    let seen = 0;
    let closed = 0;
    const up = createHttpServer((req, res) => {
      req.resume();
      res.on('close', () => closed++);
      // The first request gets nothing, the second its headers and the start of a body.
      if (seen++ === 1) res.writeHead(200, { 'content-type': 'application/json' }).write('{"id":');
    });
    await new Promise<void>((r) => up.listen(0, '127.0.0.1', r));
    const d = await startHarness({
      config: {
        upstreams: {
          openai: {
            provider: 'openai-compatible',
            baseUrl: `http://127.0.0.1:${(up.address() as { port: number }).port}`,
            retries: 0,
          },
        },
      },
    });
    try {
      for (const [round, when] of ['before its headers', 'after its headers'].entries()) {
        const ac = new AbortController();
        const before = closed;
        const sent = fetch(`${d.url}/v1/chat/completions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}` },
          body: chatBody('x'),
          signal: ac.signal,
        }).catch(() => undefined);
        for (let i = 0; i < 100 && seen === round; i++) await new Promise((r) => setTimeout(r, 20));
        await new Promise((r) => setTimeout(r, 50));
        ac.abort();
        await sent;
        for (let i = 0; i < 100 && closed === before; i++) await new Promise((r) => setTimeout(r, 20));
        assert.equal(closed, before + 1, when);
      }
    } finally {
      await d.close();
      up.closeAllConnections();
      await new Promise<void>((r) => up.close(() => r()));
    }
  });

  it('client disconnect mid-stream aborts the upstream request', async () => {
    h.mock.scripts.set('long', { text: 'x'.repeat(2000), chunkChars: 10, interChunkMs: 5 });
    const before = h.mock.aborted;
    const ac = new AbortController();
    const r = await post(
      `${h.url}/v1/chat/completions`,
      JSON.stringify({ model: 'long', stream: true, messages: [] }),
      {},
    );
    const reader = r.body!.getReader();
    await reader.read();
    await reader.cancel();
    ac.abort();
    for (let i = 0; i < 100 && h.mock.aborted === before; i++) await new Promise((res) => setTimeout(res, 20));
    assert.equal(h.mock.aborted, before + 1);
  });
});

describe('gateway: detectors fail closed', () => {
  it('a detector that throws -> deny (403), configurable to allow per check', async () => {
    const h = await startHarness();
    try {
      const r = await post(`${h.url}/v1/chat/completions`, chatBody('hello __THROW__'));
      assert.equal(r.status, 403);
      assert.match(((await r.json()) as { error: { message: string } }).error.message, /check failed|fail closed/);
      const t = await post(`${h.url}/v1/chat/completions`, chatBody('hello __SLOW__'));
      assert.equal(t.status, 403);
    } finally {
      await h.close();
    }
    const lax = await startHarness({
      config: { checks: { input: { onError: 'allow' }, output: { onError: 'allow' } } },
    });
    try {
      const r = await post(`${lax.url}/v1/chat/completions`, chatBody('hello __SLOW__'));
      assert.equal(r.status, 200);
    } finally {
      await lax.close();
    }
  });

  it('a stream scanner that throws stops the stream (fail closed)', async () => {
    const checks = new FakeChecks();
    checks.streamScanner = () => ({
      push: () => {
        throw new Error('scanner bug');
      },
      end: () => ({ safeText: '', detections: [] }),
    });
    const h = await startHarness({ checks });
    try {
      h.mock.scripts.set('s', { text: 'hello there', chunkChars: 3 });
      const r = await post(`${h.url}/v1/chat/completions`, JSON.stringify({ model: 's', stream: true, messages: [] }));
      const t = await r.text();
      assert.match(t, /output_blocked/);
      assert.ok(!t.includes('hello'));
    } finally {
      await h.close();
    }
  });

  it('audit store down in enforce mode -> 503, the response is not released', async () => {
    const h = await startHarness();
    try {
      h.audit.failNext = true;
      const r = await post(`${h.url}/v1/chat/completions`, chatBody('hello'));
      assert.equal(r.status, 503);
      assert.equal(((await r.json()) as { error: { code: string } }).error.code, 'audit_unavailable');
    } finally {
      await h.close();
    }
  });
});

describe('gateway: policy hot reload', () => {
  it('an invalid policy on reload is rejected and the previous revision keeps serving', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rampart-gw-'));
    const file = join(dir, 'policy.yaml');
    await copyFile(join(here, 'testdata/policy.yaml'), file);
    const logs: string[] = [];
    const p = await loadPolicy(file, (m) => logs.push(m), { watch: false });
    // Generous budgets: this test is about reload, not detector latency on a loaded CI machine.
    const h = await startHarness({
      policyPort: p.port,
      realChecks: true,
      config: { checks: { input: { budgetMs: 10_000 }, output: { budgetMs: 10_000 } } },
    });
    try {
      const rev = p.port.revision();
      const ok = await post(
        `${h.url}/v1/chat/completions`,
        JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] }),
        { authorization: 'Bearer rk-test-alice' },
      );
      assert.equal(ok.status, 200, await ok.text());
      await writeFile(file, 'version: 1\nkeys: [ {id: broken\n');
      await assert.rejects(p.store.reload(), /policy\.yaml/);
      assert.equal(p.port.revision(), rev);
      const still = await post(
        `${h.url}/v1/chat/completions`,
        JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] }),
        { authorization: 'Bearer rk-test-alice' },
      );
      assert.equal(still.status, 200);
      assert.equal(h.audit.records.at(-1)!.decisions[0]!.policyRevision, rev);
    } finally {
      p.stop();
      await h.close();
    }
  });
});

describe('gateway: load', () => {
  it('serves 1,000 concurrent streams to completion', async () => {
    const h = await startHarness({ record: false });
    try {
      h.mock.scripts.set('c', { text: 'stream data '.repeat(20), chunkChars: 24, interChunkMs: 2 });
      const body = JSON.stringify({ model: 'c', stream: true, messages: [{ role: 'user', content: 'go' }] });
      const results = await Promise.all(
        Array.from({ length: 1000 }, async () => {
          const r = await post(`${h.url}/v1/chat/completions`, body);
          const t = await r.text();
          return r.status === 200 && t.endsWith('data: [DONE]\n\n');
        }),
      );
      assert.equal(results.filter(Boolean).length, 1000);
      assert.equal(h.audit.records.filter((r) => r.outcome === 'allowed').length, 1000);
    } finally {
      await h.close();
    }
  });
});

void KEY;
