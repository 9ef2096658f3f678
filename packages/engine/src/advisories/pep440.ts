// PEP 440 versions and specifiers for PyPI advisory matching: parse, normalize, compare, and test
// a version against `>=1.0,<2,!=1.5.*,~=1.4`. One anchored regex without nested quantifiers.
const VERSION =
  /^v?(?:(\d+)!)?(\d+(?:\.\d+)*)(?:[-_.]?(alpha|a|beta|b|preview|pre|c|rc)[-_.]?(\d+)?)?(?:-(\d+)|[-_.]?(post|rev|r)[-_.]?(\d+)?)?(?:[-_.]?(dev)[-_.]?(\d+)?)?(?:\+([a-z0-9]+(?:[-_.][a-z0-9]+)*))?$/i;

export interface Pep440Version {
  epoch: number;
  release: number[];
  /** ['a'|'b'|'rc', n] */
  pre?: [string, number];
  post?: number;
  dev?: number;
  local?: Array<string | number>;
}

const PRE_NORMAL: Record<string, string> = {
  a: 'a',
  alpha: 'a',
  b: 'b',
  beta: 'b',
  c: 'rc',
  rc: 'rc',
  pre: 'rc',
  preview: 'rc',
};

export function parsePep440(text: string): Pep440Version | undefined {
  const s = text.trim();
  if (s.length > 128) return undefined;
  const m = VERSION.exec(s);
  if (m === null) return undefined;
  const v: Pep440Version = { epoch: m[1] ? Number(m[1]) : 0, release: m[2]!.split('.').map(Number) };
  if (m[3] !== undefined) v.pre = [PRE_NORMAL[m[3].toLowerCase()]!, m[4] ? Number(m[4]) : 0];
  if (m[5] !== undefined) v.post = Number(m[5]);
  else if (m[6] !== undefined) v.post = m[7] ? Number(m[7]) : 0;
  if (m[8] !== undefined) v.dev = m[9] ? Number(m[9]) : 0;
  if (m[10] !== undefined) v.local = m[10].split(/[-_.]/).map((p) => (/^\d+$/.test(p) ? Number(p) : p.toLowerCase()));
  return v;
}

function cmpNum(a: number, b: number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function cmpRelease(a: number[], b: number[]): number {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const c = cmpNum(a[i] ?? 0, b[i] ?? 0);
    if (c !== 0) return c;
  }
  return 0;
}

const PRE_RANK: Record<string, number> = { a: 0, b: 1, rc: 2 };

// A dev release of a final version sorts before its pre-releases: 1.0.dev0 < 1.0a1 < 1.0.
function preKey(v: Pep440Version): [number, number] {
  if (v.pre !== undefined) return [PRE_RANK[v.pre[0]]!, v.pre[1]];
  if (v.post === undefined && v.dev !== undefined) return [-1, 0];
  return [3, 0];
}

export function comparePep440(a: Pep440Version, b: Pep440Version): number {
  let c = cmpNum(a.epoch, b.epoch) || cmpRelease(a.release, b.release);
  if (c !== 0) return c;
  const [pa, na] = preKey(a);
  const [pb, nb] = preKey(b);
  c = cmpNum(pa, pb) || cmpNum(na, nb);
  if (c !== 0) return c;
  c = cmpNum(a.post ?? -1, b.post ?? -1);
  if (c !== 0) return c;
  c = cmpNum(a.dev ?? Number.POSITIVE_INFINITY, b.dev ?? Number.POSITIVE_INFINITY);
  if (c !== 0) return c;
  const la = a.local ?? [];
  const lb = b.local ?? [];
  for (let i = 0; i < Math.max(la.length, lb.length); i++) {
    const x = la[i];
    const y = lb[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    if (typeof x === 'number' && typeof y === 'number') c = cmpNum(x, y);
    else if (typeof x === 'number') c = 1;
    else if (typeof y === 'number') c = -1;
    else c = x < y ? -1 : x > y ? 1 : 0;
    if (c !== 0) return c;
  }
  return 0;
}

/** Compare two version strings; undefined when either is not a PEP 440 version. */
export function compareVersionStrings(a: string, b: string): number | undefined {
  const x = parsePep440(a);
  const y = parsePep440(b);
  return x === undefined || y === undefined ? undefined : comparePep440(x, y);
}

function isPrerelease(v: Pep440Version): boolean {
  return v.pre !== undefined || v.dev !== undefined;
}

/** `==1.4.*` style prefix match on the release segment (and epoch). */
function prefixMatch(v: Pep440Version, prefix: string): boolean {
  const p = parsePep440(prefix);
  if (p === undefined) return false;
  if (p.epoch !== v.epoch) return false;
  return p.release.every((n, i) => (v.release[i] ?? 0) === n);
}

function publicOf(v: Pep440Version): Pep440Version {
  const { local: _local, ...rest } = v;
  return rest;
}

/** One clause: `>=1.0`, `==1.4.*`, `~=2.2`, `!=1.5`. Undefined when the clause is not understood. */
export function satisfiesClause(v: Pep440Version, op: string, target: string): boolean | undefined {
  if (op === '===') return undefined;
  if ((op === '==' || op === '!=') && target.endsWith('.*')) {
    const hit = prefixMatch(v, target.slice(0, -2));
    return op === '==' ? hit : !hit;
  }
  const t = parsePep440(target);
  if (t === undefined) return undefined;
  // Local labels only matter when the specifier names one.
  const c = comparePep440(t.local === undefined ? publicOf(v) : v, t);
  switch (op) {
    case '==':
      return c === 0;
    case '!=':
      return c !== 0;
    case '<=':
      return c <= 0;
    case '>=':
      return c >= 0;
    // Exclusive comparisons do not admit pre-releases of the bound itself.
    case '<':
      return c < 0 && !(isPrerelease(v) && !isPrerelease(t) && cmpRelease(v.release, t.release) === 0);
    case '>':
      return c > 0 && !(v.post !== undefined && t.post === undefined && cmpRelease(v.release, t.release) === 0);
    case '~=': {
      if (t.release.length < 2) return undefined;
      const prefix = t.release.slice(0, -1);
      return c >= 0 && prefix.every((n, i) => (v.release[i] ?? 0) === n);
    }
    default:
      return undefined;
  }
}
