// `rampart mcp scan` / `rampart mcp pin` as plain functions: discover configs (user-level or under
// paths), check them, optionally inspect every server live (bounded concurrency, per-server
// deadline), analyse tool listings (live or --tools-json), and compare against a lockfile.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { posix, resolve } from 'node:path';
import { type DetectorOutput, describeError, emptyOutput } from '@rampart/core';
import { currentOs, type Os } from './clients.js';
import { checkServerConfig } from './config-checks.js';
import { parseClientConfig } from './config-parse.js';
import {
  discoverProjectConfigs,
  discoverUserConfigs,
  type FoundConfig,
  readConfigText,
  worldWritableChecker,
} from './discover.js';
import { type InspectOptions, inspectServer } from './inspect.js';
import { parseJsonc } from './jsonc.js';
import { buildLockfile, diffAgainstLock, type McpLockfile, parseLockfile } from './lockfile.js';
import { serverAsset, serverAssetId } from './server-asset.js';
import type { McpServerConfig } from './server-config.js';
import { analyzeToolSets } from './tool-analysis.js';
import { parseToolsSnapshot, type ServerTools } from './tool-model.js';

export interface McpScanOptions {
  /** Config files or directories. Empty: user-level discovery under `home`. */
  paths?: string[];
  home?: string;
  os?: Os;
  /** Connect to each server and list its tools (runs stdio servers!). */
  connect?: boolean;
  inspect?: InspectOptions;
  /** Servers inspected at once. */
  concurrency?: number;
  /** Tool snapshots to analyse offline. */
  toolsJson?: string[];
  /** Lockfile to compare against (ignored when absent and not required). */
  lockfile?: string;
  /** Only servers with these names. */
  servers?: string[];
  useDetectorPipeline?: boolean;
  onServer?: (name: string, status: string) => void;
}

export interface McpScanOutput {
  output: DetectorOutput;
  configs: FoundConfig[];
  servers: McpServerConfig[];
  toolSets: ServerTools[];
}

async function pool<T>(items: T[], n: number, fn: (x: T) => Promise<void>): Promise<void> {
  let i = 0;
  const run = async () => {
    while (i < items.length) await fn(items[i++]!);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(n, items.length)) }, run));
}

const statMode = (p: string) => {
  try {
    return statSync(p);
  } catch {
    return undefined;
  }
};

export async function runMcpScan(opts: McpScanOptions = {}): Promise<McpScanOutput> {
  const out = emptyOutput();
  const configs: FoundConfig[] = [];
  if (opts.paths && opts.paths.length > 0) {
    for (const p of opts.paths) {
      try {
        // With several roots, paths stay distinguishable: "<root>/<path in root>".
        const found = await discoverProjectConfigs(p);
        if (opts.paths.length > 1)
          for (const f of found) if (f.absPath !== resolve(p)) f.displayPath = posix.join(p, f.displayPath);
        configs.push(...found);
      } catch (e) {
        out.errors.push({ path: p, ...describeError(e), detector: 'mcp-scan' });
      }
    }
  } else if (!opts.toolsJson || opts.toolsJson.length === 0) {
    configs.push(...(await discoverUserConfigs(opts.home ?? homedir(), opts.os ?? currentOs())));
  }
  const servers: McpServerConfig[] = [];
  const isWorldWritable = worldWritableChecker(statMode);
  for (const c of configs) {
    try {
      const parsed = parseClientConfig(c.displayPath, await readConfigText(c), c.client, c.format);
      for (const s of parsed) {
        if (opts.servers && !opts.servers.includes(s.name)) continue;
        servers.push(s);
        out.assets.push(serverAsset(s));
        out.findings.push(...checkServerConfig(s, { isWorldWritable }));
      }
    } catch (e) {
      out.errors.push({ path: c.displayPath, ...describeError(e), detector: 'mcp-config' });
    }
  }
  const toolSets: ServerTools[] = [];
  if (opts.connect) {
    await pool(
      servers.filter((s) => !s.disabled),
      opts.concurrency ?? 4,
      async (s) => {
        opts.onServer?.(s.name, 'connecting');
        const r = await inspectServer(s, opts.inspect);
        opts.onServer?.(s.name, r.ok ? `${r.tools.length} tools` : r.reason);
        if (!r.ok) {
          out.errors.push({
            path: s.configPath,
            code: r.code,
            message: `MCP server "${s.name}": ${r.reason}`,
            detector: 'mcp-inspect',
          });
          return;
        }
        const asset = out.assets.find((a) => a.id === serverAssetId(s));
        if (asset) {
          asset.properties.inspected = true;
          asset.properties.toolCount = r.tools.length;
          if (r.serverInfo) asset.properties.serverInfo = `${r.serverInfo.name} ${r.serverInfo.version}`;
          if (r.prompts.length > 0) asset.properties.prompts = r.prompts.map((p) => p.name).slice(0, 100);
          if (r.resources.length > 0)
            asset.properties.resources = r.resources.map((x) => x.uri ?? x.name ?? '').slice(0, 100);
        }
        toolSets.push({
          server: s.name,
          tools: r.tools,
          source: s.configPath,
          client: `${s.client}:${s.configPath}`,
          serverAssetId: serverAssetId(s),
          prompts: r.prompts,
          resources: r.resources,
        });
      },
    );
  }
  for (const file of opts.toolsJson ?? []) {
    try {
      const sets = parseToolsSnapshot(parseJsonc(file, readFileSync(file, 'utf8')), file);
      if (sets.length === 0) throw new Error(`${file}: no {"tools":[...]} or {"servers":[{"name","tools"}]} found`);
      toolSets.push(...sets);
    } catch (e) {
      out.errors.push({ path: file, ...describeError(e), detector: 'mcp-tools' });
    }
  }
  // Stable order regardless of which server answered first.
  toolSets.sort((a, b) => (a.client ?? '').localeCompare(b.client ?? '') || a.server.localeCompare(b.server));
  const analysed = analyzeToolSets(
    toolSets,
    opts.useDetectorPipeline === undefined ? {} : { useDetectorPipeline: opts.useDetectorPipeline },
  );
  for (const k of ['assets', 'relations', 'findings', 'errors', 'skipped'] as const)
    (out[k] as unknown[]).push(...analysed[k]);
  if (opts.lockfile && existsSync(opts.lockfile)) {
    try {
      const lock = parseLockfile(opts.lockfile, readFileSync(opts.lockfile, 'utf8'));
      out.findings.push(...diffAgainstLock(lock, toolSets, opts.lockfile));
    } catch (e) {
      out.errors.push({ path: opts.lockfile, ...describeError(e), detector: 'mcp-pin' });
    }
  }
  return { output: out, configs, servers, toolSets };
}

/** Lockfile content for the tool sets of a scan (the caller writes it). */
export function pinToolSets(toolSets: ServerTools[], generatedBy: string): McpLockfile {
  return buildLockfile(toolSets, generatedBy);
}
