// `rampart baseline create`: accept the current findings so CI fails only on new ones.
import { createBaseline, scan, writeBaseline } from '@rampart/engine';
import type { Command } from 'commander';
import { addScanFlags, type CommonScanFlags, toScanOptions } from './scan-options.js';

export function register(program: Command): void {
  const baseline = program.command('baseline').description('manage baselines of accepted findings');
  const create = baseline
    .command('create')
    .description('scan and write every current finding to a baseline file')
    .argument('[paths...]', 'files or directories to scan', ['.'])
    .option('-o, --output <file>', 'baseline file to write', 'rampart-baseline.json');
  addScanFlags(create).action(async (paths: string[], flags: CommonScanFlags & { output: string }) => {
    const { baseline: _ignored, ...rest } = flags;
    const result = await scan(toScanOptions(paths, rest));
    const b = createBaseline(result);
    writeBaseline(flags.output, b);
    if (!flags.quiet) process.stderr.write(`rampart: wrote ${b.findings.length} findings to ${flags.output}\n`);
  });
}
