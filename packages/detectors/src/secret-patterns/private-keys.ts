// Private keys: PEM blocks and keys inside service-account files.
import { looksLikePlaceholder } from '../entropy.js';
import type { Pattern } from './pattern.js';

export const PRIVATE_KEYS: Pattern[] = [
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
  // age encryption identities: "AGE-SECRET-KEY-1" + 58 bech32 characters.
  {
    provider: 'age',
    kind: 'private-key',
    re: /\bAGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}\b/g,
    confidence: 0.99,
    hints: ['AGE-SECRET-KEY-1'],
    check: (value) => !looksLikePlaceholder(value.slice(16)),
  },
];
