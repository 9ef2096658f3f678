// Model scanner benchmarks (`npm run bench -- models`):
//  1. pickle scanning MB/s on a generated >= 1 GB benign state dict (numpy-style tensors pickled inline,
//     the layout of pickled arrays and joblib-free checkpoints) and on an opcode-dense pickle (worst case);
//  2. safetensors header check on a 10 MB and a sparse 10 GB file (the cost must not grow with size);
//  3. picklescan side by side on the public fixtures and the generated files: time and verdict agreement.
// Generated files go to bench/.work/ (gitignored). picklescan is run from a checkout in /tmp given by
// PICKLESCAN_SRC (default /tmp/picklescan-src), never committed; its part is skipped with a notice when
// it or python3 is absent. Results: docs/benchmarks/models.md.
import { spawnSync } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  statSync,
  truncateSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { type FileInput, HEAD_BYTES, memoryFile, testContext } from '@rampart/core';
import { checkSafetensors, modelFileDetector, scanPickle } from '@rampart/models';

const root = new URL('..', import.meta.url).pathname;
const work = join(root, 'bench', '.work');
mkdirSync(work, { recursive: true });
const out: string[] = [
  '## Model scanner performance',
  '',
  'Command: `npm run bench -- models`. Throughput is bytes per CPU-second of the scanning process (the 2-core machine is shared, so wall time varies with load).',
  '',
];

function diskFile(abs: string, rel: string): FileInput & { close(): void } {
  const fd = openSync(abs, 'r');
  const size = statSync(abs).size;
  const head = Buffer.alloc(Math.min(HEAD_BYTES, size));
  readSync(fd, head, 0, head.length, 0);
  const readRange = async (s: number, e: number) => {
    const a = Math.max(0, Math.min(s, size));
    const b = Math.max(a, Math.min(e, size));
    const buf = Buffer.allocUnsafe(b - a);
    let got = 0;
    while (got < buf.length) {
      const n = readSync(fd, buf, got, buf.length - got, a + got);
      if (n === 0) break;
      got += n;
    }
    return new Uint8Array(buf.buffer, buf.byteOffset, got);
  };
  return {
    path: rel,
    size,
    head: new Uint8Array(head),
    isText: false,
    bytes: () => readRange(0, size),
    text: async () => new TextDecoder().decode(await readRange(0, size)),
    readRange,
    close: () => closeSync(fd),
  };
}

// ---- 1. generate a >= 1 GB benign state dict pickle, streamed to disk ----
const enc = new TextEncoder();
const sbu = (s: string) => [0x8c, enc.encode(s).length, ...enc.encode(s)];
function writeStateDict(path: string, tensors: number, bytesPer: number): number {
  const fd = openSync(path, 'w');
  const w = (a: number[] | Uint8Array) => writeSync(fd, a instanceof Uint8Array ? a : new Uint8Array(a));
  w([0x80, 0x04, ...sbu('collections'), ...sbu('OrderedDict'), 0x93, 0x94, 0x29, 0x52, 0x94, 0x28]);
  const payload = new Uint8Array(bytesPer);
  for (let k = 0; k < payload.length; k++) payload[k] = (k * 2654435761) >>> 24;
  for (let t = 0; t < tensors; t++) {
    // key, then numpy.core.multiarray._reconstruct(numpy.ndarray, (0,), b'b') + BUILD state with inline bytes.
    w([...sbu(`layers.${t}.weight`), 0x94]);
    w([
      ...sbu('numpy.core.multiarray'),
      ...sbu('_reconstruct'),
      0x93,
      ...sbu('numpy'),
      ...sbu('ndarray'),
      0x93,
      0x4b,
      0x00,
      0x85,
      0x43,
      0x01,
      0x62,
      0x87,
      0x52,
      0x94,
    ]);
    w([0x28, 0x4b, 0x01, 0x4d, 0x00, 0x01, 0x4d, (bytesPer / 1024) & 0xff, ((bytesPer / 1024) >> 8) & 0xff, 0x86]);
    w([...sbu('numpy'), ...sbu('dtype'), 0x93, ...sbu('f4'), 0x89, 0x88, 0x87, 0x52, 0x94, 0x89]);
    const n = payload.length;
    w([0x8e, n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, (n >>> 24) & 0xff, 0, 0, 0, 0]);
    w(payload);
    w([0x74, 0x62]);
    if (t % 1000 === 999) w([0x75, 0x28]);
  }
  w([0x75, 0x2e]);
  closeSync(fd);
  return statSync(path).size;
}
function writeDensePickle(path: string, items: number): number {
  const fd = openSync(path, 'w');
  writeSync(fd, new Uint8Array([0x80, 0x04, 0x5d, 0x94, 0x28]));
  const batch: number[] = [];
  for (let k = 0; k < items; k++) {
    batch.push(
      0x4a,
      k & 0xff,
      (k >> 8) & 0xff,
      (k >> 16) & 0xff,
      0,
      0x47,
      1,
      2,
      3,
      4,
      5,
      6,
      7,
      8,
      ...sbu(`k${k % 1000}`),
    );
    if (k % 1000 === 999) {
      batch.push(0x65, 0x28);
      writeSync(fd, new Uint8Array(batch));
      batch.length = 0;
    }
  }
  batch.push(0x65, 0x2e);
  writeSync(fd, new Uint8Array(batch));
  closeSync(fd);
  return statSync(path).size;
}

async function timeScan(path: string, label: string): Promise<number> {
  const f = diskFile(path, label);
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const r = await scanPickle(f, 0, f.size);
  const c = process.cpuUsage(c0);
  const ms = performance.now() - t0;
  f.close();
  if (r.inconclusive) console.log(`  ${label}: inconclusive: ${r.inconclusive.reason}`);
  // CPU time, not wall time: the machine is shared, and the target is per core.
  const cpuMs = (c.user + c.system) / 1000;
  const mbs = f.size / 1e6 / (cpuMs / 1000);
  console.log(
    `  ${label}: ${(f.size / 1e6).toFixed(0)} MB, ${r.opcodes} opcodes, ${r.globals.length} distinct globals, ${cpuMs.toFixed(0)} ms CPU (${ms.toFixed(0)} ms wall), ${mbs.toFixed(0)} MB/s per core`,
  );
  return mbs;
}

console.log('pickle scanning throughput');
const big = join(work, 'state-dict-1g.pkl');
if (!existsSync(big) || statSync(big).size < 1e9) writeStateDict(big, 2000, 512 * 1024);
const dense = join(work, 'dense-100m.pkl');
if (!existsSync(dense)) writeDensePickle(dense, 4_000_000);
await timeScan(big, 'warm-up');
const bigMbs = await timeScan(big, 'state dict');
const denseMbs = await timeScan(dense, 'dense opcodes');
out.push(
  '### Pickle scanning',
  '',
  '| input | size | throughput per core |',
  '|---|---|---|',
  `| benign state dict, 2000 numpy-style tensors pickled inline (BINBYTES8 payloads skipped by length) | ${(statSync(big).size / 1e9).toFixed(2)} GB | ${bigMbs.toFixed(0)} MB/s |`,
  `| opcode-dense pickle (4M ints, floats, short strings; worst case) | ${(statSync(dense).size / 1e6).toFixed(0)} MB | ${denseMbs.toFixed(0)} MB/s |`,
  '',
  'Target: >= 200 MB/s per core. The state-dict number reflects that tensor payloads are skipped by their declared length;',
  'the dense number is the opcode interpreter itself.',
  '',
);

// ---- 2. safetensors: 10 MB vs 10 GB (sparse) ----
console.log('safetensors header check');
function sparseSafetensors(path: string, dataBytes: number) {
  const header = enc.encode(JSON.stringify({ w: { dtype: 'U8', shape: [dataBytes], data_offsets: [0, dataBytes] } }));
  const lenBuf = new Uint8Array(8);
  new DataView(lenBuf.buffer).setBigUint64(0, BigInt(header.length), true);
  writeFileSync(path, new Uint8Array([...lenBuf, ...header]));
  truncateSync(path, 8 + header.length + dataBytes);
}
const stTimes: string[] = [];
for (const [label, n] of [
  ['10 MB', 10 * 1024 * 1024],
  ['10 GB (sparse)', 10 * 1024 * 1024 * 1024],
] as const) {
  const p = join(work, `st-${n}.safetensors`);
  sparseSafetensors(p, n);
  const f = diskFile(p, label);
  const iters = 2000;
  const c0 = process.cpuUsage();
  for (let k = 0; k < iters; k++) await checkSafetensors(f, f.size);
  const c = process.cpuUsage(c0);
  const us = (c.user + c.system) / iters;
  const r = await checkSafetensors(f, f.size);
  f.close();
  console.log(`  ${label}: ${us.toFixed(1)} µs per check, problems: ${r.problems.length}`);
  stTimes.push(`| ${label} | ${us.toFixed(1)} µs | ${r.problems.length === 0 ? 'valid' : r.problems[0]} |`);
}
out.push(
  '### safetensors header check (reads only the header)',
  '',
  '| file | CPU time per check (mean of 2000) | result |',
  '|---|---|---|',
  ...stTimes,
  '',
);

// ---- 3. picklescan side by side ----
const psSrc = process.env.PICKLESCAN_SRC ?? '/tmp/picklescan-src';
const data = join(root, '..', 'shared', 'datasets', 'model_files');
const PY = process.env.PYTHON ?? (existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3');
const py = spawnSync(PY, ['--version']);
/** Runs picklescan under bash's `time` to get its CPU time (user + sys), independent of machine load. */
function picklescan(path: string, psSrc: string): { stdout: string; cpuMs: number; status: number | null } {
  const r = spawnSync('bash', ['-c', 'TIMEFORMAT="CPU %U %S"; { time "$0" -m picklescan -p "$1" ; } 2>&1', PY, path], {
    env: { ...process.env, PYTHONPATH: join(psSrc, 'src') },
    encoding: 'utf8',
    timeout: 900_000,
  });
  const m = /CPU ([\d.]+) ([\d.]+)\s*$/.exec(r.stdout ?? '');
  return { stdout: r.stdout ?? '', cpuMs: m ? (Number(m[1]) + Number(m[2])) * 1000 : Number.NaN, status: r.status };
}
if (!existsSync(join(psSrc, 'src', 'picklescan')) || py.status !== 0) {
  const msg = `picklescan comparison skipped: no checkout at ${psSrc}/src/picklescan or no python3.`;
  console.log(msg);
  out.push('### picklescan side by side', '', msg, '');
} else if (!existsSync(data)) {
  const msg = `picklescan comparison skipped: ${data} not found.`;
  console.log(msg);
  out.push('### picklescan side by side', '', msg, '');
} else {
  console.log('picklescan side by side');
  const files: string[] = [];
  const psFlagged = new Set<string>();
  let agree = 0;
  let psFlags = 0;
  let weMissPs = 0;
  let oursOnly = 0;
  let psMs = 0;
  let ourMs = 0;
  const disagreements: string[] = [];
  // One picklescan process per file: in directory mode it aborts on the first file it cannot open.
  for (const d of ['picklescan/data', 'picklescan/data2', 'modelscan']) {
    for (const f of readdirSync(join(data, d)).sort()) if (!f.endsWith('.json')) files.push(join(d, f));
  }
  for (const rel of files) {
    const ps = picklescan(join(data, rel), psSrc);
    psMs += ps.cpuMs;
    if (/Infected files: [1-9]/.test(ps.stdout)) psFlagged.add(rel);
  }
  for (const rel of files) {
    const abs = join(data, rel);
    const psFlag = psFlagged.has(rel);
    const c1 = process.cpuUsage();
    const f = memoryFile(rel, new Uint8Array(readFileSync(abs)));
    const findings = modelFileDetector.applies(f)
      ? ((await modelFileDetector.analyze(f, testContext())).findings ?? [])
      : [];
    const c = process.cpuUsage(c1);
    ourMs += (c.user + c.system) / 1000;
    const ours = findings.some((x) => /dangerous|suspicious|ssti|lambda|tf-dangerous|traversal/.test(x.ruleId));
    if (psFlag) psFlags++;
    if (psFlag === ours) agree++;
    else {
      if (psFlag) weMissPs++;
      else oursOnly++;
      disagreements.push(
        `${rel} (picklescan ${psFlag ? 'flags' : 'clean'}, rampart ${ours ? 'flags' : 'clean'}${findings.length ? `: ${[...new Set(findings.map((x) => x.ruleId))].join(', ')}` : ''})`,
      );
    }
  }
  // The same big benign file through picklescan.
  const psBig = picklescan(big, psSrc);
  const psBigMbs = statSync(big).size / 1e6 / (psBig.cpuMs / 1000);
  console.log(
    `  ${files.length} fixtures: agreement ${agree}/${files.length}; picklescan flags ${psFlags}, rampart misses ${weMissPs} of them; rampart-only ${oursOnly}`,
  );
  console.log(
    `  time: picklescan ${psMs.toFixed(0)} ms (one python process per file), rampart ${ourMs.toFixed(0)} ms; 1 GB state dict: picklescan ${psBigMbs.toFixed(0)} MB/s (${psBig.status === 0 ? 'ok' : `exit ${psBig.status}`})`,
  );
  for (const d of disagreements) console.log(`   - ${d}`);
  out.push(
    '### picklescan side by side',
    '',
    `picklescan ${readFileSync(join(psSrc, 'setup.cfg'), 'utf8').match(/^version\s*=\s*(\S+)/m)?.[1] ?? '(version unknown)'} run from source (PICKLESCAN_SRC) with ${PY} on the same files (py7zr installed for its 7z support). "Flags" = picklescan reports infected files; Rampart flags = a high or critical finding.`,
    '',
    '| measure | value |',
    '|---|---|',
    `| fixtures (picklescan data + data2, modelscan) | ${files.length} |`,
    `| verdict agreement | ${agree}/${files.length} |`,
    `| files picklescan flags | ${psFlags} |`,
    `| ... of which Rampart misses | ${weMissPs} |`,
    `| files only Rampart flags | ${oursOnly} |`,
    `| total CPU time, picklescan (a python process per file, start-up included) | ${(psMs / 1000).toFixed(2)} s |`,
    `| total CPU time, Rampart (in process, sha256 included) | ${(ourMs / 1000).toFixed(2)} s |`,
    `| 1 GB state dict, picklescan | ${psBigMbs.toFixed(0)} MB/s per core |`,
    `| 1 GB state dict, Rampart | ${bigMbs.toFixed(0)} MB/s per core |`,
    '',
    'Disagreements:',
    '',
    ...(disagreements.length > 0 ? disagreements.map((d) => `- ${d}`) : ['none']),
    '',
  );
}

writeModelsSection('bench', out.join('\n'));
console.log('wrote docs/benchmarks/models.md');

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
