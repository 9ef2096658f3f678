// Which MCP client a config file belongs to, from its path alone (cheap, no I/O), and the
// well-known user-level config locations per OS for `rampart mcp scan` with no arguments.

export type ConfigFormat = 'json' | 'toml' | 'yaml';

export interface ClientMatch {
  client: string;
  format: ConfigFormat;
}

/** Project-level (and user-level, by basename) config files, matched on the posix path. */
const PATTERNS: Array<{ re: RegExp; client: string; format: ConfigFormat }> = [
  { re: /(^|\/)\.mcp\.json$/, client: 'claude-code', format: 'json' },
  { re: /(^|\/)\.claude\.json$/, client: 'claude-code', format: 'json' },
  { re: /(^|\/)\.claude\/settings(\.local)?\.json$/, client: 'claude-code', format: 'json' },
  { re: /(^|\/)claude_desktop_config\.json$/, client: 'claude-desktop', format: 'json' },
  { re: /(^|\/)\.cursor\/mcp\.json$/, client: 'cursor', format: 'json' },
  { re: /(^|\/)\.vscode\/mcp\.json$/, client: 'vscode', format: 'json' },
  { re: /(^|\/)\.vscode\/settings\.json$/, client: 'vscode', format: 'json' },
  { re: /(^|\/)Code\/User\/(settings|mcp)\.json$/, client: 'vscode', format: 'json' },
  { re: /(^|\/)\.codeium\/windsurf\/mcp_config\.json$/, client: 'windsurf', format: 'json' },
  { re: /(^|\/)\.windsurf\/mcp(_config)?\.json$/, client: 'windsurf', format: 'json' },
  { re: /(^|\/)\.gemini\/antigravity\/mcp_config\.json$/, client: 'antigravity', format: 'json' },
  { re: /(^|\/)\.gemini\/settings\.json$/, client: 'gemini-cli', format: 'json' },
  { re: /(^|\/)\.codex\/config\.toml$/, client: 'codex', format: 'toml' },
  { re: /(^|\/)\.continue\/config\.json$/, client: 'continue', format: 'json' },
  { re: /(^|\/)\.continue\/config\.ya?ml$/, client: 'continue', format: 'yaml' },
  { re: /(^|\/)\.continue\/mcpServers\/[^/]+\.ya?ml$/, client: 'continue', format: 'yaml' },
  { re: /(^|\/)\.continue\/mcpServers\/[^/]+\.json$/, client: 'continue', format: 'json' },
  { re: /(^|\/)cline_mcp_settings\.json$/, client: 'cline', format: 'json' },
  { re: /(^|\/)\.cline\/mcp(_settings)?\.json$/, client: 'cline', format: 'json' },
  { re: /(^|\/)\.roo\/mcp\.json$/, client: 'roo-code', format: 'json' },
  { re: /(^|\/)\.zed\/settings\.json$/, client: 'zed', format: 'json' },
  { re: /(^|\/)(\.config\/zed|Zed)\/settings\.json$/, client: 'zed', format: 'json' },
  { re: /(^|\/)\.kiro\/settings\/mcp\.json$/, client: 'kiro', format: 'json' },
  { re: /(^|\/)opencode\.jsonc?$/, client: 'opencode', format: 'json' },
  { re: /(^|\/)\.amazonq\/(default\.json|mcp\.json)$/, client: 'amazon-q', format: 'json' },
];

export function matchClientConfig(path: string): ClientMatch | undefined {
  const p = path.replace(/\\/g, '/');
  for (const { re, client, format } of PATTERNS) if (re.test(p)) return { client, format };
  return undefined;
}

export type Os = 'linux' | 'macos' | 'windows';

/**
 * User-level config files per OS, relative to the home directory. Derived from the public list of
 * well-known client paths (mcp-scan) plus Cline, Zed, Codex, Continue and Claude Desktop on Linux.
 */
const WELL_KNOWN: Record<Os, string[]> = {
  macos: [
    '.codeium/windsurf/mcp_config.json',
    '.cursor/mcp.json',
    'Library/Application Support/Code/User/settings.json',
    'Library/Application Support/Code/User/mcp.json',
    'Library/Application Support/Claude/claude_desktop_config.json',
    '.claude.json',
    '.gemini/settings.json',
    '.gemini/antigravity/mcp_config.json',
    '.kiro/settings/mcp.json',
    '.codex/config.toml',
    '.continue/config.yaml',
    '.continue/config.json',
    '.config/zed/settings.json',
    '.config/opencode/opencode.json',
    'Library/Application Support/Code/User/globalStorage/saoudrizwan.claude-dev/settings/cline_mcp_settings.json',
  ],
  linux: [
    '.codeium/windsurf/mcp_config.json',
    '.cursor/mcp.json',
    '.config/Code/User/settings.json',
    '.config/Code/User/mcp.json',
    '.vscode/mcp.json',
    '.config/Claude/claude_desktop_config.json',
    '.claude.json',
    '.gemini/settings.json',
    '.gemini/antigravity/mcp_config.json',
    '.kiro/settings/mcp.json',
    '.codex/config.toml',
    '.continue/config.yaml',
    '.continue/config.json',
    '.config/zed/settings.json',
    '.config/opencode/opencode.json',
    '.config/Code/User/globalStorage/saoudrizwan.claude-dev/settings/cline_mcp_settings.json',
  ],
  windows: [
    '.codeium/windsurf/mcp_config.json',
    '.cursor/mcp.json',
    'AppData/Roaming/Code/User/settings.json',
    'AppData/Roaming/Code/User/mcp.json',
    '.vscode/mcp.json',
    'AppData/Roaming/Claude/claude_desktop_config.json',
    '.claude.json',
    '.gemini/settings.json',
    '.gemini/antigravity/mcp_config.json',
    '.kiro/settings/mcp.json',
    '.codex/config.toml',
    '.continue/config.yaml',
    '.continue/config.json',
    'AppData/Roaming/Zed/settings.json',
    '.config/opencode/opencode.json',
    'AppData/Roaming/Code/User/globalStorage/saoudrizwan.claude-dev/settings/cline_mcp_settings.json',
  ],
};

/** Directories whose every file is a config (Continue's per-server blocks). */
export const WELL_KNOWN_DIRS = ['.continue/mcpServers'];

export function wellKnownPaths(os: Os): readonly string[] {
  return WELL_KNOWN[os];
}

export function currentOs(platform: NodeJS.Platform = process.platform): Os {
  if (platform === 'darwin') return 'macos';
  if (platform === 'win32') return 'windows';
  return 'linux';
}
