// Turns raw detector output into the ScanResult contract: assets merged by id, relations deduped,
// finding drafts completed from the rule catalog (title, severity, frameworks, remediation),
// rule selection (maturity, config), suppressions and baseline applied, stable ordering.
import {
  type Asset,
  bySeverityDesc,
  CODE_CONTEXT_PROPERTY,
  type DetectorOutput,
  type Finding,
  type FindingDraft,
  findingFingerprint,
  isTestCodePath,
  locationKey,
  MATURITIES,
  type Maturity,
  type Relation,
  relationKey,
  SCHEMA_VERSION,
  type ScanResult,
  type Severity,
} from '@rampart/core';
import { riskFactors } from '../graph/context.js';
import { riskReasons, riskScore } from '../graph/risk.js';
import type { RuleCatalog } from '../rules/catalog.js';
import { VERSION } from '../version.js';
import { type InlineSuppression, SuppressionIndex } from './suppressions.js';

export interface RuleSettings {
  enabled?: boolean | undefined;
  severity?: Severity | undefined;
}

export interface FinalizeOptions {
  rules: RuleCatalog;
  root?: string;
  /** Least mature level enabled: 'stable' (default) enables only stable rules. */
  maturity?: Maturity;
  ruleSettings?: Readonly<Record<string, RuleSettings>>;
  suppressions?: readonly InlineSuppression[];
  /** Fingerprints accepted by a baseline: matching findings are marked suppressed. */
  baseline?: ReadonlySet<string>;
  /** Report test-code findings of rules with `testCode: suppress` instead of suppressing them. */
  includeTestCode?: boolean;
  /** Whether a location path is test code; default: `isTestCodePath` on the path as given. */
  isTestCode?: (path: string) => boolean;
  stats?: Partial<ScanResult['stats']>;
}

export function mergeAssets(assets: readonly Asset[]): Asset[] {
  const byId = new Map<string, Asset>();
  // Location keys per merged asset, kept up to date instead of rebuilt on every sighting (a model
  // named in thousands of files made this quadratic).
  const seenById = new Map<string, Set<string>>();
  for (const a of assets) {
    const prev = byId.get(a.id);
    if (!prev) {
      byId.set(a.id, { ...a, locations: [...a.locations], properties: { ...a.properties } });
      continue;
    }
    let seen = seenById.get(a.id);
    if (!seen) {
      seen = new Set(prev.locations.map(locationKey));
      seenById.set(a.id, seen);
    }
    // Checked against the locations from earlier sightings only, as before: repeats within this
    // sighting are kept.
    const added: string[] = [];
    for (const l of a.locations) {
      const key = locationKey(l);
      if (!seen.has(key)) {
        prev.locations.push(l);
        added.push(key);
      }
    }
    for (const key of added) seen.add(key);
    for (const [k, v] of Object.entries(a.properties)) {
      const cur = prev.properties[k];
      // Lists from two sightings are united (capabilities, sensitivity labels); otherwise the first wins.
      if (Array.isArray(cur) && Array.isArray(v))
        prev.properties[k] = [...new Set([...cur, ...v])].sort() as typeof cur;
      else if (cur === undefined) prev.properties[k] = v;
    }
    if (prev.provider === undefined && a.provider !== undefined) prev.provider = a.provider;
    if (prev.version === undefined && a.version !== undefined) prev.version = a.version;
    if (prev.purl === undefined && a.purl !== undefined) prev.purl = a.purl;
  }
  for (const a of byId.values()) {
    a.locations.sort((x, y) => (x.path === y.path ? (x.line ?? 0) - (y.line ?? 0) : x.path < y.path ? -1 : 1));
  }
  return [...byId.values()].sort((x, y) =>
    x.kind === y.kind ? (x.name < y.name ? -1 : x.name > y.name ? 1 : 0) : x.kind < y.kind ? -1 : 1,
  );
}

export function dedupeRelations(relations: readonly Relation[]): Relation[] {
  const byKey = new Map<string, Relation>();
  for (const r of relations) {
    const key = relationKey(r);
    if (!byKey.has(key)) byKey.set(key, r);
  }
  // Keys are unique here, so sorting by them gives the order the comparator on relations gave.
  return [...byKey.keys()].sort((a, b) => (a < b ? -1 : 1)).map((k) => byKey.get(k)!);
}

export const TEST_CODE_REASON = 'in test code; this rule does not report test code (--include-test-code reports it)';

/** Marks assets found only in test code with `codeContext: "test"`; one shipped location keeps it unmarked. */
export function markTestAssets(assets: Asset[], isTest: (path: string) => boolean): void {
  for (const a of assets) {
    if (
      a.locations.length > 0 &&
      a.properties[CODE_CONTEXT_PROPERTY] === undefined &&
      a.locations.every((l) => isTest(l.path))
    )
      a.properties[CODE_CONTEXT_PROPERTY] = 'test';
  }
}

const maturityRank = (m: Maturity) => MATURITIES.indexOf(m);

export function completeFinding(d: FindingDraft, opts: FinalizeOptions): Finding | 'disabled' | undefined {
  const rule = opts.rules.get(d.ruleId);
  if (!rule) return undefined;
  const settings = opts.ruleSettings?.[rule.id];
  if (settings?.enabled === false) return 'disabled';
  if (settings?.enabled !== true && maturityRank(rule.maturity) > maturityRank(opts.maturity ?? 'stable'))
    return 'disabled';
  const f: Finding = {
    id: '',
    ruleId: rule.id,
    title: rule.title,
    severity: settings?.severity ?? d.severity ?? rule.severity,
    location: d.location,
    message: d.message,
    frameworks: rule.frameworks,
    remediation: rule.remediation,
    fingerprint: findingFingerprint({ ...d, ruleId: rule.id }),
  };
  if (d.assetId !== undefined) f.assetId = d.assetId;
  if (d.evidence !== undefined) f.evidence = d.evidence;
  if (d.confidence !== undefined) f.confidence = d.confidence;
  return f;
}

export function finalize(output: DetectorOutput, opts: FinalizeOptions): ScanResult {
  const errors = [...output.errors];
  const assets = mergeAssets(output.assets);
  const isTest = opts.isTestCode ?? isTestCodePath;
  markTestAssets(assets, isTest);
  const relations = dedupeRelations(output.relations);
  const factors = riskFactors(assets, relations);
  const inline = new SuppressionIndex(opts.suppressions ?? []);
  const findings: Finding[] = [];
  const seen = new Set<string>();
  let suppressed = 0;
  for (const d of output.findings) {
    const f = completeFinding(d, opts);
    if (f === 'disabled') continue;
    if (!f) {
      errors.push({ path: d.location.path, code: 'E_RULE', message: `detector emitted unknown rule id "${d.ruleId}"` });
      continue;
    }
    const key = `${f.fingerprint}:${f.location.line ?? ''}:${f.location.offset ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const rule = opts.rules.get(f.ruleId)!;
    const hit = inline.find(f.location.path, f.location.line, [rule.id, ...(rule.aliases ?? [])]);
    if (hit) f.suppressed = { kind: 'inline', reason: hit.reason };
    else if (rule.testCode === 'suppress' && opts.includeTestCode !== true && isTest(f.location.path))
      f.suppressed = { kind: 'test-code', reason: TEST_CODE_REASON };
    else if (opts.baseline?.has(f.fingerprint)) f.suppressed = { kind: 'baseline', reason: 'present in baseline' };
    if (f.suppressed) suppressed++;
    const ctx = f.assetId !== undefined ? factors.get(f.assetId) : undefined;
    f.risk = riskScore(f.severity, ctx);
    const reasons = riskReasons(ctx);
    if (reasons.length > 0) f.evidence = { ...f.evidence, facts: { ...f.evidence?.facts, riskFactors: reasons } };
    findings.push(f);
  }
  findings.sort(
    (a, b) =>
      (b.risk ?? -1) - (a.risk ?? -1) ||
      bySeverityDesc(a.severity, b.severity) ||
      (a.location.path < b.location.path ? -1 : a.location.path > b.location.path ? 1 : 0) ||
      (a.location.line ?? 0) - (b.location.line ?? 0) ||
      (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0),
  );
  findings.forEach((f, i) => {
    f.id = `F${String(i + 1).padStart(4, '0')}-${f.fingerprint.slice(0, 8)}`;
  });

  const bySeverity: Record<string, number> = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
  for (const f of findings) if (!f.suppressed) bySeverity[f.severity] = (bySeverity[f.severity] ?? 0) + 1;
  const byAssetKind: Record<string, number> = {};
  for (const a of assets) byAssetKind[a.kind] = (byAssetKind[a.kind] ?? 0) + 1;

  const result: ScanResult = {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: 'rampart', version: VERSION },
    assets,
    relations,
    findings,
    errors: errors.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
    skipped: [...output.skipped].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
    stats: {
      filesSeen: 0,
      filesAnalyzed: 0,
      bytesRead: 0,
      durationMs: 0,
      ...opts.stats,
      bySeverity,
      byAssetKind,
      suppressed,
    },
  };
  if (opts.root !== undefined) result.root = opts.root;
  return result;
}
