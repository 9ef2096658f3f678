// Deterministic ordering shared by every reporter: the same scan always renders byte-identically,
// so reports diff cleanly in CI and golden tests stay stable.
import {
  ASSET_KINDS,
  type Asset,
  type AssetKind,
  type Finding,
  type Location,
  type Relation,
  type ScanError,
  type Severity,
  type Skipped,
  severityRank,
} from '@rampart/core';

export function cmpStr(a: string | undefined, b: string | undefined): number {
  const x = a ?? '';
  const y = b ?? '';
  return x < y ? -1 : x > y ? 1 : 0;
}

function cmpNum(a: number | undefined, b: number | undefined): number {
  return (a ?? 0) - (b ?? 0);
}

export function compareLocations(a: Location, b: Location): number {
  return (
    cmpStr(a.path, b.path) ||
    cmpStr(a.member, b.member) ||
    cmpNum(a.line, b.line) ||
    cmpNum(a.column, b.column) ||
    cmpNum(a.offset, b.offset)
  );
}

/** Most severe first, then by place: the order of the JSON and SARIF outputs. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    severityRank(b.severity) - severityRank(a.severity) ||
    compareLocations(a.location, b.location) ||
    cmpStr(a.ruleId, b.ruleId) ||
    cmpStr(a.fingerprint, b.fingerprint) ||
    cmpStr(a.id, b.id)
  );
}

/**
 * Highest contextual risk first (a finding without a score sorts after scored ones of the same
 * severity), then severity and place. The order of the table and the HTML report.
 */
export function compareFindingsByRisk(a: Finding, b: Finding): number {
  const ra = a.risk ?? -1;
  const rb = b.risk ?? -1;
  return rb - ra || compareFindings(a, b);
}

const KIND_ORDER = new Map<string, number>(ASSET_KINDS.map((k, i) => [k, i]));

export function kindRank(k: AssetKind): number {
  return KIND_ORDER.get(k) ?? ASSET_KINDS.length;
}

export function compareAssets(a: Asset, b: Asset): number {
  return kindRank(a.kind) - kindRank(b.kind) || cmpStr(a.name, b.name) || cmpStr(a.id, b.id);
}

export function compareRelations(a: Relation, b: Relation): number {
  return cmpStr(a.from, b.from) || cmpStr(a.type, b.type) || cmpStr(a.to, b.to);
}

export function compareErrors(a: ScanError, b: ScanError): number {
  return (
    cmpStr(a.path, b.path) || cmpStr(a.code, b.code) || cmpStr(a.detector, b.detector) || cmpStr(a.message, b.message)
  );
}

export function compareSkipped(a: Skipped, b: Skipped): number {
  return (
    cmpStr(a.path, b.path) || cmpStr(a.reason, b.reason) || cmpStr(a.detector, b.detector) || cmpStr(a.detail, b.detail)
  );
}

export function sorted<T>(items: readonly T[], cmp: (a: T, b: T) => number): T[] {
  return [...items].sort(cmp);
}

/** Count of active (not suppressed) findings per severity, every severity present. */
export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const out: Record<Severity, number> = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
  for (const f of findings) if (!f.suppressed) out[f.severity]++;
  return out;
}

/** Assets per kind in the canonical kind order; kinds with no asset are left out. */
export function countByKind(assets: readonly Asset[]): Array<[AssetKind, number]> {
  const m = new Map<AssetKind, number>();
  for (const a of assets) m.set(a.kind, (m.get(a.kind) ?? 0) + 1);
  return [...m.entries()].sort((x, y) => kindRank(x[0]) - kindRank(y[0]));
}

/** The location string people read: `path:line`, `path (member)`, `path@0x1f`. */
export function formatLocation(l: Location): string {
  let s = l.path;
  if (l.member !== undefined) s += ` (${l.member})`;
  if (l.line !== undefined) s += `:${l.line}${l.column !== undefined ? `:${l.column}` : ''}`;
  else if (l.offset !== undefined) s += `@0x${l.offset.toString(16)}`;
  return s;
}
