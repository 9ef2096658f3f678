// Payment and commerce platforms.
import { keyed, type Pattern, spellings } from './pattern.js';

export const COMMERCE: Pattern[] = [
  {
    provider: 'stripe',
    kind: 'service-token',
    re: /\b(?:sk|rk)_(?:live|test|prod)_[A-Za-z0-9]{20,247}\b/g,
    randomFrom: 8,
    confidence: 0.95,
    hints: ['sk_', 'rk_'],
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
  // Shopify admin (shpat_), custom-app (shpca_) and private-app (shppa_) tokens, shared secrets (shpss_).
  {
    provider: 'shopify',
    kind: 'service-token',
    re: /\bshp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}\b/g,
    randomFrom: 6,
    confidence: 0.98,
    hints: ['shpat_', 'shpca_', 'shppa_', 'shpss_'],
  },
  // Square access tokens (sq0atp-) and OAuth application secrets (sq0csp-).
  {
    provider: 'square',
    kind: 'service-token',
    re: /\bsq0(?:atp-[A-Za-z0-9_-]{22}|csp-[A-Za-z0-9_-]{43})(?![A-Za-z0-9_-])/g,
    randomFrom: 7,
    confidence: 0.95,
    hints: ['sq0atp-', 'sq0csp-'],
  },
  // Shippo live and test API tokens.
  {
    provider: 'shippo',
    kind: 'service-token',
    re: /\bshippo_(?:live|test)_[a-f0-9]{40}\b/g,
    randomFrom: 12,
    confidence: 0.98,
    hints: ['shippo_live_', 'shippo_test_'],
  },
  // Duffel live and test API tokens.
  {
    provider: 'duffel',
    kind: 'service-token',
    re: /\bduffel_(?:live|test)_[A-Za-z0-9_=-]{43}(?![A-Za-z0-9_=-])/g,
    randomFrom: 12,
    confidence: 0.98,
    hints: ['duffel_live_', 'duffel_test_'],
  },
  // EasyPost production (EZAK) and test (EZTK) API keys.
  {
    provider: 'easypost',
    kind: 'service-token',
    re: /\bEZ[AT]K[A-Za-z0-9]{54}\b/g,
    randomFrom: 4,
    confidence: 0.95,
    hints: ['EZAK', 'EZTK'],
  },
  // Flutterwave secret keys and encryption keys (FLWPUBK public keys are not secrets).
  {
    provider: 'flutterwave',
    kind: 'service-token',
    re: /\bFLWSECK(?:_TEST)?(?:-[a-f0-9]{32}-X|[a-f0-9]{12})\b/g,
    randomFrom: 7,
    confidence: 0.98,
    hints: ['FLWSECK'],
  },
  // Lob live and test secret API keys ("live_"/"test_" + 35 hex; "*_pub_" keys are public).
  {
    provider: 'lob',
    kind: 'service-token',
    re: /\b(?:live|test)_[a-f0-9]{35}\b/g,
    randomFrom: 5,
    confidence: 0.85,
    hints: ['live_', 'test_'],
  },
  // Plaid access tokens ("access-<environment>-" + UUID) and, next to the name, API secrets (30 hex).
  {
    provider: 'plaid',
    kind: 'service-token',
    re: /\baccess-(?:sandbox|development|production)-[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}\b/g,
    randomFrom: 7,
    confidence: 0.95,
    hints: ['access-sandbox-', 'access-development-', 'access-production-'],
  },
  {
    provider: 'plaid',
    kind: 'service-token',
    re: keyed('plaid', '[a-f0-9]{30}', { secretName: true }),
    group: 1,
    confidence: 0.85,
    hints: spellings('plaid'),
  },
  // GoCardless access tokens ("live_"/"sandbox_" + 40), next to the name.
  {
    provider: 'gocardless',
    kind: 'service-token',
    re: keyed('gocardless', '(?:live|sandbox)_[A-Za-z0-9_=-]{40}'),
    group: 1,
    randomFrom: 5,
    confidence: 0.85,
    hints: [...spellings('gocardless'), 'GoCardless'],
  },
];
