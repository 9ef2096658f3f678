// 7z, RAR, bzip2 and xz containers, opened with 7-Zip compiled to WebAssembly (7z-wasm): the
// archive is copied into the module's in-memory file system, listed first so sizes, counts, ratio
// and names are checked before anything is extracted, then extracted there and handed back as bytes.
// The C++ code runs inside the wasm sandbox; its console output is captured, never printed.
import { LimitError, ParseError } from '@rampart/core';
import type { RangeSource } from '../util/ranges.js';

export interface SevenZipEntry {
  name: string;
  size: number;
  encrypted: boolean;
  isDir: boolean;
}

export interface SevenZipLimits {
  maxInput: number;
  maxOutput: number;
  maxEntries: number;
  maxRatio: number;
  budget: { remaining: number };
}

export interface SevenZipResult {
  entries: SevenZipEntry[];
  files: Array<{ name: string; data: Uint8Array }>;
}

type Factory = (opts: {
  print: (s: string) => void;
  printErr: (s: string) => void;
  stdin: () => number | null;
}) => Promise<{ FS: unknown; callMain(args: string[]): void }>;

interface Fs {
  writeFile(path: string, data: Uint8Array): void;
  readFile(path: string): Uint8Array;
  readdir(path: string): string[];
  stat(path: string): { mode: number; size: number };
  isDir(mode: number): boolean;
  isFile(mode: number): boolean;
}

function parseListing(lines: string[]): SevenZipEntry[] {
  const entries: SevenZipEntry[] = [];
  let started = false;
  let cur: Record<string, string> = {};
  const flush = () => {
    // Single-stream formats (bzip2, xz) list a size but no path.
    if (cur.Path !== undefined || cur.Size !== undefined) {
      entries.push({
        name: cur.Path ?? '',
        size: Number(cur.Size ?? 0) || 0,
        encrypted: cur.Encrypted === '+',
        isDir: cur.Folder === '+' || /^D/.test(cur.Attributes ?? ''),
      });
    }
    cur = {};
  };
  for (const line of lines) {
    if (!started) {
      if (line.startsWith('----------')) started = true;
      continue;
    }
    if (line.trim() === '') {
      flush();
      continue;
    }
    // Progress output (backspaces) can prefix a line: key = value pairs are read from "Path = " on.
    const clean = line.includes('Path = ') ? line.slice(line.indexOf('Path = ')) : line;
    const eq = clean.indexOf(' = ');
    if (eq > 0) cur[clean.slice(0, eq)] = clean.slice(eq + 3);
  }
  flush();
  return entries;
}

function walk(
  fs: Fs,
  dir: string,
  prefix: string,
  out: Array<{ name: string; data: Uint8Array }>,
  depth: number,
): void {
  if (depth > 64) return;
  for (const n of fs.readdir(dir)) {
    if (n === '.' || n === '..') continue;
    const p = `${dir}/${n}`;
    const st = fs.stat(p);
    if (fs.isDir(st.mode)) walk(fs, p, `${prefix}${n}/`, out, depth + 1);
    else if (fs.isFile(st.mode)) out.push({ name: `${prefix}${n}`, data: fs.readFile(p) });
  }
}

export async function openWith7zip(src: RangeSource, size: number, limits: SevenZipLimits): Promise<SevenZipResult> {
  const path = src.path;
  if (size > limits.maxInput)
    throw new LimitError(
      'sevenZip.maxInput',
      `${path}: ${size}-byte archive exceeds the ${limits.maxInput}-byte limit for 7-Zip containers`,
      { path },
    );
  const input = new Uint8Array(size);
  const step = 4 * 1024 * 1024;
  for (let s = 0; s < size; s += step) input.set(await src.readRange(s, Math.min(size, s + step)), s);
  // A CommonJS/UMD package: under NodeNext its factory is the namespace's default export.
  const ns = (await import('7z-wasm')) as unknown as { default: Factory };
  const out: string[] = [];
  const mod = await ns.default({ print: (s: string) => out.push(s), printErr: () => {}, stdin: () => null });
  const fs = mod.FS as unknown as Fs;
  // Emscripten's exit handler writes 7-Zip's exit status into process.exitCode, which would change
  // (or clear) the exit code of the whole scan: save and restore it around each synchronous run.
  const run = (args: string[]) => {
    const saved = process.exitCode;
    try {
      mod.callMain(args);
    } catch {
      // 7-Zip reports problems through its exit status; callers judge by what was listed/extracted.
    } finally {
      process.exitCode = saved;
    }
  };
  fs.writeFile('/in', input);
  // "-p" gives an empty password so encrypted archives fail instead of prompting.
  run(['l', '-slt', '-p', '-ba', '-bsp0', '/in']);
  const entries = parseListing(['----------', ...out]);
  if (entries.length === 0)
    throw new ParseError(`${path}: 7-Zip could not list the archive (corrupt or unsupported)`, { path });
  if (entries.length > limits.maxEntries)
    throw new LimitError('sevenZip.maxEntries', `${path}: ${entries.length} entries exceeds ${limits.maxEntries}`, {
      path,
    });
  const total = entries.reduce((a, e) => a + e.size, 0);
  if (total > 1024 * 1024 && total / Math.max(1, size) > limits.maxRatio) {
    throw new LimitError(
      'maxCompressionRatio',
      `${path}: expands ${Math.round(total / Math.max(1, size))}x (decompression bomb?)`,
      { path },
    );
  }
  const cap = Math.min(limits.maxOutput, limits.budget.remaining);
  if (total > cap)
    throw new LimitError('maxDecompressedBytes', `${path}: ${total} bytes when extracted exceeds ${cap}`, { path });
  run(['x', '-p', '-y', '-bsp0', '-o/out', '/in']);
  const files: Array<{ name: string; data: Uint8Array }> = [];
  try {
    walk(fs, '/out', '', files, 0);
  } catch {
    // No /out: nothing extracted.
  }
  const produced = files.reduce((a, f) => a + f.data.length, 0);
  // bzip2/xz streams do not declare their size: check what extraction produced.
  if (produced > cap)
    throw new LimitError('maxDecompressedBytes', `${path}: extracted ${produced} bytes, over ${cap}`, { path });
  if (produced > 1024 * 1024 && produced / Math.max(1, size) > limits.maxRatio) {
    throw new LimitError(
      'maxCompressionRatio',
      `${path}: expands ${Math.round(produced / Math.max(1, size))}x (decompression bomb?)`,
      { path },
    );
  }
  limits.budget.remaining -= produced;
  const single = entries[0];
  if (entries.length === 1 && single !== undefined && single.name === '' && files.length === 1)
    single.name = files[0]!.name;
  return { entries, files };
}
