// `rampart mcp scan [PATH...]` and `rampart mcp pin [PATH...]`: MCP client configs (user-level when
// no path is given), optional live inspection (--connect), offline tool snapshots (--tools-json),
// and rug-pull pinning. Reports go through the engine's finalize() and render() like `rampart scan`.
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { SEVERITIES, type Severity, UsageError } from '@rampart/core';
import { defaultRuleCatalog, finalize, REPORT_FORMATS, type ReportFormat, render, VERSION } from '@rampart/engine';
import { LOCKFILE_NAME, type McpScanOptions, type Os, pinToolSets, runMcpScan, serializeLockfile } from '@rampart/mcp';
import { type Command, Option } from 'commander';
import { failing } from './scan.js';

interface McpFlags {
  connect?: boolean;
  timeout: string;
  concurrency: string;
  toolsJson?: string[];
  lockfile?: string;
  home?: string;
  os?: Os;
  server?: string[];
  detectorPipeline: boolean;
  quiet?: boolean;
}
interface McpScanFlags extends McpFlags {
  format: ReportFormat;
  output?: string;
  failOn?: Severity;
  color?: boolean;
}

const collect = (v: string, prev: string[] = []) => [...prev, v];

function commonFlags(cmd: Command): Command {
  return cmd
    .option('--connect', 'start/connect to each server and list its tools, prompts and resources (never calls a tool)')
    .option('--timeout <ms>', 'per-server deadline for --connect', '15000')
    .option('--concurrency <n>', 'servers inspected at once', '4')
    .option('--tools-json <file>', 'analyse a saved tools/list result offline (repeatable)', collect)
    .option('--server <name>', 'only this server (repeatable)', collect)
    .option('--home <dir>', 'home directory for user-level discovery (default: yours)')
    .addOption(new Option('--os <os>', 'OS layout for user-level discovery').choices(['linux', 'macos', 'windows']))
    .option('--no-detector-pipeline', 'use only the MCP heuristics, not the shared prompt-injection detectors')
    .option('-q, --quiet', 'no progress on stderr');
}

function toOptions(paths: string[], flags: McpFlags): McpScanOptions {
  for (const p of paths) if (!existsSync(p)) throw new UsageError(`${p}: no such file or directory`);
  for (const p of flags.toolsJson ?? []) if (!existsSync(p)) throw new UsageError(`${p}: no such file or directory`);
  const timeoutMs = Number(flags.timeout);
  const concurrency = Number(flags.concurrency);
  if (!Number.isInteger(timeoutMs) || timeoutMs < 100 || timeoutMs > 600_000)
    throw new UsageError('--timeout must be 100..600000 ms');
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64)
    throw new UsageError('--concurrency must be 1..64');
  const o: McpScanOptions = { paths, inspect: { timeoutMs }, concurrency, useDetectorPipeline: flags.detectorPipeline };
  if (flags.connect) o.connect = true;
  if (flags.toolsJson) o.toolsJson = flags.toolsJson;
  if (flags.home) o.home = resolve(flags.home);
  if (flags.os) o.os = flags.os;
  if (flags.server) o.servers = flags.server;
  if (!flags.quiet && process.stderr.isTTY)
    o.onServer = (name, status) => process.stderr.write(`mcp: ${name}: ${status}\n`);
  return o;
}

export function register(program: Command): void {
  const mcp = program
    .command('mcp')
    .description('MCP servers: discover, inspect, analyse tools, pin against rug pulls');
  commonFlags(
    mcp
      .command('scan')
      .description('find MCP servers in client configs (yours when no path is given) and assess them and their tools')
      .argument('[paths...]', 'config files or project directories', [])
      .addOption(new Option('-f, --format <format>', 'report format').choices([...REPORT_FORMATS]).default('table'))
      .option('-o, --output <file>', 'write the report to a file instead of stdout')
      .option('--lockfile <file>', `compare tools with this lockfile (default: ./${LOCKFILE_NAME} when present)`)
      .addOption(
        new Option('--fail-on <severity>', 'exit 1 when a finding is at or above this severity').choices([
          ...SEVERITIES,
        ]),
      )
      .option('--no-color', 'no colour in the table report'),
  ).action(async (paths: string[], flags: McpScanFlags) => {
    const opts = toOptions(paths, flags);
    const lock = flags.lockfile ?? (existsSync(LOCKFILE_NAME) ? LOCKFILE_NAME : undefined);
    if (flags.lockfile && !existsSync(flags.lockfile))
      throw new UsageError(`${flags.lockfile}: no such file or directory`);
    if (lock) opts.lockfile = lock;
    const { output } = await runMcpScan(opts);
    const rules = defaultRuleCatalog();
    // Finding paths are relative to a single scanned directory, as in `rampart scan DIR`.
    const only = paths.length === 1 ? resolve(paths[0]!) : undefined;
    const root = only && statSync(only).isDirectory() ? only : process.cwd();
    const result = finalize(output, { rules, root });
    const report = render(result, flags.format, {
      color: flags.color !== false && !flags.output && process.stdout.isTTY === true,
      rules: [...rules.rules.values()],
    });
    if (flags.output) writeFileSync(flags.output, report);
    else process.stdout.write(report.endsWith('\n') ? report : `${report}\n`);
    if (flags.failOn && failing(result, flags.failOn) > 0) process.exitCode = 1;
  });
  commonFlags(
    mcp
      .command('pin')
      .description('record a hash of every tool definition per server, so later scans report changed tools')
      .argument('[paths...]', 'config files or project directories', [])
      .option('--lockfile <file>', 'lockfile to write', LOCKFILE_NAME),
  ).action(async (paths: string[], flags: McpFlags) => {
    const opts = toOptions(paths, flags);
    // Pinning needs tool listings: without a snapshot, connect.
    if (!opts.toolsJson) opts.connect = true;
    const { output, toolSets } = await runMcpScan(opts);
    for (const e of output.errors) process.stderr.write(`rampart: ${e.path}: ${e.message}\n`);
    if (toolSets.length === 0)
      throw new UsageError('no tool listings to pin (no server answered and no --tools-json given)');
    const file = flags.lockfile ?? LOCKFILE_NAME;
    writeFileSync(file, serializeLockfile(pinToolSets(toolSets, `rampart ${VERSION}`)));
    const n = toolSets.reduce((a, s) => a + s.tools.length, 0);
    if (!flags.quiet) process.stderr.write(`rampart: pinned ${n} tools from ${toolSets.length} servers -> ${file}\n`);
    if (output.errors.length > 0) process.exitCode = 2;
  });
}
