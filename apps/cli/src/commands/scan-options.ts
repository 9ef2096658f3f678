// Options shared by every command that runs a scan (scan, baseline create, graph), and the code
// that turns them into a ScanOptions: config discovery, baseline, progress on a TTY.
import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { MATURITIES, type Maturity, UsageError } from '@rampart/core';
import { loadConfigFile, type RampartConfig, readBaseline, type ScanOptions } from '@rampart/engine';
import { type Command, Option } from 'commander';

export interface CommonScanFlags {
  config?: string;
  include?: string[];
  exclude?: string[];
  baseline?: string;
  includeTestCode?: boolean;
  maturity?: Maturity;
  workers?: string;
  gitignore: boolean;
  defaultExcludes: boolean;
  quiet?: boolean;
}

const collect = (v: string, prev: string[] = []) => [...prev, v];

export function addScanFlags(cmd: Command): Command {
  return cmd
    .option(
      '-c, --config <file>',
      'config file (default: rampart.yaml in the scanned directory or the working directory)',
    )
    .option('--include <glob>', 'only scan files matching this gitignore-style pattern (repeatable)', collect)
    .option('--exclude <glob>', 'skip files matching this gitignore-style pattern (repeatable)', collect)
    .option('--baseline <file>', 'mark findings present in this baseline as suppressed; CI then fails only on new ones')
    .option(
      '--include-test-code',
      'report findings in test code (tests/, test_*.py, *.test.ts, …) that rules about deployed code suppress there',
    )
    .addOption(new Option('--maturity <level>', 'least mature rules to run').choices([...MATURITIES]))
    .option('--workers <n>', 'worker threads (0 = in-process; default: one per core for large trees)')
    .option('--no-gitignore', 'do not honour .gitignore files')
    .option('--no-default-excludes', 'also scan node_modules, .git, virtualenvs and build output')
    .option('-q, --quiet', 'no progress or summary on stderr');
}

/** rampart.yaml next to the first scanned path, else in the working directory. */
export function findConfig(paths: readonly string[], explicit?: string): { file?: string; config?: RampartConfig } {
  if (explicit) return { file: explicit, config: loadConfigFile(explicit) };
  const first = paths[0] ?? '.';
  const dir = existsSync(first) && statSync(first).isDirectory() ? first : dirname(first);
  for (const candidate of [join(dir, 'rampart.yaml'), join(dir, 'rampart.yml'), 'rampart.yaml', 'rampart.yml']) {
    if (existsSync(candidate)) return { file: candidate, config: loadConfigFile(candidate) };
  }
  return {};
}

export function toScanOptions(paths: string[], flags: CommonScanFlags): ScanOptions & { configFile?: string } {
  if (paths.length === 0) paths = ['.'];
  for (const p of paths) if (!existsSync(p)) throw new UsageError(`${p}: no such file or directory`);
  const { file, config } = findConfig(paths, flags.config);
  const opts: ScanOptions & { configFile?: string } = { paths };
  if (config) opts.config = config;
  if (file) opts.configFile = file;
  if (flags.include) opts.include = flags.include;
  if (flags.exclude) opts.exclude = flags.exclude;
  if (flags.maturity) opts.maturity = flags.maturity;
  if (flags.includeTestCode) opts.includeTestCode = true;
  if (flags.workers !== undefined) {
    const n = Number(flags.workers);
    if (!Number.isInteger(n) || n < 0 || n > 64) throw new UsageError(`--workers must be a whole number from 0 to 64`);
    opts.workers = n;
  }
  if (!flags.gitignore || !flags.defaultExcludes) {
    opts.config = {
      ...(opts.config ?? { version: 1 }),
      gitignore: flags.gitignore,
      defaultExcludes: flags.defaultExcludes,
    };
  }
  const baseline = flags.baseline ?? config?.baseline;
  if (baseline) opts.baseline = readBaseline(resolve(file && !flags.baseline ? dirname(file) : '.', baseline));
  if (!flags.quiet && process.stderr.isTTY) opts.onProgress = progressPrinter();
  return opts;
}

function progressPrinter(): (done: number, total: number) => void {
  let last = 0;
  return (done, total) => {
    const now = Date.now();
    if (done !== total && now - last < 100) return;
    last = now;
    process.stderr.write(`\r\u001b[2Kscanning ${done}/${total} files`);
    if (done === total) process.stderr.write('\r\u001b[2K');
  };
}
