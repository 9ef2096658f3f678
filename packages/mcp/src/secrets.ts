// Secret spotting for MCP configs: values of env vars, args, headers and URLs. Uses the shared
// `findSecrets` from @rampart/detectors plus local provider patterns and config-specific signals (a
// secret-looking env/header name holding a non-placeholder value). Output is always redacted.
import { redactSecret } from '@rampart/core';
import { findSecrets } from '@rampart/detectors';

export interface SecretHit {
  /** The raw value: callers must only ever print `redacted`. */
  value: string;
  redacted: string;
  kind: string;
}

/** Provider token shapes also checked locally (config-specific, e.g. GitLab, JWT). Linear regexes only. */
const PATTERNS: Array<[string, RegExp]> = [
  ['anthropic-api-key', /sk-ant-[A-Za-z0-9_-]{20,200}/g],
  ['openai-api-key', /sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,200}/g],
  ['github-token', /(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255}/g],
  ['aws-access-key-id', /\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/g],
  ['slack-token', /xox[abposr]-[A-Za-z0-9-]{10,200}/g],
  ['stripe-key', /\b[rs]k_live_[A-Za-z0-9]{16,200}/g],
  ['google-api-key', /\bAIza[0-9A-Za-z_-]{35}\b/g],
  ['huggingface-token', /\bhf_[A-Za-z0-9]{30,100}\b/g],
  ['groq-api-key', /\bgsk_[A-Za-z0-9]{40,100}\b/g],
  ['gitlab-token', /\bglpat-[A-Za-z0-9_-]{20,100}\b/g],
  ['private-key', /-----BEGIN (?:[A-Z]+ )?PRIVATE KEY-----/g],
  ['jwt', /\beyJ[A-Za-z0-9_-]{10,2000}\.eyJ[A-Za-z0-9_-]{10,4000}\.[A-Za-z0-9_-]{10,2000}/g],
];

const SECRET_NAME =
  /(?:^|[_-])(?:api[_-]?key|apikey|token|secret|password|passwd|pwd|auth|authorization|credential|private[_-]?key|access[_-]?key|client[_-]?secret|bearer)(?:$|[_-])/i;
const PLACEHOLDER =
  /^(?:<[^>]*>|\$\{[^}]*\}|\$[A-Z_][A-Z0-9_]*|\{\{[^}]*\}\}|%[A-Z_]+%|\[[^\]]*\]|your[-_ ].*|.*(?:your|xxx|placeholder|example|changeme|redacted|dummy|replace|insert|here|todo|<|>).*|x+|\*+|\.+|test|none|null|true|false|env:.*|op:\/\/.*)$/i;

/** Shannon entropy in bits per character. */
function entropy(s: string): number {
  const counts = new Map<string, number>();
  for (const c of s) counts.set(c, (counts.get(c) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) {
    const p = n / s.length;
    h -= p * Math.log2(p);
  }
  return h;
}

export function isPlaceholder(value: string): boolean {
  const v = value.trim();
  return v.length < 8 || PLACEHOLDER.test(v);
}

/** Secrets in free text (an arg, a URL, a header value). */
export function secretsInText(text: string): SecretHit[] {
  if (text.length > 64 * 1024) text = text.slice(0, 64 * 1024);
  const hits = new Map<string, SecretHit>();
  try {
    for (const m of findSecrets(text)) {
      if (!isPlaceholder(m.value))
        hits.set(m.value, { value: m.value, redacted: redactSecret(m.value), kind: m.provider });
    }
  } catch {
    // A failing shared detector must not hide config-specific hits: the local patterns below still run.
  }
  for (const [kind, re] of PATTERNS) {
    re.lastIndex = 0;
    for (const m of text.matchAll(re)) {
      const value = m[0];
      if (!isPlaceholder(value) && ![...hits.keys()].some((k) => k.includes(value))) {
        hits.set(value, { value, redacted: redactSecret(value), kind });
      }
    }
  }
  return [...hits.values()];
}

/** A named value (env var, header): flagged when the name says secret and the value is a real one. */
export function secretInNamedValue(name: string, value: string): SecretHit | undefined {
  const inText = secretsInText(value)[0];
  if (inText) return inText;
  if (!SECRET_NAME.test(name)) return undefined;
  let v = value.trim();
  const bearer = /^(?:bearer|token|basic)\s+(.+)$/i.exec(v);
  if (bearer) v = bearer[1]!.trim();
  if (isPlaceholder(v) || v.length < 12 || /\s/.test(v)) return undefined;
  // Paths and URLs in a *_TOKEN var are usually token files or endpoints, not tokens.
  if (/^(?:[~./]|[A-Za-z]:\\|https?:\/\/)/.test(v)) return undefined;
  if (entropy(v) < 3) return undefined;
  return { value: v, redacted: redactSecret(v), kind: 'credential' };
}
