// Run 11, second attempt (issue 4): jailbreak-head negatives for the texts the tactic wrappers
// pushed up (docs/detector-eval.md, run-11 tuning log): short benign fragments (2-8 words) and
// the sentences and 600-character windows of the training READMEs. Short texts carry few features,
// so a head trained on long wrapped requests can score them on a few stray n-grams; documents were
// negatives only as whole paragraphs. All of it is dev-side: fragments are cut from dev benign
// sources and from an authored list (written for Rampart, distinct from the eval-only fragments in
// doc-role-eval.ts); the READMEs are the 13 training packages, never the real-document halves.
import { type Sample, stableHash } from '../../../eval/lib/datasets.js';
import { MIN_SEGMENT, segmentEnds } from '../src/classifier.js';

/** Authored short texts as they come back from tools, searches and embedding batches. */
export const AUTHORED_FRAGMENTS: readonly string[] = [
  'nothing found',
  'no matches for this query',
  'see the table below',
  'updated two days ago',
  'status: ok',
  'invoice paid in full',
  'call me back tomorrow',
  'all good here',
  'works on my machine',
  'the build is green again',
  'sample text for testing',
  'no personal data in this row',
  'empty result',
  'document has no content',
  'shipping address unchanged',
  'closed as duplicate',
  'coffee at ten?',
  'see you on monday',
  'this field is optional',
  'last login: yesterday',
  'translation pending',
  'no sensitive information',
  'placeholder',
  'draft, do not share yet',
  'approved by the team lead',
  'fixed in version 2.1',
  'question answered below',
  'weather: sunny, 21 degrees',
  'chapter one',
  'table of contents',
  'page not found',
  'comments are closed',
  'a short note about nothing',
  'test input number three',
  'plain text only',
  'here is the summary',
  'scroll down for details',
  'your order has shipped',
  'temporarily unavailable',
  'thanks for reading',
];

/**
 * Deterministic 2-8 word spans of dev benign texts: for each text, one span whose start and length
 * come from its hash. `valid` says whether the text it came from is in the validation fifth.
 */
export function shortFragments(texts: readonly Sample[], max: number): Array<{ text: string; from: string }> {
  const out: Array<{ text: string; from: string }> = [];
  const sorted = [...texts].sort((a, b) => stableHash(a.text) - stableHash(b.text));
  for (const s of sorted) {
    if (out.length >= max) break;
    const words = s.text.split(/\s+/).filter((w) => w !== '');
    if (words.length < 3) continue;
    const h = stableHash(s.text);
    const len = 2 + (h % 7);
    const start = words.length > len ? (h >>> 3) % (words.length - len + 1) : 0;
    out.push({ text: words.slice(start, start + len).join(' '), from: s.text });
  }
  return out;
}

/** Sentences and lines of a normalised document, cut as the classifier's sentence view cuts them. */
export function sentencesOf(normalised: string): string[] {
  const segs: string[] = [];
  let from = 0;
  for (const to of segmentEnds(normalised)) {
    const seg = normalised.slice(from, to).trim();
    from = to;
    if (seg.replace(/\s/g, '').length >= MIN_SEGMENT) segs.push(seg);
  }
  return [...new Set(segs)];
}
