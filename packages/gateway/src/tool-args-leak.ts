// The output leakage checks (secrets, PII, system-prompt leak, canaries) over the arguments of a
// tool call the model proposes. A model that read an injected document can exfiltrate through a call
// as easily as through its text: send_email(body=<system prompt>), http_get(url="…?k=<secret>").
// The argument values are laid out as one text, a `path: value` line per value, so one pipeline run
// covers the call (keys included) and a finding names the JSON path it is at (never the value).
// Redaction rewrites the string values in place, so the arguments stay valid JSON.
import type { DetectionView, RedactionMap, TextChecks } from './ports.js';

type Obj = Record<string, unknown>;

/** The detection types that mean something left the model that should not have. */
export const LEAK_TYPES: ReadonlySet<string> = new Set(['secret', 'pii', 'system-prompt-leak']);

/** Bounds on the walk: a call past them is not scanned and counts as a failed check (fail closed). */
const MAX_DEPTH = 64;
const MAX_LEAVES = 10_000;
const MAX_PATH = 200;
const PLAIN_KEY = /^[A-Za-z_$][A-Za-z0-9_$]{0,63}$/;

interface Leaf {
  /** How the audit names it: the JSON path, or KEY_LINE for a key laid out on its own line. */
  path: string;
  /** Where the line starts, where its value starts and ends in the laid-out text. */
  lineStart: number;
  valueStart: number;
  end: number;
  holder: Obj | unknown[];
  key: string | number;
  /** Numbers are scanned (a card number needs no quotes) but cannot be redacted in place, nor keys. */
  isString: boolean;
}

export interface ArgsLayout {
  text: string;
  leaves: Leaf[];
  /** root[0] is the arguments value (redaction rewrites it in place, a bare string too). */
  root: unknown[];
}

const KEY_LINE = '(key)';
const ELIDED = '…';

/**
 * Lays out the argument values as `path: value` lines; undefined when past the bounds. Keys are
 * scanned too (a key can carry a secret): in the path while it is short, else on a line of their own.
 * A path holds a key whole or not at all, so the audit never prints part of one.
 */
export function layoutArgs(args: unknown): ArgsLayout | undefined {
  const leaves: Leaf[] = [];
  const parts: string[] = [];
  let pos = 0;
  let ok = true;
  const line = (path: string, value: string, holder: Obj | unknown[], key: string | number, isString: boolean) => {
    if (leaves.length >= MAX_LEAVES) {
      ok = false;
      return;
    }
    const lineStart = pos;
    const valueStart = pos + path.length + 2;
    parts.push(`${path}: `, value, '\n');
    pos = valueStart + value.length + 1;
    leaves.push({ path, lineStart, valueStart, end: valueStart + value.length, holder, key, isString });
  };
  /** The parent's path with the segment, or elided when it would be too long (never a cut segment). */
  const extend = (path: string, seg: string | undefined): string => {
    if (path.endsWith(ELIDED)) return path;
    return seg !== undefined && path.length + seg.length <= MAX_PATH ? path + seg : `${path}${ELIDED}`;
  };
  const visit = (v: unknown, path: string, holder: Obj | unknown[], key: string | number, depth: number) => {
    if (!ok) return;
    // Every scalar and empty container gets a line, so every key is scanned (in its path).
    if (typeof v === 'string') return line(path, v, holder, key, true);
    if (v === null || typeof v !== 'object') return line(path, String(v), holder, key, false);
    if (Object.keys(v).length === 0) return line(path, Array.isArray(v) ? '[]' : '{}', holder, key, false);
    if (depth >= MAX_DEPTH) {
      ok = false;
      return;
    }
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length && ok; i++) {
        visit(v[i], extend(path, `[${i}]`), v, i, depth + 1);
      }
      return;
    }
    for (const [k, x] of Object.entries(v as Obj)) {
      if (!ok) return;
      const seg = PLAIN_KEY.test(k) ? `.${k}` : k.length <= 64 ? `[${JSON.stringify(k)}]` : undefined;
      const p = extend(path, seg);
      // A key the path does not show is scanned on its own line.
      const shown = seg !== undefined && p === path + seg;
      if (!shown && k !== '') line(KEY_LINE, k, v as Obj, k, false);
      visit(x, p, v as Obj, k, depth + 1);
    }
  };
  const root = [args];
  // No arguments (the usual `{}`) is nothing to scan.
  const none = args === undefined || args === null || (typeof args === 'object' && Object.keys(args).length === 0);
  if (!none) visit(args, '$', root, 0, 0);
  return ok ? { text: parts.join(''), leaves, root } : undefined;
}

/** The leaf whose line holds `at` (leaves are in text order). */
function leafAt(leaves: Leaf[], at: number): Leaf | undefined {
  let lo = 0;
  let hi = leaves.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const l = leaves[mid]!;
    if (at < l.lineStart) hi = mid - 1;
    else if (at > l.end) lo = mid + 1;
    else return l;
  }
  return undefined;
}

/**
 * Where the detections are, for the audit and the explanation: JSON paths, never values. When a
 * finding is in a key (a path) or has no span, no path is named: a detector may report only the
 * first of several copies, and another path could hold the same key.
 */
export function describeWhere(layout: ArgsLayout, detections: DetectionView[]): string {
  const paths = new Set<string>();
  for (const d of detections) {
    if (d.spans.length === 0) return 'in the arguments';
    for (const s of d.spans) {
      const l = leafAt(layout.leaves, s.start);
      if (l === undefined) return 'in the arguments';
      // In a key, or running on into the next line (whose path comes first).
      if (l.path === KEY_LINE || s.start < l.valueStart || s.end > l.end) return 'in the arguments, in a key name';
      paths.add(l.path);
    }
  }
  const list = [...paths].slice(0, 8);
  if (paths.size > list.length) list.push(`… ${paths.size - list.length} more`);
  return `in the arguments at ${list.join(', ')}`;
}

/**
 * Replaces the spans of `detections` inside the string values, in place. false when one of them
 * cannot be redacted there (no span, a span in a key name or a number, across a line): the caller
 * withholds the call instead.
 */
export function redactArgs(checks: TextChecks, layout: ArgsLayout, detections: DetectionView[]): boolean {
  const perLeaf = new Map<Leaf, DetectionView[]>();
  for (const d of detections) {
    if (d.spans.length === 0) return false;
    for (const s of d.spans) {
      const l = leafAt(layout.leaves, s.start);
      if (l === undefined || !l.isString || s.start < l.valueStart || s.end > l.end) return false;
      const list = perLeaf.get(l) ?? [];
      list.push({ ...d, spans: [{ ...s, start: s.start - l.valueStart, end: s.end - l.valueStart }] });
      perLeaf.set(l, list);
    }
  }
  let map: RedactionMap | undefined;
  for (const [l, dets] of perLeaf) {
    const value = (l.holder as Record<string | number, unknown>)[l.key] as string;
    const r = checks.redact(value, dets, map);
    map = r.map;
    (l.holder as Record<string | number, unknown>)[l.key] = r.text;
  }
  return true;
}
