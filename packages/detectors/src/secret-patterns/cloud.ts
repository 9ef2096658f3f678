// Cloud and data-platform credentials.
import { keyed, type Pattern, spellings, UUID } from './pattern.js';

export const CLOUD: Pattern[] = [
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
  // Alibaba Cloud AccessKey ids ("LTAI" + 12-20) and, next to the name, their 30-character secrets.
  {
    provider: 'alibaba',
    kind: 'service-token',
    re: /\bLTAI[A-Za-z0-9]{12,20}\b/g,
    randomFrom: 4,
    confidence: 0.9,
    hints: ['LTAI'],
  },
  {
    provider: 'alibaba',
    kind: 'service-token',
    re: keyed('alibaba|aliyun', '[A-Za-z0-9]{30}', { secretName: true }),
    group: 1,
    confidence: 0.85,
    hints: spellings('alibaba', 'aliyun'),
  },
  // DigitalOcean OAuth (doo), personal (dop) and refresh (dor) tokens: "_v1_" + 64 hex.
  {
    provider: 'digitalocean',
    kind: 'service-token',
    re: /\bdo[opr]_v1_[a-f0-9]{64}\b/g,
    randomFrom: 7,
    confidence: 0.98,
    hints: ['doo_v1_', 'dop_v1_', 'dor_v1_'],
  },
  // Heroku platform API keys: "HRKU-AA" + 58; older keys are bare UUIDs, taken next to the name.
  {
    provider: 'heroku',
    kind: 'service-token',
    re: /\bHRKU-AA[A-Za-z0-9_-]{58}(?![A-Za-z0-9_-])/g,
    randomFrom: 7,
    confidence: 0.98,
    hints: ['HRKU-AA'],
  },
  {
    provider: 'heroku',
    kind: 'service-token',
    re: keyed('heroku', UUID, { secretName: true }),
    group: 1,
    confidence: 0.8,
    hints: spellings('heroku'),
  },
  // Fly.io organisation tokens ("fo1_") and macaroon tokens ("fm1a_", "fm1r_", "fm2_" + base64,
  // often after "FlyV1 "). A macaroon opens with a header of zero bytes, so the random part is
  // taken from further in.
  {
    provider: 'flyio',
    kind: 'service-token',
    re: /\bfo1_[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/g,
    randomFrom: 4,
    confidence: 0.95,
    hints: ['fo1_'],
  },
  {
    provider: 'flyio',
    kind: 'service-token',
    re: /\bfm(?:1[ar]|2)_[A-Za-z0-9+/]{100,4000}={0,3}/g,
    randomFrom: 40,
    confidence: 0.95,
    hints: ['fm1a_', 'fm1r_', 'fm2_'],
  },
  // Cloudflare Origin CA keys ("v1.0-" + 24 hex + "-" + 146 hex); API tokens (40) and global API
  // keys (37 hex) have no prefix and are taken next to the name.
  {
    provider: 'cloudflare',
    kind: 'service-token',
    re: /\bv1\.0-[a-f0-9]{24}-[a-f0-9]{146}\b/g,
    randomFrom: 5,
    confidence: 0.95,
    hints: ['v1.0-'],
  },
  {
    provider: 'cloudflare',
    kind: 'service-token',
    re: keyed('cloudflare|cf_api', '[A-Za-z0-9_-]{40}|[a-f0-9]{37}', { secretName: true }),
    group: 1,
    confidence: 0.85,
    hints: [...spellings('cloudflare'), 'CloudFlare', 'cf_api', 'CF_API'],
  },
  // OpenShift OAuth access tokens: "sha256~" + 43 base64url.
  {
    provider: 'openshift',
    kind: 'service-token',
    re: /\bsha256~[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/g,
    randomFrom: 7,
    confidence: 0.95,
    hints: ['sha256~'],
  },
  // Yandex Cloud IAM tokens ("t1."), API keys ("AQVN") and static-key secrets ("YC"), next to the name.
  {
    provider: 'yandex',
    kind: 'service-token',
    re: keyed(
      'yandex',
      't1\\.[A-Za-z0-9_-]{20,200}={0,2}\\.[A-Za-z0-9_-]{86}={0,2}|AQVN[A-Za-z0-9_-]{35,38}|YC[A-Za-z0-9_-]{38}',
    ),
    group: 1,
    confidence: 0.85,
    hints: spellings('yandex'),
  },
  // Scalingo API tokens: "tk-us-" + 48.
  {
    provider: 'scalingo',
    kind: 'service-token',
    re: /\btk-us-[A-Za-z0-9_-]{48}(?![A-Za-z0-9_-])/g,
    randomFrom: 6,
    confidence: 0.95,
    hints: ['tk-us-'],
  },
  // PlanetScale service tokens, OAuth tokens and database passwords.
  {
    provider: 'planetscale',
    kind: 'service-token',
    re: /\bpscale_(?:tkn|oauth|pw)_[A-Za-z0-9_=.-]{32,64}(?![A-Za-z0-9_=.-])/g,
    randomFrom: 13,
    confidence: 0.95,
    hints: ['pscale_tkn_', 'pscale_oauth_', 'pscale_pw_'],
  },
  // Defined Networking (managed Nebula) API keys.
  {
    provider: 'defined-networking',
    kind: 'service-token',
    re: /\bdnkey-[a-z0-9=_-]{26}-[a-z0-9=_-]{52}(?![a-z0-9=_-])/g,
    randomFrom: 6,
    confidence: 0.95,
    hints: ['dnkey-'],
  },
  // Fastly API tokens (32) and Confluent Cloud API keys (16) and secrets (64), next to the name.
  {
    provider: 'fastly',
    kind: 'service-token',
    re: keyed('fastly', '[A-Za-z0-9_-]{32}', { secretName: true }),
    group: 1,
    confidence: 0.85,
    hints: spellings('fastly'),
  },
  {
    provider: 'confluent',
    kind: 'service-token',
    re: keyed('confluent', '[A-Za-z0-9+/]{64}|[A-Z0-9]{16}', { secretName: true }),
    group: 1,
    confidence: 0.85,
    hints: spellings('confluent'),
  },
];
