// CVSS v3.x base score from a vector string (FIRST CVSS v3.1 specification, section 7), and the
// qualitative band it falls in. Used to give an advisory finding the advisory's own severity.
import type { Severity } from '@rampart/core';

const AV: Record<string, number> = { N: 0.85, A: 0.62, L: 0.55, P: 0.2 };
const AC: Record<string, number> = { L: 0.77, H: 0.44 };
const PR_U: Record<string, number> = { N: 0.85, L: 0.62, H: 0.27 };
const PR_C: Record<string, number> = { N: 0.85, L: 0.68, H: 0.5 };
const UI: Record<string, number> = { N: 0.85, R: 0.62 };
const CIA: Record<string, number> = { H: 0.56, L: 0.22, N: 0 };

/** The specification's Roundup: smallest one-decimal number >= x, robust to float error. */
function roundUp(x: number): number {
  const i = Math.round(x * 100000);
  return i % 10000 === 0 ? i / 100000 : (Math.floor(i / 10000) + 1) / 10;
}

/** Base score 0.0-10.0 of a `CVSS:3.x/AV:N/...` vector, or undefined when it is not one. */
export function cvss3BaseScore(vector: string): number | undefined {
  if (!/^CVSS:3\.[01]\//.test(vector) || vector.length > 200) return undefined;
  const m: Record<string, string> = {};
  for (const part of vector.split('/').slice(1)) {
    const [k, v] = part.split(':');
    if (k !== undefined && v !== undefined) m[k] = v;
  }
  // Own keys only: a metric value "constructor" is unknown, not Object.prototype's (a NaN score).
  const get = (t: Record<string, number>, k: string | undefined) =>
    k !== undefined && Object.hasOwn(t, k) ? t[k] : undefined;
  const scope = m.S;
  const av = get(AV, m.AV);
  const ac = get(AC, m.AC);
  const pr = get(scope === 'C' ? PR_C : PR_U, m.PR);
  const ui = get(UI, m.UI);
  const c = get(CIA, m.C);
  const i = get(CIA, m.I);
  const a = get(CIA, m.A);
  if ([av, ac, pr, ui, c, i, a].some((x) => x === undefined) || (scope !== 'U' && scope !== 'C')) return undefined;
  const iss = 1 - (1 - c!) * (1 - i!) * (1 - a!);
  const impact = scope === 'U' ? 6.42 * iss : 7.52 * (iss - 0.029) - 3.25 * (iss - 0.02) ** 15;
  const exploitability = 8.22 * av! * ac! * pr! * ui!;
  if (impact <= 0) return 0;
  return scope === 'U'
    ? roundUp(Math.min(impact + exploitability, 10))
    : roundUp(Math.min(1.08 * (impact + exploitability), 10));
}

export function severityOfScore(score: number): Severity {
  if (score >= 9) return 'critical';
  if (score >= 7) return 'high';
  if (score >= 4) return 'medium';
  if (score > 0) return 'low';
  return 'info';
}

/** GitHub/OSV database_specific labels: CRITICAL, HIGH, MODERATE, MEDIUM, LOW. */
export function severityOfLabel(label: string): Severity | undefined {
  switch (label.trim().toUpperCase()) {
    case 'CRITICAL':
      return 'critical';
    case 'HIGH':
      return 'high';
    case 'MODERATE':
    case 'MEDIUM':
      return 'medium';
    case 'LOW':
      return 'low';
    default:
      return undefined;
  }
}
