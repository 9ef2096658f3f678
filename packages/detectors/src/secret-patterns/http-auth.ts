// Credentials in HTTP requests: an Authorization header value, an API-key header passed to curl,
// and a password passed with curl -u/--user. The value alone decides little here, so each pattern
// carries a check of what it captured.
import { looksLikePlaceholder } from '../entropy.js';
import { lettersAndDigits, type Pattern } from './pattern.js';

export const HTTP_AUTH: Pattern[] = [
  {
    provider: 'http-authorization',
    kind: 'service-token',
    re: /\bauthorization["']?[ \t]{0,4}[:=][ \t]{0,4}["']?(?:(bearer|token|api-token|basic|digest|bot)[ \t]{1,4})?([A-Za-z0-9+/=._~-]{8,2000})/gi,
    group: 2,
    confidence: 0.8,
    hints: ['uthorization', 'UTHORIZATION'],
    check: (value, m) =>
      !callsFunction(m) &&
      (/^basic$/i.test(m[1] ?? '') ? basicCredentials(value) : value.length >= 16 && lettersAndDigits(value)),
  },
  {
    provider: 'http-api-key-header',
    kind: 'service-token',
    re: /(?:-H|--header)[ \t]{1,4}["']?[A-Za-z-]{0,30}(?:api-?key|token|secret)["']?[ \t]{0,2}:[ \t]{0,4}([A-Za-z0-9+/=._~-]{10,500})/gi,
    group: 1,
    confidence: 0.8,
    hints: ['-H', '-h', '--header', '--HEADER'],
    check: (value) => lettersAndDigits(value),
  },
  {
    provider: 'curl-basic-auth',
    kind: 'service-token',
    re: /\bcurl\b(?:[^\n\\]|\\[\s\S]){0,300}?[ \t](?:-u|--user)[ \t]{1,4}["']?[^\s"':]{0,100}["']?:["']?([^\s"']{4,100})/g,
    group: 1,
    confidence: 0.75,
    hints: ['curl'],
    check: (value) => curlPasswordPlausible(value),
  },
];

/**
 * The value is the name of a function being called, not a literal: `authorization = base64.b64encode(…)`
 * (MetaGPT builds an iFlytek signature this way). The capture is greedy, so the next character tells.
 */
function callsFunction(m: RegExpExecArray): boolean {
  return m.input.charCodeAt(m.index + m[0].length) === 0x28;
}

/** A Basic authorization value that decodes to "user:password" with a non-trivial password. */
function basicCredentials(value: string): boolean {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(value)) return false;
  const decoded = Buffer.from(value, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon >= 0 && /^[\x20-\x7e]+$/.test(decoded) && !looksLikePlaceholder(decoded.slice(colon + 1), 2);
}

// Shell variables, templates and the usual stand-ins for a password in documentation.
const NOT_A_PASSWORD =
  /^\$|\$[{(]|[<>{}[\]*]|^(?:pass(?:word|wd)?|pwd|secret|token|test|changeme|user(?:name)?|[xy]+)$/i;

function curlPasswordPlausible(value: string): boolean {
  const v = value.replace(/["']+$/, '');
  return v.length >= 4 && !NOT_A_PASSWORD.test(v) && !looksLikePlaceholder(v, 2);
}
