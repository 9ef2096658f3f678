// Benchmark for the code-discovery detectors on one thread (the engine runs one per worker):
// files/s through applies()+analyze(), and parse cost per parsed file (wall and CPU time).
// Usage: node --import tsx --conditions=rampart-src packages/engine/src/discovery/bench.ts [DIR]
// Without DIR it generates a synthetic mixed tree in memory (mostly non-AI code, like real repos).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { type FileInput, memoryFile, testContext } from '@rampart/core';
import { parseStats } from '../lang/index.js';
import { grammarInfo } from '../lang/tree-sitter.js';
import { CODE_DISCOVERY_DETECTORS } from './index.js';

function synthetic(n: number): FileInput[] {
  const util = (i: number) =>
    `import os\nimport json\n\n\ndef load_${i}(path):\n    """Read a JSON file."""\n    with open(path) as f:\n        return json.load(f)\n\n\nclass Store${i}:\n    def __init__(self, root):\n        self.root = root\n\n    def get(self, key):\n        return load_${i}(os.path.join(self.root, key + ".json"))\n`.repeat(
      4,
    );
  const ts = (i: number) =>
    `import { readFile } from 'node:fs/promises';\n\nexport async function read${i}(p: string): Promise<unknown> {\n  const text = await readFile(p, 'utf8');\n  return JSON.parse(text);\n}\n\nexport class Cache${i} {\n  private m = new Map<string, unknown>();\n  get(k: string) { return this.m.get(k); }\n}\n`.repeat(
      6,
    );
  const ai = (i: number) =>
    `import os\nfrom openai import OpenAI\n\nMODEL = os.getenv("MODEL", "gpt-4o-mini")\nSYSTEM_PROMPT = "You are a helpful assistant for team ${i}. Answer briefly and cite sources."\nclient = OpenAI()\n\n\ndef ask(q):\n    r = client.chat.completions.create(model=MODEL, messages=[{"role": "system", "content": SYSTEM_PROMPT}, {"role": "user", "content": q}])\n    return r.choices[0].message.content\n${util(i)}`;
  const aiTs = (i: number) =>
    `import Anthropic from '@anthropic-ai/sdk';\nconst client = new Anthropic();\nexport async function ask${i}(q: string) {\n  return client.messages.create({ model: 'claude-3-5-haiku-latest', max_tokens: 256, system: 'You are terse and precise.', messages: [{ role: 'user', content: q }] });\n}\n${ts(i)}`;
  const files: FileInput[] = [];
  for (let i = 0; i < n; i++) {
    const k = i % 10;
    if (k < 4) files.push(memoryFile(`src/m${i}.py`, util(i)));
    else if (k < 7) files.push(memoryFile(`web/m${i}.ts`, ts(i)));
    else if (k === 7) files.push(memoryFile(`ai/a${i}.py`, ai(i)));
    else if (k === 8) files.push(memoryFile(`ai/a${i}.ts`, aiTs(i)));
    else files.push(memoryFile(`docs/d${i}.md`, `# Notes ${i}\nThis mentions OpenAI and torch.load in prose only.\n`));
  }
  return files;
}

function fromDir(root: string): FileInput[] {
  const out: FileInput[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.name === 'node_modules' || e.name === '.git') continue;
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && statSync(p).size <= 8 * 1024 * 1024)
        out.push(memoryFile(relative(root, p), readFileSync(p)));
    }
  };
  walk(root);
  return out;
}

const dir = process.argv[2];
const files = dir ? fromDir(dir) : synthetic(4000);
const bytes = files.reduce((n, f) => n + f.size, 0);
const ctx = testContext();
// Warm up: load the wasm runtime and every grammar once, as a long-lived worker has.
await grammarInfo();
Object.assign(parseStats, { files: 0, bytes: 0, ms: 0, cpuMs: 0, timed: true });
const cpu0 = process.cpuUsage();
const t0 = performance.now();
let assets = 0;
for (const f of files)
  for (const d of CODE_DISCOVERY_DETECTORS) if (d.applies(f)) assets += (await d.analyze(f, ctx)).assets?.length ?? 0;
const wall = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
const cpuMs = (cpu.user + cpu.system) / 1000;
console.log(
  `corpus: ${dir ?? 'synthetic'} — ${files.length} files, ${(bytes / 1e6).toFixed(1)} MB, ${assets} asset records`,
);
console.log(
  `wall ${wall.toFixed(0)} ms, cpu ${cpuMs.toFixed(0)} ms -> ${((files.length / cpuMs) * 1000).toFixed(0)} files/s per core (cpu time)`,
);
console.log(
  `parsed+extracted ${parseStats.files} files, ${(parseStats.bytes / 1e6).toFixed(2)} MB: ${(parseStats.cpuMs / Math.max(1, parseStats.files)).toFixed(2)} ms/file cpu (${(parseStats.ms / Math.max(1, parseStats.files)).toFixed(2)} wall), ${(parseStats.bytes / 1e3 / Math.max(1, parseStats.cpuMs)).toFixed(2)} MB/s cpu`,
);
