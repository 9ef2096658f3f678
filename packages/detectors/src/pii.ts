// Personal data in text: emails, phone numbers, payment cards (Luhn), IBANs (mod-97), US SSNs,
// IP addresses, street addresses and person names. Structured identifiers are validated by
// checksum or range so digit noise is not flagged; addresses and names are heuristic.
import { type CountryCode, isPossiblePhoneNumber, isValidPhoneNumber } from 'libphonenumber-js/max';
import { ibanValid, luhnValid } from './checksums.js';

/** Every entity the PII detector knows, in report order. */
export const PII_ENTITIES = [
  'EMAIL',
  'PHONE',
  'CREDIT_CARD',
  'IBAN',
  'US_SSN',
  'IP_ADDRESS',
  'STREET_ADDRESS',
  'PERSON',
] as const;
export type PiiEntity = (typeof PII_ENTITIES)[number];

export interface PiiMatch {
  entity: PiiEntity;
  start: number;
  end: number;
  score: number;
}

export interface PiiOptions {
  /** Entities to look for (default: all). */
  entities?: readonly PiiEntity[];
}

// Emails are found from each "@": the local part is scanned backwards (at most 64 characters),
// the domain matched forwards with a sticky, bounded pattern. Scanning from every position with
// one regex would retry the 64-character local part at each of them.
const EMAIL_DOMAIN = /(?:[A-Za-z0-9-]{1,63}\.){1,8}[A-Za-z]{2,24}\b/y;
const LOCAL_CHAR = /[A-Za-z0-9._%+-]/;

function findEmails(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
    let a = at;
    while (a > 0 && at - a < 64 && LOCAL_CHAR.test(text[a - 1]!)) a--;
    if (a === at) continue;
    EMAIL_DOMAIN.lastIndex = at + 1;
    const m = EMAIL_DOMAIN.exec(text);
    if (m !== null) out.push([a, at + 1 + m[0].length]);
  }
  return out;
}
const CARD = /(?<![\d-])(?:\d[ -]?){11,18}\d(?![\d-])/g;
const IBAN = /\b[A-Za-z]{2}\d{2}(?: ?[A-Za-z0-9]){11,30}\b/g;
const SSN = /(?<![\d-])(\d{3})([- ]?)(\d{2})\2(\d{4})(?![\d-])/g;
const IPV4 = /(?<![\d.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?![\d.]\d)/g;
const IPV6_HINT = /::|[A-Fa-f0-9]:[A-Fa-f0-9]/;
// "<number> <one to four capitalised words> <street suffix>", optionally followed by a unit.
const STREET =
  /\b\d{1,6}[A-Za-z]?,? (?:[A-Z][\p{L}'.-]{1,30} ){0,4}(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Place|Pl|Square|Sq|Terrace|Way|Parkway|Pkwy|Highway|Hwy|Circle|Cir|Trail|Trl|Plaza|Alley|Crescent|Close|Row|Walk|Strasse|Straße|Rue|Via|Calle|Avenida|Rua)\b\.?(?:,? (?:Apt\.?|Suite|Unit|#) ?[A-Za-z0-9-]{1,8})?/gu;
// Names introduced by a title or by a self-introduction.
const NAME_TITLE = /\b(?:Mr|Mrs|Ms|Miss|Dr|Prof|Sir|Madam)\.? ([A-Z][\p{Ll}'-]{1,30}(?: [A-Z][\p{Ll}'-]{1,30}){0,2})/gu;
const NAME_INTRO =
  /\b(?:[Mm]y name is|I am|I'm|[Nn]ame:|[Cc]ontact|[Ss]igned,?|[Rr]egards,|[Ss]incerely,|[Dd]ear) ([A-Z][\p{Ll}'-]{1,30}(?: [A-Z]\.)?(?: [A-Z][\p{Ll}'-]{1,30}){0,2})/gu;
const NOT_NAMES = new Set([
  'The',
  'This',
  'That',
  'Sir',
  'Madam',
  'Team',
  'All',
  'Customer',
  'User',
  'Here',
  'Sorry',
  'Not',
  'Going',
  'Happy',
  'Sure',
]);

// Phone-number candidates: an optional country code ("+49", "(+358)", "1 " before an area code
// in parentheses), an optional (area code) or "(0)" trunk, then 1-6 digit groups of up to ten digits with single
// separators, and an optional extension; or one compact run. Separators are mandatory between
// groups, so a digit run can only be split one way and matching stays linear. A hyphen followed
// by a letter ("555-0100-Office") ends the number; followed by a digit it does not.
const PHONE_CAND =
  /(?<![\w+.-])(?:(?:\+\d{1,3}|\(\+\d{1,3}\))[ .-]?(?:\(0\)[ .-]?)?)?(?:(?:\d{1,3}[ .-]?)?\(\d{1,5}\)[ .-]?)?\d{1,10}(?:[ .-]\d{1,10}){0,5}(?:[ ]?(?:x|ext\.?)[ ]?\d{1,6})?(?!\w|-\d|\.\d)|(?<![\w+.-])\+?\d{7,15}(?!\w|-\d|\.\d)/y;
// Every candidate starts with a digit, "+" or "(": the sticky pattern is tried only there, found
// by a native search, instead of at every position of the text.
const PHONE_START = /[\d+(]/g;

/** Phone-number candidates in order, as the global form of PHONE_CAND would return them. */
function phoneCandidates(text: string): Array<{ index: number; text: string }> {
  const out: Array<{ index: number; text: string }> = [];
  PHONE_START.lastIndex = 0;
  for (let s = PHONE_START.exec(text); s !== null; s = PHONE_START.exec(text)) {
    PHONE_CAND.lastIndex = s.index;
    const m = PHONE_CAND.exec(text);
    if (m === null) continue;
    out.push({ index: s.index, text: m[0] });
    PHONE_START.lastIndex = s.index + m[0].length;
  }
  return out;
}
const MAX_PHONE_VALIDATIONS = 60;
const PHONE_REGIONS: CountryCode[] = [
  'US',
  'GB',
  'DE',
  'FR',
  'IN',
  'BR',
  'AU',
  'IT',
  'ES',
  'NL',
  'CA',
  'IL',
  'FI',
  'CZ',
  'HU',
  'PL',
  'SE',
  'JP',
  'CN',
  'MX',
];
// Words that say the next number is a phone number: before it (same line, or the line above
// for "Phone:\n…"), or right after it ("… office", "…-Fax").
const PHONE_CONTEXT =
  /(?:phone|call|tel|mobile|cell|fax|contact|reach|number|whatsapp|sms|text me|dial)(?:[^\n]{0,30}|[: \t]{0,3}\n[ \t>]*)$/i;
const PHONE_STRONG =
  /(?:phone|call|tel\b|mobile|cell|fax|whatsapp|sms|text me|dial)(?:[^\n]{0,30}|[: \t]{0,3}\n[ \t>]*)$/i;
const PHONE_AFTER = /^[ -]?\(?(?:office|fax|mobile|cell|home|work|tel|phone|landline)\b/i;
// Numbers introduced as another kind of identifier, or an apartment/suite number in an address.
const OTHER_ID =
  /\b(?:licen[cs]e|passport|account|acct|ssn|social security|routing|order|invoice|ticket|member(?:ship)?|policy|serial|tracking|reference|ref|customer|employee|id|zip|postal|post ?code|pin|isbn|issn)\b[^\n]{0,30}$/i;
const NOT_SSN =
  /\b(?:licen[cs]e|passport|account|acct|routing|order|invoice|ticket|member(?:ship)?|policy|serial|tracking|customer|employee|phone|mobile|tel|fax)\b[^\n]{0,30}$/i;
const UNIT_BEFORE = /\b(?:apt|apartment|suite|ste|unit|flat|room|rm|box|studio|floor|fl|bldg|building)\.?[ ]?#?$/i;
const DECIMAL = /^\d+\.\d+$/;
const YEAR_RANGE = /^(?:1[5-9]|20)\d\d ?- ?(?:1[5-9]|20)\d\d$/;
const DATE_LIKE = /^(?:\d{4}[-./]\d{1,2}[-./]\d{1,2}|\d{1,2}[-./]\d{1,2}[-./]\d{2,4})$/;
// Postal codes written like short phone numbers: Japanese 123-4567, Portuguese 1234-567 (seven
// digits in two groups), Brazilian 12345-678 and US ZIP+4 12345-6789.
const POSTCODE_LIKE = /^(?:\d{3}-\d{4}|\d{4}-\d{3}|\d{5}-\d{3,4})$/;

// Bytes of a hex dump ("7f 45 4c 46 02 01 01 00 00"): two-digit groups between two-character
// groups that hold a letter a-f are bytes, not a phone number. `before` and `after` are bounded
// slices (40 and 12 characters), so these anchored patterns stay cheap.
const BYTE_GROUPS = /^\d\d(?: \d\d)+$/;
const HEX_BYTES_BEFORE = /(?:^|\s)((?:[0-9a-f]{2} ){2,})$/i;
const HEX_BYTES_AFTER = /^((?: [0-9a-f]{2}){2,})(?:\s|$)/i;
function inHexDump(core: string, before: string, after: string): boolean {
  if (!BYTE_GROUPS.test(core)) return false;
  const run = (HEX_BYTES_BEFORE.exec(before)?.[1] ?? '') + (HEX_BYTES_AFTER.exec(after)?.[1] ?? '');
  return /[a-f]/i.test(run);
}

function phoneScore(cand: string, before: string, after: string): number {
  const core = cand.replace(/[ ]?(?:x|ext\.?)[ ]?\d{1,6}$/, '');
  const d = core.replace(/\D/g, '');
  if (d.length < 7 || d.length > 15) return 0;
  if (inHexDump(core, before, after)) return 0;
  // Two digit groups joined by a dot are a decimal number (coordinates, timestamps, amounts);
  // "1998-2004" is a range of years.
  if (
    DECIMAL.test(core) ||
    YEAR_RANGE.test(core) ||
    DATE_LIKE.test(core) ||
    /^\d{4}[-./]\d{1,2}[-./]\d{1,2}\b/.test(core) ||
    /^\d{1,3}(?:\.\d{1,3}){3}$/.test(core)
  )
    return 0;
  if (UNIT_BEFORE.test(before)) return 0;
  const strong = PHONE_STRONG.test(before) || PHONE_AFTER.test(after);
  const context = strong || PHONE_CONTEXT.test(before);
  if (!strong && OTHER_ID.test(before)) return 0;
  // "00" / "001" international call prefixes are written in place of "+"; "(+358)" and a
  // "(0)" trunk prefix after the country code are only punctuation to the parser.
  let norm = /^00\d/.test(d) && /^0{2}1?[ .-]/.test(core) ? `+${core.replace(/^0{2}/, '')}` : core;
  norm = norm.replace(/^\(\+(\d{1,3})\)/, '+$1').replace(/^(\+\d{1,3}[ .-]?)\(0\)/, '$1');
  const intl = norm.startsWith('+');
  const formatted = /[ .()-]/.test(norm);
  // Seven digits and postcode-shaped groups are local numbers at best: only with a context word.
  if (!intl && !context && (d.length === 7 || POSTCODE_LIKE.test(core))) return 0;
  let valid = false;
  let possible = false;
  for (const r of intl ? [undefined] : PHONE_REGIONS) {
    if (r === undefined ? isValidPhoneNumber(norm) : isValidPhoneNumber(norm, r)) {
      valid = true;
      break;
    }
  }
  if (!valid) {
    for (const r of intl ? [undefined] : PHONE_REGIONS) {
      if (r === undefined ? isPossiblePhoneNumber(norm) : isPossiblePhoneNumber(norm, r)) {
        possible = true;
        break;
      }
    }
  }
  // A bare run of digits is an id as often as a phone number: it needs a context word.
  if (!formatted && !intl) return context && (valid || possible) ? 0.7 : 0;
  if (valid) return 0.85;
  if (possible) return context ? 0.8 : 0.6;
  return context ? 0.5 : 0;
}

const isHexOrColon = (c: number): boolean => (c >= 48 && c <= 58) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102); // 0-9 and ':', A-F, a-f
const isAlnum = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

/**
 * [start, end) of every maximal run of hex digits and colons that holds a colon, is 6-39
 * characters long and is not glued to another letter or digit: the IPv6 candidates. Found from
 * each colon outwards, so ordinary prose (full of the letters a-f) costs one indexOf.
 */
export function ipv6Candidates(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const len = text.length;
  let from = 0;
  for (;;) {
    const c = text.indexOf(':', from);
    if (c < 0) return out;
    let a = c;
    while (a > 0 && isHexOrColon(text.charCodeAt(a - 1))) a--;
    let b = c + 1;
    while (b < len && isHexOrColon(text.charCodeAt(b))) b++;
    from = b;
    if (b - a < 6 || b - a > 39) continue;
    if ((a > 0 && isAlnum(text.charCodeAt(a - 1))) || (b < len && isAlnum(text.charCodeAt(b)))) continue;
    out.push([a, b]);
  }
}

/** RFC 4291 text form: up to 8 hex groups, at most one "::" standing for the missing ones. */
export function ipv6Valid(s: string): boolean {
  const parts = s.split('::');
  if (parts.length > 2) return false;
  const groups = parts.flatMap((p) => (p === '' ? [] : p.split(':')));
  if (groups.some((g) => !/^[A-Fa-f0-9]{1,4}$/.test(g))) return false;
  return parts.length === 2 ? groups.length <= 7 : groups.length === 8;
}

function digitsOf(s: string): string {
  return s.replace(/\D/g, '');
}

const DIGIT = /\d/g;

/** Number of ASCII digits in `text`, counted up to `cap` (the largest threshold that matters). */
function countDigits(text: string, cap: number): number {
  // Native regex search skips non-digits far faster than a charCodeAt loop.
  DIGIT.lastIndex = 0;
  let n = 0;
  while (n < cap && DIGIT.exec(text) !== null) n++;
  return n;
}

function ssnPlausible(area: string, group: string, serial: string): boolean {
  const a = Number(area);
  return a !== 0 && a !== 666 && a < 900 && group !== '00' && serial !== '0000';
}

/** All PII in `text`, sorted by start, overlaps resolved by score then length. */
export function findPii(text: string, opts: PiiOptions = {}): PiiMatch[] {
  const want = new Set<PiiEntity>(
    opts.entities ?? ['EMAIL', 'PHONE', 'CREDIT_CARD', 'IBAN', 'US_SSN', 'IP_ADDRESS', 'STREET_ADDRESS', 'PERSON'],
  );
  const out: PiiMatch[] = [];
  const push = (entity: PiiEntity, start: number, end: number, score: number) =>
    out.push({ entity, start, end, score });
  // Every use below compares with a threshold of at most 12.
  const digits = countDigits(text, 12);

  if (want.has('EMAIL')) for (const [a, b] of findEmails(text)) push('EMAIL', a, b, 0.95);
  if (want.has('CREDIT_CARD') && digits >= 12) {
    for (const m of text.matchAll(CARD)) {
      const d = digitsOf(m[0]);
      if (d.length >= 12 && d.length <= 19 && luhnValid(d) && !/^(\d)\1+$/.test(d))
        push('CREDIT_CARD', m.index, m.index + m[0].length, 0.9);
    }
  }
  if (want.has('IBAN') && digits >= 4) {
    for (const m of text.matchAll(IBAN)) {
      // The regex may run past the IBAN into following words; try the longest valid prefix.
      const raw = m[0];
      for (let end = raw.length; end >= 15; end--) {
        const cand = raw.slice(0, end);
        if (cand.endsWith(' ')) continue;
        if (ibanValid(cand.replace(/ /g, ''))) {
          push('IBAN', m.index, m.index + end, 0.95);
          break;
        }
      }
    }
  }
  if (want.has('US_SSN') && digits >= 9) {
    for (const m of text.matchAll(SSN)) {
      if (!ssnPlausible(m[1]!, m[3]!, m[4]!)) continue;
      // Nine bare digits introduced as another identifier (a licence, an account) are not an SSN.
      if (!m[2] && NOT_SSN.test(text.slice(Math.max(0, m.index - 40), m.index))) continue;
      push('US_SSN', m.index, m.index + m[0].length, m[2] ? 0.85 : 0.5);
    }
  }
  if (want.has('IP_ADDRESS')) {
    if (digits >= 4) for (const m of text.matchAll(IPV4)) push('IP_ADDRESS', m.index, m.index + m[0].length, 0.8);
    // A valid address has "::" or a colon between two hex digits.
    if (IPV6_HINT.test(text)) {
      for (const [a, b] of ipv6Candidates(text)) {
        const cand = text.slice(a, b);
        if (ipv6Valid(cand) && cand !== '::') push('IP_ADDRESS', a, b, 0.7);
      }
    }
  }
  if (want.has('PHONE') && digits >= 7) {
    // libphonenumber validation costs microseconds per region; past a cap (digit floods) the
    // remaining formatted candidates are reported unvalidated rather than skipped.
    let validated = 0;
    for (const m of phoneCandidates(text)) {
      const end = m.index + m.text.length;
      if (validated++ >= MAX_PHONE_VALIDATIONS) {
        if (/[ .()-]/.test(m.text) && digitsOf(m.text).length >= 7) push('PHONE', m.index, end, 0.55);
        continue;
      }
      const sc = phoneScore(m.text, text.slice(Math.max(0, m.index - 40), m.index), text.slice(end, end + 12));
      if (sc > 0) push('PHONE', m.index, end, sc);
    }
  }
  if (want.has('STREET_ADDRESS') && digits >= 1) {
    for (const m of text.matchAll(STREET)) push('STREET_ADDRESS', m.index, m.index + m[0].length, 0.6);
  }
  if (want.has('PERSON')) {
    for (const re of [NAME_TITLE, NAME_INTRO]) {
      for (const m of text.matchAll(re)) {
        const name = m[1]!;
        if (NOT_NAMES.has(name.split(' ')[0]!)) continue;
        const start = m.index + m[0].length - name.length;
        push('PERSON', start, start + name.length, 0.5);
      }
    }
  }
  return resolve(out);
}

function resolve(ms: PiiMatch[]): PiiMatch[] {
  ms.sort((a, b) => b.score - a.score || b.end - b.start - (a.end - a.start));
  const kept: PiiMatch[] = [];
  for (const m of ms) if (!kept.some((k) => m.start < k.end && k.start < m.end)) kept.push(m);
  return kept.sort((a, b) => a.start - b.start);
}
