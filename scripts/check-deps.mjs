// Enforces the dependency direction between workspaces (ARCHITECTURE.md):
//   core <- detectors <- {models, mcp, policy, store} <- engine <- {gateway?, server} <- cli
// The gateway may depend only on core, policy and detectors: its hot path stays lean.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ALLOWED = {
  core: [],
  detectors: ['core'],
  models: ['core'],
  mcp: ['core', 'detectors'],
  policy: ['core'],
  store: ['core'],
  engine: ['core', 'detectors', 'models', 'mcp'],
  gateway: ['core', 'policy', 'detectors', 'store'],
  server: ['core', 'engine', 'store', 'policy'],
  cli: ['core', 'engine', 'detectors', 'models', 'mcp', 'policy', 'gateway', 'store', 'server'],
  web: [],
};

const root = new URL('..', import.meta.url).pathname;
let bad = 0;
for (const dir of ['packages', 'apps']) {
  for (const name of readdirSync(join(root, dir))) {
    const pj = join(root, dir, name, 'package.json');
    if (!existsSync(pj)) continue;
    const pkg = JSON.parse(readFileSync(pj, 'utf8'));
    const allowed = ALLOWED[name];
    if (!allowed) {
      console.error(`check-deps: workspace ${name} is not in the dependency map (scripts/check-deps.mjs)`);
      bad++;
      continue;
    }
    const deps = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies }).filter((d) => d.startsWith('@rampart/'));
    for (const d of deps) {
      const short = d.slice('@rampart/'.length);
      if (!allowed.includes(short)) {
        console.error(`check-deps: ${name} must not depend on ${d}`);
        bad++;
      }
    }
  }
}
if (bad > 0) process.exit(1);
console.log('check-deps: dependency direction ok');
