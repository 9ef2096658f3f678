// Run 12: real sentences that use the vocabulary of attacks in ordinary senses, as trigger-word
// negatives for the direct heads. They are prose sentences of the Markdown documentation of the
// TRAINING agent repositories of real-prompts.ts (pinned commits, read with `git cat-file`, never
// checked out or executed; the four validation repositories are never read) that contain at
// least one trigger term mined from the dev attacks (trigger-terms.ts): "the system prompt tells
// the agent …", "override the default model", "respond in JSON format". Nobody wrote them for
// Rampart, so they do not share an author with the eval-only proxies.
// Left out: paths about attacks or tests (real-prompts.ts EXCLUDE_PATH), sentences quoting an
// attack (ATTACK_TEXT), and sentences the phrase layer alone scores 0.5 or more. The text is never
// committed: train.ts records each sentence's repository, path and sha256 in the sources file.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Sample } from '../../../eval/lib/datasets.js';
import { scoreInjection } from '../src/injection-detector.js';
import { normalizeText } from '../src/normalize.js';
import { ATTACK_TEXT, EXCLUDE_PATH, PROMPT_REPOS, promptReposRoot } from './real-prompts.js';
import { grams, mineTriggerTerms } from './trigger-terms.js';

const MAX_FILE = 300_000;
const MIN_LEN = 30;
const MAX_LEN = 300;
/** Top mined terms of each kind that make a sentence a trigger-word sentence. */
export const DOC_TERMS = 300;
/** At most this many sentences per repository (fixed order by hash), so none dominates. */
export const PER_REPO_SENTENCES = 400;

export interface DocSentence {
  repo: string;
  commit: string;
  path: string;
  text: string;
  sha256: string;
}

function gitDir(root: string, repo: string): string | undefined {
  const flat = repo.replace('/', '+');
  for (const d of [join(root, flat, 'repo'), join(root, flat, '.git'), join(root, flat), join(root, repo, '.git')])
    if (existsSync(join(d, 'HEAD')) || existsSync(join(d, 'objects'))) return d;
  return undefined;
}

function git(dir: string, args: string[], input?: string): Buffer {
  const r = spawnSync('git', ['--git-dir', dir, ...args], {
    input,
    maxBuffer: 1 << 30,
    env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1' },
  });
  if (r.status !== 0) throw new Error(`doc-sentences: git ${args[0]} failed in ${dir}`);
  return r.stdout;
}

export const sha = (s: string) => createHash('sha256').update(s).digest('hex');

/** Prose sentences of a Markdown file: no code blocks, tables, headings, links, HTML or lists of code. */
export function proseSentences(md: string): string[] {
  const out: string[] = [];
  let fenced = false;
  for (const raw of md.split('\n')) {
    const line = raw.trim();
    if (line.startsWith('```') || line.startsWith('~~~')) {
      fenced = !fenced;
      continue;
    }
    if (fenced || line === '' || /^(?:#|\||>|<|!\[|\[)/.test(line)) continue;
    if (/[`{}<>=|_]|https?:|\]\(/.test(line)) continue;
    const body = line.replace(/^(?:[-*+]|\d+\.)\s+/, '').replace(/\*\*/g, '');
    for (const s of body.split(/(?<=[.?!])\s+/))
      if (s.length >= MIN_LEN && s.length <= MAX_LEN && /^[A-Z][a-z]/.test(s) && /[.?!]$/.test(s)) out.push(s);
  }
  return out;
}

/** The mined trigger terms (top DOC_TERMS of each kind) that make a sentence a trigger-word sentence. */
export function docTerms(dev: readonly Sample[]): Set<string> {
  return new Set(
    (['prompt-injection', 'jailbreak'] as const).flatMap((k) =>
      mineTriggerTerms(dev, k)
        .slice(0, DOC_TERMS)
        .map(([g]) => g),
    ),
  );
}

/** The git directory of a pinned snapshot; throws when absent (training must not run without it). */
export function snapshotDir(root: string, repo: string): string {
  const dir = gitDir(root, repo);
  if (dir === undefined) throw new Error(`doc-sentences: ${repo} is not under ${root}`);
  return dir;
}

/** The Markdown files of a snapshot at a commit whose path passes `keep`, sorted by path. */
export function markdownFiles(
  dir: string,
  repo: string,
  commit: string,
  keep: (path: string) => boolean,
): Array<{ path: string; text: string }> {
  const files: Array<{ oid: string; path: string }> = [];
  for (const rec of git(dir, ['ls-tree', '-r', '-z', '--long', commit]).toString('utf8').split('\0')) {
    const m = /^\d+ blob ([0-9a-f]{40})\s+(\d+|-)\t(.+)$/s.exec(rec);
    if (!m) continue;
    const [, oid, size, path] = m as unknown as [string, string, string, string];
    if (!/\.mdx?$/i.test(path) || Number(size) > MAX_FILE || EXCLUDE_PATH.test(`/${path}`) || !keep(path)) continue;
    files.push({ oid, path });
  }
  files.sort((a, b) => (a.path < b.path ? -1 : 1));
  if (files.length === 0) return [];
  const blobs = git(dir, ['cat-file', '--batch'], `${files.map((f) => f.oid).join('\n')}\n`);
  const out: Array<{ path: string; text: string }> = [];
  let off = 0;
  for (const f of files) {
    const nl = blobs.indexOf(10, off);
    const header = blobs.subarray(off, nl).toString('utf8');
    if (!header.startsWith(`${f.oid} blob `))
      throw new Error(`doc-sentences: ${repo}@${commit}: ${f.path} is not in the snapshot (${header})`);
    const size = Number(header.split(' ')[2]);
    out.push({ path: f.path, text: blobs.subarray(nl + 1, nl + 1 + size).toString('utf8') });
    off = nl + 1 + size + 1;
  }
  return out;
}

/** A candidate sentence is kept when it holds a mined term, quotes no attack and the phrase layer alone scores it < 0.5. */
export function triggerSentence(text: string, terms: ReadonlySet<string>): boolean {
  if (ATTACK_TEXT.test(text)) return false;
  let hit = false;
  for (const g of grams(text)) if (terms.has(g)) hit = true;
  return hit;
}

/** The phrase layer alone scores the text 0.5 or more (an attack-like sentence, never a negative). */
export function phraseFlagged(text: string): boolean {
  const s = scoreInjection(normalizeText(text), null, 'user', null);
  return Math.max(s['prompt-injection'].phrases, s.jailbreak.phrases) >= 0.5;
}

/** The trigger-word sentences of the training repositories' docs, in a fixed order. */
export function docSentences(dev: readonly Sample[], root = promptReposRoot()): DocSentence[] {
  const terms = docTerms(dev);
  const out: DocSentence[] = [];
  const seen = new Set<string>();
  for (const p of PROMPT_REPOS) {
    if (p.split !== 'train') continue;
    const dir = snapshotDir(root, p.repo);
    const mine: DocSentence[] = [];
    for (const f of markdownFiles(dir, p.repo, p.commit, () => true)) {
      for (const text of proseSentences(f.text)) {
        if (!triggerSentence(text, terms)) continue;
        const h = sha(text);
        if (seen.has(h)) continue;
        seen.add(h);
        if (phraseFlagged(text)) continue;
        mine.push({ repo: p.repo, commit: p.commit, path: f.path, text, sha256: h });
      }
    }
    mine.sort((a, b) => (a.sha256 < b.sha256 ? -1 : 1));
    out.push(...mine.slice(0, PER_REPO_SENTENCES));
  }
  return out;
}
