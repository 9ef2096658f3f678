// Secret managers and infrastructure-as-code platforms: one leaked token opens many secrets.
import type { Pattern } from './pattern.js';

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
];
