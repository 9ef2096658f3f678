import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { discoverProjectConfigs, discoverUserConfigs } from './discover.js';
import { buildLockfile, serializeLockfile } from './lockfile.js';
import { runMcpScan } from './mcp-scan.js';

const TD = new URL('./testdata/', import.meta.url).pathname;

describe('discovery', () => {
  it('finds user-level configs in the well-known places of an injected home', async () => {
    const found = await discoverUserConfigs(join(TD, 'home'), 'linux');
    assert.deepEqual(
      found.map((f) => [f.client, f.displayPath]),
      [
        ['windsurf', '~/.codeium/windsurf/mcp_config.json'],
        ['cursor', '~/.cursor/mcp.json'],
        ['vscode', '~/.config/Code/User/settings.json'],
        ['claude-code', '~/.claude.json'],
      ],
    );
    assert.deepEqual(await discoverUserConfigs(join(TD, 'home'), 'macos').then((f) => f.map((x) => x.client)), [
      'windsurf',
      'cursor',
      'claude-code',
    ]);
  });

  it('finds project-level configs of every client under a directory', async () => {
    const found = await discoverProjectConfigs(join(TD, 'clients'));
    assert.deepEqual(found.map((f) => f.displayPath).sort(), [
      '.codex/config.toml',
      '.continue/mcpServers/sqlite.yaml',
      '.gemini/settings.json',
      '.kiro/settings/mcp.json',
      '.vscode/mcp.json',
      '.vscode/settings.json',
      '.zed/settings.json',
      'broken/.mcp.json',
      'opencode.json',
    ]);
  });
});

describe('runMcpScan', () => {
  it('scans user-level configs: assets, findings, and the ~/.claude.json project servers', async () => {
    const { output, servers } = await runMcpScan({ home: join(TD, 'home'), os: 'linux' });
    assert.deepEqual(servers.map((s) => s.name).sort(), ['app-db', 'global-fetch', 'remote', 'shell']);
    const rules = new Set(output.findings.map((f) => f.ruleId));
    for (const r of ['mcp-unpinned-package', 'mcp-plaintext-http', 'mcp-shell-exec-server', 'mcp-insecure-launch-path'])
      assert.ok(rules.has(r), r);
    assert.equal(output.assets.filter((a) => a.kind === 'mcp-server').length, 4);
    assert.deepEqual(output.errors, []);
  });

  it('reports a malformed config with file and line and still scans the others', async () => {
    const { output, servers } = await runMcpScan({ paths: [join(TD, 'clients')] });
    assert.equal(output.errors.length, 1);
    assert.match(output.errors[0]!.message, /broken\/\.mcp\.json:4:5/);
    assert.ok(servers.length >= 10);
    const secret = output.findings.find((f) => f.ruleId === 'mcp-secret-in-config');
    assert.ok(secret);
    assert.ok(
      !JSON.stringify(output).includes('k3yV4lu3Z9qW2eR7tY1uI8oP5aS6dF0g'),
      'no raw secret anywhere in the output',
    );
    assert.ok(
      output.findings.some(
        (f) => f.ruleId === 'mcp-filesystem-broad-access' && f.location.path === '.codex/config.toml',
      ),
    );
  });

  it('analyses --tools-json snapshots and compares them with a lockfile', async () => {
    const d = mkdtempSync(join(tmpdir(), 'rampart-mcp-'));
    const snap = join(d, 'tools.json');
    const lock = join(d, 'lock.json');
    writeFileSync(snap, JSON.stringify({ tools: [{ name: 'add', description: 'Add two numbers.' }] }));
    writeFileSync(
      lock,
      serializeLockfile(
        buildLockfile([{ server: 'tools', source: snap, tools: [{ name: 'add', description: 'Add numbers.' }] }]),
      ),
    );
    const { output } = await runMcpScan({ toolsJson: [snap], lockfile: lock });
    assert.deepEqual(
      output.findings.map((f) => f.ruleId),
      ['mcp-tool-definition-changed'],
    );
    assert.equal(output.assets.filter((a) => a.kind === 'tool').length, 1);
    writeFileSync(snap, '{"nothing": true}');
    const bad = await runMcpScan({ toolsJson: [snap] });
    assert.match(bad.output.errors[0]?.message ?? '', /no \{"tools"/);
  });
});
