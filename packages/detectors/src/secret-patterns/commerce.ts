// Payment and commerce platforms.
import type { Pattern } from './pattern.js';

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
];
