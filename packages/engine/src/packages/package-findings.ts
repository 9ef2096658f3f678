// Findings for one AI dependency: known advisories for an exact (pinned or locked) version, and
// unpinned specs — where Rampart names the advisories the spec admits rather than guessing
// which version gets installed.
import { type FindingDraft, severityRank } from '@rampart/core';
import type { AdvisoryLookup } from '../advisories/advisory-db.js';
import { type Advisory, fixedVersions } from '../advisories/osv.js';
import { isAffected, specAdmitsAffected, versionComparator } from '../advisories/version-match.js';
import { canonicalName } from './ai-package-table.js';
import type { ManifestDependency } from './dependency.js';

export const RULE_VULNERABLE = 'pkg-vulnerable-ai-package';
export const RULE_UNPINNED = 'pkg-unpinned-ai-package';

function label(adv: Advisory): string {
  const cve = adv.aliases.filter((a) => a.startsWith('CVE-') || a.startsWith('GHSA-')).slice(0, 2);
  return cve.length > 0 ? `${adv.id} (${cve.join(', ')})` : adv.id;
}

const MAX_IDS = 10;
const rank = (a: Advisory) => (a.severity === undefined ? -1 : severityRank(a.severity));

/** Ids for a message: the first MAX_IDS labels, then a count. All ids stay in the evidence. */
function idList(list: Advisory[]): string {
  const more = list.length > MAX_IDS ? ` and ${list.length - MAX_IDS} more` : '';
  return `${list.slice(0, MAX_IDS).map(label).join(', ')}${more}`;
}

export interface PackageFindings {
  findings: FindingDraft[];
  /** Ids of advisories affecting the exact version (or admitted by the spec). */
  advisoryIds: string[];
}

export async function packageFindings(
  dep: ManifestDependency,
  path: string,
  assetId: string,
  db: AdvisoryLookup,
): Promise<PackageFindings> {
  const name = canonicalName(dep.ecosystem, dep.name);
  const location = { path, ...(dep.line !== undefined ? { line: dep.line } : {}) };
  const all = await db.lookup(dep.ecosystem, name);
  const own = (a: Advisory) => a.affected.filter((p) => p.ecosystem === dep.ecosystem && p.name === name);

  if (dep.version !== undefined && dep.url === undefined) {
    const version = dep.version;
    const hits = all
      .filter((a) => own(a).some((p) => isAffected(dep.ecosystem, version, p) === true))
      .sort((a, b) => rank(b) - rank(a) || a.id.localeCompare(b.id));
    if (hits.length === 0) return { findings: [], advisoryIds: [] };
    const cmp = versionComparator(dep.ecosystem);
    // Per advisory, the lowest fix above the installed version; the upgrade target is the highest of those.
    const fixes = hits.map(
      (a) =>
        own(a)
          .flatMap(fixedVersions)
          .filter((v) => (cmp(v, version) ?? 1) > 0)
          .sort((x, y) => cmp(x, y) ?? 0)[0],
    );
    const unfixed = hits.filter((_, i) => fixes[i] === undefined).map((a) => a.id);
    const target = fixes.filter((v): v is string => v !== undefined).sort((x, y) => cmp(y, x) ?? 0)[0];
    const fixed = [...new Set(fixes.filter((v): v is string => v !== undefined))];
    // Sorted most severe first, so the first known severity is the worst.
    const severity = hits[0]!.severity;
    const fix = [
      target !== undefined ? `upgrade to ${target} or later` : '',
      unfixed.length > 0 ? `no fixed version is listed for ${unfixed.join(', ')}` : '',
    ]
      .filter((x) => x !== '')
      .join('; ');
    const message = `${name} ${version} (${dep.ecosystem}) is affected by ${hits.length} known ${hits.length === 1 ? 'advisory' : 'advisories'}: ${idList(hits)}. ${hits[0]!.summary} Fix: ${fix}.`;
    return {
      advisoryIds: hits.map((a) => a.id),
      findings: [
        {
          ruleId: RULE_VULNERABLE,
          assetId,
          location,
          message,
          // The message counts and lists advisories: without this the fingerprint would change with
          // every advisory-feed update and a baselined package would come back as a new finding.
          discriminator: `${dep.ecosystem}:${name}@${version}`,
          ...(severity !== undefined ? { severity } : {}),
          evidence: {
            facts: {
              package: name,
              ecosystem: dep.ecosystem,
              version,
              advisories: hits.map((a) => ({
                id: a.id,
                aliases: a.aliases,
                severity: a.severity ?? 'unknown',
                severitySource: a.severitySource ?? 'none',
              })),
              fixed,
            },
          },
        },
      ],
    };
  }

  if (dep.source !== 'manifest') return { findings: [], advisoryIds: [] };
  const admitted =
    dep.url === undefined ? all.filter((a) => own(a).some((p) => specAdmitsAffected(dep.ecosystem, dep.spec, p))) : [];
  const what =
    dep.url !== undefined
      ? `a direct reference (${dep.url.slice(0, 120)})`
      : dep.spec === ''
        ? 'any version'
        : `'${dep.spec}'`;
  const tail =
    admitted.length > 0
      ? ` The spec admits versions affected by ${idList(admitted)}; the installed version decides — pin it or commit a lock file.`
      : dep.url !== undefined
        ? ' Advisories cannot be matched against a direct reference.'
        : ' No known advisory affects the versions it admits today.';
  return {
    advisoryIds: admitted.map((a) => a.id),
    findings: [
      {
        ruleId: RULE_UNPINNED,
        assetId,
        location,
        message: `${name} (${dep.ecosystem}) is not pinned: the manifest allows ${what}.${tail}`,
        discriminator: `${dep.ecosystem}:${name}`,
        // Without a pinned version this is a statement about what could be installed.
        confidence: admitted.length > 0 ? 0.6 : 0.3,
        evidence: {
          facts: { package: name, ecosystem: dep.ecosystem, spec: dep.spec, admits: admitted.map((a) => a.id) },
        },
      },
    ],
  };
}
