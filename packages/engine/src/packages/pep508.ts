// PEP 508 dependency specifiers (`name[extra] >=1.0,<2 ; python_version < "3.12"` or
// `name @ https://...`), parsed by hand in one linear pass: no backtracking regexes.
export interface Requirement {
  name: string;
  extras: string[];
  /** Comma-separated version clauses, normalized (no spaces, no parentheses). */
  spec: string;
  marker?: string;
  url?: string;
}

const NAME_START = /[A-Za-z0-9]/;
const NAME_CHAR = /[A-Za-z0-9._-]/;
const OPERATORS = ['===', '~=', '==', '!=', '<=', '>=', '<', '>'];

/** A version clause: operator and version, e.g. ['>=', '1.0']. */
export function parseClause(clause: string): [string, string] | undefined {
  const c = clause.trim();
  for (const op of OPERATORS) {
    if (c.startsWith(op)) {
      const v = c.slice(op.length).trim();
      return v === '' || /\s/.test(v) ? undefined : [op, v];
    }
  }
  return undefined;
}

/** The exact version when the spec pins one (`==1.2.3` or `===1.2.3`, no wildcard), else undefined. */
export function pinnedVersion(spec: string): string | undefined {
  const clauses = spec.split(',').filter((c) => c.trim() !== '');
  if (clauses.length !== 1) return undefined;
  const parsed = parseClause(clauses[0]!);
  if (parsed === undefined) return undefined;
  const [op, v] = parsed;
  if ((op === '==' || op === '===') && !v.includes('*')) return v;
  return undefined;
}

/** Parse one requirement; undefined when the text is not a named requirement. */
export function parseRequirement(text: string): Requirement | undefined {
  const s = text.trim();
  if (s === '' || !NAME_START.test(s[0]!)) return undefined;
  let i = 1;
  while (i < s.length && NAME_CHAR.test(s[i]!)) i++;
  let name = s.slice(0, i);
  while (name.length > 1 && /[._-]/.test(name[name.length - 1]!)) name = name.slice(0, -1);
  let rest = s.slice(i).trimStart();
  const extras: string[] = [];
  if (rest.startsWith('[')) {
    const close = rest.indexOf(']');
    if (close === -1) return undefined;
    for (const e of rest.slice(1, close).split(',')) if (e.trim() !== '') extras.push(e.trim());
    rest = rest.slice(close + 1).trimStart();
  }
  if (rest.startsWith('@')) {
    // URL form: the marker is separated by whitespace and ';' (a URL may itself contain ';').
    const body = rest.slice(1).trim();
    const m = body.search(/\s;/);
    const url = (m === -1 ? body : body.slice(0, m)).trim();
    const marker = m === -1 ? undefined : body.slice(m + 2).trim();
    return { name, extras, spec: '', url, ...(marker ? { marker } : {}) };
  }
  const semi = rest.indexOf(';');
  const marker = semi === -1 ? undefined : rest.slice(semi + 1).trim();
  let specText = (semi === -1 ? rest : rest.slice(0, semi)).trim();
  if (specText.startsWith('(') && specText.endsWith(')')) specText = specText.slice(1, -1);
  const clauses = specText
    .split(',')
    .map((c) => c.trim())
    .filter((c) => c !== '');
  const normalized: string[] = [];
  for (const c of clauses) {
    const parsed = parseClause(c);
    if (parsed === undefined) return undefined;
    normalized.push(parsed.join(''));
  }
  return { name, extras, spec: normalized.join(','), ...(marker ? { marker } : {}) };
}
