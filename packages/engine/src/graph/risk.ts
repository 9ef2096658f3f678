// Contextual risk score 0..100 for a finding: its severity, raised when its asset is reachable from
// the internet, reached by sensitive data, or holds dangerous capabilities. The weights are simple
// and documented so a reviewer can recompute any score by hand.
import type { Severity } from '@rampart/core';
import { DANGEROUS_CAPABILITIES, type RiskFactors } from './context.js';

const BASE: Record<Severity, number> = { critical: 80, high: 60, medium: 40, low: 20, info: 5 };
export const RISK_WEIGHTS = { exposed: 10, sensitive: 8, privileged: 8 } as const;

export function riskScore(severity: Severity, f: RiskFactors | undefined): number {
  let score = BASE[severity];
  if (f) {
    if (f.exposed) score += RISK_WEIGHTS.exposed;
    if (f.sensitivity.length > 0) score += RISK_WEIGHTS.sensitive;
    if (f.capabilities.some((c) => DANGEROUS_CAPABILITIES.has(c))) score += RISK_WEIGHTS.privileged;
  }
  // Context raises a finding within its band's reach but never lifts an info note into the critical range.
  return Math.min(severity === 'info' ? 30 : 100, score);
}

/** Human-readable reasons for a score, for evidence and reports. */
export function riskReasons(f: RiskFactors | undefined): string[] {
  if (!f) return [];
  const out: string[] = [];
  if (f.exposed) out.push('reachable from the internet');
  if (f.sensitivity.length > 0) out.push(`sensitive data reaches it (${f.sensitivity.join(', ')})`);
  const dangerous = f.capabilities.filter((c) => DANGEROUS_CAPABILITIES.has(c));
  if (dangerous.length > 0) out.push(`can exercise ${dangerous.join(', ')}`);
  return out;
}
