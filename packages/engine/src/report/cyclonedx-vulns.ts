// Known advisories in the AI-BOM: findings whose evidence names OSV advisories (the package
// advisory detector's `facts.advisories`) become CycloneDX vulnerabilities that affect the package
// component. Evidence is data from a scan, so every field is checked before it is used.
import { Enums, Models } from '@cyclonedx/cyclonedx-library';
import type { Finding } from '@rampart/core';
import { cmpStr } from './order.js';

const ADVISORY_ID = /^[A-Za-z][A-Za-z0-9._:-]{2,99}$/;
const SEVERITIES = new Set(['critical', 'high', 'medium', 'low', 'info', 'none', 'unknown']);

interface Advisory {
  id: string;
  aliases: string[];
  severity: string | undefined;
}

function advisories(f: Finding): Advisory[] {
  const raw = f.evidence?.facts?.advisories;
  if (!Array.isArray(raw)) return [];
  const out: Advisory[] = [];
  for (const a of raw) {
    if (typeof a !== 'object' || a === null) continue;
    const r = a as Record<string, unknown>;
    if (typeof r.id !== 'string' || !ADVISORY_ID.test(r.id)) continue;
    const aliases = Array.isArray(r.aliases)
      ? r.aliases.filter((x): x is string => typeof x === 'string' && ADVISORY_ID.test(x))
      : [];
    const sev =
      typeof r.severity === 'string' && SEVERITIES.has(r.severity.toLowerCase()) ? r.severity.toLowerCase() : undefined;
    out.push({ id: r.id, aliases, severity: sev });
  }
  return out;
}

/** The database an advisory id comes from, by its well-known prefix. */
export function advisorySource(id: string): Models.Vulnerability.Source {
  if (id.startsWith('GHSA-')) {
    return new Models.Vulnerability.Source({
      name: 'GitHub Advisory Database',
      url: `https://github.com/advisories/${id}`,
    });
  }
  if (id.startsWith('CVE-'))
    return new Models.Vulnerability.Source({ name: 'NVD', url: `https://nvd.nist.gov/vuln/detail/${id}` });
  if (id.startsWith('PYSEC-')) return new Models.Vulnerability.Source({ name: 'PyPA Advisory Database' });
  return new Models.Vulnerability.Source({ name: 'OSV', url: `https://osv.dev/vulnerability/${id}` });
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x.length > 0 && x.length < 100) : [];
}

/**
 * One vulnerability per advisory id, affecting every package component it was found on.
 * Suppressed findings are left out: the BOM lists what is open.
 */
export function addVulnerabilities(
  bom: Models.Bom,
  findings: readonly Finding[],
  nodes: ReadonlyMap<string, Models.Component | Models.Service>,
): void {
  const byId = new Map<string, Models.Vulnerability.Vulnerability>();
  const sorted = [...findings].sort((a, b) => cmpStr(a.fingerprint, b.fingerprint));
  for (const f of sorted) {
    if (f.suppressed || f.assetId === undefined) continue;
    const node = nodes.get(f.assetId);
    if (!(node instanceof Models.Component)) continue;
    const facts = f.evidence?.facts ?? {};
    const version = typeof facts.version === 'string' ? facts.version : node.version;
    const fixed = strings(facts.fixed);
    for (const adv of advisories(f)) {
      let v = byId.get(adv.id);
      if (v === undefined) {
        v = new Models.Vulnerability.Vulnerability({ id: adv.id, source: advisorySource(adv.id) });
        for (const alias of adv.aliases)
          v.references.add(new Models.Vulnerability.Reference(alias, advisorySource(alias)));
        if (adv.severity !== undefined) {
          v.ratings.add(
            new Models.Vulnerability.Rating({
              severity: adv.severity as Enums.Vulnerability.Severity,
              source: advisorySource(adv.id),
            }),
          );
        }
        v.description = f.message.slice(0, 2000);
        if (fixed.length > 0) v.recommendation = `Upgrade to ${fixed.join(' or ')} or later.`;
        byId.set(adv.id, v);
        bom.vulnerabilities.add(v);
      }
      const affect = new Models.Vulnerability.Affect(node.bomRef);
      if (version !== undefined) {
        affect.versions.add(
          new Models.Vulnerability.AffectedSingleVersion(version, {
            status: Enums.Vulnerability.AffectStatus.Affected,
          }),
        );
      }
      v.affects.add(affect);
    }
  }
}
