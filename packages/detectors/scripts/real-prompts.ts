// Real prompt templates and system prompts from public agent/LLM repositories, harvested at
// training time as benign negatives for the direct heads (issue 4: long role prompts such as
// "You are an experienced database expert ..." were flagged as jailbreaks). The text is never
// committed: only the repository, commit, path and a hash of each prompt go into
// weights/injection-v1.sources.json. The repositories are read from local git snapshots at the
// pinned commits (`git cat-file`, never checked out or executed), so a run is reproducible.
//
// Split BY REPOSITORY: the `valid` repositories are never trained on (not even by `--final`);
// scripts/tune.ts reports how often their prompts are flagged as system and as user prompts.
//
// Extraction is a bounded scanner of our own, not a parser: Python triple-quoted strings that are
// not docstrings (also inside notebook code cells), JS/TS template literals, YAML values under
// prompt-ish keys (crewAI agents.yaml/tasks.yaml), and whole prompt files (.md/.txt/.jinja/...
// under a path that names prompts or instructions). Files and prompts about attacks are left out
// (see EXCLUDE_PATH and ATTACK_TEXT): some repositories ship jailbreak demos and guardrail tests.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export interface PromptRepo {
  repo: string;
  commit: string;
  split: 'train' | 'valid';
}

/** Pinned snapshots. `valid` = held out of every model (the four the lead's check came from). */
export const PROMPT_REPOS: readonly PromptRepo[] = [
  { repo: 'google/adk-samples', commit: 'e39b8067995c3df2d394d2c1a8ee332da621ffcc', split: 'valid' },
  { repo: 'crewAIInc/crewAI-examples', commit: 'da94a91e691e1cf5b3151416bb15b5b62729bea8', split: 'valid' },
  { repo: 'huggingface/smolagents', commit: 'e3a5b8994b301983b91c0325546e9dc82eab8cf0', split: 'valid' },
  { repo: 'pydantic/pydantic-ai', commit: '4fda38988f2939fa6ea9cdefcf120693e10ef491', split: 'valid' },
  { repo: 'openai/openai-agents-python', commit: '7f7a44f8dc0650296bd5ab6c745c9bcbaa6ac3b7', split: 'train' },
  { repo: 'anthropics/anthropic-cookbook', commit: '4b36a1e1f64361397f4cbe4fbc7cdace338f16f8', split: 'train' },
  { repo: 'langchain-ai/langgraph', commit: 'f09cfe8ffc1eeffd68f4b628ed69c30f7cad229f', split: 'train' },
  { repo: 'microsoft/autogen', commit: '027ecf0a379bcc1d09956d46d12d44a3ad9cee14', split: 'train' },
  { repo: 'geekan/MetaGPT', commit: 'ba2868974b2ecc3fe4218ad29dd334867c07f678', split: 'train' },
  { repo: 'camel-ai/camel', commit: '13dc7a7dda66d943949e5448d55e70d5a9481cfe', split: 'train' },
  { repo: 'crewAIInc/crewAI', commit: 'f4731f5025f861c78e3af0487cc80bf5e7c64782', split: 'train' },
  { repo: 'agno-agi/agno', commit: '9644f22982ae017eaa4ad85c561d927d9ac03119', split: 'train' },
  { repo: 'OpenBMB/ChatDev', commit: 'b23950d03575e31c958d7f57af521fb782db8750', split: 'train' },
  { repo: 'deepset-ai/haystack-cookbook', commit: '33dabc87172aa83c649b51171983a6bf40f2ee4f', split: 'train' },
];

export interface RealPrompt {
  repo: string;
  commit: string;
  path: string;
  split: 'train' | 'valid';
  text: string;
  sha256: string;
}

/** Paths about attacks or defences against them: their "prompts" may be attacks. */
export const EXCLUDE_PATH =
  /jailbreak|inject|red[-_ ]?team|attack|guard|adversar|safety|moderat|harmful|toxic|exploit|malicious|security|prompt[-_]?leak|\/tests?\/|test_|\.test\.|\/fixtures?\/|\/i18n\/|\/locales?\//i;
/** Prompt text that quotes an attack (demos of what a guardrail should stop). */
export const ATTACK_TEXT =
  /\b(?:ignore|disregard|forget)\b[^.\n]{0,40}\b(?:previous|prior|above|earlier|all)\b[^.\n]{0,20}\b(?:instructions?|prompts?|rules)\b|jailbr[eo]ak|do anything now|\bDAN\b|developer mode|prompt injection|injection attack/i;

const MAX_FILE = 300_000;
const MIN_LEN = 80;
const MAX_LEN = 8_000;
/** At most this many prompts per repository, so no single code base dominates. */
export const PER_REPO = 600;

const CODE_EXT = /\.(?:py|ipynb|ts|tsx|js|mjs|ya?ml)$/i;
const PROMPT_FILE = /\.(?:md|txt|prompt|jinja2?|j2|tmpl|mustache|hbs)$/i;
const PROMPT_DIR = /prompt|instruction|system[-_]?message|persona/i;

/** Where the snapshots live: RAMPART_PROMPT_REPOS, else /work/.mirror (`fetch` tool layout). */
export function promptReposRoot(): string {
  return process.env.RAMPART_PROMPT_REPOS ?? '/work/.mirror';
}

/** The git directory of a repository's snapshot, or undefined when absent. */
function gitDir(root: string, repo: string): string | undefined {
  const flat = repo.replace('/', '+');
  for (const d of [join(root, flat, 'repo'), join(root, flat, '.git'), join(root, flat), join(root, repo, '.git')])
    if (existsSync(join(d, 'HEAD')) || existsSync(join(d, 'objects'))) return d;
  return undefined;
}

function git(dir: string, args: string[], input?: string): Buffer | undefined {
  const r = spawnSync('git', ['--git-dir', dir, ...args], {
    input,
    maxBuffer: 1 << 30,
    env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1' },
  });
  return r.status === 0 ? r.stdout : undefined;
}

/** Which pinned snapshots are missing (repository and commit), for a clear error. */
export function missingPromptRepos(root = promptReposRoot()): PromptRepo[] {
  return missingSnapshots(PROMPT_REPOS, root);
}

/** Which of these pinned snapshots are absent or lack their commit (also used for run 14's guides). */
export function missingSnapshots<T extends { repo: string; commit: string }>(
  repos: readonly T[],
  root = promptReposRoot(),
): T[] {
  return repos.filter((p) => {
    const d = gitDir(root, p.repo);
    return d === undefined || git(d, ['cat-file', '-e', `${p.commit}^{commit}`]) === undefined;
  });
}

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

/** Trims, removes common indentation and collapses runs of blank lines. */
function tidy(s: string): string {
  // A leading backslash is Python's line continuation after the opening quotes.
  const lines = s.replace(/\r\n?/g, '\n').replace(/^\\\n/, '').split('\n');
  let indent = Number.POSITIVE_INFINITY;
  for (const l of lines) if (l.trim() !== '') indent = Math.min(indent, l.length - l.trimStart().length);
  const out = lines.map((l) => (Number.isFinite(indent) ? l.slice(indent) : l)).join('\n');
  return out.replace(/\n{3,}/g, '\n\n').trim();
}

/** Looks like instructions to a model rather than code, data or a docstring. */
function promptLike(t: string): boolean {
  if (t.length < MIN_LEN || t.length > MAX_LEN) return false;
  if (!/\b(?:you|your)\b/i.test(t)) return false;
  const letters = (t.match(/[A-Za-z]/g) ?? []).length;
  if (letters / t.length < 0.6) return false;
  // Code: many lines that look like statements.
  const lines = t.split('\n');
  const codeish = lines.filter((l) =>
    /^\s*(?:def |class |import |from \S+ import|return |const |let |function |[\w.]+\(.*\)\s*;?$)|[;{}]\s*$/.test(l),
  ).length;
  if (codeish > Math.max(2, lines.length / 5)) return false;
  // Docstring sections.
  if (/^\s*(?:Args|Returns|Raises|Parameters|Example[s]?):\s*$/m.test(t)) return false;
  return true;
}

/** Python triple-quoted strings that are values (assigned, passed, returned), not docstrings. */
function pythonStrings(src: string, out: string[]): void {
  const re = /(?:[rRfFuU]{0,2})("""|''')/g;
  for (let n = 0; n < 2000; n++) {
    const m = re.exec(src);
    if (m === null) break;
    const q = m[1]!;
    const start = m.index + m[0].length;
    const end = src.indexOf(q, start);
    if (end < 0) break;
    re.lastIndex = end + 3;
    // What precedes the opening quote on the same logical line decides if it is a value.
    let i = m.index - 1;
    while (i >= 0 && (src[i] === ' ' || src[i] === '\t')) i--;
    let sameLine = true;
    if (src[i] === '\n') {
      sameLine = false;
      while (i >= 0 && /\s/.test(src[i]!)) i--;
    }
    const before = src.slice(Math.max(0, i - 6), i + 1);
    // On a new line only an open bracket, a comma or an operator makes it a value: after a
    // colon it is a docstring.
    const value = sameLine ? /[=(,[{+:]$/.test(before) || /\breturn$/.test(before) : /[=(,[{+]$/.test(before);
    if (!value) continue;
    out.push(src.slice(start, end));
  }
}

/** JS/TS template literals (bounded; no nested templates). */
function templateLiterals(src: string, out: string[]): void {
  const re = /`([^`\\]|\\.){80,8000}`/g;
  for (const m of src.matchAll(re)) out.push(m[0].slice(1, -1));
}

const YAML_KEYS =
  /^(\s*)(role|goal|backstory|description|expected_output|instructions?|system_prompt|system_message|prompt|template|content)\s*:\s*(.*)$/;

/** Values under prompt-ish keys in YAML: block scalars (| or >) and one-line strings. */
function yamlValues(src: string, out: string[]): void {
  const lines = src.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = YAML_KEYS.exec(lines[i]!);
    if (!m) continue;
    const indent = m[1]!.length;
    const rest = m[3]!.trim();
    if (/^[|>][-+]?\d?$/.test(rest)) {
      const body: string[] = [];
      let j = i + 1;
      for (; j < lines.length; j++) {
        const l = lines[j]!;
        if (l.trim() !== '' && l.length - l.trimStart().length <= indent) break;
        body.push(l);
      }
      out.push(rest.startsWith('>') ? body.map((l) => l.trim()).join(' ') : body.join('\n'));
      i = j - 1;
    } else if (rest.length > 0) out.push(rest.replace(/^(["'])([\s\S]*)\1$/, '$2'));
  }
}

/** Code cells of a notebook, as one Python source (bounded JSON). */
function notebookCode(src: string): string {
  try {
    const nb = JSON.parse(src) as { cells?: Array<{ cell_type?: string; source?: string | string[] }> };
    return (nb.cells ?? [])
      .filter((c) => c.cell_type === 'code')
      .map((c) => (Array.isArray(c.source) ? c.source.join('') : (c.source ?? '')))
      .join('\n\n');
  } catch {
    return '';
  }
}

export function extractPrompts(path: string, src: string): string[] {
  const raw: string[] = [];
  if (/\.py$/i.test(path)) pythonStrings(src, raw);
  else if (/\.ipynb$/i.test(path)) pythonStrings(notebookCode(src), raw);
  else if (/\.(?:ts|tsx|js|mjs)$/i.test(path)) templateLiterals(src, raw);
  else if (/\.ya?ml$/i.test(path)) yamlValues(src, raw);
  else raw.push(src);
  return raw.map(tidy).filter(promptLike);
}

export interface Harvest {
  prompts: RealPrompt[];
  /** Per repository: files read, prompts kept, prompts dropped for quoting an attack. */
  stats: Array<{ repo: string; commit: string; split: string; files: number; kept: number; attackText: number }>;
}

/** Reads every pinned snapshot; throws (listing what is missing) unless all are present. */
export function harvestPrompts(root = promptReposRoot()): Harvest {
  const missing = missingPromptRepos(root);
  if (missing.length > 0) throw new Error(missingMessage(missing, root));
  const prompts: RealPrompt[] = [];
  const stats: Harvest['stats'] = [];
  for (const p of PROMPT_REPOS) {
    const dir = gitDir(root, p.repo)!;
    const tree = git(dir, ['ls-tree', '-r', '-z', '--long', p.commit])!.toString('utf8');
    const files: Array<{ oid: string; path: string }> = [];
    for (const rec of tree.split('\0')) {
      const m = /^\d+ blob ([0-9a-f]{40})\s+(\d+|-)\t(.+)$/s.exec(rec);
      if (!m) continue;
      const [, oid, size, path] = m as unknown as [string, string, string, string];
      if (Number(size) > MAX_FILE || EXCLUDE_PATH.test(`/${path}`)) continue;
      if (CODE_EXT.test(path) || (PROMPT_FILE.test(path) && PROMPT_DIR.test(path) && !/readme/i.test(path)))
        files.push({ oid, path });
    }
    files.sort((a, b) => (a.path < b.path ? -1 : 1));
    const blobs = git(dir, ['cat-file', '--batch'], `${files.map((f) => f.oid).join('\n')}\n`)!;
    const seen = new Set<string>();
    const mine: RealPrompt[] = [];
    let off = 0;
    let attackText = 0;
    for (const f of files) {
      const nl = blobs.indexOf(10, off);
      const header = blobs.subarray(off, nl).toString('utf8');
      // A snapshot without some blobs would silently give a different corpus: refuse.
      if (!header.startsWith(`${f.oid} blob `))
        throw new Error(`real-prompts: ${p.repo}@${p.commit}: ${f.path} is not in the snapshot (${header})`);
      const size = Number(header.split(' ')[2]);
      const src = blobs.subarray(nl + 1, nl + 1 + size).toString('utf8');
      off = nl + 1 + size + 1;
      for (const text of extractPrompts(f.path, src)) {
        if (ATTACK_TEXT.test(text)) {
          attackText++;
          continue;
        }
        const h = sha(text);
        if (seen.has(h)) continue;
        seen.add(h);
        mine.push({ repo: p.repo, commit: p.commit, path: f.path, split: p.split, text, sha256: h });
      }
    }
    // A fixed, content-ordered sample when a repository has more than PER_REPO prompts.
    mine.sort((a, b) => (a.sha256 < b.sha256 ? -1 : 1));
    const kept = mine.slice(0, PER_REPO);
    prompts.push(...kept);
    stats.push({ repo: p.repo, commit: p.commit, split: p.split, files: files.length, kept: kept.length, attackText });
  }
  // Across repositories: one copy of each text, in the first repository (list order) that has it.
  const seen = new Set<string>();
  return { prompts: prompts.filter((x) => !seen.has(x.sha256) && seen.add(x.sha256) !== undefined), stats };
}

export function missingMessage(missing: readonly PromptRepo[], root: string): string {
  return [
    `train: the harvested real-prompt corpus is missing: ${missing.length} of ${PROMPT_REPOS.length} pinned repository snapshots are not under ${root} (set RAMPART_PROMPT_REPOS to another directory).`,
    'Each must be a git directory at <root>/<owner>+<name>/repo (or <owner>+<name>/.git) that contains the commit:',
    ...missing.map(
      (m) =>
        `  ${m.repo} @ ${m.commit}   e.g. git clone --bare https://github.com/${m.repo} ${join(root, m.repo.replace('/', '+'), 'repo')}`,
    ),
    'Refusing to train without them (the weights would silently differ).',
  ].join('\n');
}
