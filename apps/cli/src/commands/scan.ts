// `rampart scan [PATH...]`: discover AI assets and assess them; report as table, json, sarif,
// cyclonedx or html.
import { writeFileSync } from 'node:fs';
import { atLeast, type ScanResult, SEVERITIES, type Severity } from '@rampart/core';
import { defaultRuleCatalog, REPORT_FORMATS, type ReportFormat, render, scan } from '@rampart/engine';
import { defaultDatabaseUrl, isPostgresUrl, openStore } from '@rampart/store';
import { type Command, Option } from 'commander';
import { addScanFlags, type CommonScanFlags, toScanOptions } from './scan-options.js';

/** Keeps the scan history (the dashboard and trend reports read it). A store failure does not lose the report. */
async function record(result: ScanResult, flags: ScanFlags): Promise<void> {
  const url = flags.db ?? defaultDatabaseUrl();
  try {
    const store = await openStore({ url });
    try {
      const saved = await store.scans.save(result);
      if (!flags.quiet)
        process.stderr.write(`rampart: recorded scan ${saved.id} in ${isPostgresUrl(url) ? 'PostgreSQL' : url}\n`);
    } finally {
      await store.close();
    }
  } catch (e) {
    process.stderr.write(
      `rampart: warning: could not record the scan in ${isPostgresUrl(url) ? 'PostgreSQL' : url}: ${(e as Error).message}\n`,
    );
  }
}

interface ScanFlags extends CommonScanFlags {
  db?: string;
  store: boolean;
  format: ReportFormat;
  output?: string;
  failOn?: Severity;
  color?: boolean;
}

export function register(program: Command): void {
  const cmd = program
    .command('scan')
    .description('scan files and directories for AI assets and risks')
    .argument('[paths...]', 'files or directories to scan', ['.'])
    .addOption(new Option('-f, --format <format>', 'report format').choices([...REPORT_FORMATS]).default('table'))
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .addOption(
      new Option('--fail-on <severity>', 'exit 1 when an unsuppressed finding is at or above this severity').choices([
        ...SEVERITIES,
      ]),
    )
    .option('--no-color', 'no colour in the table report')
    .option(
      '--db <url>',
      'store the result in this SQLite file or postgres:// database (default: the embedded store, $RAMPART_HOME/rampart.db)',
    )
    .option('--no-store', 'do not record the scan in the store');
  addScanFlags(cmd).action(async (paths: string[], flags: ScanFlags) => {
    const opts = toScanOptions(paths, flags);
    const result = await scan(opts);
    const report = render(result, flags.format, {
      color: flags.color !== false && !flags.output && process.stdout.isTTY === true,
      rules: [...defaultRuleCatalog().rules.values()],
    });
    if (flags.output) {
      writeFileSync(flags.output, report);
      if (!flags.quiet) process.stderr.write(`${summaryLine(result)} -> ${flags.output}\n`);
    } else {
      process.stdout.write(report.endsWith('\n') ? report : `${report}\n`);
    }
    if (flags.store) await record(result, flags);
    const failOn = flags.failOn ?? opts.config?.failOn;
    if (failOn && failing(result, failOn) > 0) process.exitCode = 1;
  });
}

export function failing(result: ScanResult, threshold: Severity): number {
  return result.findings.filter((f) => !f.suppressed && atLeast(f.severity, threshold)).length;
}

function summaryLine(r: ScanResult): string {
  const s = r.stats.bySeverity;
  return `rampart: ${r.assets.length} assets, ${r.findings.length - r.stats.suppressed} findings (critical ${s.critical ?? 0}, high ${s.high ?? 0}, medium ${s.medium ?? 0}, low ${s.low ?? 0}), ${r.errors.length} errors, ${r.skipped.length} skipped`;
}
