import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { LimitError, ParseError } from '@rampart/core';
import { matchClientConfig } from './clients.js';
import { MAX_CONFIG_BYTES, parseClientConfig } from './config-parse.js';
import { JsoncParseError } from './jsonc.js';

const TD = new URL('./testdata/clients/', import.meta.url).pathname;

function parseFile(rel: string) {
  const m = matchClientConfig(rel);
  assert.ok(m, `${rel} should be recognised`);
  return parseClientConfig(rel, readFileSync(TD + rel, 'utf8'), m.client, m.format);
}

describe('parseClientConfig', () => {
  it('reads VS Code mcp.json (servers key) despite comments and trailing commas', () => {
    const s = parseFile('.vscode/mcp.json');
    assert.deepEqual(
      s.map((x) => [x.name, x.client, x.transport, x.url ?? x.command]),
      [
        ['github', 'vscode', 'http', 'https://api.githubcopilot.com/mcp/'],
        ['memory', 'vscode', 'stdio', 'npx'],
      ],
    );
    assert.equal(s[0]!.headers.Authorization, `Bearer $${'{'}input:gh-token}`);
    assert.equal(s[0]!.line, 5);
  });

  it('reads the mcp.servers block of VS Code settings.json', () => {
    const [fetch] = parseFile('.vscode/settings.json');
    assert.equal(fetch?.name, 'fetch');
    assert.deepEqual(fetch?.args, ['mcp-server-fetch']);
  });

  it('reads Zed context_servers with nested command objects and URLs', () => {
    const s = parseFile('.zed/settings.json');
    assert.equal(s[0]!.command, '/usr/local/bin/mcp-postgres');
    assert.deepEqual(s[0]!.args, ['postgres://localhost/app']);
    assert.equal(s[1]!.url, 'http://docs.internal.example:8080/mcp');
  });

  it('reads Codex TOML, recording bearer_token_env_var as auth', () => {
    const s = parseFile('.codex/config.toml');
    assert.deepEqual(
      s.map((x) => x.name),
      ['filesystem', 'linear'],
    );
    assert.equal(s[0]!.line, 3);
    assert.equal(s[1]!.headers.Authorization, `Bearer $${'{'}LINEAR_TOKEN}`);
  });

  it('reads Continue YAML blocks, Gemini httpUrl, Kiro disabled flags and opencode argv arrays', () => {
    assert.deepEqual(parseFile('.continue/mcpServers/sqlite.yaml')[0]!.args, [
      'mcp-server-sqlite==0.6.2',
      '--db-path',
      '/tmp/test.db',
    ]);
    const [g] = parseFile('.gemini/settings.json');
    assert.equal(g!.transport, 'http');
    assert.equal(parseFile('.kiro/settings/mcp.json')[0]!.disabled, true);
    const oc = parseClientConfig('opencode.json', readFileSync(`${TD}opencode.json`, 'utf8'), 'opencode', 'json');
    assert.equal(oc[0]!.command, 'bun');
    assert.deepEqual(oc[0]!.args, ['x', 'my-mcp-command']);
    assert.equal(oc[1]!.transport, 'http');
  });

  it('reports invalid JSON with the file, line and column', () => {
    assert.throws(
      () => parseFile('broken/.mcp.json'),
      (e: unknown) =>
        e instanceof JsoncParseError && e.line === 4 && /broken\/\.mcp\.json:4:5: invalid JSON/.test(e.message),
    );
  });

  it('reports invalid TOML and YAML as ParseErrors naming the file', () => {
    assert.throws(
      () => parseClientConfig('.codex/config.toml', '[mcp_servers.x\ncommand = 1', 'codex', 'toml'),
      (e: unknown) => e instanceof ParseError && /\.codex\/config\.toml/.test(e.message),
    );
    assert.throws(() => parseClientConfig('c.yaml', 'mcpServers: [\n  - {', 'continue', 'yaml'), ParseError);
  });

  it('returns nothing for JSON that is not an MCP config, and refuses oversized input', () => {
    assert.deepEqual(
      parseClientConfig('.mcp.json', '{"is-this-even-an-mcp-config": {"what": 1}}', 'claude-code', 'json'),
      [],
    );
    assert.deepEqual(parseClientConfig('.mcp.json', '[1,2,3]', 'claude-code', 'json'), []);
    assert.throws(
      () => parseClientConfig('.mcp.json', ' '.repeat(MAX_CONFIG_BYTES + 1), 'claude-code', 'json'),
      LimitError,
    );
  });

  it('bounds YAML alias expansion (billion laughs)', () => {
    const bomb = [
      'a: &a ["x","x","x","x","x","x","x","x","x"]',
      ...Array.from(
        { length: 9 },
        (_, i) =>
          `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)}]`,
      ),
      'mcpServers: *j',
    ].join('\n');
    assert.throws(() => parseClientConfig('.continue/config.yaml', bomb, 'continue', 'yaml'), ParseError);
  });
});

describe('matchClientConfig', () => {
  it('recognises each client by path and ignores look-alikes', () => {
    const cases: Array<[string, string | undefined]> = [
      ['.mcp.json', 'claude-code'],
      ['a/b/.cursor/mcp.json', 'cursor'],
      ['claude_desktop_config.json', 'claude-desktop'],
      ['.codeium/windsurf/mcp_config.json', 'windsurf'],
      ['x/.continue/config.yaml', 'continue'],
      ['.kiro/settings/mcp.json', 'kiro'],
      ['globalStorage/saoudrizwan.claude-dev/settings/cline_mcp_settings.json', 'cline'],
      ['.config/zed/settings.json', 'zed'],
      ['src/mcp.json', undefined],
      ['package.json', undefined],
      ['.vscode/launch.json', undefined],
    ];
    for (const [p, c] of cases) assert.equal(matchClientConfig(p)?.client, c, p);
  });
});
