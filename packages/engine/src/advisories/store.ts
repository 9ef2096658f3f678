// The local advisory store filled by `rampart advisories import`: advisories sharded by package
// into 256 buckets per ecosystem (<home>/advisories/<ecosystem>/<xx>.json), so a scan reads only
// the buckets of the AI packages it found. Writes go to a temp dir swapped in by rename.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { RampartError } from '@rampart/core';
import type { Ecosystem } from '../packages/ai-package-table.js';
import type { Advisory } from './osv.js';

export const STORE_FORMAT = 1;
const ECOSYSTEMS: Ecosystem[] = ['PyPI', 'npm'];

export interface StoreMeta {
  format: number;
  updatedAt: string;
  sources: string[];
  counts: Record<string, number>;
}

/** `$RAMPART_HOME/advisories`, default `~/.rampart/advisories`. */
export function defaultStoreDir(env: NodeJS.ProcessEnv = process.env): string {
  const home =
    env.RAMPART_HOME !== undefined && env.RAMPART_HOME !== '' ? env.RAMPART_HOME : join(homedir(), '.rampart');
  return join(home, 'advisories');
}

export function bucketOf(name: string): string {
  return createHash('sha256').update(name).digest('hex').slice(0, 2);
}

type Bucket = Record<string, Advisory[]>;

export class AdvisoryStore {
  private readonly cache = new Map<string, Bucket>();
  private present: boolean | undefined;
  constructor(readonly dir: string) {}

  exists(): boolean {
    return existsSync(join(this.dir, 'meta.json'));
  }

  async meta(): Promise<StoreMeta | undefined> {
    if (!this.exists()) return undefined;
    return JSON.parse(await readFile(join(this.dir, 'meta.json'), 'utf8')) as StoreMeta;
  }

  private async bucket(ecosystem: Ecosystem, key: string): Promise<Bucket> {
    const id = `${ecosystem}/${key}`;
    const hit = this.cache.get(id);
    if (hit !== undefined) return hit;
    let b: Bucket = {};
    try {
      b = JSON.parse(await readFile(join(this.dir, ecosystem, `${key}.json`), 'utf8')) as Bucket;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') {
        throw new RampartError('E_STORE', `advisory store ${this.dir}: cannot read bucket ${id}`, { cause: e });
      }
    }
    this.cache.set(id, b);
    return b;
  }

  /** Advisories for one package (canonical name). */
  async lookup(ecosystem: Ecosystem, name: string): Promise<Advisory[]> {
    // Checked once: a scan does not expect the store to appear halfway through.
    this.present ??= this.exists();
    if (!this.present) return [];
    const b = await this.bucket(ecosystem, bucketOf(name));
    return Object.hasOwn(b, name) ? (b[name] ?? []) : [];
  }

  /** Every advisory in the store, bucket by bucket (for merging on import). */
  async *all(): AsyncGenerator<Advisory> {
    if (!this.exists()) return;
    for (const eco of ECOSYSTEMS) {
      let files: string[] = [];
      try {
        files = await readdir(join(this.dir, eco));
      } catch {
        continue;
      }
      for (const f of files) {
        if (!f.endsWith('.json')) continue;
        const b = JSON.parse(await readFile(join(this.dir, eco, f), 'utf8')) as Bucket;
        for (const list of Object.values(b)) yield* list;
      }
    }
  }
}

/**
 * Write a complete store: every advisory is filed under each package it affects (with only that
 * package's ranges). Replaces `dir` atomically, so a failed import leaves the old store intact.
 */
export async function writeStore(dir: string, advisories: Iterable<Advisory>, sources: string[]): Promise<StoreMeta> {
  const buckets = new Map<string, Bucket>();
  const ids: Record<string, Set<string>> = { PyPI: new Set(), npm: new Set() };
  for (const adv of advisories) {
    for (const pkg of adv.affected) {
      const key = `${pkg.ecosystem}/${bucketOf(pkg.name)}`;
      let b = buckets.get(key);
      if (b === undefined) {
        b = {};
        buckets.set(key, b);
      }
      if (!Object.hasOwn(b, pkg.name)) b[pkg.name] = [];
      const list = b[pkg.name]!;
      const own = { ...adv, affected: [pkg] };
      const at = list.findIndex((a) => a.id === adv.id);
      if (at === -1) list.push(own);
      else list[at] = { ...own, affected: [...list[at]!.affected.filter((p) => p !== pkg), pkg] };
      ids[pkg.ecosystem]!.add(adv.id);
    }
  }
  const tmp = `${dir}.tmp-${process.pid}`;
  await rm(tmp, { recursive: true, force: true });
  for (const eco of ECOSYSTEMS) await mkdir(join(tmp, eco), { recursive: true });
  for (const [key, b] of buckets) await writeFile(join(tmp, `${key}.json`), JSON.stringify(b));
  const meta: StoreMeta = {
    format: STORE_FORMAT,
    updatedAt: new Date().toISOString(),
    sources,
    counts: { PyPI: ids.PyPI!.size, npm: ids.npm!.size },
  };
  await writeFile(join(tmp, 'meta.json'), `${JSON.stringify(meta, null, 2)}\n`);
  const old = `${dir}.old-${process.pid}`;
  if (existsSync(dir)) await rename(dir, old);
  await rename(tmp, dir);
  await rm(old, { recursive: true, force: true });
  return meta;
}
