// Output check for system-prompt leakage: canary tokens (exact, case- and spacing-insensitive)
// and overlap of word 5-gram shingles with the configured system prompt, so paraphrase-free
// copies, partial copies and reformatted copies are caught.
import { randomBytes } from 'node:crypto';
import { normalizeText } from './normalize.js';
import type { Detection, Span, TextDetector } from './types.js';

export interface LeakOptions {
  systemPrompt?: string;
  canaries?: string[];
  /** Shingle size in words (default 5). */
  shingle?: number;
}

interface Word {
  w: string;
  start: number;
  end: number;
}

const WORD = /[\p{L}\p{N}]+/gu;

/**
 * Canary tokens in Rampart's own format are recognised without configuration: plant one with
 * `makeCanary()` in a system prompt and any output that carries it is a leak, whoever configured
 * the gateway.
 */
export const CANARY_PATTERN = /\b(?:rampart|rmprt)[-_]canary[-_][a-z0-9]{6,64}\b/i;

/** A fresh canary token for a system prompt. */
export function makeCanary(): string {
  return `RAMPART-CANARY-${randomBytes(8).toString('hex')}`;
}

// The model announcing that it is disclosing its instructions (weak evidence on its own).
const DISCLOSURE =
  /\b(?:my|the) (?:system prompt|initial instructions|original instructions|hidden instructions|system message)(?: (?:is|are|was|were|says|reads))?\s{0,3}[:"\u201c]|\b(?:here (?:is|are) my (?:system prompt|instructions)|i was (?:instructed|told) (?:to|not to)\b)/i;

function words(text: string): Word[] {
  const norm = normalizeText(text, { maxDepth: 0 }).views[0]!;
  const out: Word[] = [];
  for (const m of norm.text.matchAll(WORD)) {
    const a = norm.origin(m.index);
    const b = norm.origin(m.index + m[0].length - 1);
    out.push({ w: m[0], start: a.start, end: b.end });
  }
  return out;
}

function compact(s: string): string {
  return normalizeText(s, { maxDepth: 0 }).views[0]!.text.replace(/[^\p{L}\p{N}]/gu, '');
}

export function createLeakDetector(opts: LeakOptions): TextDetector {
  const k = opts.shingle ?? 5;
  const shingles = new Set<string>();
  let total = 0;
  if (opts.systemPrompt !== undefined && opts.systemPrompt.trim() !== '') {
    const ws = words(opts.systemPrompt).map((x) => x.w);
    const n = Math.max(1, ws.length - k + 1);
    for (let i = 0; i < n; i++) shingles.add(ws.slice(i, i + k).join(' '));
    total = shingles.size;
  }
  const canaries = (opts.canaries ?? []).map(compact).filter((c) => c.length >= 4);
  return {
    id: 'leak',
    version: '1',
    types: ['system-prompt-leak'],
    check(input): Detection[] {
      const spans: Span[] = [];
      let score = 0;
      const reasons: string[] = [];
      const fmt = CANARY_PATTERN.exec(input.text);
      if (fmt !== null) {
        score = 1;
        spans.push({ start: fmt.index, end: fmt.index + fmt[0].length, label: 'canary' });
        reasons.push('Rampart canary token present');
      }
      const disc = DISCLOSURE.exec(input.text);
      if (disc !== null) {
        score = Math.max(score, 0.45);
        spans.push({ start: disc.index, end: disc.index + disc[0].length, label: 'disclosure' });
        reasons.push('model announces its instructions');
      }
      if (canaries.length > 0 && score < 1) {
        const c = compact(input.text);
        for (const can of canaries) {
          if (c.includes(can)) {
            score = 1;
            reasons.push('canary token present');
            break;
          }
        }
      }
      if (total > 0) {
        const ws = words(input.text);
        let hit = 0;
        const seen = new Set<string>();
        for (let i = 0; i + k <= ws.length; i++) {
          const sh = ws
            .slice(i, i + k)
            .map((x) => x.w)
            .join(' ');
          if (!shingles.has(sh)) continue;
          if (!seen.has(sh)) {
            seen.add(sh);
            hit++;
          }
          const last = spans[spans.length - 1];
          const st = ws[i]!.start;
          const en = ws[i + k - 1]!.end;
          if (last !== undefined && st <= last.end) last.end = Math.max(last.end, en);
          else spans.push({ start: st, end: en, label: 'system-prompt' });
        }
        if (hit > 0) {
          // Fraction of the prompt reproduced, with a floor so a few verbatim sentences of a long
          // prompt still count.
          const frac = hit / total;
          const s = Math.min(1, Math.max(frac * 2, Math.min(0.9, hit / 8)));
          if (s > score) score = s;
          reasons.push(`${hit}/${total} system-prompt ${k}-grams reproduced`);
        }
      }
      if (score === 0) return [];
      return [
        {
          type: 'system-prompt-leak',
          detector: 'leak',
          score,
          flagged: false,
          spans,
          evidence: reasons.join('; '),
        },
      ];
    },
  };
}
