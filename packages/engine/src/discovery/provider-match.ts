// Matches resolved callee names against the provider table: the longest row that is the callee
// itself (a construction or direct call) or a prefix of it (a call on an instance the row created).
import { PROVIDER_ROWS, type ProviderRow } from './providers.js';

export interface ProviderHit {
  row: ProviderRow;
  /** True when the callee is the row itself (constructor / direct call), false for instance use. */
  exact: boolean;
}

const exactRows = new Map<string, ProviderRow>();
const globRows: Array<{ re: RegExp; row: ProviderRow }> = [];
for (const row of PROVIDER_ROWS) {
  if (row.match.includes('*')) {
    const src = row.match
      .split('*')
      .map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('[^.()]+');
    globRows.push({ re: new RegExp(`^${src}`), row });
  } else if (!exactRows.has(row.match)) exactRows.set(row.match, row);
}

// LangChain moves classes between `langchain`, `langchain_community` and partner packages and nests
// them in submodules (`langchain_community.llms.ollama.Ollama`): within that family the class decides,
// as in the RAG tables. Haystack (core, integrations, experimental) and Agno's model classes
// (`agno.models.openai.chat.OpenAIChat`) are re-exported the same way. Index each family's rows by class.
const FAMILIES: readonly RegExp[] = [
  /^langchain(_[a-z]+)?\./,
  /^haystack(_integrations|_experimental)?\./,
  /^agno\.models\./,
];
const classStart = (callee: string): number => callee.split('.').findIndex((p) => /^[A-Z]/.test(p));
const familyClasses = FAMILIES.map(() => new Map<string, ProviderRow>());
for (const row of PROVIDER_ROWS) {
  const parts = row.match.split('.');
  const i = classStart(row.match);
  const f = FAMILIES.findIndex((re) => re.test(row.match));
  if (f < 0 || i !== parts.length - 1) continue;
  if (!familyClasses[f]!.has(parts[i]!)) familyClasses[f]!.set(parts[i]!, row);
}

/** `langchain_community.llms.ollama.Ollama(...).invoke` → the table's `langchain_community.llms.Ollama(...).invoke`. */
function familyAlias(callee: string): string | undefined {
  const f = FAMILIES.findIndex((re) => re.test(callee));
  if (f < 0) return undefined;
  const parts = callee.split('.');
  const i = classStart(callee);
  if (i < 0) return undefined;
  const cls = /^[A-Za-z_]\w*/.exec(parts[i]!)?.[0] ?? '';
  const row = familyClasses[f]!.get(cls);
  if (!row) return undefined;
  // Keep what follows the class (`(` of a construction, `().invoke` of instance use) as it is.
  return row.match + callee.slice(parts.slice(0, i).join('.').length + 1 + cls.length);
}

/** Boundaries where a row may end inside a callee: before ".", "(" or the end. */
function prefixes(callee: string): string[] {
  const out: string[] = [];
  for (let i = 1; i < callee.length; i++) {
    const c = callee.charCodeAt(i);
    if (c === 46 /* . */ || c === 40 /* ( */ || c === 91 /* [ */) out.push(callee.slice(0, i));
  }
  out.push(callee);
  return out;
}

/**
 * Results by callee: every code detector asks about every call, and a file repeats the same few
 * callees ("self.items.get", "len"). Hits are shared objects; callers only read them.
 */
const memo = new Map<string, ProviderHit | null>();
const MEMO_SIZE = 20_000;

export function matchProvider(callee: string): ProviderHit | undefined {
  const known = memo.get(callee);
  if (known !== undefined) return known ?? undefined;
  const hit = computeMatch(callee);
  if (memo.size >= MEMO_SIZE) memo.clear();
  memo.set(callee, hit ?? null);
  return hit;
}

function computeMatch(callee: string): ProviderHit | undefined {
  const hit = matchRows(callee);
  if (hit) return hit;
  const alias = familyAlias(callee);
  return alias !== undefined && alias !== callee ? matchRows(alias) : undefined;
}

function matchRows(callee: string): ProviderHit | undefined {
  let best: ProviderHit | undefined;
  let bestLen = -1;
  for (const p of prefixes(callee)) {
    const row = exactRows.get(p);
    if (row && p.length > bestLen) {
      best = { row, exact: p.length === callee.length };
      bestLen = p.length;
    }
  }
  for (const { re, row } of globRows) {
    const m = re.exec(callee);
    if (!m) continue;
    const end = m[0].length;
    const next = callee.charAt(end);
    if ((next === '' || next === '.' || next === '(') && end > bestLen) {
      best = { row, exact: end === callee.length };
      bestLen = end;
    }
  }
  if (!best || best.exact) return best;
  // Instance use counts only through a constructed object ("X().method"), and a factory covers its
  // variants ("openai.chat"). Other members of a module ("openai.types.X()") are not API calls.
  const rest = callee.slice(bestLen);
  if (rest.startsWith('()')) return best;
  if (rest.startsWith('.') && best.row.role === 'factory') return best;
  return undefined;
}
