// Starts the real @modelcontextprotocol/server-everything in streamable-HTTP mode on a free loopback
// port, for the MCP front's live tests. Children are killed when the test file ends.
import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { after } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

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

/** The port server-everything listens on, once it says it is listening. */
export async function startEverything(): Promise<number> {
  const port = await freePort();
  const child = spawn(process.execPath, [bin, 'streamableHttp'], {
    env: { ...process.env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  children.push(child);
  await new Promise<void>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error('server-everything did not start')), 20_000);
    child.stderr?.on('data', (d: Buffer) => {
      if (/listening/i.test(d.toString())) {
        clearTimeout(t);
        resolve();
      }
    });
    child.once('exit', (code) => reject(new Error(`server-everything exited ${code}`)));
  });
  return port;
}

/** A started server-everything: its MCP URL and the tools it lists to a direct client. */
export async function startEverythingListed(): Promise<{
  upstream: string;
  live: Awaited<ReturnType<Client['listTools']>>['tools'];
}> {
  const upstream = `http://127.0.0.1:${await startEverything()}/mcp`;
  const direct = new Client({ name: 'rampart-test', version: '1.0.0' });
  await direct.connect(new StreamableHTTPClientTransport(new URL(upstream)));
  const live = (await direct.listTools()).tools;
  await direct.close();
  return { upstream, live };
}
