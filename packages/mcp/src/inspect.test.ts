// Live inspection against real MCP servers from npm (started as child processes over stdio), a
// deliberately malicious server that changes its tools between connections, and servers that
// misbehave in every way the issue lists. Loopback/stdio only.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { toolDefinitionHash } from '@rampart/core';
import { inspectServer } from './inspect.js';
import { buildLockfile } from './lockfile.js';
import { runMcpScan } from './mcp-scan.js';
import type { McpServerConfig } from './server-config.js';

const require = createRequire(import.meta.url);
const bin = (pkg: string) => join(dirname(require.resolve(`${pkg}/package.json`)), 'dist', 'index.js');
const TD = new URL('./testdata/', import.meta.url).pathname;
const node = (name: string, args: string[], env: Record<string, string> = {}): McpServerConfig => ({
  name,
  client: 'test',
  configPath: 'test.json',
  transport: 'stdio',
  command: process.execPath,
  args,
  env,
  headers: {},
});

describe('inspectServer: real servers', () => {
  it('lists the tools of @modelcontextprotocol/server-memory', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mcp-mem-'));
    const r = await inspectServer(
      node('memory', [bin('@modelcontextprotocol/server-memory')], { MEMORY_FILE_PATH: join(dir, 'm.json') }),
      { timeoutMs: 20_000 },
    );
    assert.ok(r.ok, r.ok ? '' : r.reason);
    assert.ok(r.tools.some((t) => t.name === 'create_entities'));
    assert.ok(r.tools.some((t) => t.name === 'read_graph'));
    assert.equal(existsSync(join(dir, 'm.json')), false, 'no tool was called, so nothing was written');
  });

  it('lists tools, prompts and resources of server-everything and tools of server-filesystem', async () => {
    const ev = await inspectServer(node('everything', [bin('@modelcontextprotocol/server-everything'), 'stdio']), {
      timeoutMs: 30_000,
    });
    assert.ok(ev.ok, ev.ok ? '' : ev.reason);
    assert.ok(ev.tools.length >= 5);
    assert.ok(ev.prompts.length > 0 && ev.resources.length > 0);
    const dir = mkdtempSync(join(tmpdir(), 'mcp-fs-'));
    const fs = await inspectServer(node('filesystem', [bin('@modelcontextprotocol/server-filesystem'), dir]), {
      timeoutMs: 20_000,
    });
    assert.ok(fs.ok, fs.ok ? '' : fs.reason);
    assert.ok(fs.tools.some((t) => t.name === 'read_text_file' || t.name === 'read_file'));
  });
});

describe('inspectServer: hostile and broken servers', () => {
  const bad = (mode: string) => node(mode, [join(TD, 'bad-server.mjs'), mode]);
  const cases: Array<[string, string, RegExp]> = [
    ['hang', 'E_TIMEOUT', /no answer to initialize within 4000 ms/],
    ['crash', 'E_UPSTREAM', /exited \(code 3\).*cannot start/],
    ['garbage', 'E_PARSE', /not JSON-RPC.*Server starting/],
    ['huge', 'E_LIMIT', /larger than 1048576 bytes/],
    ['malformed', 'E_TIMEOUT', /no answer to initialize/],
    ['no-init', 'E_TIMEOUT', /no answer to initialize/],
  ];
  for (const [mode, code, reason] of cases) {
    it(`reports a server that is "${mode}" with its reason within the deadline`, async () => {
      const r = await inspectServer(bad(mode), { timeoutMs: 4000, maxMessageBytes: 1024 * 1024 });
      assert.equal(r.ok, false);
      if (r.ok) return;
      assert.equal(r.code, code, r.reason);
      assert.match(r.reason, reason);
      assert.ok(r.elapsedMs < 6000, `took ${r.elapsedMs} ms`);
    });
  }

  it('reports a command that does not exist', async () => {
    const r = await inspectServer({ ...node('x', []), command: '/nonexistent/mcp-server' }, { timeoutMs: 1500 });
    assert.equal(r.ok, false);
    if (!r.ok) assert.match(r.reason, /ENOENT/);
  });

  it('reports an unreachable HTTP server', async () => {
    const r = await inspectServer(
      { ...node('x', []), command: undefined as never, transport: 'http', url: 'http://127.0.0.1:9/mcp' },
      { timeoutMs: 2000 },
    );
    assert.equal(r.ok, false);
  });
});

describe('rug pull: a server that changes its tools between connections', () => {
  it('is benign when pinned, then reported as changed, added and poisoned', async () => {
    const d = mkdtempSync(join(tmpdir(), 'mcp-rug-'));
    const state = join(d, 'state');
    const cfg = join(d, '.mcp.json');
    writeFileSync(
      cfg,
      JSON.stringify({
        mcpServers: {
          rug: { command: process.execPath, args: [join(TD, 'rug-pull-server.mjs')], env: { RUG_STATE: state } },
          hang: { command: process.execPath, args: [join(TD, 'bad-server.mjs'), 'hang'] },
        },
      }),
    );
    const first = await runMcpScan({ paths: [cfg], connect: true, inspect: { timeoutMs: 8000 } });
    assert.equal(first.toolSets.length, 1, 'the hanging server is reported, the other still scanned');
    assert.match(first.output.errors[0]?.message ?? '', /"hang".*no answer to initialize/);
    assert.deepEqual(
      first.output.findings.filter((f) => f.ruleId.startsWith('mcp-tool')),
      [],
    );
    const { buildLockfile, serializeLockfile } = await import('./lockfile.js');
    const lock = join(d, 'rampart-mcp.lock.json');
    writeFileSync(lock, serializeLockfile(buildLockfile(first.toolSets)));
    const second = await runMcpScan({
      paths: [cfg],
      connect: true,
      inspect: { timeoutMs: 8000 },
      lockfile: lock,
      servers: ['rug'],
    });
    const rules = second.output.findings.map((f) => f.ruleId).sort();
    for (const r of ['mcp-tool-added', 'mcp-tool-definition-changed', 'mcp-tool-exfil-parameter', 'mcp-tool-poisoning'])
      assert.ok(rules.includes(r), `${r} in ${rules.join(',')}`);
    assert.equal(existsSync(`${state}.called`), false, 'the scanner never called a tool');
  });
});

describe('a tool with a "__proto__" key, listed live', () => {
  it('is pinned over the bytes the server sent (the MCP proxy hashes the same), prototype untouched', async () => {
    const d = mkdtempSync(join(tmpdir(), 'mcp-proto-'));
    const sent = join(d, 'sent.json');
    const r = await inspectServer(node('proto', [join(TD, 'proto-key-server.mjs')], { PROTO_SENT: sent }), {
      timeoutMs: 8000,
    });
    assert.ok(r.ok, r.ok ? '' : r.reason);
    // What the server wrote, parsed plainly: what the proxy reads, checks and hashes.
    const raw = JSON.parse(readFileSync(sent, 'utf8')) as Array<{ name: string }>;
    assert.deepEqual(
      r.tools.map((t) => t.name),
      ['lookup', 'ping'],
      'both pages are read',
    );
    assert.deepEqual(r.tools.map(toolDefinitionHash), raw.map(toolDefinitionHash));
    const props = (r.tools[0]!.inputSchema as { properties: Record<string, unknown> }).properties;
    assert.ok(Object.hasOwn(props, '__proto__'), 'the key is kept as an own key');
    assert.equal(Object.getPrototypeOf(props), Object.prototype, 'no prototype was set');
    assert.equal(({} as Record<string, unknown>).type, undefined, 'Object.prototype untouched');
    // The lockfile `rampart mcp pin --connect` writes holds the hash of what the server sent.
    const lock = buildLockfile([{ server: 'proto', source: 'x', tools: r.tools }]);
    assert.equal(Object.values(lock.servers)[0]?.tools.lookup, toolDefinitionHash(raw[0]!));
  });

  it('refuses a listing whose tool is not an object with a name, with a reason', async () => {
    const r = await inspectServer(node('proto', [join(TD, 'proto-key-server.mjs'), 'nameless']), { timeoutMs: 8000 });
    assert.equal(r.ok, false);
    if (!r.ok) assert.match(r.reason, /listing failed: tools\/list: tool #0 is not an object with a string name/);
  });
});
