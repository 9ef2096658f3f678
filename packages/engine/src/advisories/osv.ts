// OSV records (https://ossf.github.io/osv-schema/) reduced to what matching needs: ids, a short
// summary, severity, and the affected ranges of PyPI and npm packages. Validated by hand so a
// malformed record is rejected with a reason instead of half-read.
import { ParseError, type Severity } from '@rampart/core';
import { canonicalName, type Ecosystem } from '../packages/ai-package-table.js';
import { cvss3BaseScore, severityOfLabel, severityOfScore } from './cvss.js';

export type RangeEvent = { introduced: string } | { fixed: string } | { last_affected: string } | { limit: string };

export interface AffectedRange {
  type: 'ECOSYSTEM' | 'SEMVER';
  events: RangeEvent[];
}

export interface AffectedPackage {
  ecosystem: Ecosystem;
  /** Canonical name (PEP 503 for PyPI, lowercase for npm). */
  name: string;
  ranges: AffectedRange[];
  /** Explicitly listed affected versions. */
  versions: string[];
}

export interface Advisory {
  id: string;
  aliases: string[];
  summary: string;
  severity?: Severity;
  /** Where the severity came from, e.g. "CVSS:3.1 9.8" or "database_specific HIGH". */
  severitySource?: string;
  affected: AffectedPackage[];
  references: string[];
}

const MAX_SUMMARY = 240;

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function ecosystemOf(v: unknown): Ecosystem | undefined {
  if (v === 'PyPI') return 'PyPI';
  if (v === 'npm') return 'npm';
  return undefined;
}

function events(v: unknown): RangeEvent[] {
  if (!Array.isArray(v)) return [];
  const out: RangeEvent[] = [];
  for (const e of v) {
    if (typeof e !== 'object' || e === null) continue;
    const o = e as Record<string, unknown>;
    // YAML sources may give numbers (introduced: 0); OSV means strings.
    const val = (k: string): string | undefined =>
      typeof o[k] === 'string' ? (o[k] as string) : typeof o[k] === 'number' ? String(o[k]) : undefined;
    const introduced = val('introduced');
    const fixed = val('fixed');
    const last = val('last_affected');
    const limit = val('limit');
    if (introduced !== undefined) out.push({ introduced });
    else if (fixed !== undefined) out.push({ fixed });
    else if (last !== undefined) out.push({ last_affected: last });
    else if (limit !== undefined) out.push({ limit });
  }
  return out;
}

function severityOf(rec: Record<string, unknown>): Pick<Advisory, 'severity' | 'severitySource'> {
  const list = Array.isArray(rec.severity) ? rec.severity : [];
  for (const s of list) {
    const score = str((s as Record<string, unknown> | null)?.score);
    if (score === undefined) continue;
    const base = cvss3BaseScore(score);
    if (base !== undefined) return { severity: severityOfScore(base), severitySource: `${score.slice(0, 8)} ${base}` };
  }
  const db = rec.database_specific as Record<string, unknown> | undefined;
  const label = str(db?.severity);
  const sev = label === undefined ? undefined : severityOfLabel(label);
  if (sev !== undefined) return { severity: sev, severitySource: `database_specific ${label}` };
  return {};
}

/** First sentence of the details when there is no summary, bounded for reports. */
function summaryOf(rec: Record<string, unknown>): string {
  const raw = str(rec.summary) ?? str(rec.details) ?? '';
  const flat = raw.replace(/\s+/g, ' ').trim();
  const dot = flat.search(/\.\s/);
  const first = dot > 20 && str(rec.summary) === undefined ? flat.slice(0, dot + 1) : flat;
  return first.length > MAX_SUMMARY ? `${first.slice(0, MAX_SUMMARY - 1)}…` : first;
}

/**
 * Reduce a parsed OSV document to an Advisory. Returns undefined for withdrawn records and for
 * records with no PyPI or npm package (other ecosystems of a full export).
 */
export function toAdvisory(doc: unknown, source: string): Advisory | undefined {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    throw new ParseError(`${source}: an OSV record is a JSON object`, { path: source });
  }
  const rec = doc as Record<string, unknown>;
  const id = str(rec.id);
  if (id === undefined || id.length > 128)
    throw new ParseError(`${source}: OSV record without an id`, { path: source });
  if (rec.withdrawn !== undefined) return undefined;
  const affected: AffectedPackage[] = [];
  for (const a of Array.isArray(rec.affected) ? rec.affected : []) {
    if (typeof a !== 'object' || a === null) continue;
    const pkg = (a as Record<string, unknown>).package as Record<string, unknown> | undefined;
    const ecosystem = ecosystemOf(pkg?.ecosystem);
    const name = str(pkg?.name);
    if (ecosystem === undefined || name === undefined) continue;
    const ranges: AffectedRange[] = [];
    const rawRanges = (a as Record<string, unknown>).ranges;
    for (const r of Array.isArray(rawRanges) ? rawRanges : []) {
      const type = (r as Record<string, unknown> | null)?.type;
      if (type !== 'ECOSYSTEM' && type !== 'SEMVER') continue; // GIT ranges name commits, not versions
      ranges.push({ type, events: events((r as Record<string, unknown>).events) });
    }
    const rawVersions = (a as Record<string, unknown>).versions;
    const versions = Array.isArray(rawVersions)
      ? rawVersions.filter((v): v is string | number => typeof v === 'string' || typeof v === 'number').map(String)
      : [];
    affected.push({ ecosystem, name: canonicalName(ecosystem, name), ranges, versions });
  }
  if (affected.length === 0) return undefined;
  const aliases = Array.isArray(rec.aliases) ? rec.aliases.filter((x): x is string => typeof x === 'string') : [];
  const refs = Array.isArray(rec.references) ? rec.references : [];
  const references = refs
    .map((r) => str((r as Record<string, unknown> | null)?.url))
    .filter((u): u is string => u !== undefined)
    .slice(0, 5);
  return { id, aliases, summary: summaryOf(rec), ...severityOf(rec), affected, references };
}

/** The versions that fix an advisory for one package, from its `fixed` events. */
export function fixedVersions(pkg: AffectedPackage): string[] {
  const out: string[] = [];
  for (const r of pkg.ranges) for (const e of r.events) if ('fixed' in e) out.push(e.fixed);
  return [...new Set(out)];
}
