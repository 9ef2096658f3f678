// `npm run eval`: runs every accuracy evaluation (eval/<area>.ts) in turn. Each reads the public
// third-party data in ../shared/datasets at run time (never copied into the repository), prints
// per-source numbers, writes its doc section, and exits 0 with a notice when the data is absent.
// `npm run eval -- detectors` runs only that one. Then docs/benchmarks.md is reassembled.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { assemble } from '../bench/assemble.js';

const root = new URL('..', import.meta.url).pathname;
// Names select evals; flags (`--dev`, `--no-peers`) are handed to each of them. Without this,
// `npm run eval -- detectors --dev` silently ran the test side.
const only = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const flags = process.argv.slice(2).filter((a) => a.startsWith('--'));
const evals = readdirSync(join(root, 'eval'))
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts' && !f.endsWith('.test.ts'))
  .map((f) => f.replace(/\.ts$/, ''))
  .filter((name) => only.length === 0 || only.includes(name))
  .sort();
let failed = 0;
for (const name of evals) {
  console.log(`\n=== eval/${name}.ts ===`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--conditions=rampart-src', `eval/${name}.ts`, ...flags], {
    cwd: root,
    stdio: 'inherit',
  });
  if (r.status !== 0) failed++;
}
assemble();
process.exit(failed > 0 ? 1 : 0);
