// Monitoring, error-tracking and observability platforms. Their tokens often sit in the same
// config as an agent's model keys (tracing and evaluation exporters).
import { keyed, type Pattern, spellings } from './pattern.js';

export const OBSERVABILITY: Pattern[] = [
  // Sentry user auth tokens ("sntryu_" + 64 hex), organisation tokens ("sntrys_" + base64 JSON
  // claims + "_" + secret), and legacy 64-hex tokens next to the name.
  {
    provider: 'sentry',
    kind: 'service-token',
    re: /\bsntryu_[a-f0-9]{64}\b/g,
    randomFrom: 7,
    confidence: 0.98,
    hints: ['sntryu_'],
  },
  {
    provider: 'sentry',
    kind: 'service-token',
    re: /\bsntrys_eyJ[A-Za-z0-9+/=]{40,800}_[A-Za-z0-9+/]{40,50}={0,2}/g,
    randomFrom: 7,
    confidence: 0.98,
    hints: ['sntrys_eyJ'],
  },
  {
    provider: 'sentry',
    kind: 'service-token',
    re: keyed('sentry', '[a-f0-9]{64}', { secretName: true }),
    group: 1,
    confidence: 0.85,
    hints: spellings('sentry'),
  },
  // Grafana Cloud access-policy tokens ("glc_"), service-account tokens ("glsa_"), and legacy API
  // keys (base64 of a JSON object starting {"k":").
  {
    provider: 'grafana',
    kind: 'service-token',
    re: /\bglc_[A-Za-z0-9+/]{32,400}={0,2}/g,
    randomFrom: 4,
    confidence: 0.95,
    hints: ['glc_'],
  },
  {
    provider: 'grafana',
    kind: 'service-token',
    re: /\bglsa_[A-Za-z0-9]{32}_[a-f0-9]{8}\b/g,
    randomFrom: 5,
    confidence: 0.98,
    hints: ['glsa_'],
  },
  {
    provider: 'grafana',
    kind: 'service-token',
    re: /\beyJrIjoi[A-Za-z0-9+/]{50,200}={0,2}/g,
    randomFrom: 8,
    confidence: 0.9,
    hints: ['eyJrIjoi'],
  },
  // New Relic user API keys and insert (ingest) keys.
  {
    provider: 'new-relic',
    kind: 'service-token',
    re: /\bNRAK-[A-Z0-9]{27}\b/g,
    randomFrom: 5,
    confidence: 0.98,
    hints: ['NRAK-'],
  },
  {
    provider: 'new-relic',
    kind: 'service-token',
    re: /\bNRII-[A-Za-z0-9_-]{32}(?![A-Za-z0-9_-])/g,
    randomFrom: 5,
    confidence: 0.95,
    hints: ['NRII-'],
  },
  // Datadog API (32 hex) and application (40 hex) keys have no prefix: next to the name only.
  {
    provider: 'datadog',
    kind: 'service-token',
    re: keyed('datadog|dd_api|dd_app|dd_client', '[a-f0-9]{40}|[a-f0-9]{32}', { secretName: true }),
    group: 1,
    confidence: 0.85,
    hints: [...spellings('datadog', 'dd_api', 'dd_app', 'dd_client'), 'DataDog'],
  },
  // Dynatrace API tokens: "dt0c01." + 24-character public part + "." + 64-character secret.
  {
    provider: 'dynatrace',
    kind: 'service-token',
    re: /\bdt0c01\.[A-Z0-9]{24}\.[A-Z0-9]{64}\b/g,
    randomFrom: 7,
    confidence: 0.98,
    hints: ['dt0c01.'],
  },
  // Sumo Logic access keys (64), next to the name (the access id alone is not a secret).
  {
    provider: 'sumologic',
    kind: 'service-token',
    re: keyed('sumo_?logic|sumo', '[A-Za-z0-9]{64}', { secretName: true }),
    group: 1,
    confidence: 0.85,
    hints: [...spellings('sumo'), 'SumoLogic'],
  },
];
