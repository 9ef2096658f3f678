// Run 14: real sentences that talk about prompts, answers, instructions, system messages and
// assistants in ordinary senses ("Let's use ChatGPT for this too!", "Let's try to improve this by
// improving the prompt."), as trigger-word negatives for the direct heads. What is left of
// NotInject-style over-defence after run 12 is that register (docs/detector-eval.md, run-12 and
// run-14 logs), and the agent repositories' docs that run 12 read (doc-sentences.ts) say little
// in it. The sources are public prompt-engineering guides and LLM-app docs nobody wrote for
// Rampart, pinned like real-prompts.ts pins its repositories and read with `git cat-file` (never
// checked out or executed). None is one of the four validation repositories of real-prompts.ts.
// The same exclusions as run 12: paths about attacks or tests (EXCLUDE_PATH: the guide's
// adversarial-prompting, jailbreaking, prompt-injection and prompt-leaking pages), sentences
// quoting an attack (ATTACK_TEXT) and sentences the phrase layer alone scores 0.5 or more. The
// text is never committed: train.ts records each sentence's repository, path and sha256.
import type { Sample } from '../../../eval/lib/datasets.js';
import {
  type DocSentence,
  docTerms,
  markdownFiles,
  phraseFlagged,
  proseSentences,
  sha,
  snapshotDir,
  triggerSentence,
} from './doc-sentences.js';
import { PROMPT_REPOS, promptReposRoot } from './real-prompts.js';

export interface GuideRepo {
  repo: string;
  commit: string;
  /** Which Markdown paths are read (English pages only where the guide is translated). */
  paths: RegExp;
}

/** Pinned snapshots (`fetch github:<repo>`; layout `<owner>+<name>/repo` under RAMPART_PROMPT_REPOS). */
export const GUIDE_REPOS: readonly GuideRepo[] = [
  {
    repo: 'dair-ai/Prompt-Engineering-Guide',
    commit: '3d96678f28793e6f23ac6c0127799489f2c9022b',
    // English pages (`*.en.mdx`), the older `guides/` and the README; other languages are left out.
    paths: /^(?:pages\/.*\.en\.mdx|guides\/[^/]+\.md|README\.md)$/,
  },
  { repo: 'brexhq/prompt-engineering', commit: '50871be17eb86d70ce066462f4328a6f62a7208e', paths: /^README\.md$/ },
  { repo: 'microsoft/promptflow', commit: '6e76ef49beda52187d8ae38d710632cfeabedde4', paths: /^docs\// },
];

/** At most this many sentences per repository (fixed order by hash), as run 12. */
export const PER_GUIDE_SENTENCES = 400;

/** Guide repositories must never be validation repositories (they are never trained on). */
export function guideReposValid(): boolean {
  const held = new Set(PROMPT_REPOS.filter((p) => p.split === 'valid').map((p) => p.repo));
  return GUIDE_REPOS.every((g) => !held.has(g.repo));
}

/**
 * The trigger-word prose sentences of the guide repositories, in a fixed order. `exclude` holds
 * sha256s already used (run 12's sentences), so no sentence is counted twice. `maxLen` keeps
 * only short sentences (the register of the residual: short requests), before the per-repository cap.
 */
export function guideSentences(
  dev: readonly Sample[],
  root = promptReposRoot(),
  exclude: ReadonlySet<string> = new Set(),
  perRepo = PER_GUIDE_SENTENCES,
  maxLen = Number.POSITIVE_INFINITY,
): DocSentence[] {
  if (!guideReposValid()) throw new Error('guide-sentences: a guide repository is a validation repository');
  const terms = docTerms(dev);
  const out: DocSentence[] = [];
  const seen = new Set(exclude);
  for (const g of GUIDE_REPOS) {
    const dir = snapshotDir(root, g.repo);
    const mine: DocSentence[] = [];
    for (const f of markdownFiles(dir, g.repo, g.commit, (p) => g.paths.test(p))) {
      for (const text of proseSentences(f.text)) {
        if (text.length > maxLen || !triggerSentence(text, terms)) continue;
        const h = sha(text);
        if (seen.has(h)) continue;
        seen.add(h);
        if (phraseFlagged(text)) continue;
        mine.push({ repo: g.repo, commit: g.commit, path: f.path, text, sha256: h });
      }
    }
    mine.sort((a, b) => (a.sha256 < b.sha256 ? -1 : 1));
    out.push(...mine.slice(0, perRepo));
  }
  return out;
}
