import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isMutableVersion, type McpServerConfig, packageOf } from './server-config.js';

const s = (command: string, args: string[] = []): McpServerConfig => ({
  name: 'x',
  client: 'c',
  configPath: 'p',
  transport: 'stdio',
  command,
  args,
  env: {},
  headers: {},
});

describe('packageOf / isMutableVersion', () => {
  const cases: Array<[McpServerConfig, string | undefined, string | undefined, boolean | undefined]> = [
    [s('npx', ['-y', '@upstash/context7-mcp']), '@upstash/context7-mcp', undefined, true],
    [s('npx', ['-y', '@upstash/context7-mcp@1.0.14']), '@upstash/context7-mcp', '1.0.14', false],
    [s('npx', ['@eslint/mcp@latest']), '@eslint/mcp', 'latest', true],
    [s('npx', ['-y', 'pkg@^1.2.0']), 'pkg', '^1.2.0', true],
    [s('C:\\Program Files\\nodejs\\npx.cmd', ['-y', 'pkg@2.0.0']), 'pkg', '2.0.0', false],
    [s('npx', ['-y', '-p', 'tool@3.1.4', 'tool-mcp']), 'tool', '3.1.4', false],
    [s('pnpm', ['dlx', 'mcp-thing']), 'mcp-thing', undefined, true],
    [s('uvx', ['mcp-server-git']), 'mcp-server-git', undefined, true],
    [s('uvx', ['mcp-server-git==2025.1.14']), 'mcp-server-git', '2025.1.14', false],
    [s('uvx', ['--from', 'git+https://x/y@abc', 'y']), 'git+https://x/y', 'abc', false],
    [s('uv', ['tool', 'run', 'mcp-server-time']), 'mcp-server-time', undefined, true],
    [
      s('docker', ['run', '-i', '--rm', '-e', 'TOKEN', '-v', '/a:/b', 'ghcr.io/org/img:latest']),
      'ghcr.io/org/img',
      'latest',
      true,
    ],
    [s('docker', ['run', '-i', 'localhost:5000/img:1.2']), 'localhost:5000/img', '1.2', true],
    [s('docker', ['run', '-i', `mcp/fs@sha256:${'a'.repeat(64)}`]), 'mcp/fs', `sha256:${'a'.repeat(64)}`, false],
    [s('docker', ['run', '-i', 'kali-mcp-server']), 'kali-mcp-server', undefined, true],
    [s('node', ['server.js']), undefined, undefined, undefined],
    [s('uv run python', ['x.py']), undefined, undefined, undefined],
  ];
  for (const [server, name, version, mutable] of cases) {
    it(`${server.command} ${server.args.join(' ')}`, () => {
      const p = packageOf(server);
      assert.equal(p?.name, name);
      assert.equal(p?.version, version);
      if (p) assert.equal(isMutableVersion(p), mutable);
    });
  }
});
