// Model-file scanner evaluation on public third-party fixtures in ../shared/datasets/model_files
// (read at run time, never copied): picklescan's data/ (dev) and data2/ (published bypasses, test),
// modelscan's fixtures (test) and fickling's bypass catalogue, whose pickles are rebuilt here from the
// catalogue's operand listings. Target: every malicious file high/critical, no benign one.
// Writes docs/benchmarks/models-eval.md. Exits 0 with a notice when the data is absent.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type FindingDraft, memoryFile, severityRank, testContext } from '@rampart/core';
import { modelFileDetector } from '@rampart/models';
import { parse } from 'yaml';

const root = new URL('..', import.meta.url).pathname;
const DATA = join(root, '..', 'shared', 'datasets', 'model_files');
if (!existsSync(DATA)) {
  console.log(`eval/models: ${DATA} not found; skipping the model-file evaluation.`);
  process.exit(0);
}

const severity = new Map<string, string>();
for (const f of readdirSync(join(root, 'rules', 'model'))) {
  if (!f.endsWith('.yaml') || f.endsWith('.fixture.yaml')) continue;
  const y = parse(readFileSync(join(root, 'rules', 'model', f), 'utf8')) as { id: string; severity: string };
  severity.set(y.id, y.severity);
}

interface Row {
  source: string;
  file: string;
  label: 'malicious' | 'benign';
  worst: string;
  rules: string[];
  ok: boolean;
}

async function run(name: string, bytes: Uint8Array): Promise<FindingDraft[]> {
  const file = memoryFile(name, bytes);
  if (!modelFileDetector.applies(file)) return [];
  const out = await modelFileDetector.analyze(file, testContext());
  return out.findings ?? [];
}

function worstOf(findings: FindingDraft[]): string {
  let w = 'none';
  for (const f of findings) {
    const s = severity.get(f.ruleId) ?? 'info';
    if (w === 'none' || severityRank(s as 'info') > severityRank(w as 'info')) w = s;
  }
  return w;
}

const rows: Row[] = [];
async function judge(source: string, file: string, label: 'malicious' | 'benign', bytes: Uint8Array) {
  const findings = await run(file.split('/').pop()!, bytes);
  const worst = worstOf(findings);
  const high = worst === 'high' || worst === 'critical';
  rows.push({
    source,
    file,
    label,
    worst,
    rules: [...new Set(findings.map((f) => f.ruleId))],
    ok: label === 'malicious' ? high : !high,
  });
}

// picklescan: labels.csv (path,bytes,label,note).
const labels = readFileSync(join(DATA, 'picklescan', 'labels.csv'), 'utf8')
  .trim()
  .split('\n')
  .slice(1);
for (const line of labels) {
  const [path, , label] = line.split(',');
  if (!path || !label) continue;
  const source = path.startsWith('data2/') ? 'picklescan data2 (bypasses, test)' : 'picklescan data (dev)';
  await judge(
    source,
    path,
    label === 'malicious' ? 'malicious' : 'benign',
    new Uint8Array(readFileSync(join(DATA, 'picklescan', path))),
  );
}

// modelscan fixtures.
await judge(
  'modelscan (test)',
  'unsafe_zip_pytorch.pt',
  'malicious',
  new Uint8Array(readFileSync(join(DATA, 'modelscan', 'unsafe_zip_pytorch.pt'))),
);
await judge(
  'modelscan (test)',
  'password_protected.zip',
  'benign',
  new Uint8Array(readFileSync(join(DATA, 'modelscan', 'password_protected.zip'))),
);

// fickling: rebuild a pickle from the catalogue's operand listing. The catalogue lists string operands,
// not whole opcode streams, so the rebuild is approximate: (module, name) pairs become GLOBAL or
// STACK_GLOBAL imports, the other strings become call arguments. Rows without an importable pair
// cannot be rebuilt and are counted as such, not as passes.
function rebuild(operands: string): Uint8Array | undefined {
  const enc = new TextEncoder();
  const out: number[] = [0x80, 0x04];
  const str = (s: string) => {
    const b = enc.encode(s);
    if (b.length < 256) out.push(0x8c, b.length, ...b);
    else out.push(0x58, b.length & 0xff, (b.length >> 8) & 0xff, 0, 0, ...b);
  };
  const toks = operands
    .split(';')
    .filter((t) => t.includes(':'))
    .map((t) => [t.slice(0, t.indexOf(':')), t.slice(t.indexOf(':') + 1)] as const);
  const ident = /^[A-Za-z_][A-Za-z0-9_.]*$/;
  let imports = 0;
  let open = false;
  const close = () => {
    if (open) out.push(0x74, 0x52, 0x30); // TUPLE REDUCE POP
    open = false;
  };
  for (let i = 0; i < toks.length; i++) {
    const [op, v] = toks[i]!;
    if (op === 'Global') {
      close();
      const [m, n] = v.split(' ');
      out.push(0x63, ...enc.encode(`${m}\n${n}\n`), 0x28);
      open = true;
      imports++;
      continue;
    }
    const next = toks[i + 1];
    if (
      next &&
      ident.test(v) &&
      ident.test(next[1]) &&
      (!open ||
        v.includes('.') ||
        /^(builtins|os|pty|marshal|types|runpy|cProfile|ctypes|pydoc|importlib|code|uuid|smtplib|_io|_aix_support|_osx_support|pathlib|ast|asyncio|distutils)/.test(
          v,
        ))
    ) {
      close();
      str(v);
      str(next[1]);
      out.push(0x93, 0x28);
      open = true;
      imports++;
      i++;
      continue;
    }
    if (open) str(v);
  }
  close();
  out.push(0x4e, 0x2e);
  return imports > 0 ? new Uint8Array(out) : undefined;
}

let unbuildable = 0;
const csv = readFileSync(join(DATA, 'fickling', 'test_bypasses_catalog.csv'), 'utf8');
for (const rec of parseCsv(csv).slice(1)) {
  const [test, , operands, verdict] = rec;
  if (!test || operands === undefined || !verdict?.startsWith('unsafe')) continue;
  const bytes = rebuild(operands);
  if (!bytes) {
    unbuildable++;
    continue;
  }
  await judge('fickling catalogue (rebuilt)', test, 'malicious', bytes);
}

function parseCsv(text: string): string[][] {
  const rowsOut: string[][] = [];
  let row: string[] = [];
  let cur = '';
  let q = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (q) {
      if (c === '"' && text[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (c === '"') q = false;
      else cur += c;
    } else if (c === '"') q = true;
    else if (c === ',') {
      row.push(cur);
      cur = '';
    } else if (c === '\n') {
      row.push(cur);
      rowsOut.push(row);
      row = [];
      cur = '';
    } else if (c !== '\r') cur += c;
  }
  if (cur !== '' || row.length > 0) rowsOut.push([...row, cur]);
  return rowsOut;
}

// Report per source.
const sources = [...new Set(rows.map((r) => r.source))];
const lines: string[] = [
  '## Model-file scanner: detection on public fixtures',
  '',
  'Command: `npm run eval -- models` (reads `../shared/datasets/model_files` at run time).',
  'A malicious file passes when the worst finding is high or critical; a benign file passes when no finding is high or critical.',
  '',
  '| source | malicious detected | benign clean | misses |',
  '|---|---|---|---|',
];
for (const s of sources) {
  const rs = rows.filter((r) => r.source === s);
  const mal = rs.filter((r) => r.label === 'malicious');
  const ben = rs.filter((r) => r.label === 'benign');
  const misses = rs.filter((r) => !r.ok).map((r) => `${r.file} (${r.label}, worst ${r.worst})`);
  lines.push(
    `| ${s} | ${mal.filter((r) => r.ok).length}/${mal.length} | ${ben.filter((r) => r.ok).length}/${ben.length} | ${misses.join('; ') || '—'} |`,
  );
}
lines.push(
  '',
  `fickling catalogue rows that list too few operands to rebuild a pickle (not counted): ${unbuildable}.`,
  '',
);
console.log(lines.join('\n'));
for (const r of rows.filter((x) => !x.ok)) console.log('MISS', r.source, r.file, r.label, r.worst, r.rules.join(','));
writeModelsSection('eval', lines.join('\n'));

/** docs/benchmarks/models.md holds two sections (bench, eval), each rewritten by its own script. */
function writeModelsSection(name: 'bench' | 'eval', body: string): void {
  const file = join(root, 'docs', 'benchmarks', 'models.md');
  const old = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const block = (n: string) => {
    const m = new RegExp(`<!-- models:${n} -->[\\s\\S]*?<!-- /models:${n} -->`).exec(old);
    return m ? m[0] : '';
  };
  const mine = `<!-- models:${name} -->\n${body.trim()}\n<!-- /models:${name} -->`;
  const bench = name === 'bench' ? mine : block('bench');
  const ev = name === 'eval' ? mine : block('eval');
  mkdirSync(join(root, 'docs', 'benchmarks'), { recursive: true });
  writeFileSync(file, `${[bench, ev].filter((b) => b !== '').join('\n\n')}\n`);
}
