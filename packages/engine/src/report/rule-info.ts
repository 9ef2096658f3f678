// What reporters know about a rule: from the catalog when it has the rule, otherwise described
// from the finding itself (a finding must never vanish from a report because its rule is unknown).
import type { Finding, FrameworkMapping, Maturity, Rule, Severity } from '@rampart/core';
import { cmpStr } from './order.js';

export interface RuleInfo {
  id: string;
  title: string;
  description: string;
  severity: Severity;
  remediation: string;
  references: string[];
  frameworks: FrameworkMapping;
  maturity: Maturity | undefined;
  tags: string[];
  /** True when the catalog did not have the rule. */
  fromFinding: boolean;
}

/** The rules the findings reference, sorted by id; catalog entries found by id or alias. */
export function referencedRules(findings: readonly Finding[], catalog: readonly Rule[] = []): RuleInfo[] {
  const byId = new Map<string, Rule>();
  for (const r of catalog) {
    byId.set(r.id, r);
    for (const a of r.aliases ?? []) if (!byId.has(a)) byId.set(a, r);
  }
  const out = new Map<string, RuleInfo>();
  for (const f of findings) {
    if (out.has(f.ruleId)) continue;
    const r = byId.get(f.ruleId);
    out.set(
      f.ruleId,
      r
        ? {
            id: f.ruleId,
            title: r.title,
            description: r.description,
            severity: r.severity,
            remediation: r.remediation,
            references: [...r.references],
            frameworks: r.frameworks,
            maturity: r.maturity,
            tags: [...(r.tags ?? [])],
            fromFinding: false,
          }
        : {
            id: f.ruleId,
            title: f.title,
            description: f.title,
            severity: f.severity,
            remediation: f.remediation,
            references: [],
            frameworks: f.frameworks,
            maturity: undefined,
            tags: [],
            fromFinding: true,
          },
    );
  }
  return [...out.values()].sort((a, b) => cmpStr(a.id, b.id));
}
