// The JSON report: the ScanResult contract of issue 2, pretty-printed with a canonical order of
// items and keys, so the same scan always gives the same bytes (golden tests, CI diffs).
import { FRAMEWORK_KEYS, type FrameworkMapping, type Location, locationKey, type ScanResult } from '@rampart/core';
import {
  compareAssets,
  compareErrors,
  compareFindings,
  compareLocations,
  compareRelations,
  compareSkipped,
  sorted,
} from './order.js';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

const MAX_DEPTH = 64;

/** Plain objects get sorted keys, recursively; arrays keep their order (it is data). */
export function sortKeysDeep(v: unknown, depth = 0): Json {
  if (v === null || typeof v === 'boolean' || typeof v === 'number' || typeof v === 'string') return v;
  if (depth > MAX_DEPTH) return '[too deep]';
  if (Array.isArray(v)) return v.map((x) => sortKeysDeep(x, depth + 1));
  if (typeof v === 'object') {
    const out: Record<string, Json> = {};
    for (const k of Object.keys(v).sort()) {
      const x = (v as Record<string, unknown>)[k];
      if (x !== undefined) out[k] = sortKeysDeep(x, depth + 1);
    }
    return out;
  }
  return null; // functions, symbols, bigint: not representable in the contract
}

/** Copy `keys` first, in that order, then any other keys sorted: new fields never reorder old ones. */
function ordered(obj: object, keys: readonly string[], deep = sortKeysDeep): Record<string, Json> {
  const src = obj as Record<string, unknown>;
  const out: Record<string, Json> = {};
  for (const k of keys) if (src[k] !== undefined) out[k] = deep(src[k]);
  for (const k of Object.keys(src).sort()) if (!keys.includes(k) && src[k] !== undefined) out[k] = deep(src[k]);
  return out;
}

const LOCATION_KEYS = ['path', 'member', 'line', 'column', 'endLine', 'offset'] as const;

function location(l: Location): Record<string, Json> {
  return ordered(l, LOCATION_KEYS);
}

function frameworks(m: FrameworkMapping): Record<string, Json> {
  const out: Record<string, Json> = {};
  for (const k of FRAMEWORK_KEYS) {
    const ids = m[k];
    if (ids !== undefined) out[k] = [...ids];
  }
  return out;
}

function uniqueLocations(ls: readonly Location[]): Location[] {
  const seen = new Set<string>();
  const out: Location[] = [];
  for (const l of sorted(ls, compareLocations)) {
    const k = `${locationKey(l)}:${l.column ?? ''}`;
    if (!seen.has(k)) {
      seen.add(k);
      out.push(l);
    }
  }
  return out;
}

/** The ScanResult as a plain object in canonical order (also used by the graph export). */
export function canonicalResult(result: ScanResult): Record<string, Json> {
  const assets = sorted(result.assets, compareAssets).map((a) => ({
    ...ordered(a, ['id', 'kind', 'name', 'provider', 'version', 'purl']),
    locations: uniqueLocations(a.locations).map(location),
    properties: sortKeysDeep(a.properties),
  }));
  const findings = sorted(result.findings, compareFindings).map((f) => {
    const o = ordered(f, [
      'id',
      'ruleId',
      'title',
      'severity',
      'assetId',
      'location',
      'message',
      'frameworks',
      'remediation',
      'evidence',
      'confidence',
      'risk',
      'fingerprint',
      'suppressed',
    ]);
    o.location = location(f.location);
    o.frameworks = frameworks(f.frameworks);
    return o;
  });
  const out: Record<string, Json> = {
    schemaVersion: result.schemaVersion,
    tool: { name: result.tool.name, version: result.tool.version },
  };
  if (result.root !== undefined) out.root = result.root;
  out.assets = assets;
  out.relations = sorted(result.relations, compareRelations).map((r) =>
    ordered(r, ['from', 'to', 'type', 'properties']),
  );
  out.findings = findings;
  out.errors = sorted(result.errors, compareErrors).map((e) => ordered(e, ['path', 'code', 'message', 'detector']));
  out.skipped = sorted(result.skipped, compareSkipped).map((s) => ordered(s, ['path', 'reason', 'detail', 'detector']));
  out.stats = ordered(result.stats, [
    'filesSeen',
    'filesAnalyzed',
    'bytesRead',
    'durationMs',
    'bySeverity',
    'byAssetKind',
    'suppressed',
  ]);
  return out;
}

export function renderJson(result: ScanResult): string {
  return `${JSON.stringify(canonicalResult(result), null, 2)}\n`;
}
