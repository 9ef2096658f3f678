// Symbolic values of the pickle stack machine. Nothing is ever constructed: a value records where
// it came from (a global, a call, a literal) so the scanner can say what loading would import and
// call. Containers keep only a few items, which bounds memory on multi-gigabyte state dicts.
export type PValue =
  | { k: 'global'; module: string; name: string; offset: number }
  | { k: 'call'; fn: PValue; args: PValue; offset: number; via: string }
  | { k: 'str'; v: string; truncated: boolean }
  | { k: 'bytes'; offset: number; length: number; data: Uint8Array | undefined }
  | { k: 'num'; hex?: string; v?: number }
  | { k: 'none' }
  | { k: 'tuple'; items: PValue[]; length: number }
  | { k: 'list'; items: PValue[] }
  | { k: 'dict'; entries?: Map<string, PValue> }
  | { k: 'set' }
  | { k: 'pid' }
  | { k: 'ext'; code: number }
  | { k: 'unknown' };

/** Containers keep this many items: enough for call arguments, bounded for huge lists. */
export const KEEP_ITEMS = 8;

export const NONE: PValue = { k: 'none' };
export const NUM: PValue = { k: 'num' };
export const UNKNOWN: PValue = { k: 'unknown' };

/** Shared immutable values for 0..65535: no allocation per small int on the hot path. */
const SMALL_INTS: PValue[] = [];
export const smallInt = (v: number): PValue => {
  let x = SMALL_INTS[v];
  if (x === undefined) {
    x = { k: 'num', v };
    SMALL_INTS[v] = x;
  }
  return x;
};

export const tuple = (items: PValue[]): PValue => ({
  k: 'tuple',
  items: items.length > KEEP_ITEMS ? items.slice(0, KEEP_ITEMS) : items,
  length: items.length,
});

/** Records a dict entry with a str key; dicts keep only their first 16 (array states, call kwargs). */
export function keep(d: { entries?: Map<string, PValue> }, key: string, v: PValue): void {
  if (!d.entries) d.entries = new Map();
  if (d.entries.size < 16) d.entries.set(key, v);
}

/** Human-readable name of a callable value, e.g. "os.system" or "builtins.getattr(os, 'system')". */
export function describe(v: PValue, depth = 0): string {
  if (depth > 6) return '…';
  switch (v.k) {
    case 'global':
      return `${v.module}.${v.name}`;
    case 'call': {
      const fn = describe(v.fn, depth + 1);
      const args = v.args.k === 'tuple' ? v.args.items.map((a) => describeArg(a, depth + 1)).join(', ') : '…';
      return `${fn}(${args})`;
    }
    case 'ext':
      return `<copyreg extension ${v.code}>`;
    case 'pid':
      return '<persistent id>';
    default:
      return `<${v.k}>`;
  }
}

function describeArg(v: PValue, depth: number): string {
  if (v.k === 'str') return JSON.stringify(v.v.length > 60 ? `${v.v.slice(0, 60)}…` : v.v);
  if (v.k === 'bytes') return `<${v.length} bytes>`;
  if (v.k === 'num' || v.k === 'none') return v.k;
  return describe(v, depth);
}
