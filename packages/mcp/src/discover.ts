// Finds MCP client config files: user-level ones in the well-known per-OS places under a home
// directory (injectable for tests), and project-level ones under given directories (bounded walk).
import { lstat, readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { LimitError } from '@rampart/core';
import { type ClientMatch, matchClientConfig, type Os, WELL_KNOWN_DIRS, wellKnownPaths } from './clients.js';
import { MAX_CONFIG_BYTES } from './config-parse.js';

export interface FoundConfig extends ClientMatch {
  /** Absolute path on disk. */
  absPath: string;
  /** Path reported in findings: relative to the walk root, or `~/...` for user-level files. */
  displayPath: string;
}

async function isFile(p: string): Promise<boolean> {
  try {
    return (await stat(p)).isFile();
  } catch {
    return false;
  }
}

/** User-level configs that exist under `home` for `os`. */
export async function discoverUserConfigs(home: string, os: Os): Promise<FoundConfig[]> {
  const out: FoundConfig[] = [];
  for (const rel of wellKnownPaths(os)) {
    const abs = join(home, ...rel.split('/'));
    if (!(await isFile(abs))) continue;
    const m = matchClientConfig(rel);
    if (m) out.push({ ...m, absPath: abs, displayPath: `~/${rel}` });
  }
  for (const dir of WELL_KNOWN_DIRS) {
    const absDir = join(home, ...dir.split('/'));
    let names: string[] = [];
    try {
      names = (await readdir(absDir)).sort();
    } catch {
      continue;
    }
    for (const n of names.slice(0, 500)) {
      const rel = `${dir}/${n}`;
      const m = matchClientConfig(rel);
      if (m && (await isFile(join(absDir, n)))) out.push({ ...m, absPath: join(absDir, n), displayPath: `~/${rel}` });
    }
  }
  return out;
}

const SKIP_DIRS = new Set(['node_modules', '.git', 'dist', 'build', '.venv', 'venv', '__pycache__', '.next', 'target']);

/** Project-level configs under `root` (a directory or a single file). Symlinks are not followed. */
export async function discoverProjectConfigs(
  root: string,
  limits = { maxEntries: 50_000, maxDepth: 8 },
): Promise<FoundConfig[]> {
  const absRoot = resolve(root);
  const st = await stat(absRoot);
  if (st.isFile()) {
    const m = matchClientConfig(absRoot.split(sep).join('/')) ?? { client: 'unknown', format: 'json' as const };
    return [{ ...m, absPath: absRoot, displayPath: root }];
  }
  const out: FoundConfig[] = [];
  let entries = 0;
  const walk = async (dir: string, depth: number): Promise<void> => {
    if (depth > limits.maxDepth) return;
    let names: string[];
    try {
      names = (await readdir(dir)).sort();
    } catch {
      return;
    }
    for (const n of names) {
      if (++entries > limits.maxEntries)
        throw new LimitError('maxEntries', `${root}: more than ${limits.maxEntries} entries`);
      const abs = join(dir, n);
      const ls = await lstat(abs).catch(() => undefined);
      if (!ls || ls.isSymbolicLink()) continue;
      const rel = relative(absRoot, abs).split(sep).join('/');
      if (ls.isDirectory()) {
        if (!SKIP_DIRS.has(n)) await walk(abs, depth + 1);
      } else if (ls.isFile()) {
        const m = matchClientConfig(rel);
        if (m) out.push({ ...m, absPath: abs, displayPath: rel });
      }
    }
  };
  await walk(absRoot, 0);
  return out;
}

export async function readConfigText(f: FoundConfig): Promise<string> {
  const s = await stat(f.absPath);
  if (s.size > MAX_CONFIG_BYTES)
    throw new LimitError('maxConfigBytes', `${f.displayPath}: ${s.size} bytes exceeds ${MAX_CONFIG_BYTES}`, {
      path: f.displayPath,
    });
  return readFile(f.absPath, 'utf8');
}

/** True when `path` (or the directory holding it) is writable by everyone and not sticky. */
export function worldWritableChecker(statSync: (p: string) => { mode: number } | undefined) {
  return (p: string): boolean => {
    const parts = p.split(/[\\/]/);
    const dir = parts.slice(0, -1).join('/') || '/';
    for (const x of [p, dir]) {
      const s = statSync(x);
      if (s && (s.mode & 0o002) !== 0 && (s.mode & 0o1000) === 0) return true;
    }
    return false;
  };
}
