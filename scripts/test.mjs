// Runs every *.test.ts under packages/, apps/, rules/ and scripts/ with Node's test runner,
// straight from TypeScript sources (tsx + the "rampart-src" export condition), so tests never
// depend on a stale build. Extra arguments are passed to `node --test` (e.g. a file filter).
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const SKIP = new Set(['node_modules', 'dist', '.git', 'testdata', '.work']);

function find(dir, out) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (SKIP.has(e.name)) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) find(p, out);
    else if (e.isFile() && /\.test\.ts$/.test(e.name)) out.push(relative(root, p));
  }
  return out;
}

const filters = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const flags = process.argv.slice(2).filter((a) => a.startsWith('-'));
let files = ['packages', 'apps', 'scripts'].flatMap((d) => find(join(root, d), [])).sort();
if (filters.length > 0) files = files.filter((f) => filters.some((x) => f.includes(x)));
if (files.length === 0) {
  console.error('no test files matched');
  process.exit(1);
}
const r = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--conditions=rampart-src', '--test', '--test-concurrency=2', ...flags, ...files],
  { cwd: root, stdio: 'inherit', env: { ...process.env, FORCE_COLOR: process.env.FORCE_COLOR ?? '0' } },
);
process.exit(r.status ?? 1);
