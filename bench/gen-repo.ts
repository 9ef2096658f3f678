// Generates the synthetic repository `npm run bench` scans: 20,000 files, ~200 MB, a mixed
// estate shaped like a real monorepo — Python/TS/JS services (a fraction using AI SDKs), configs,
// notebooks, dependency manifests, docs, binary assets, a few big files and a few model-ish files.
// Deterministic (seeded PRNG), so every run scans the same bytes. Written under bench/.work/ and
// reused while its parameters are unchanged.
// Run on its own: node --import tsx bench/gen-repo.ts [dir]
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface RepoSpec {
  files: number;
  seed: number;
  /** Share of source files that use an AI SDK. */
  aiShare: number;
}

export const DEFAULT_SPEC: RepoSpec = { files: 20_000, seed: 20_261_127, aiShare: 0.15 };
/** Bump when the generator's output changes, so a cached tree is regenerated. */
const GENERATOR_VERSION = 4;

export interface RepoStats {
  dir: string;
  files: number;
  bytes: number;
  byKind: Record<string, { files: number; bytes: number }>;
}

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// File kinds: how many (share of the total), and roughly how big (bytes).
const MIX: Array<[kind: string, share: number, avgBytes: number]> = [
  ['py', 0.3, 7_500],
  ['ts', 0.2, 5_500],
  ['js', 0.1, 5_000],
  ['config', 0.1, 1_800],
  ['ipynb', 0.015, 30_000],
  ['manifest', 0.0275, 3_000],
  ['md', 0.17, 4_000],
  ['binary', 0.0775, 24_000],
];

const PY_AI = [
  'from openai import OpenAI\n\nclient = OpenAI()\nMODEL = "gpt-4o-mini"\n\ndef ask(q):\n    r = client.chat.completions.create(model=MODEL, messages=[{"role": "user", "content": q}])\n    return r.choices[0].message.content\n',
  'import anthropic\n\nclient = anthropic.Anthropic()\n\ndef summarise(text):\n    msg = client.messages.create(model="claude-3-5-sonnet-latest", max_tokens=512, messages=[{"role": "user", "content": text}])\n    return msg.content[0].text\n',
  'from transformers import AutoModelForCausalLM, AutoTokenizer\n\ntok = AutoTokenizer.from_pretrained("mistralai/Mistral-7B-Instruct-v0.2")\nmodel = AutoModelForCausalLM.from_pretrained("mistralai/Mistral-7B-Instruct-v0.2")\n',
  'import torch\n\ndef load(path):\n    return torch.load(path)\n',
  'from langchain_openai import ChatOpenAI\nfrom langchain_core.prompts import ChatPromptTemplate\n\nllm = ChatOpenAI(model="gpt-4o")\nprompt = ChatPromptTemplate.from_messages([("system", "You are a support assistant."), ("user", "{q}")])\n',
];
const TS_AI = [
  "import OpenAI from 'openai';\n\nconst client = new OpenAI();\nexport async function ask(q: string) {\n  const r = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: q }] });\n  return r.choices[0]?.message.content;\n}\n",
  "import Anthropic from '@anthropic-ai/sdk';\n\nconst anthropic = new Anthropic();\nexport const reply = (text: string) =>\n  anthropic.messages.create({ model: 'claude-3-5-haiku-latest', max_tokens: 256, messages: [{ role: 'user', content: text }] });\n",
  "import { generateText } from 'ai';\nimport { openai } from '@ai-sdk/openai';\n\nexport const run = (prompt: string) => generateText({ model: openai('gpt-4o'), prompt });\n",
];

function pyFiller(r: () => number, i: number): string {
  const n = Math.floor(r() * 1000);
  return `\n\ndef handler_${i}_${n}(event, context=None):\n    """Process one event from the queue and return a status record."""\n    items = [x for x in event.get("items", []) if x.get("id")]\n    total = 0\n    for item in items:\n        if item.get("qty", 0) > ${n % 50}:\n            total += item["qty"] * item.get("price", 1)\n        else:\n            total -= ${n % 7}\n    return {"status": "ok", "total": total, "count": len(items)}\n`;
}

function tsFiller(r: () => number, i: number): string {
  const n = Math.floor(r() * 1000);
  return `\n\nexport function handler${i}x${n}(event: { items?: Array<{ id?: string; qty?: number; price?: number }> }) {\n  // Sum the order lines that carry an id; skip the rest.\n  let total = 0;\n  for (const item of event.items ?? []) {\n    if (!item.id) continue;\n    total += (item.qty ?? 0) > ${n % 50} ? (item.qty ?? 0) * (item.price ?? 1) : -${n % 7};\n  }\n  return { status: 'ok', total };\n}\n`;
}

function jsFiller(r: () => number, i: number): string {
  const n = Math.floor(r() * 1000);
  return `\n\nfunction handler${i}x${n}(event) {\n  // Sum the order lines that carry an id; skip the rest.\n  let total = 0;\n  for (const item of event.items || []) {\n    if (!item.id) continue;\n    total += item.qty > ${n % 50} ? item.qty * (item.price || 1) : -${n % 7};\n  }\n  return { status: 'ok', total };\n}\nmodule.exports.handler${i}x${n} = handler${i}x${n};\n`;
}

function fill(head: string, target: number, filler: (i: number) => string): string {
  let s = head;
  for (let i = 0; s.length < target; i++) s += filler(i);
  return s;
}

function notebook(r: () => number, ai: boolean, target: number): string {
  const cells: unknown[] = [];
  if (ai)
    cells.push({
      cell_type: 'code',
      metadata: {},
      source: PY_AI[Math.floor(r() * PY_AI.length)]!.split('\n').map((l) => `${l}\n`),
      outputs: [],
      execution_count: 1,
    });
  while (JSON.stringify(cells).length < target) {
    cells.push({
      cell_type: 'markdown',
      metadata: {},
      source: ['## Exploration\n', 'Look at the distribution of order totals per region.\n'],
    });
    cells.push({
      cell_type: 'code',
      metadata: {},
      execution_count: cells.length,
      source: [
        'import pandas as pd\n',
        `df = pd.read_csv("orders_${cells.length}.csv")\n`,
        'df.groupby("region").total.describe()\n',
      ],
      outputs: [
        {
          output_type: 'stream',
          name: 'stdout',
          text: ['count  mean  std\n', `${Math.floor(r() * 1e6)}  12.5  3.1\n`],
        },
      ],
    });
  }
  return JSON.stringify(
    { cells, metadata: { kernelspec: { name: 'python3', display_name: 'Python 3' } }, nbformat: 4, nbformat_minor: 5 },
    null,
    1,
  );
}

const PY_PKGS = ['requests==2.31.0', 'fastapi>=0.110', 'pydantic==2.7.1', 'numpy', 'pandas==2.2.2', 'sqlalchemy>=2'];
const PY_AI_PKGS = [
  'openai==1.30.1',
  'anthropic>=0.25',
  'langchain==0.0.300',
  'transformers==4.36.0',
  'torch>=2.1',
  'gradio==3.34.0',
  'chromadb==0.4.22',
];

function manifest(r: () => number, i: number): [string, string] {
  const pick = <T>(xs: T[], n: number) => xs.filter(() => r() < n / xs.length);
  switch (i % 4) {
    case 0:
      return ['requirements.txt', [...pick(PY_PKGS, 4), ...pick(PY_AI_PKGS, 2)].join('\n') + '\n'];
    case 1:
      return [
        'package.json',
        JSON.stringify(
          {
            name: `svc-${i}`,
            version: '1.0.0',
            dependencies: {
              express: '^4.19.2',
              zod: '3.23.8',
              ...(r() < 0.5 ? { openai: '^4.47.0', '@anthropic-ai/sdk': '0.24.0' } : {}),
            },
          },
          null,
          2,
        ),
      ];
    case 2:
      return [
        'pyproject.toml',
        `[project]\nname = "svc-${i}"\nversion = "0.1.0"\ndependencies = [\n${[...pick(PY_PKGS, 3), ...pick(PY_AI_PKGS, 2)].map((d) => `  "${d}",`).join('\n')}\n]\n`,
      ];
    default: {
      const packages: Record<string, unknown> = { '': { name: `svc-${i}`, version: '1.0.0' } };
      for (let k = 0; k < 60; k++)
        packages[`node_modules/dep-${k}`] = {
          version: `1.${k}.0`,
          resolved: `https://registry.npmjs.org/dep-${k}/-/dep-${k}-1.${k}.0.tgz`,
          integrity: `sha512-${'A'.repeat(86)}==`,
        };
      packages['node_modules/openai'] = { version: '4.47.0' };
      return [
        'package-lock.json',
        JSON.stringify({ name: `svc-${i}`, lockfileVersion: 3, requires: true, packages }, null, 2),
      ];
    }
  }
}

function bytesOf(r: () => number, n: number): Uint8Array {
  const b = new Uint8Array(n);
  for (let i = 0; i < n; i += 4) {
    const v = (r() * 4294967296) >>> 0;
    b[i] = v & 255;
    b[i + 1] = (v >>> 8) & 255;
    b[i + 2] = (v >>> 16) & 255;
    b[i + 3] = v >>> 24;
  }
  return b;
}

/** A few big files and model-ish files: the ones a scanner must bound or sniff, not read blindly. */
function specials(r: () => number): Array<[string, string | Uint8Array]> {
  const out: Array<[string, string | Uint8Array]> = [];
  out.push(['web/public/app.min.js', `!function(){${'var a=function(b){return b+1};'.repeat(300_000)}}();`]);
  out.push([
    'data/orders.jsonl',
    Array.from({ length: 150_000 }, (_, i) => `{"id":${i},"region":"eu-${i % 7}","total":${(i * 37) % 1000}}`).join(
      '\n',
    ),
  ]);
  out.push([
    'data/events.csv',
    Array.from({ length: 300_000 }, (_, i) => `${i},user-${i % 997},click,${(i * 13) % 10_000}`).join('\n'),
  ]);
  out.push([
    'logs/app.log',
    Array.from(
      { length: 120_000 },
      (_, i) => `2026-11-27T10:${String(i % 60).padStart(2, '0')}:00Z INFO request ${i} served in ${i % 300}ms`,
    ).join('\n'),
  ]);
  out.push(['assets/video.bin', bytesOf(r, 12 * 1024 * 1024)]);
  // Model-ish: safetensors (8-byte header length + JSON header + zeros), GGUF magic, a benign pickle.
  const header = Buffer.from(
    JSON.stringify({ 'w.weight': { dtype: 'F32', shape: [512, 1024], data_offsets: [0, 2_097_152] } }),
  );
  const len = Buffer.alloc(8);
  len.writeBigUInt64LE(BigInt(header.length));
  out.push(['models/classifier.safetensors', Buffer.concat([len, header, Buffer.alloc(2_097_152)])]);
  out.push([
    'models/tiny.gguf',
    Buffer.concat([Buffer.from('GGUF'), Buffer.from([3, 0, 0, 0]), Buffer.alloc(3 * 1024 * 1024)]),
  ]);
  out.push(['models/scaler.pkl', Buffer.from('80027d7100285803000000616263710147400000000000000075752e', 'hex')]);
  out.push([
    'models/encoder.onnx',
    Buffer.concat([Buffer.from([0x08, 0x07, 0x12, 0x07]), Buffer.from('pytorch'), Buffer.alloc(1024 * 1024)]),
  ]);
  out.push(['models/README.md', '# Models\n\nThe classifier is fine-tuned from distilbert-base-uncased.\n']);
  return out;
}

/** Generate (or reuse) the synthetic repository in `dir`. */
export function generateRepo(dir: string, spec: RepoSpec = DEFAULT_SPEC): RepoStats {
  // The stamp sits beside the tree, so it is not one of the scanned files.
  const stamp = `${dir}.stamp.json`;
  const key = JSON.stringify({ ...spec, v: GENERATOR_VERSION });
  if (existsSync(stamp)) {
    const prev = JSON.parse(readFileSync(stamp, 'utf8')) as { key: string; stats: RepoStats };
    if (prev.key === key) return prev.stats;
  }
  rmSync(dir, { recursive: true, force: true });
  const r = prng(spec.seed);
  const stats: RepoStats = { dir, files: 0, bytes: 0, byKind: {} };
  const write = (rel: string, content: string | Uint8Array, kind: string) => {
    const abs = join(dir, rel);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, content);
    const n = typeof content === 'string' ? Buffer.byteLength(content) : content.length;
    stats.files++;
    stats.bytes += n;
    stats.byKind[kind] ??= { files: 0, bytes: 0 };
    const k = stats.byKind[kind];
    k.files++;
    k.bytes += n;
  };
  const special = specials(r);
  for (const [rel, content] of special) write(rel, content, rel.startsWith('models/') ? 'model' : 'big');
  const rest = spec.files - special.length;
  let made = 0;
  for (const [kind, share, avg] of MIX) {
    const count = kind === 'binary' ? rest - made : Math.round(rest * share);
    for (let i = 0; i < count; i++, made++) {
      const svc = `services/svc-${String(Math.floor(made / 40)).padStart(3, '0')}`;
      const size = Math.floor(avg * (0.5 + r()));
      const ai = r() < spec.aiShare;
      switch (kind) {
        case 'py':
          write(
            `${svc}/app/mod_${i}.py`,
            fill(ai ? PY_AI[i % PY_AI.length]! : '"""Order processing."""\nimport json\n', size, (k) => pyFiller(r, k)),
            kind,
          );
          break;
        case 'ts':
          write(
            `${svc}/src/mod${i}.ts`,
            fill(ai ? TS_AI[i % TS_AI.length]! : "import { z } from 'zod';\n", size, (k) => tsFiller(r, k)),
            kind,
          );
          break;
        case 'js':
          write(
            `${svc}/lib/mod${i}.js`,
            fill(
              ai ? "const OpenAI = require('openai');\nconst client = new OpenAI();\n" : "'use strict';\n",
              size,
              (k) => jsFiller(r, k),
            ),
            kind,
          );
          break;
        case 'config':
          write(
            `${svc}/config/settings_${i}.${['yaml', 'json', 'toml'][i % 3]}`,
            i % 3 === 0
              ? fill(
                  `service: svc-${i}\nllm:\n  provider: ${ai ? 'openai' : 'none'}\n  model: ${ai ? 'gpt-4o-mini' : 'n/a'}\n`,
                  size,
                  (k) => `feature_${k}: ${k % 2 === 0}\n`,
                )
              : i % 3 === 1
                ? JSON.stringify({
                    service: `svc-${i}`,
                    retries: 3,
                    features: Array.from({ length: Math.floor(size / 40) }, (_, k) => `flag-${k}`),
                  })
                : fill(`[service]\nname = "svc-${i}"\n`, size, (k) => `key_${k} = ${k}\n`),
            kind,
          );
          break;
        case 'ipynb':
          write(`${svc}/notebooks/analysis_${i}.ipynb`, notebook(r, ai, size), kind);
          break;
        case 'manifest': {
          const [name, text] = manifest(r, i);
          write(`${svc}/pkg${i}/${name}`, text, kind);
          break;
        }
        case 'md':
          write(
            `${svc}/docs/page_${i}.md`,
            fill(
              `# Service notes ${i}\n\n`,
              size,
              (k) =>
                `## Section ${k}\n\nThis service reads orders from the queue and writes totals${ai && k === 0 ? ' (the summariser calls OpenAI gpt-4o-mini)' : ''}.\n\n- retries: 3\n- timeout: ${k * 10}s\n\n`,
            ),
            kind,
          );
          break;
        default:
          write(`${svc}/assets/img_${i}.${i % 2 === 0 ? 'png' : 'bin'}`, bytesOf(r, size), kind);
      }
    }
  }
  writeFileSync(stamp, JSON.stringify({ key, stats }));
  return stats;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = process.argv[2] ?? new URL('.work/repo', import.meta.url).pathname;
  const t = Date.now();
  const s = generateRepo(dir);
  console.log(
    `${s.dir}: ${s.files} files, ${(s.bytes / 1e6).toFixed(1)} MB in ${((Date.now() - t) / 1000).toFixed(1)} s`,
  );
  for (const [k, v] of Object.entries(s.byKind))
    console.log(`  ${k.padEnd(9)} ${String(v.files).padStart(6)} files ${(v.bytes / 1e6).toFixed(1).padStart(7)} MB`);
}
