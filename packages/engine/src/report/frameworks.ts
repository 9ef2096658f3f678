// Framework mappings as reporters show them: stable "key/id" tags (SARIF, HTML filters) and short
// labels for people (table).
import { FRAMEWORK_KEYS, type FrameworkKey, type FrameworkMapping } from '@rampart/core';

/** `owasp-llm-2025/LLM03`, `cwe/CWE-502`, ... in catalog-key order, ids as given. */
export function frameworkTags(m: FrameworkMapping): string[] {
  const out: string[] = [];
  for (const key of FRAMEWORK_KEYS) for (const id of m[key] ?? []) out.push(`${key}/${id}`);
  return out;
}

// Ids that do not say which framework they belong to get a short prefix.
const SHORT_PREFIX: Record<FrameworkKey, string> = {
  'owasp-llm-2025': '',
  'owasp-agentic': '',
  'mitre-atlas': '',
  'nist-ai-rmf': 'NIST ',
  'eu-ai-act': 'EU AI Act ',
  'iso-42001': 'ISO 42001 ',
  cwe: '',
};

/** `LLM03, AML.T0010, NIST MAP 1.1, CWE-502` for one finding. */
export function frameworkLabels(m: FrameworkMapping): string[] {
  const out: string[] = [];
  for (const key of FRAMEWORK_KEYS) for (const id of m[key] ?? []) out.push(`${SHORT_PREFIX[key]}${id}`);
  return out;
}

export const FRAMEWORK_TITLES: Record<FrameworkKey, string> = {
  'owasp-llm-2025': 'OWASP Top 10 for LLM Applications 2025',
  'owasp-agentic': 'OWASP Top 10 for Agentic Applications',
  'mitre-atlas': 'MITRE ATLAS',
  'nist-ai-rmf': 'NIST AI RMF',
  'eu-ai-act': 'EU AI Act',
  'iso-42001': 'ISO/IEC 42001',
  cwe: 'CWE',
};
