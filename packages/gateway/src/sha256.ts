// SHA-256 of a small input, computed on every request (body digest for the audit, input-cache keys).
// Node's one-shot crypto.hash (20.12+) skips the Hash object and is about twice as fast on short
// inputs; older Node 20 falls back to createHash. Same digest either way (strings are UTF-8).
import * as crypto from 'node:crypto';

type Encoding = 'hex' | 'base64';
const oneShot = (crypto as { hash?: (algorithm: string, data: string | Buffer, encoding: Encoding) => string }).hash;

export function sha256(data: string | Buffer, encoding: Encoding): string {
  if (oneShot !== undefined) return oneShot('sha256', data, encoding);
  return crypto.createHash('sha256').update(data).digest(encoding);
}
