// `rampart graph [PATH...]`: scan, then export the asset graph (assets, relations, findings per
// asset) as JSON, Graphviz DOT or Mermaid.
import { writeFileSync } from 'node:fs';
import { exportGraph, GRAPH_FORMATS, type GraphFormat, scan } from '@rampart/engine';
import { type Command, Option } from 'commander';
import { addScanFlags, type CommonScanFlags, toScanOptions } from './scan-options.js';

export function register(program: Command): void {
  const cmd = program
    .command('graph')
    .description('export the asset graph: which data feeds which model, which agent can call which tool')
    .argument('[paths...]', 'files or directories to scan', ['.'])
    .addOption(new Option('-f, --format <format>', 'graph format').choices([...GRAPH_FORMATS]).default('json'))
    .option('-o, --output <file>', 'write the graph to a file instead of stdout');
  addScanFlags(cmd).action(
    async (paths: string[], flags: CommonScanFlags & { format: GraphFormat; output?: string }) => {
      const result = await scan(toScanOptions(paths, flags));
      const text = exportGraph(result, flags.format);
      if (flags.output) writeFileSync(flags.output, text);
      else process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
    },
  );
}
