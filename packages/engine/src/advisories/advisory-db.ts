// Where scans look advisories up: the curated set shipped in data/advisories/ plus the local
// store filled by `rampart advisories import`. Both are offline; records with the same id are
// taken from the store (a full export is newer than what we ship).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { canonicalName, type Ecosystem } from '../packages/ai-package-table.js';
import { DATA_DIR } from '../rules/paths.js';
import { type Advisory, toAdvisory } from './osv.js';
import { AdvisoryStore, defaultStoreDir } from './store.js';

/** data/advisories: the curated set shipped with Rampart. */
export const CURATED_DIR = join(DATA_DIR, 'advisories');

export interface AdvisoryLookup {
  lookup(ecosystem: Ecosystem, name: string): Promise<Advisory[]>;
}

function index(advisories: Iterable<Advisory>): Map<string, Advisory[]> {
  const map = new Map<string, Advisory[]>();
  for (const adv of advisories) {
    for (const pkg of adv.affected) {
      const key = `${pkg.ecosystem}\u0000${pkg.name}`;
      const list = map.get(key) ?? [];
      if (!list.includes(adv)) list.push(adv);
      map.set(key, list);
    }
  }
  return map;
}

/** Load every OSV .json under a directory (the curated set is small and ours). */
export function loadCurated(dir: string = CURATED_DIR): Advisory[] {
  const out: Advisory[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && e.name.endsWith('.json')) {
        const adv = toAdvisory(JSON.parse(readFileSync(p, 'utf8')), p);
        if (adv !== undefined) out.push(adv);
      }
    }
  };
  walk(dir);
  return out;
}

export class AdvisoryDb implements AdvisoryLookup {
  private readonly curated: Map<string, Advisory[]>;
  private readonly store: AdvisoryStore | undefined;

  constructor(options: { curated?: Advisory[]; storeDir?: string | false } = {}) {
    this.curated = index(options.curated ?? loadCurated());
    this.store = options.storeDir === false ? undefined : new AdvisoryStore(options.storeDir ?? defaultStoreDir());
  }

  async lookup(ecosystem: Ecosystem, name: string): Promise<Advisory[]> {
    const canonical = canonicalName(ecosystem, name);
    const fromStore = this.store === undefined ? [] : await this.store.lookup(ecosystem, canonical);
    const ids = new Set(fromStore.map((a) => a.id));
    const curated = (this.curated.get(`${ecosystem}\u0000${canonical}`) ?? []).filter((a) => !ids.has(a.id));
    return [...fromStore, ...curated];
  }
}
