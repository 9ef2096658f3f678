// Shared plumbing for the code-discovery detectors: cheap pre-filters on path and head bytes,
// loading and parsing a file once through the lang layer, and mapping source lines to report
// locations (a plain file, or a notebook cell). Parse failures become skipped/errors entries.
import {
  type DetectorOutput,
  describeError,
  type FileInfo,
  type FileInput,
  LimitError,
  type Location,
  TimeoutError,
} from '@rampart/core';
import { type AnalyzedSource, analyzeSource, isSourcePath } from '../lang/index.js';

/** Where findings and assets from one parsed source point to. */
export interface SourceRef {
  path: string;
  /** Map a 1-based line of the parsed text to a report location. */
  locate(line: number): Location;
}

export function fileRef(path: string): SourceRef {
  return { path, locate: (line) => ({ path, line }) };
}

/**
 * Case-insensitive literal hints of one detector. Every set is indexed together, so a file's head
 * and text are each scanned once for all code detectors (five alternation regexes per file used
 * to cost more than parsing the files that match). Same answers as the old
 * `new RegExp(escaped.join('|'), 'i')`: without the u flag a regex folds only ASCII letters, and
 * so does the index.
 */
export class HintSet {
  readonly hints: readonly string[];
  /** Index in the shared registry. */
  readonly id: number;

  constructor(hints: readonly string[]) {
    this.hints = [...hints];
    this.id = registry.add(this);
  }

  /** True when any hint occurs in `text`, ignoring ASCII case. */
  test(text: string): boolean {
    return registry.test(text, this.id);
  }

  /** The same for bytes read as latin1 (a file's head). */
  testBytes(bytes: Uint8Array): boolean {
    return registry.test(bytes, this.id);
  }
}

const fold = (c: number): number => (c >= 65 && c <= 90 ? c + 32 : c);

/**
 * Every UTF-16 code unit to its ASCII-folded form, or 0 when it is not ASCII (no hint holds a NUL,
 * so a 0 never starts or continues an indexed hint): one table read per character.
 */
const FOLD = new Uint8Array(65_536);
for (let c = 1; c < 128; c++) FOLD[c] = fold(c);

/**
 * All hint sets in one trigram index over ASCII-folded text: per position two typed-array reads,
 * and a literal comparison only where an indexed three-character prefix really occurs. The last
 * texts asked about are remembered, so the detectors that look at one file in a row share a scan.
 */
class HintRegistry {
  private readonly sets: HintSet[] = [];
  private built = false;
  /** Folded ASCII hints of three or more characters, grouped by their first three characters. */
  private bigram = new Uint16Array(1 << 14);
  private trigram = new Uint16Array(0);
  private lists: Array<Array<{ hint: string; sets: number[] }>> = [];
  /** Per set, a regex for hints the index does not cover (shorter than three or non-ASCII). */
  private rest: Array<RegExp | undefined> = [];
  private readonly recent: Array<{ key: string | Uint8Array; hits: Uint8Array }> = [];

  add(set: HintSet): number {
    this.sets.push(set);
    this.built = false;
    this.recent.length = 0;
    return this.sets.length - 1;
  }

  private build(): void {
    const bySet = new Map<string, number[]>();
    this.rest = [];
    this.sets.forEach((set, id) => {
      const other: string[] = [];
      for (const h of set.hints) {
        if (h.length < 3 || /[^\x01-\x7f]/.test(h)) {
          other.push(h);
          continue;
        }
        const key = Array.from(h, (ch) => String.fromCharCode(fold(ch.charCodeAt(0)))).join('');
        const ids = bySet.get(key) ?? [];
        if (!ids.includes(id)) ids.push(id);
        bySet.set(key, ids);
      }
      this.rest[id] = other.length > 0 ? legacyPattern(other) : undefined;
    });
    this.bigram = new Uint16Array(1 << 14);
    let slots = 0;
    for (const h of bySet.keys()) {
      const b = (h.charCodeAt(0) << 7) | h.charCodeAt(1);
      if (this.bigram[b] === 0) this.bigram[b] = ++slots;
    }
    this.trigram = new Uint16Array(Math.max(1, slots) << 7);
    this.lists = [];
    for (const [hint, sets] of bySet) {
      const t = ((this.bigram[(hint.charCodeAt(0) << 7) | hint.charCodeAt(1)]! - 1) << 7) | hint.charCodeAt(2);
      if (this.trigram[t] === 0) {
        this.lists.push([]);
        this.trigram[t] = this.lists.length;
      }
      this.lists[this.trigram[t]! - 1]!.push({ hint, sets });
    }
    this.built = true;
  }

  test(key: string | Uint8Array, id: number): boolean {
    let entry = this.recent.find((r) => r.key === key);
    if (!entry) {
      if (!this.built) this.build();
      entry = { key, hits: typeof key === 'string' ? this.scanText(key) : this.scanBytes(key) };
      this.recent.unshift(entry);
      if (this.recent.length > 2) this.recent.pop();
    }
    if (entry.hits[id] === 0) {
      const rest = this.rest[id];
      if (rest)
        entry.hits[id] = rest.test(
          typeof key === 'string' ? key : Buffer.from(key.buffer, key.byteOffset, key.byteLength).toString('latin1'),
        )
          ? 1
          : 2;
      else entry.hits[id] = 2;
    }
    return entry.hits[id] === 1;
  }

  /** Per set: 1 when one of its indexed hints occurs, else 0 (not yet known). */
  private scanText(text: string): Uint8Array {
    const hits = new Uint8Array(this.sets.length);
    let open = this.sets.length;
    const n = text.length - 2;
    const bigram = this.bigram;
    const trigram = this.trigram;
    let c1 = n > 0 ? FOLD[text.charCodeAt(0)]! : 0;
    let c2 = n > 0 ? FOLD[text.charCodeAt(1)]! : 0;
    for (let i = 0; i < n; i++) {
      const c0 = c1;
      c1 = c2;
      c2 = FOLD[text.charCodeAt(i + 2)]!;
      const slot = bigram[(c0 << 7) | c1]!;
      if (slot === 0) continue;
      const list = trigram[((slot - 1) << 7) | c2]!;
      if (list === 0) continue;
      for (const { hint, sets } of this.lists[list - 1]!) {
        if (i + hint.length > text.length) continue;
        let k = 3;
        while (k < hint.length && FOLD[text.charCodeAt(i + k)] === hint.charCodeAt(k)) k++;
        if (k < hint.length) continue;
        for (const s of sets)
          if (hits[s] === 0) {
            hits[s] = 1;
            open--;
          }
      }
      if (open === 0) break;
    }
    return hits;
  }

  private scanBytes(bytes: Uint8Array): Uint8Array {
    const hits = new Uint8Array(this.sets.length);
    let open = this.sets.length;
    const n = bytes.length - 2;
    const bigram = this.bigram;
    const trigram = this.trigram;
    let c1 = n > 0 ? FOLD[bytes[0]!]! : 0;
    let c2 = n > 0 ? FOLD[bytes[1]!]! : 0;
    for (let i = 0; i < n; i++) {
      const c0 = c1;
      c1 = c2;
      c2 = FOLD[bytes[i + 2]!]!;
      const slot = bigram[(c0 << 7) | c1]!;
      if (slot === 0) continue;
      const list = trigram[((slot - 1) << 7) | c2]!;
      if (list === 0) continue;
      for (const { hint, sets } of this.lists[list - 1]!) {
        if (i + hint.length > bytes.length) continue;
        let k = 3;
        while (k < hint.length && FOLD[bytes[i + k]!] === hint.charCodeAt(k)) k++;
        if (k < hint.length) continue;
        for (const s of sets)
          if (hits[s] === 0) {
            hits[s] = 1;
            open--;
          }
      }
      if (open === 0) break;
    }
    return hits;
  }
}

const registry = new HintRegistry();

function legacyPattern(hints: readonly string[]): RegExp {
  return new RegExp(hints.map((h) => h.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'i');
}

/** Case-insensitive test for any hint in the bytes (ASCII hints; bytes read as latin1). */
export function hasHint(bytes: Uint8Array, hints: HintSet): boolean {
  return hints.testBytes(bytes);
}

/** Register a set of literal hints (matched ignoring ASCII case). Call once, at module level. */
export function hintPattern(hints: readonly string[]): HintSet {
  return new HintSet(hints);
}

/**
 * applies() for code detectors: a parseable source file whose bytes may contain one of the hints.
 * The head is conclusive only when it is the whole file.
 */
export function codeApplies(file: FileInfo, hints: HintSet): boolean {
  if (!file.isText || !isSourcePath(file.path)) return false;
  if (file.size > file.head.length) return true;
  return hasHint(file.head, hints);
}

/**
 * Read and parse a source file when its full text contains a hint. Returns undefined when there is
 * nothing to look at; limits and parse failures are recorded in `out` (inconclusive, never "clean").
 */
export async function loadSource(
  file: FileInput,
  hints: HintSet,
  out: Partial<DetectorOutput>,
  detector: string,
): Promise<AnalyzedSource | undefined> {
  let text: string;
  try {
    text = await file.text();
  } catch (e) {
    record(file.path, e, out, detector);
    return undefined;
  }
  if (!hints.test(text)) return undefined;
  try {
    const model = await analyzeSource(file.path, text);
    if (model.truncated) {
      out.skipped = out.skipped ?? [];
      out.skipped.push({
        path: file.path,
        reason: 'limit-reached',
        detail: 'nesting or call-count limit reached; analysis is partial',
        detector,
      });
    }
    return model;
  } catch (e) {
    record(file.path, e, out, detector);
    return undefined;
  }
}

export function record(path: string, e: unknown, out: Partial<DetectorOutput>, detector: string): void {
  if (e instanceof LimitError || e instanceof TimeoutError) {
    out.skipped = out.skipped ?? [];
    out.skipped.push({ path, reason: 'limit-reached', detail: e.message, detector });
    return;
  }
  const d = describeError(e);
  out.errors = out.errors ?? [];
  out.errors.push({ path, code: d.code, message: d.message, detector });
}
