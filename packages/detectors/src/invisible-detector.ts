// Invisible text: zero-width, bidi-control and Unicode tag characters. Tag characters that spell
// ASCII ("ASCII smuggling") score highest; a lone zero-width joiner in emoji scores low.
import { isInvisible } from './normalize.js';
import type { Detection, Span, TextDetector } from './types.js';

// Emoji sequences legitimately use ZWJ (U+200D) and variation selector 16 (U+FE0F).
function benignInEmoji(text: string, start: number, end: number): boolean {
  if (end - start !== 1) return false;
  const c = text.charCodeAt(start);
  if (c !== 0x200d && c !== 0xfe0f && c !== 0xfe0e) return false;
  const prev =
    start > 0 ? text.codePointAt(start - 1 - (start > 1 && /[\uDC00-\uDFFF]/.test(text[start - 1]!) ? 1 : 0)) : 0;
  return prev !== undefined && (prev >= 0x1f000 || (prev >= 0x2600 && prev <= 0x27bf));
}

export function findInvisible(text: string): { spans: Span[]; tagChars: number; count: number } {
  const spans: Span[] = [];
  let tagChars = 0;
  let count = 0;
  for (let i = 0; i < text.length; ) {
    const c = text.charCodeAt(i);
    if (c < 0xad) {
      i++;
      continue;
    }
    const cp = text.codePointAt(i)!;
    const w = cp > 0xffff ? 2 : 1;
    if (isInvisible(cp) && !benignInEmoji(text, i, i + w)) {
      count++;
      if (cp >= 0xe0000 && cp <= 0xe007f) tagChars++;
      const last = spans[spans.length - 1];
      if (last !== undefined && last.end === i) last.end = i + w;
      else
        spans.push({
          start: i,
          end: i + w,
          label: cp >= 0xe0000 ? 'unicode-tag' : cp >= 0x202a && cp <= 0x202e ? 'bidi' : 'zero-width',
        });
    }
    i += w;
  }
  return { spans, tagChars, count };
}

export const invisibleDetector: TextDetector = {
  id: 'invisible',
  version: '1',
  types: ['invisible-text'],
  check(input): Detection[] {
    const r = findInvisible(input.text);
    if (r.count === 0) return [];
    // Soft hyphens and single zero-width spaces occur in pasted web text; runs and tags do not.
    const score = r.tagChars > 0 ? 0.99 : r.spans.some((s) => s.end - s.start >= 3) || r.count >= 5 ? 0.8 : 0.4;
    return [
      {
        type: 'invisible-text',
        detector: 'invisible',
        score,
        flagged: false,
        spans: r.spans,
        evidence: `${r.count} invisible character(s)${r.tagChars > 0 ? `, ${r.tagChars} Unicode tag character(s) carrying hidden text` : ''}`,
      },
    ];
  },
};
