// Redaction with stable placeholders: the same value always becomes the same placeholder
// ([EMAIL_1], [SECRET_2], …) within one map, so a conversation can be redacted turn by turn and
// the model's answer restored afterwards.
import type { Detection } from './types.js';

export interface RedactionMap {
  /** placeholder -> original value. Holds raw PII/secrets: keep it in memory, never log it. */
  entries: Record<string, string>;
  /** label -> last number used. */
  counters: Record<string, number>;
}

/** Types whose spans are sensitive values (injection spans are not redacted, they are blocked). */
const REDACTED_TYPES = new Set(['pii', 'secret']);

function labelFor(d: Detection, spanLabel: string | undefined): string {
  if (d.type === 'secret') return 'SECRET';
  const l = (spanLabel ?? 'PII').toUpperCase().replace(/[^A-Z0-9]+/g, '_');
  return l === 'PHONE_NUMBER' ? 'PHONE' : l;
}

export function emptyRedactionMap(): RedactionMap {
  return { entries: {}, counters: {} };
}

export function redact(
  text: string,
  detections: readonly Detection[],
  map: RedactionMap = emptyRedactionMap(),
): { text: string; map: RedactionMap } {
  const spans: Array<{ start: number; end: number; label: string }> = [];
  for (const d of detections) {
    if (!REDACTED_TYPES.has(d.type)) continue;
    for (const s of d.spans) {
      if (s.start < 0 || s.end > text.length || s.end <= s.start) continue;
      spans.push({ start: s.start, end: s.end, label: labelFor(d, s.label) });
    }
  }
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const reverse = new Map<string, string>();
  for (const [ph, v] of Object.entries(map.entries)) reverse.set(v, ph);
  let out = '';
  let pos = 0;
  for (const s of spans) {
    if (s.start < pos) continue; // overlapping span already covered
    const value = text.slice(s.start, s.end);
    let ph = reverse.get(value);
    if (ph === undefined) {
      const n = (map.counters[s.label] ?? 0) + 1;
      map.counters[s.label] = n;
      ph = `[${s.label}_${n}]`;
      map.entries[ph] = value;
      reverse.set(value, ph);
    }
    out += text.slice(pos, s.start) + ph;
    pos = s.end;
  }
  out += text.slice(pos);
  return { text: out, map };
}

const PLACEHOLDER = /\[[A-Z][A-Z0-9_]{0,40}_\d{1,9}\]/g;

/** Put original values back in place of the placeholders `map` knows; others are left alone. */
export function restore(text: string, map: RedactionMap): string {
  return text.replace(PLACEHOLDER, (ph) => map.entries[ph] ?? ph);
}
