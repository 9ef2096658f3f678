// Is an installed version affected by an OSV `affected` entry? PEP 440 ordering for PyPI,
// semver for npm (and SEMVER ranges). Also: can a version *range* (an unpinned spec) admit an
// affected version, which the unpinned-package finding reports instead of guessing.
import semver from 'semver';
import type { Ecosystem } from '../packages/ai-package-table.js';
import { parseClause } from '../packages/pep508.js';
import type { AffectedPackage, AffectedRange, RangeEvent } from './osv.js';
import { compareVersionStrings, parsePep440, satisfiesClause } from './pep440.js';

type Compare = (a: string, b: string) => number | undefined;

function comparatorFor(ecosystem: Ecosystem, range: AffectedRange): Compare {
  if (ecosystem === 'PyPI' && range.type === 'ECOSYSTEM') return compareVersionStrings;
  return (a, b) => {
    const x = semver.valid(a, { loose: true });
    const y = semver.valid(b, { loose: true });
    return x === null || y === null ? undefined : semver.compare(x, y);
  };
}

function eventVersion(e: RangeEvent): string {
  if ('introduced' in e) return e.introduced;
  if ('fixed' in e) return e.fixed;
  if ('last_affected' in e) return e.last_affected;
  return e.limit;
}

/** Version order of an ecosystem (undefined when either side is unreadable). */
export function versionComparator(ecosystem: Ecosystem): Compare {
  return comparatorFor(ecosystem, { type: ecosystem === 'PyPI' ? 'ECOSYSTEM' : 'SEMVER', events: [] });
}

/** OSV range evaluation: walk the events in version order; the last event at or below v decides. */
export function inRange(ecosystem: Ecosystem, version: string, range: AffectedRange): boolean | undefined {
  const cmp = comparatorFor(ecosystem, range);
  if (cmp(version, version) === undefined) return undefined;
  const zero = (e: RangeEvent) => 'introduced' in e && e.introduced === '0';
  const usable = range.events.filter((e) => zero(e) || cmp(eventVersion(e), eventVersion(e)) !== undefined);
  usable.sort((a, b) => (zero(a) ? -1 : zero(b) ? 1 : (cmp(eventVersion(a), eventVersion(b)) ?? 0)));
  let affected = false;
  for (const e of usable) {
    if ('introduced' in e) {
      if (zero(e) || (cmp(version, e.introduced) ?? -1) >= 0) affected = true;
    } else if ('fixed' in e) {
      if ((cmp(version, e.fixed) ?? -1) >= 0) affected = false;
    } else if ('last_affected' in e) {
      if ((cmp(version, e.last_affected) ?? -1) > 0) affected = false;
    } else if ((cmp(version, e.limit) ?? -1) >= 0) affected = false;
  }
  return affected;
}

/** True when `version` is affected; undefined when the version cannot be read in this ecosystem. */
export function isAffected(ecosystem: Ecosystem, version: string, pkg: AffectedPackage): boolean | undefined {
  const valid = ecosystem === 'PyPI' ? parsePep440(version) !== undefined : semver.valid(version) !== null;
  if (!valid) return undefined;
  const eq = (a: string) =>
    ecosystem === 'PyPI' ? compareVersionStrings(a, version) === 0 : semver.valid(a, { loose: true }) === version;
  if (pkg.versions.some(eq)) return true;
  return pkg.ranges.some((r) => inRange(ecosystem, version, r) === true);
}

function pypiSatisfies(version: string, spec: string): boolean {
  const v = parsePep440(version);
  if (v === undefined) return false;
  for (const clause of spec.split(',')) {
    if (clause.trim() === '') continue;
    const parsed = parseClause(clause);
    if (parsed === undefined) return false;
    if (satisfiesClause(v, parsed[0], parsed[1]) === false) return false;
  }
  return true;
}

/** The intervals of a range as [lower, upper, upperInclusive]; lower '0' means from the start. */
function intervals(range: AffectedRange, cmp: Compare): Array<[string, string | undefined, boolean]> {
  const sorted = [...range.events].sort((a, b) =>
    'introduced' in a && a.introduced === '0' ? -1 : (cmp(eventVersion(a), eventVersion(b)) ?? 0),
  );
  const out: Array<[string, string | undefined, boolean]> = [];
  let open: string | undefined;
  for (const e of sorted) {
    if ('introduced' in e) open ??= e.introduced;
    else if (open !== undefined) {
      out.push([open, eventVersion(e), 'last_affected' in e]);
      open = undefined;
    }
  }
  if (open !== undefined) out.push([open, undefined, false]);
  return out;
}

/**
 * Does an unpinned spec admit at least one affected version? For npm this is exact
 * (semver.intersects per affected interval). For PyPI, two unions of intervals meet iff the larger
 * of some pair of lower bounds lies in both, so the candidates are the advisory's lower bounds, the
 * spec's lower bounds (an exclusive bound nudged up by one release segment) and listed versions.
 * An unreadable spec counts as admitting (true): we must not call an unknown "safe".
 */
export function specAdmitsAffected(ecosystem: Ecosystem, spec: string, pkg: AffectedPackage): boolean {
  if (ecosystem === 'npm') {
    const range = semver.validRange(spec === '' ? '*' : spec, { loose: true });
    if (range === null) return true;
    if (pkg.versions.some((v) => semver.valid(v) !== null && semver.satisfies(v, range))) return true;
    return pkg.ranges.some((r) =>
      intervals(r, comparatorFor('npm', r)).some(([lo, hi, incl]) => {
        const lower = lo === '0' ? '>=0.0.0-0' : `>=${lo}`;
        const upper = hi === undefined ? '' : incl ? ` <=${hi}` : ` <${hi}`;
        const affected = semver.validRange(`${lower}${upper}`, { loose: true });
        return affected !== null && semver.intersects(range, affected, { loose: true, includePrerelease: true });
      }),
    );
  }
  const candidates = new Set<string>(pkg.versions);
  candidates.add('0');
  for (const r of pkg.ranges) for (const e of r.events) if ('introduced' in e) candidates.add(e.introduced);
  for (const clause of spec.split(',')) {
    if (clause.trim() === '') continue;
    const parsed = parseClause(clause);
    if (parsed === undefined) return true;
    const [op, v] = parsed;
    if (op === '>=' || op === '~=' || op === '==' || op === '===') candidates.add(v.replace(/\.\*$/, ''));
    else if (op === '>') candidates.add(`${v}.1`);
  }
  for (const c of candidates) if (pypiSatisfies(c, spec) && isAffected('PyPI', c, pkg) === true) return true;
  return false;
}
