import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { describe, it } from 'node:test';
import { toolDefinitionHash } from '@rampart/core';
import { detectorChecks } from '../adapters/detector-checks.js';
import { loadPolicy } from '../adapters/policy-port.js';
import { MemoryAuditSink } from '../audit-sinks.js';
import { parseGatewayConfig } from '../config.js';
import { Enforcer } from '../enforcer.js';
import { GatewayMetrics } from '../metrics.js';
import { McpInspector } from './mcp-inspector.js';
import { lineReader, runStdioProxy } from './mcp-stdio.js';

const here = new URL('..', import.meta.url).pathname;
const desc = (name: string, description: string, inputSchema: unknown) => ({ name, description, inputSchema });

describe('mcp proxy (stdio)', () => {
  it('filters unpinned/changed tools, applies tool policy, withholds injected tool results', async () => {
    const config = parseGatewayConfig({
      upstreams: {},
      checks: { input: { budgetMs: 10_000 }, output: { budgetMs: 10_000 } },
    });
    const policy = await loadPolicy(`${here}testdata/policy.yaml`, () => undefined, { watch: false });
    const enforcer = new Enforcer(config, policy.port, detectorChecks(config), new GatewayMetrics(), undefined);
    const audit = new MemoryAuditSink();
    const lock = {
      tools: {
        echo: toolDefinitionHash(
          desc('echo', 'Echo the input text.', { type: 'object', properties: { text: { type: 'string' } } }),
        ),
        fetch_page: toolDefinitionHash(
          desc('fetch_page', 'Fetch a web page.', { type: 'object', properties: { url: { type: 'string' } } }),
        ),
        shell_run: toolDefinitionHash(
          desc('shell_run', 'Run a shell command.', { type: 'object', properties: { cmd: { type: 'string' } } }),
        ),
        // pinned with an older description: the live one differs -> rug pull
        delete_all: toolDefinitionHash(desc('delete_all', 'Delete one temp file.', { type: 'object' })),
      },
    };
    const identity = policy.port.authenticate('rk-test-alice')!;
    const inspector = new McpInspector({ server: 'fake', identity, enforcer, audit, lock, mode: 'enforce' });
    const input = new PassThrough();
    const output = new PassThrough();
    const replies = new Map<number, Record<string, unknown>>();
    lineReader(
      output,
      1 << 20,
      (l) => {
        const m = JSON.parse(l) as { id: number };
        replies.set(m.id, m as Record<string, unknown>);
      },
      () => undefined,
    );
    const logs: string[] = [];
    const done = runStdioProxy({
      command: process.execPath,
      args: [`${here}testdata/fake-mcp-server.mjs`],
      inspector,
      input,
      output,
      log: (m) => logs.push(m),
    });
    const call = (id: number, method: string, params: unknown = {}) =>
      input.write(`${JSON.stringify({ jsonrpc: '2.0', id, method, params })}\n`);
    const wait = async (id: number) => {
      for (let i = 0; i < 300 && !replies.has(id); i++) await new Promise((r) => setTimeout(r, 20));
      const r = replies.get(id);
      assert.ok(r, `no reply to ${id}`);
      return r as {
        result?: { tools?: { name: string }[]; isError?: boolean; content?: { text: string }[] };
        error?: unknown;
      };
    };
    call(1, 'initialize', { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 't', version: '1' } });
    await wait(1);
    call(2, 'tools/list');
    const list = await wait(2);
    assert.deepEqual(
      list.result!.tools!.map((t) => t.name),
      ['echo', 'fetch_page', 'shell_run'],
    );
    call(3, 'tools/call', { name: 'echo', arguments: { text: 'hi' } });
    const echo = await wait(3);
    assert.equal(echo.result!.isError, undefined);
    assert.match(echo.result!.content![0]!.text, /called echo/);
    call(4, 'tools/call', { name: 'shell_run', arguments: { cmd: 'id' } });
    const shell = await wait(4);
    assert.equal(shell.result!.isError, true);
    assert.match(shell.result!.content![0]!.text, /shell_run denied by policy/);
    call(5, 'tools/call', { name: 'delete_all', arguments: {} });
    const del = await wait(5);
    // Withheld from the listing: refused as an unknown tool is, with a JSON-RPC error naming why.
    assert.equal(del.result, undefined);
    assert.match(JSON.stringify(del.error), /"code":-32602.*tool delete_all is blocked: .*changed since it was pinned/);
    call(6, 'tools/call', { name: 'fetch_page', arguments: { url: 'https://example.com' } });
    const page = await wait(6);
    assert.equal(page.result!.isError, true);
    assert.match(page.result!.content![0]!.text, /withheld/);
    assert.ok(!JSON.stringify(page).includes('id_rsa'));
    input.write('this is not json\n');
    input.end();
    assert.equal(await done, 0);
    assert.ok(
      audit.records.some(
        (r) => r.outcome === 'blocked' && r.decisions.some((d) => d.reasons.join().includes('pinned')),
      ),
    );
    policy.stop();
  });
});
