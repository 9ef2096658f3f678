// `npm run bench`: runs every benchmark section (bench/<area>.ts, each runnable on its own) one after
// another — never in parallel, so they do not disturb each other's numbers on this 2-core machine —
// then assembles docs/benchmarks.md from the sections they wrote to docs/benchmarks/<area>.md.
// `npm run bench -- scan models` runs only those sections.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { assemble } from './assemble.js';

const root = new URL('..', import.meta.url).pathname;
const only = process.argv.slice(2);
const sections = readdirSync(join(root, 'bench'))
  .filter(
    (f) =>
      f.endsWith('.ts') &&
      f !== 'run.ts' &&
      !f.endsWith('.test.ts') &&
      !f.startsWith('gen-') &&
      !f.startsWith('lib') &&
      f !== 'assemble.ts',
  )
  .map((f) => f.replace(/\.ts$/, ''))
  .filter((name) => only.length === 0 || only.includes(name))
  .sort();

let failed = 0;
for (const name of sections) {
  console.log(`\n=== bench/${name}.ts ===`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--conditions=rampart-src', `bench/${name}.ts`], {
    cwd: root,
    stdio: 'inherit',
  });
  if (r.status !== 0) {
    console.error(`bench/${name}.ts exited with ${r.status}`);
    failed++;
  }
}
assemble();
process.exit(failed > 0 ? 1 : 0);
