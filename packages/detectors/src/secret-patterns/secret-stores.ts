// Secret managers and infrastructure-as-code platforms: one leaked token opens many secrets.
import { keyed, type Pattern, spellings } from './pattern.js';

export const SECRET_STORES: Pattern[] = [
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
  // HashiCorp Vault (1.10 on): service "hvs.", batch "hvb." and recovery "hvr." tokens. Older
  // service tokens are "s." + 24 and are taken next to the name only.
  {
    provider: 'vault',
    kind: 'service-token',
    re: /\bhv[sbr]\.[A-Za-z0-9_-]{24,400}(?![A-Za-z0-9_-])/g,
    randomFrom: 4,
    confidence: 0.95,
    hints: ['hvs.', 'hvb.', 'hvr.'],
  },
  {
    provider: 'vault',
    kind: 'service-token',
    re: keyed('vault', 's\\.[A-Za-z0-9]{24}'),
    group: 1,
    randomFrom: 2,
    confidence: 0.85,
    hints: spellings('vault'),
  },
  // Doppler: "dp." + token type + "." + 40-44 letters and digits.
  {
    provider: 'doppler',
    kind: 'service-token',
    re: /\bdp\.(?:pt|st|sa|ct|scim|audit)\.[A-Za-z0-9]{40,44}\b/g,
    randomFrom: 6,
    confidence: 0.98,
    hints: ['dp.pt.', 'dp.st.', 'dp.sa.', 'dp.ct.', 'dp.scim.', 'dp.audit.'],
  },
  // HCP Terraform / Terraform Cloud API tokens: 14 + ".atlasv1." + 60-70.
  {
    provider: 'terraform-cloud',
    kind: 'service-token',
    re: /\b[A-Za-z0-9]{14}\.atlasv1\.[A-Za-z0-9_=-]{60,70}(?![A-Za-z0-9_=-])/g,
    confidence: 0.98,
    hints: ['.atlasv1.'],
  },
  // Pulumi access tokens: "pul-" + 40 hex.
  {
    provider: 'pulumi',
    kind: 'service-token',
    re: /\bpul-[a-f0-9]{40}\b/g,
    randomFrom: 4,
    confidence: 0.95,
    hints: ['pul-'],
  },
  // Infracost API keys: "ico-" + 32.
  {
    provider: 'infracost',
    kind: 'service-token',
    re: /\bico-[A-Za-z0-9]{32}\b/g,
    randomFrom: 4,
    confidence: 0.95,
    hints: ['ico-'],
  },
];
