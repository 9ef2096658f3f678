// Virtual keys: Rampart-issued bearer keys that map to an identity, team and roles. Only a
// SHA-256 of each key is stored in the policy file. Keys are 256-bit random values, so a fast
// hash is enough (no password-style KDF needed) and lookups stay O(1) on the hot path.
import * as crypto from 'node:crypto';

export const VIRTUAL_KEY_PREFIX = 'rk-';

// Node's one-shot crypto.hash (20.12+) skips the Hash object: this runs on every gateway request.
const oneShot = (crypto as { hash?: (algorithm: string, data: string, encoding: 'hex') => string }).hash;

/** `sha256:<hex>` of a presented key, the form stored in the policy file. */
export function hashVirtualKey(key: string): string {
  const hex = oneShot ? oneShot('sha256', key, 'hex') : crypto.createHash('sha256').update(key, 'utf8').digest('hex');
  return `sha256:${hex}`;
}

/** A new random key (shown once) and the hash to put in the policy file. */
export function generateVirtualKey(): { key: string; hash: string } {
  const key = VIRTUAL_KEY_PREFIX + crypto.randomBytes(32).toString('base64url');
  return { key, hash: hashVirtualKey(key) };
}
