// Rebuilds docs/benchmarks.md from the sections the benchmark and evaluation scripts write to
// docs/benchmarks/<area>.md, in a fixed order, so each area owns its own section file.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;

/** docs/benchmarks.md = header + every docs/benchmarks/<area>.md section, in a fixed order. */
export function assemble(): void {
  const dir = join(root, 'docs', 'benchmarks');
  if (!existsSync(dir)) return;
  const order = ['scan', 'models', 'detectors', 'mcp', 'graph', 'gateway'];
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .sort((a, b) => {
      const ia = order.indexOf(a.replace(/\.md$/, ''));
      const ib = order.indexOf(b.replace(/\.md$/, ''));
      return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib) || a.localeCompare(b);
    });
  const header = [
    '# Benchmarks and evaluations',
    '',
    "Every number here was measured on this project's 2-core, 24 GiB machine with the command shown in its",
    'section. `npm run bench` re-runs all benchmark sections and rebuilds this file from docs/benchmarks/*.md;',
    '`npm run eval` re-runs the accuracy evaluations. Runtime-detector accuracy is in docs/detector-eval.md.',
    '',
  ].join('\n');
  const body = files.map((f) => readFileSync(join(dir, f), 'utf8').trim()).join('\n\n');
  writeFileSync(join(root, 'docs', 'benchmarks.md'), `${header}\n${body}\n`);
  console.log(`\nassembled docs/benchmarks.md from ${files.length} sections`);
}
