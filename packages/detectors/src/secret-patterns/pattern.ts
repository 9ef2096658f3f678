// The shape of one credential pattern, and the helpers pattern modules share. A pattern is data:
// the matching engine (../secrets.ts) runs it only when one of its literal hints occurs in the text.

export type SecretKind = 'ai-provider' | 'service-token' | 'private-key' | 'high-entropy';

export interface Pattern {
  /** Stable provider id reported in `SecretMatch.provider`, e.g. "openai", "gitlab". */
  provider: string;
  kind: SecretKind;
  /** Global regex; every quantifier bounded so matching stays linear in the input length. */
  re: RegExp;
  /** Capture group holding the secret (0 = whole match). */
  group?: number;
  /** Part of the secret that should look random (after a fixed prefix). */
  randomFrom?: number;
  confidence: number;
  /** Cheap literal pre-check: skip the regex when none of these substrings is present (case-sensitive). */
  hints: string[];
  /** Extra validation of the captured value (after the placeholder check). */
  check?: (value: string, m: RegExpExecArray) => boolean;
}

/**
 * Assignment context for providers whose keys have no prefix: `<name containing kw> = "value"`.
 * Key name and value are bounded; the separator allows JSON, YAML, env, shell and code styles.
 * With `secretName`, the name must also say what it holds after the provider word (key, token,
 * secret, auth): `HEROKU_API_KEY` counts, `HEROKU_APP_ID` (also a UUID) does not.
 * The regex is case-insensitive, so hints must list the spellings to expect (see `spellings`).
 */
export function keyed(kw: string, value: string, opts: { secretName?: boolean } = {}): RegExp {
  const name = opts.secretName
    ? `(?:${kw})[A-Za-z0-9_.-]{0,20}(?:key|token|secret|auth)[A-Za-z0-9_.-]{0,10}`
    : `(?:${kw})[A-Za-z0-9_.-]{0,30}`;
  return new RegExp(`${name}["']?[ \\t]{0,4}(?::=|=>|[:=])[ \\t]{0,4}["'\`]?(${value})(?![A-Za-z0-9_-])`, 'gi');
}

/** Letters and digits mixed: code expressions ("authHeader.value"), words and numbers are not tokens. */
export function lettersAndDigits(value: string): boolean {
  return /[0-9]/.test(value) && /[A-Za-z]/.test(value);
}

/** The usual spellings of a name in code and config: lower, UPPER and Capitalised. */
export function spellings(...words: string[]): string[] {
  return words.flatMap((w) => [w.toLowerCase(), w.toUpperCase(), w[0]!.toUpperCase() + w.slice(1).toLowerCase()]);
}

/** A lower-case hex UUID, the whole token of several providers (only taken next to their name). */
export const UUID = '[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}';
