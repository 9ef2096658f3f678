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
// Anything else is refused before an eval starts: an unknown flag (`--help`, a typo of `--dev`)
// would otherwise run every test side, which is meant to be scored rarely and on purpose.
const KNOWN_FLAGS = new Set(['--dev', '--no-peers', '--misses']);
const unknown = flags.filter((f) => !KNOWN_FLAGS.has(f));
if (unknown.length > 0) {
  console.error(
    `eval: unknown flag ${unknown.join(', ')}; usage: npm run eval -- [detectors|mcp|models ...] [${[...KNOWN_FLAGS].join('] [')}]`,
  );
  process.exit(2);
}
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
