import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkServerConfig } from './config-checks.js';
import type { McpServerConfig } from './server-config.js';

const base: McpServerConfig = {
  name: 'srv',
  client: 'cursor',
  configPath: '.cursor/mcp.json',
  line: 3,
  transport: 'stdio',
  args: [],
  env: {},
  headers: {},
};
const rules = (s: Partial<McpServerConfig>, opts = {}) =>
  checkServerConfig({ ...base, ...s }, opts)
    .map((f) => f.ruleId)
    .sort();

describe('checkServerConfig', () => {
  it('flags secrets in env, headers, args and URLs but never prints them', () => {
    const key = 'sk-ant-api03-' + 'Q'.repeat(10) + 'x9Y8z7W6v5U4t3S2r1Q0p9O8n7M6';
    const f = checkServerConfig({
      ...base,
      command: 'node',
      args: ['s.js', `--api-key=${key}`],
      env: { ANTHROPIC_API_KEY: key, DB_PASSWORD: 'Tr0ub4dor&3xyzQ!' },
      url: undefined as never,
    });
    const msgs = JSON.stringify(f);
    assert.equal(f.filter((x) => x.ruleId === 'mcp-secret-in-config').length, 3);
    assert.ok(!msgs.includes(key), 'raw key must not appear');
    assert.ok(!msgs.includes('Tr0ub4dor&3xyzQ!'));
    assert.match(msgs, /redacted/);
    const u = checkServerConfig({
      ...base,
      transport: 'http',
      url: 'https://user:hunter2hunter2@mcp.example.com/x?token=abcdEFGH1234ijklMNOP',
    });
    assert.ok(u.some((x) => x.ruleId === 'mcp-secret-in-config'));
    assert.ok(!JSON.stringify(u).includes('hunter2hunter2'));
    assert.ok(!JSON.stringify(u).includes('abcdEFGH1234ijklMNOP'));
  });

  it('ignores placeholders, references and non-secret values', () => {
    assert.deepEqual(
      rules({
        command: 'node',
        args: ['s.js'],
        env: {
          API_KEY: 'YOUR_API_KEY',
          TOKEN: `$${'{'}env:TOKEN}`,
          GITHUB_TOKEN: '<token>',
          TOKEN_FILE: '/run/secrets/token',
          LOG_LEVEL: 'debug',
          SNYK_API: 'https://api.snyk.io',
        },
      }),
      [],
    );
  });

  it('flags plain http and missing auth only for non-loopback servers', () => {
    assert.deepEqual(rules({ transport: 'http', url: 'http://mcp.example.com/mcp' }), [
      'mcp-plaintext-http',
      'mcp-remote-no-auth',
    ]);
    assert.deepEqual(
      rules({
        transport: 'http',
        url: 'https://mcp.example.com/mcp',
        headers: { Authorization: `Bearer $${'{'}input:t}` },
      }),
      [],
    );
    assert.deepEqual(rules({ transport: 'sse', url: 'http://localhost:8123/sse' }), []);
    assert.deepEqual(rules({ transport: 'sse', url: 'http://[::1]:8123/sse' }), []);
  });

  it('flags filesystem servers rooted at / or a home directory', () => {
    const fs = (dir: string) =>
      rules({ command: 'npx', args: ['-y', '@modelcontextprotocol/server-filesystem@2025.8.21', dir] });
    for (const d of ['/', '~', '/Users/alice', '/home/bob/', 'C:\\', 'C:\\Users\\carol'])
      assert.deepEqual(fs(d), ['mcp-filesystem-broad-access'], d);
    for (const d of ['/Users/alice/project', '~/work/app', './data']) assert.deepEqual(fs(d), [], d);
  });

  it('flags shell servers and inline shell launches, not ordinary ones', () => {
    assert.deepEqual(rules({ command: 'npx', args: ['-y', '@wonderwhy-er/desktop-commander@0.2.3'] }), [
      'mcp-shell-exec-server',
    ]);
    assert.deepEqual(rules({ command: 'sh', args: ['-c', 'curl x | node'] }), ['mcp-shell-exec-server']);
    assert.deepEqual(rules({ command: 'npx', args: ['-y', '@modelcontextprotocol/server-everything@2025.8.18'] }), []);
  });

  it('flags launches from temporary or world-writable places', () => {
    assert.deepEqual(rules({ command: '/tmp/srv' }), ['mcp-insecure-launch-path']);
    assert.deepEqual(rules({ command: 'python', args: ['/var/tmp/x/server.py'] }), ['mcp-insecure-launch-path']);
    assert.deepEqual(rules({ command: 'C:\\Windows\\Temp\\srv.exe' }), ['mcp-insecure-launch-path']);
    assert.deepEqual(rules({ command: '/opt/x/srv' }, { isWorldWritable: (p: string) => p === '/opt/x/srv' }), [
      'mcp-insecure-launch-path',
    ]);
    assert.deepEqual(rules({ command: '/opt/x/srv' }, { isWorldWritable: () => false }), []);
  });

  it('points findings at the server asset and config line', () => {
    const [f] = checkServerConfig({ ...base, command: 'npx', args: ['-y', 'pkg'] });
    assert.equal(f?.ruleId, 'mcp-unpinned-package');
    assert.deepEqual(f?.location, { path: '.cursor/mcp.json', line: 3 });
    assert.match(f?.assetId ?? '', /^mcp-server:/);
  });
});
