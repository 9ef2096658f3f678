// Credential detection: one implementation shared by the runtime pipeline (text in flight) and
// the static scanner (`secretsFileDetector`). Provider patterns carry a fixed prefix so matching
// starts rarely; every quantifier is bounded, so matching is linear in the input length.
import { redactSecret } from '@rampart/core';
import { looksLikePlaceholder, shannonEntropy } from './entropy.js';
import { LiteralIndex } from './literal-index.js';

export type SecretKind = 'ai-provider' | 'service-token' | 'private-key' | 'high-entropy';

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

interface Pattern {
  provider: string;
  kind: SecretKind;
  re: RegExp;
  /** Capture group holding the secret (0 = whole match). */
  group?: number;
  /** Part of the secret that should look random (after a fixed prefix). */
  randomFrom?: number;
  confidence: number;
  /** Cheap literal pre-check: skip the regex when none of these substrings is present. */
  hints: string[];
  /** Extra validation of the captured value (after the placeholder check). */
  check?: (value: string, m: RegExpExecArray) => boolean;
}

const RULE_BY_KIND: Record<SecretKind, string> = {
  'ai-provider': 'secret-ai-provider-key',
  'service-token': 'secret-service-token',
  'private-key': 'secret-private-key',
  'high-entropy': 'secret-high-entropy-assignment',
};

// Assignment context for providers whose keys have no prefix: `<name containing kw> = "value"`.
// Key name and value are bounded; the separator allows JSON, YAML, env, shell and code styles.
function keyed(kw: string, value: string): RegExp {
  return new RegExp(
    `(?:${kw})[A-Za-z0-9_.-]{0,30}["']?[ \\t]{0,4}(?::=|=>|[:=])[ \\t]{0,4}["'\`]?(${value})(?![A-Za-z0-9_-])`,
    'gi',
  );
}

const PATTERNS: Pattern[] = [
  // OpenAI: project/service/admin keys, and legacy keys with the "T3BlbkFJ" marker.
  {
    provider: 'openai',
    kind: 'ai-provider',
    re: /\bsk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{40,300}/g,
    randomFrom: 8,
    confidence: 0.95,
    hints: ['sk-'],
  },
  {
    provider: 'openai',
    kind: 'ai-provider',
    re: /\bsk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}\b/g,
    randomFrom: 3,
    confidence: 0.99,
    hints: ['T3BlbkFJ'],
  },
  // Anthropic: 93 characters after the kind tag, always ending in "AA".
  {
    provider: 'anthropic',
    kind: 'ai-provider',
    re: /\bsk-ant-(?:api|admin|sid)\d{2}-[A-Za-z0-9_-]{93}AA(?![A-Za-z0-9_-])/g,
    randomFrom: 14,
    confidence: 0.99,
    hints: ['sk-ant-'],
  },
  // Amazon Bedrock long-lived API keys: "ABSK" + base64 of "BedrockAPIKey-…".
  // Both this and the Facebook EAA token below refuse matches inside a longer base64 run (images
  // embedded in notebooks and HTML), where the prefix occurs by chance.
  {
    provider: 'aws-bedrock',
    kind: 'ai-provider',
    re: /(?<![A-Za-z0-9+/])ABSKQmVkcm9ja0FQSUtleS[A-Za-z0-9+/]{82,282}={0,2}/g,
    randomFrom: 4,
    confidence: 0.95,
    hints: ['ABSK'],
  },
  // Legacy 48-char OpenAI keys: prefix only, so require entropy.
  {
    provider: 'openai',
    kind: 'ai-provider',
    re: /\bsk-[A-Za-z0-9]{48}\b/g,
    randomFrom: 3,
    confidence: 0.85,
    hints: ['sk-'],
  },
  {
    provider: 'huggingface',
    kind: 'ai-provider',
    re: /\b(?:hf|api_org)_[A-Za-z]{34}\b/g,
    randomFrom: 3,
    confidence: 0.95,
    hints: ['hf_', 'api_org_'],
  },
  {
    provider: 'google-ai',
    kind: 'ai-provider',
    re: /\bAIza[0-9A-Za-z_-]{35}(?![A-Za-z0-9_-])/g,
    randomFrom: 4,
    confidence: 0.95,
    hints: ['AIza'],
  },
  {
    provider: 'groq',
    kind: 'ai-provider',
    re: /\bgsk_[A-Za-z0-9]{52}\b/g,
    randomFrom: 4,
    confidence: 0.98,
    hints: ['gsk_'],
  },
  {
    provider: 'replicate',
    kind: 'ai-provider',
    re: /\br8_[A-Za-z0-9]{37}\b/g,
    randomFrom: 3,
    confidence: 0.95,
    hints: ['r8_'],
  },
  {
    provider: 'xai',
    kind: 'ai-provider',
    re: /\bxai-[A-Za-z0-9]{70,90}\b/g,
    randomFrom: 4,
    confidence: 0.95,
    hints: ['xai-'],
  },
  {
    provider: 'perplexity',
    kind: 'ai-provider',
    re: /\bpplx-[A-Za-z0-9]{48}\b/g,
    randomFrom: 5,
    confidence: 0.95,
    hints: ['pplx-'],
  },
  {
    provider: 'pinecone',
    kind: 'ai-provider',
    re: /\bpcsk_[A-Za-z0-9]{4,10}_[A-Za-z0-9]{40,80}\b/g,
    randomFrom: 5,
    confidence: 0.98,
    hints: ['pcsk_'],
  },
  {
    provider: 'together',
    kind: 'ai-provider',
    re: /\btgp_v1_[A-Za-z0-9_-]{40,48}(?![A-Za-z0-9_-])/g,
    randomFrom: 7,
    confidence: 0.98,
    hints: ['tgp_v1_'],
  },
  {
    provider: 'cohere',
    kind: 'ai-provider',
    re: keyed('cohere|co_api', '[A-Za-z0-9]{40}'),
    group: 1,
    confidence: 0.85,
    hints: ['cohere', 'co_api', 'COHERE', 'CO_API', 'Cohere'],
  },
  {
    provider: 'mistral',
    kind: 'ai-provider',
    re: keyed('mistral', '[A-Za-z0-9]{32}'),
    group: 1,
    confidence: 0.85,
    hints: ['mistral', 'MISTRAL', 'Mistral'],
  },
  {
    provider: 'together',
    kind: 'ai-provider',
    re: keyed('together', '[a-f0-9]{64}'),
    group: 1,
    confidence: 0.85,
    hints: ['together', 'TOGETHER', 'Together'],
  },
  {
    provider: 'pinecone',
    kind: 'ai-provider',
    re: keyed('pinecone', '[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}'),
    group: 1,
    confidence: 0.8,
    hints: ['pinecone', 'PINECONE', 'Pinecone'],
  },
  {
    provider: 'wandb',
    kind: 'ai-provider',
    re: keyed('wandb|weights_?and_?biases', '[a-f0-9]{40}'),
    group: 1,
    confidence: 0.85,
    hints: ['wandb', 'WANDB', 'weights', 'WEIGHTS', 'Wandb'],
  },
  {
    provider: 'deepseek',
    kind: 'ai-provider',
    re: keyed('deepseek', 'sk-[a-f0-9]{32}'),
    group: 1,
    confidence: 0.85,
    hints: ['deepseek', 'DEEPSEEK', 'DeepSeek'],
  },
  // Non-AI services that commonly sit next to AI keys.
  {
    provider: 'aws-access-key-id',
    kind: 'service-token',
    re: /\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}\b/g,
    randomFrom: 4,
    confidence: 0.9,
    hints: ['AKIA', 'ASIA', 'ABIA', 'ACCA'],
  },
  {
    provider: 'aws-secret-access-key',
    kind: 'service-token',
    re: keyed('aws_?secret_?access_?key|aws_?secret', '[A-Za-z0-9/+=]{40}'),
    group: 1,
    confidence: 0.9,
    hints: ['aws', 'AWS', 'Aws'],
  },
  {
    provider: 'github',
    kind: 'service-token',
    re: /\bgh[pousr]_[A-Za-z0-9]{36,251}\b/g,
    randomFrom: 4,
    confidence: 0.98,
    hints: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_'],
  },
  {
    provider: 'github',
    kind: 'service-token',
    re: /\bgithub_pat_[A-Za-z0-9_]{82}\b/g,
    randomFrom: 11,
    confidence: 0.98,
    hints: ['github_pat_'],
  },
  {
    provider: 'slack',
    kind: 'service-token',
    re: /\bxox[abeoprs]-(?:\d{1,20}-){1,3}[A-Za-z0-9-]{10,200}/g,
    randomFrom: 5,
    confidence: 0.95,
    hints: ['xox'],
  },
  {
    provider: 'slack-webhook',
    kind: 'service-token',
    re: /https:\/\/hooks\.slack\.com\/(?:services|workflows)\/[A-Za-z0-9+/]{30,120}/g,
    randomFrom: 32,
    confidence: 0.95,
    hints: ['hooks.slack.com'],
  },
  {
    provider: 'stripe',
    kind: 'service-token',
    re: /\b(?:sk|rk)_(?:live|test|prod)_[A-Za-z0-9]{20,247}\b/g,
    randomFrom: 8,
    confidence: 0.95,
    hints: ['sk_', 'rk_'],
  },
  // GitHub classic, OAuth, user-to-server, server-to-server and refresh tokens are above; GitLab:
  // personal, project, group and deploy tokens, runner, trigger, feed and OAuth secrets. Newer
  // "routable" tokens append ".<version><base36>" segments.
  {
    provider: 'gitlab',
    kind: 'service-token',
    re: /\bgl(?:pat|ptt|rt|dt|ft|soat|cbt|imt|oas|agent|rtr)-[A-Za-z0-9_-]{20,300}(?:\.[A-Za-z0-9]{2,40}){0,2}(?![A-Za-z0-9_-])/g,
    randomFrom: 6,
    confidence: 0.95,
    hints: [
      'glpat-',
      'glptt-',
      'glrt-',
      'gldt-',
      'glft-',
      'glsoat-',
      'glcbt-',
      'glimt-',
      'gloas-',
      'glagent-',
      'glrtr-',
    ],
  },
  {
    provider: 'gitlab',
    kind: 'service-token',
    re: /\bGR1348941[A-Za-z0-9_-]{20,40}(?![A-Za-z0-9_-])/g,
    randomFrom: 9,
    confidence: 0.95,
    hints: ['GR1348941'],
  },
  // Slack app-level tokens and configuration (access and refresh) tokens.
  {
    provider: 'slack',
    kind: 'service-token',
    re: /\bxapp-\d-[A-Z0-9]{8,14}-\d{8,16}-[a-z0-9]{40,80}\b/g,
    randomFrom: 5,
    confidence: 0.95,
    hints: ['xapp-'],
  },
  {
    provider: 'slack',
    kind: 'service-token',
    re: /\bxoxe(?:\.xox[bp])?-\d-[A-Za-z0-9]{100,300}\b/g,
    randomFrom: 7,
    confidence: 0.95,
    hints: ['xoxe'],
  },
  // Stripe webhook signing secrets.
  {
    provider: 'stripe',
    kind: 'service-token',
    re: /\bwhsec_[A-Za-z0-9]{32,80}\b/g,
    randomFrom: 6,
    confidence: 0.95,
    hints: ['whsec_'],
  },
  // Twilio API key SIDs ("SK" + 32 hex) and auth tokens next to the name.
  {
    provider: 'twilio',
    kind: 'service-token',
    re: /\bSK[0-9a-f]{32}\b/g,
    randomFrom: 2,
    confidence: 0.85,
    hints: ['SK'],
  },
  {
    provider: 'twilio',
    kind: 'service-token',
    re: keyed('twilio', '[a-f0-9]{32}'),
    group: 1,
    confidence: 0.85,
    hints: ['twilio', 'TWILIO', 'Twilio'],
  },
  {
    provider: 'sendgrid',
    kind: 'service-token',
    re: /\bSG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/g,
    randomFrom: 3,
    confidence: 0.98,
    hints: ['SG.'],
  },
  {
    provider: 'npm',
    kind: 'service-token',
    re: /\bnpm_[A-Za-z0-9]{36}\b/g,
    randomFrom: 4,
    confidence: 0.95,
    hints: ['npm_'],
  },
  // PyPI upload tokens are macaroons whose base64 starts with the "pypi.org" location.
  {
    provider: 'pypi',
    kind: 'service-token',
    re: /\bpypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,1000}/g,
    randomFrom: 22,
    confidence: 0.98,
    hints: ['pypi-AgEIcHlwaS5vcmc'],
  },
  {
    provider: 'databricks',
    kind: 'service-token',
    re: /\bdapi[a-f0-9]{32}(?:-\d)?\b/g,
    randomFrom: 4,
    confidence: 0.9,
    hints: ['dapi'],
  },
  // Azure storage account keys (88 base64 characters) in connection strings or settings.
  {
    provider: 'azure-storage',
    kind: 'service-token',
    re: /\bAccountKey\s{0,2}=\s{0,2}([A-Za-z0-9+/]{86}==)/g,
    group: 1,
    confidence: 0.95,
    hints: ['AccountKey'],
  },
  // Microsoft Entra ID (Azure AD) client secrets: three characters, a digit, "Q~", then 31-34.
  {
    provider: 'azure-ad-client-secret',
    kind: 'service-token',
    re: /(?<![A-Za-z0-9_~.-])[A-Za-z0-9_~.]{3}\dQ~[A-Za-z0-9_~.-]{31,34}(?![A-Za-z0-9_~.-])/g,
    randomFrom: 6,
    confidence: 0.9,
    hints: ['Q~'],
  },
  // 1Password service-account tokens (base64 JSON after "ops_") and account secret keys.
  {
    provider: '1password',
    kind: 'service-token',
    re: /\bops_eyJ[A-Za-z0-9+/]{250,4000}={0,3}/g,
    randomFrom: 7,
    confidence: 0.95,
    hints: ['ops_eyJ'],
  },
  {
    provider: '1password',
    kind: 'service-token',
    re: /\bA3-[A-Z0-9]{6}-(?:[A-Z0-9]{11}|[A-Z0-9]{6}-[A-Z0-9]{5})-[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5}\b/g,
    randomFrom: 3,
    confidence: 0.9,
    hints: ['A3-'],
  },
  // Facebook/Meta user and page access tokens, and "<app id>|<app secret>" app tokens near the name.
  {
    provider: 'facebook',
    kind: 'service-token',
    re: /(?<![A-Za-z0-9+/])EAA[A-Za-z0-9]{90,400}(?![A-Za-z0-9+/=])/g,
    randomFrom: 3,
    confidence: 0.85,
    hints: ['EAA'],
  },
  {
    provider: 'facebook',
    kind: 'service-token',
    re: /(?:facebook|fb)[A-Za-z0-9_ .-]{0,30}["']?[ \t]{0,4}[:=]?[ \t]{0,4}["']?(\d{15,16}\|[A-Za-z0-9_-]{27})(?![A-Za-z0-9_-])/gi,
    group: 1,
    randomFrom: 17,
    confidence: 0.85,
    hints: ['facebook', 'Facebook', 'FACEBOOK', 'fb', 'FB'],
  },
  // Credentials in HTTP requests: an Authorization header value, an API-key header passed to
  // curl, and a password passed with curl -u/--user.
  {
    provider: 'http-authorization',
    kind: 'service-token',
    re: /\bauthorization["']?[ \t]{0,4}[:=][ \t]{0,4}["']?(?:(bearer|token|api-token|basic|digest|bot)[ \t]{1,4})?([A-Za-z0-9+/=._~-]{8,2000})/gi,
    group: 2,
    confidence: 0.8,
    hints: ['uthorization', 'UTHORIZATION'],
    check: (value, m) => (/^basic$/i.test(m[1] ?? '') ? basicCredentials(value) : value.length >= 16 && mixed(value)),
  },
  {
    provider: 'http-api-key-header',
    kind: 'service-token',
    re: /(?:-H|--header)[ \t]{1,4}["']?[A-Za-z-]{0,30}(?:api-?key|token|secret)["']?[ \t]{0,2}:[ \t]{0,4}([A-Za-z0-9+/=._~-]{10,500})/gi,
    group: 1,
    confidence: 0.8,
    hints: ['-H', '-h', '--header', '--HEADER'],
    check: (value) => mixed(value),
  },
  {
    provider: 'curl-basic-auth',
    kind: 'service-token',
    re: /\bcurl\b(?:[^\n\\]|\\[\s\S]){0,300}?[ \t](?:-u|--user)[ \t]{1,4}["']?[^\s"':]{0,100}["']?:["']?([^\s"']{4,100})/g,
    group: 1,
    confidence: 0.75,
    hints: ['curl'],
    check: (value) => curlPasswordPlausible(value),
  },
  {
    provider: 'gcp-service-account',
    kind: 'private-key',
    re: /"private_key"[ \t]{0,4}:[ \t]{0,4}"(-----BEGIN PRIVATE KEY-----[A-Za-z0-9+/=\\ \r\n]{100,12000}-----END PRIVATE KEY-----(?:\\n)?)"/g,
    group: 1,
    confidence: 0.995,
    hints: ['"private_key"'],
  },
  {
    provider: 'private-key',
    kind: 'private-key',
    re: /-----BEGIN[ A-Z0-9]{0,30} PRIVATE KEY(?: BLOCK)?-----[\s\S]{32,12000}?-----END[ A-Z0-9]{0,30} PRIVATE KEY(?: BLOCK)?-----/g,
    confidence: 0.99,
    hints: ['PRIVATE KEY'],
  },
];

// Generic `*_API_KEY = "…"` / `"token": "…"` with a high-entropy value, for providers we have no
// pattern for. Lower confidence; reported under its own incubating rule.
const GENERIC =
  /(?:api[_-]?key|apikey|secret[_-]?key|access[_-]?token|auth[_-]?token|client[_-]?secret|bearer)[A-Za-z0-9_.-]{0,20}["']?[ \t]{0,4}(?::=|=>|[:=])[ \t]{0,4}["'`]?([A-Za-z0-9_+/=.-]{20,200})(?![A-Za-z0-9_+/=.-])/gi;
const HINTS = new LiteralIndex(PATTERNS.flatMap((p) => p.hints));
const GENERIC_HINTS = ['api', 'key', 'secret', 'token', 'bearer'];

/** Whether GENERIC can match: one of its words in any case (lower-casing + includes is cheaper than /…/i). */
function mayHaveGeneric(text: string): boolean {
  const lower = text.toLowerCase();
  return GENERIC_HINTS.some((h) => lower.includes(h));
}

/** Letters and digits mixed: code expressions ("authHeader.value") and words are not tokens. */
function mixed(value: string): boolean {
  return /[0-9]/.test(value) && /[A-Za-z]/.test(value);
}

/** A Basic authorization value that decodes to "user:password" with a non-trivial password. */
function basicCredentials(value: string): boolean {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(value)) return false;
  const decoded = Buffer.from(value, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon >= 0 && /^[\x20-\x7e]+$/.test(decoded) && !looksLikePlaceholder(decoded.slice(colon + 1), 2);
}

// Shell variables, templates and the usual stand-ins for a password in documentation.
const NOT_A_PASSWORD =
  /^\$|\$[{(]|[<>{}[\]*]|^(?:pass(?:word|wd)?|pwd|secret|token|test|changeme|user(?:name)?|[xy]+)$/i;

function curlPasswordPlausible(value: string): boolean {
  const v = value.replace(/["']+$/, '');
  return v.length >= 4 && !NOT_A_PASSWORD.test(v) && !looksLikePlaceholder(v, 2);
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
  const present = HINTS.present(text);
  for (const p of PATTERNS) {
    if (!p.hints.some((h) => present.has(h))) continue;
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
  if (mayHaveGeneric(text)) {
    GENERIC.lastIndex = 0;
    for (let m = GENERIC.exec(text); m !== null; m = GENERIC.exec(text)) {
      const value = m[1];
      if (value === undefined) continue;
      if (looksLikePlaceholder(value, 4) || shannonEntropy(value) < 4) continue;
      // Needs letters and digits mixed: pure words or pure numbers are not credentials.
      if (!/[0-9]/.test(value) || !/[A-Za-z]/.test(value)) continue;
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
