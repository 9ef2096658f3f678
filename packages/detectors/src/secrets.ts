// Credential detection: one implementation shared by the runtime pipeline (text in flight) and
// the static scanner (`secretsFileDetector`). The provider patterns are data in ./secret-patterns/;
// this module runs them. Patterns carry a fixed prefix or a named assignment so matching starts
// rarely, and a literal hint so a regex runs only when its prefix occurs; every quantifier is
// bounded, so matching is linear in the input length.
import { redactSecret } from '@rampart/core';
import { looksLikePlaceholder, shannonEntropy } from './entropy.js';
import { LiteralIndex } from './literal-index.js';
import { PATTERNS, type SecretKind } from './secret-patterns/index.js';
import { lettersAndDigits } from './secret-patterns/pattern.js';

export type { SecretKind } from './secret-patterns/index.js';

export interface SecretMatch {
  /** e.g. "openai", "anthropic", "aws-access-key-id". */
  provider: string;
  kind: SecretKind;
  /** Static-scan rule id under rules/secret/. */
  ruleId: string;
  start: number;
  end: number;
  /** The raw credential. Callers must never print it: use `redacted`. */
  value: string;
  redacted: string;
  /** 0..1: provider patterns with a checksum-like prefix score high, entropy guesses lower. */
  confidence: number;
}

const RULE_BY_KIND: Record<SecretKind, string> = {
  'ai-provider': 'secret-ai-provider-key',
  'service-token': 'secret-service-token',
  'private-key': 'secret-private-key',
  'high-entropy': 'secret-high-entropy-assignment',
};

// Generic `*_API_KEY = "…"` / `"token": "…"` with a high-entropy value, for providers we have no
// pattern for. Lower confidence; reported under its own incubating rule.
const GENERIC =
  /(?:api[_-]?key|apikey|secret[_-]?key|access[_-]?token|auth[_-]?token|client[_-]?secret|bearer)[A-Za-z0-9_.-]{0,20}["']?[ \t]{0,4}(?::=|=>|[:=])[ \t]{0,4}["'`]?([A-Za-z0-9_+/=.-]{20,200})(?![A-Za-z0-9_+/=.-])/gi;
const HINTS = new LiteralIndex(PATTERNS.flatMap((p) => p.hints));
/** For each hint, the indexes of the patterns it gates: a call looks up only the hints present. */
const BY_HINT = new Map<string, number[]>();
PATTERNS.forEach((p, i) => {
  for (const h of p.hints) {
    const list = BY_HINT.get(h);
    if (list === undefined) BY_HINT.set(h, [i]);
    else if (!list.includes(i)) list.push(i);
  }
});
// Whether GENERIC can match: one of its words in any case. Same case-insensitive matching as
// GENERIC itself, and cheaper than lower-casing a copy of the text.
const GENERIC_WORDS = /api|key|secret|token|bearer/i;

/** Indexes of the patterns gated by the hints present, in table order (ties resolve as before). */
function patternsToRun(present: Set<string>): number[] {
  if (present.size === 0) return [];
  const run = new Set<number>();
  for (const h of present) for (const i of BY_HINT.get(h) ?? []) run.add(i);
  return [...run].sort((a, b) => a - b);
}

/** Keep a match unless its random part looks like a placeholder. */
function plausible(value: string, randomFrom: number): boolean {
  return !looksLikePlaceholder(value.slice(randomFrom));
}

/**
 * All credentials in `text`, sorted by start offset, overlaps resolved in favour of the most
 * specific (highest-confidence, then longest) match. Placeholders are not reported.
 */
export function findSecrets(text: string): SecretMatch[] {
  const found: SecretMatch[] = [];
  for (const i of patternsToRun(HINTS.present(text))) {
    const p = PATTERNS[i]!;
    p.re.lastIndex = 0;
    for (let m = p.re.exec(text); m !== null; m = p.re.exec(text)) {
      const g = p.group ?? 0;
      const value = m[g];
      if (value === undefined) continue;
      const start = g === 0 ? m.index : m.index + m[0].lastIndexOf(value);
      if (p.kind !== 'private-key' && !plausible(value, p.randomFrom ?? 0)) continue;
      if (p.check !== undefined && !p.check(value, m)) continue;
      found.push(make(p.provider, p.kind, start, value, p.confidence));
    }
  }
  if (GENERIC_WORDS.test(text)) {
    GENERIC.lastIndex = 0;
    for (let m = GENERIC.exec(text); m !== null; m = GENERIC.exec(text)) {
      const value = m[1];
      if (value === undefined) continue;
      if (looksLikePlaceholder(value, 4) || shannonEntropy(value) < 4) continue;
      if (!lettersAndDigits(value)) continue;
      const start = m.index + m[0].lastIndexOf(value);
      found.push(make('generic', 'high-entropy', start, value, 0.6));
    }
  }
  return resolveOverlaps(found);
}

function make(provider: string, kind: SecretKind, start: number, value: string, confidence: number): SecretMatch {
  return {
    provider,
    kind,
    ruleId: RULE_BY_KIND[kind],
    start,
    end: start + value.length,
    value,
    redacted: redactSecret(value),
    confidence,
  };
}

function resolveOverlaps(ms: SecretMatch[]): SecretMatch[] {
  ms.sort((a, b) => b.confidence - a.confidence || b.end - b.start - (a.end - a.start));
  const kept: SecretMatch[] = [];
  for (const m of ms) {
    if (kept.some((k) => m.start < k.end && k.start < m.end)) continue;
    kept.push(m);
  }
  return kept.sort((a, b) => a.start - b.start);
}
