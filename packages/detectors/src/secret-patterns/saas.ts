// Productivity, identity and other SaaS APIs an agent's tools commonly call.
import { keyed, type Pattern, spellings, UUID } from './pattern.js';

export const SAAS: Pattern[] = [
  // Notion integration tokens: "ntn_" (2024 on) or, next to the name, "secret_" + 43.
  {
    provider: 'notion',
    kind: 'service-token',
    re: /\bntn_[A-Za-z0-9]{40,60}\b/g,
    randomFrom: 4,
    confidence: 0.95,
    hints: ['ntn_'],
  },
  {
    provider: 'notion',
    kind: 'service-token',
    re: keyed('notion', 'secret_[A-Za-z0-9]{43}'),
    group: 1,
    randomFrom: 7,
    confidence: 0.85,
    hints: spellings('notion'),
  },
  // HubSpot private-app tokens ("pat-<region>-" + UUID); legacy API keys are UUIDs next to the name.
  {
    provider: 'hubspot',
    kind: 'service-token',
    re: /\bpat-(?:na|eu|ap)[0-9]{1,2}-[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}\b/g,
    randomFrom: 8,
    confidence: 0.95,
    hints: ['pat-na', 'pat-eu', 'pat-ap'],
  },
  {
    provider: 'hubspot',
    kind: 'service-token',
    re: keyed('hubspot', UUID, { secretName: true }),
    group: 1,
    confidence: 0.8,
    hints: [...spellings('hubspot'), 'HubSpot'],
  },
  // Okta API tokens: "00" + 40, next to the name.
  {
    provider: 'okta',
    kind: 'service-token',
    re: keyed('okta', '00[A-Za-z0-9_-]{40}'),
    group: 1,
    randomFrom: 2,
    confidence: 0.85,
    hints: spellings('okta'),
  },
  // Dropbox short-lived access tokens: "sl." + 130 or more ("sl.u." tokens are much longer).
  {
    provider: 'dropbox',
    kind: 'service-token',
    re: /\bsl\.(?:u\.)?[A-Za-z0-9_-]{130,1500}(?![A-Za-z0-9_-])/g,
    randomFrom: 3,
    confidence: 0.9,
    hints: ['sl.'],
  },
  // Mapbox secret tokens: "sk." + base64url JSON + "." + signature ("pk." tokens are public).
  {
    provider: 'mapbox',
    kind: 'service-token',
    re: /\bsk\.eyJ[A-Za-z0-9_-]{20,400}\.[A-Za-z0-9_-]{20,40}(?![A-Za-z0-9_-])/g,
    randomFrom: 3,
    confidence: 0.95,
    hints: ['sk.eyJ'],
  },
  // MaxMind license keys: 6 + "_" + 29 + "_mmk".
  {
    provider: 'maxmind',
    kind: 'service-token',
    re: /\b[A-Za-z0-9]{6}_[A-Za-z0-9]{29}_mmk\b/g,
    confidence: 0.95,
    hints: ['_mmk'],
  },
  // Airtable personal access tokens: "pat" + 14 + "." + 64 hex.
  {
    provider: 'airtable',
    kind: 'service-token',
    re: /\bpat[A-Za-z0-9]{14}\.[a-f0-9]{64}\b/g,
    randomFrom: 3,
    confidence: 0.95,
    hints: ['pat'],
  },
  // Adobe OAuth client secrets: "p8e-" + 32.
  {
    provider: 'adobe',
    kind: 'service-token',
    re: /\bp8e-[A-Za-z0-9_-]{32}(?![A-Za-z0-9_-])/g,
    randomFrom: 4,
    confidence: 0.9,
    hints: ['p8e-'],
  },
  // Typeform personal access tokens ("tfp_") and Frame.io developer tokens ("fio-u-").
  {
    provider: 'typeform',
    kind: 'service-token',
    re: /\btfp_[A-Za-z0-9_.=-]{40,70}(?![A-Za-z0-9_.=-])/g,
    randomFrom: 4,
    confidence: 0.9,
    hints: ['tfp_'],
  },
  {
    provider: 'frameio',
    kind: 'service-token',
    re: /\bfio-u-[A-Za-z0-9_=-]{64}(?![A-Za-z0-9_=-])/g,
    randomFrom: 6,
    confidence: 0.95,
    hints: ['fio-u-'],
  },
  // Sidekiq Pro/Enterprise gem-server credentials ("<8 hex>:<8 hex>"), in Bundler settings or URLs.
  {
    provider: 'sidekiq',
    kind: 'service-token',
    re: keyed('bundle_(?:enterprise|gems)__contribsys__com', '[a-f0-9]{8}:[a-f0-9]{8}'),
    group: 1,
    confidence: 0.9,
    hints: ['contribsys', 'CONTRIBSYS'],
  },
  {
    provider: 'sidekiq',
    kind: 'service-token',
    re: /https?:\/\/([a-f0-9]{8}:[a-f0-9]{8})@(?:gems|enterprise)\.contribsys\.com/g,
    group: 1,
    confidence: 0.95,
    hints: ['contribsys.com'],
  },
  // ClickHouse Cloud API key secrets: "4b1d" + 38.
  {
    provider: 'clickhouse',
    kind: 'service-token',
    re: /\b4b1d[A-Za-z0-9]{38}\b/g,
    randomFrom: 4,
    confidence: 0.9,
    hints: ['4b1d'],
  },
  // RapidAPI keys (50), Cisco Meraki API keys (40 hex) and Algolia keys (32 hex), next to the name.
  {
    provider: 'rapidapi',
    kind: 'service-token',
    re: keyed('rapid_?api', '[A-Za-z0-9_-]{50}', { secretName: true }),
    group: 1,
    confidence: 0.85,
    hints: [...spellings('rapidapi', 'rapid_api'), 'RapidAPI'],
  },
  {
    provider: 'meraki',
    kind: 'service-token',
    re: keyed('meraki', '[a-f0-9]{40}', { secretName: true }),
    group: 1,
    confidence: 0.85,
    hints: spellings('meraki'),
  },
  {
    provider: 'algolia',
    kind: 'service-token',
    re: keyed('algolia', '[a-f0-9]{32}', { secretName: true }),
    group: 1,
    confidence: 0.85,
    hints: spellings('algolia'),
  },
  // Intercom access tokens (base64 of "tok:…"), Zendesk API tokens (40) and Asana personal access tokens
  // ("<n>/<id>[/<id>]:<32>") or client secrets (32), next to the name.
  {
    provider: 'intercom',
    kind: 'service-token',
    re: keyed('intercom', 'dG9rOj[A-Za-z0-9+/_=-]{40,100}'),
    group: 1,
    confidence: 0.85,
    hints: spellings('intercom'),
  },
  {
    provider: 'zendesk',
    kind: 'service-token',
    re: keyed('zendesk', '[A-Za-z0-9]{40}', { secretName: true }),
    group: 1,
    confidence: 0.85,
    hints: spellings('zendesk'),
  },
  {
    provider: 'asana',
    kind: 'service-token',
    re: keyed('asana', '[0-9]/[0-9]{10,20}(?:/[0-9]{10,20})?:[A-Za-z0-9]{32}|[A-Za-z0-9]{32}', { secretName: true }),
    group: 1,
    confidence: 0.85,
    hints: spellings('asana'),
  },
];
