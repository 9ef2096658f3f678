// Evidence as reporters show it: a contextual finding's graph path (asset ids) as the asset names
// people recognise, e.g. "research (agent) → browse (tool) → publish (tool)".
import type { Asset, Finding } from '@rampart/core';

const MAX_PATH = 12;

export function pathAssets(f: Finding, assets: ReadonlyMap<string, Asset>): Array<Asset | string> {
  return (f.evidence?.path ?? []).slice(0, MAX_PATH).map((id) => assets.get(id) ?? id);
}

/** Readable path, or undefined when the finding has none. Not escaped: callers escape for their format. */
export function pathLabel(f: Finding, assets: ReadonlyMap<string, Asset>): string | undefined {
  const steps = pathAssets(f, assets);
  if (steps.length === 0) return undefined;
  const more = (f.evidence?.path?.length ?? 0) > MAX_PATH ? ' → …' : '';
  return steps.map((s) => (typeof s === 'string' ? s : `${s.name} (${s.kind})`)).join(' → ') + more;
}
