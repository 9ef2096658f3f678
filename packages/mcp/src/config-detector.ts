// `mcpConfigDetector`: the `rampart scan` detector for project-level MCP client configs (and tool
// snapshots committed to a repository). Emits one mcp-server asset per server, config findings,
// and — for tool snapshot files — tool assets and tool findings.
import { readFileSync } from 'node:fs';
import {
  ConfigError,
  type Detector,
  type DetectorContext,
  type DetectorOutput,
  describeError,
  emptyOutput,
  type FileInfo,
  type FileInput,
} from '@rampart/core';
import { matchClientConfig } from './clients.js';
import { checkServerConfig } from './config-checks.js';
import { MAX_CONFIG_BYTES, parseClientConfig } from './config-parse.js';
import { JsoncParseError, lineColumn, parseJsonc } from './jsonc.js';
import { diffAgainstLock, type McpLockfile, parseLockfile, validateLockfile } from './lockfile.js';
import { serverAsset } from './server-asset.js';
import { analyzeToolSets } from './tool-analysis.js';
import { looksLikeToolsSnapshot, parseToolsSnapshot } from './tool-model.js';

/** Tool listings committed for offline review: tools.json, *.tools.json, mcp-tools*.json. */
const TOOLS_SNAPSHOT = /(?:^|\/)(?:tools|mcp-tools[\w.-]*|[\w.-]+\.tools)\.json$/i;

export function isToolsSnapshotPath(path: string): boolean {
  return TOOLS_SNAPSHOT.test(path);
}

/** Line of `"name": "<tool>"` in a snapshot file, for findings that point at the tool. */
function toolLocator(text: string) {
  return (_: unknown, tool: { name: string }) => {
    const i = text.indexOf(`"name": ${JSON.stringify(tool.name)}`);
    const j = i >= 0 ? i : text.indexOf(`"name":${JSON.stringify(tool.name)}`);
    return j >= 0 ? lineColumn(text, j).line : undefined;
  };
}

/** The `mcpLockfile` scan option: a path to a lockfile, or the lockfile object itself. */
function lockFromOptions(ctx: DetectorContext): { lock: McpLockfile; name: string } | undefined {
  const v = ctx.options.mcpLockfile;
  if (v === undefined) return undefined;
  if (typeof v === 'string') return { lock: parseLockfile(v, readFileSync(v, 'utf8')), name: v };
  if (typeof v === 'object' && v !== null)
    return { lock: validateLockfile('mcpLockfile option', v), name: 'the mcpLockfile option' };
  throw new ConfigError('the mcpLockfile option must be a path or a lockfile object');
}

async function analyzeSnapshot(file: FileInput, text: string, ctx: DetectorContext): Promise<Partial<DetectorOutput>> {
  const doc = parseJsonc(file.path, text);
  if (!looksLikeToolsSnapshot(doc)) return {};
  const line = toolLocator(text);
  const sets = parseToolsSnapshot(doc, file.path);
  const lock = lockFromOptions(ctx);
  const out = analyzeToolSets(sets, {
    locate: (st, tool) => {
      const l = line(st, tool);
      return l === undefined ? { path: file.path } : { path: file.path, line: l };
    },
  });
  if (lock) out.findings.push(...diffAgainstLock(lock.lock, sets, lock.name));
  return out;
}

export const mcpConfigDetector: Detector = {
  id: 'mcp-config',
  // 1.1.0: tool text signals extended (offensive-capability technique table); cached results are stale.
  version: '1.1.0',
  description:
    'MCP client configs (Claude, Cursor, VS Code, Windsurf, Gemini, Codex, Continue, Cline, Zed, Kiro...) and tool snapshots',
  applies(file: FileInfo): boolean {
    if (file.size > MAX_CONFIG_BYTES) return false;
    return matchClientConfig(file.path) !== undefined || isToolsSnapshotPath(file.path);
  },
  async analyze(file: FileInput, ctx: DetectorContext): Promise<Partial<DetectorOutput>> {
    const out = emptyOutput();
    const text = await file.text();
    const match = matchClientConfig(file.path);
    try {
      if (!match) return await analyzeSnapshot(file, text, ctx);
      const servers = parseClientConfig(file.path, text, match.client, match.format);
      for (const s of servers) {
        out.assets.push(serverAsset(s));
        out.findings.push(...checkServerConfig(s));
      }
    } catch (e) {
      const d = describeError(e);
      if (d.code === 'E_LIMIT')
        out.skipped.push({ path: file.path, reason: 'limit-reached', detail: d.message, detector: 'mcp-config' });
      // A "tools.json" that is not JSON is most likely not a tool snapshot at all: note it, no error.
      else if (!match && e instanceof JsoncParseError)
        out.skipped.push({ path: file.path, reason: 'unsupported-format', detail: d.message, detector: 'mcp-config' });
      else
        out.errors.push({
          path: file.path,
          code: e instanceof JsoncParseError ? 'E_PARSE' : d.code,
          message: d.message,
          detector: 'mcp-config',
        });
    }
    return out;
  },
};
