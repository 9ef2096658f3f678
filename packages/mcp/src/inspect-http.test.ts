// Live inspection over streamable HTTP and SSE against the real @modelcontextprotocol/server-everything,
// bound to a free local port (loopback only).
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { inspectServer } from './inspect.js';
import type { McpServerConfig } from './server-config.js';

const require = createRequire(import.meta.url);
const bin = join(dirname(require.resolve('@modelcontextprotocol/server-everything/package.json')), 'dist', 'index.js');
const children: ChildProcess[] = [];
after(() => {
  for (const c of children) c.kill('SIGKILL');
});

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

async function startEverything(mode: 'streamableHttp' | 'sse'): Promise<number> {
  const port = await freePort();
  const child = spawn(process.execPath, [bin, mode], {
    env: { ...process.env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  children.push(child);
  await new Promise<void>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`server-everything ${mode} did not start`)), 20_000);
    child.stderr?.on('data', (d: Buffer) => {
      if (/listening|running/i.test(d.toString())) {
        clearTimeout(t);
        resolve();
      }
    });
    child.once('exit', (code) => reject(new Error(`server-everything exited ${code}`)));
  });
  return port;
}

const remote = (url: string, transport: McpServerConfig['transport']): McpServerConfig => ({
  name: 'everything',
  client: 'test',
  configPath: 'test.json',
  transport,
  url,
  args: [],
  env: {},
  headers: {},
});

describe('inspectServer over HTTP', () => {
  it('lists tools over streamable HTTP', async () => {
    const port = await startEverything('streamableHttp');
    const r = await inspectServer(remote(`http://127.0.0.1:${port}/mcp`, 'http'), { timeoutMs: 20_000 });
    assert.ok(r.ok, r.ok ? '' : r.reason);
    assert.ok(r.tools.length >= 5);
  });

  it('lists tools over legacy SSE, also when the transport is not declared', async () => {
    const port = await startEverything('sse');
    const r = await inspectServer(remote(`http://127.0.0.1:${port}/sse`, 'sse'), { timeoutMs: 20_000 });
    assert.ok(r.ok, r.ok ? '' : r.reason);
    assert.ok(r.tools.length >= 5);
    const fallback = await inspectServer(remote(`http://127.0.0.1:${port}/sse`, 'unknown'), { timeoutMs: 20_000 });
    assert.ok(fallback.ok, fallback.ok ? '' : fallback.reason);
  });
});
