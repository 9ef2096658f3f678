// The walker: yields every file under the scan roots that a detector may look at, honouring
// .gitignore files (nested), default excludes and --include/--exclude, and never following a
// symlink out of its root (or round a loop). Everything it passes over for a reason a user should
// know (symlinks, unreadable entries) is reported as skipped, never silently dropped.
import { type Dirent, lstatSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { basename, join, sep } from 'node:path';
import type { Skipped } from '@rampart/core';
import ignore, { type Ignore } from 'ignore';
import { DEFAULT_EXCLUDED_DIRS } from './default-excludes.js';

export interface WalkOptions {
  include?: readonly string[];
  exclude?: readonly string[];
  gitignore?: boolean;
  defaultExcludes?: boolean;
}

export interface WalkEntry {
  /** Absolute path on disk (the link's path for an in-root symlink). */
  abs: string;
  /** Path reported to users: relative to the scan root, posix separators. */
  rel: string;
  size: number;
}

export type WalkEvent = { type: 'file'; entry: WalkEntry } | { type: 'skipped'; skipped: Skipped };

interface IgnoreFrame {
  /** Directory (relative to root, posix, '' for root) the .gitignore lives in. */
  base: string;
  ig: Ignore;
}

const toPosix = (p: string): string => (sep === '/' ? p : p.split(sep).join('/'));

function isIgnored(frames: readonly IgnoreFrame[], rel: string, isDir: boolean): boolean {
  for (const f of frames) {
    const sub = f.base === '' ? rel : rel.startsWith(`${f.base}/`) ? rel.slice(f.base.length + 1) : undefined;
    if (sub === undefined || sub === '') continue;
    if (f.ig.ignores(isDir ? `${sub}/` : sub)) return true;
  }
  return false;
}

function loadGitignore(dir: string, base: string, names: ReadonlySet<string>): IgnoreFrame | undefined {
  if (!names.has('.gitignore')) return undefined;
  try {
    const text = readFileSync(join(dir, '.gitignore'), 'utf8');
    return { base, ig: ignore().add(text) };
  } catch {
    return undefined;
  }
}

function reasonFor(e: unknown): Skipped['reason'] {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'vanished';
  if (code === 'ELOOP') return 'symlink-loop';
  return 'unreadable';
}

/**
 * Walks one root (a directory or a single file). Paths are relative to the root directory; a
 * single file is reported by its own name.
 */
export async function* walk(rootPath: string, opts: WalkOptions = {}): AsyncGenerator<WalkEvent> {
  const rootStat = statSync(rootPath);
  if (rootStat.isFile()) {
    yield { type: 'file', entry: { abs: rootPath, rel: basename(rootPath), size: rootStat.size } };
    return;
  }
  const rootReal = realpathSync(rootPath);
  const includes = opts.include && opts.include.length > 0 ? ignore().add([...opts.include]) : undefined;
  const excludes = opts.exclude && opts.exclude.length > 0 ? ignore().add([...opts.exclude]) : undefined;
  const useDefaults = opts.defaultExcludes !== false;
  const useGitignore = opts.gitignore !== false;
  const visitedDirs = new Set<string>([rootReal]);

  const inRoot = (real: string): boolean => real === rootReal || real.startsWith(rootReal + sep);

  async function* visit(dirAbs: string, dirRel: string, frames: IgnoreFrame[]): AsyncGenerator<WalkEvent> {
    let entries: Dirent[];
    try {
      entries = readdirSync(dirAbs, { withFileTypes: true });
    } catch (e) {
      yield {
        type: 'skipped',
        skipped: { path: dirRel || '.', reason: reasonFor(e), detail: String((e as Error).message) },
      };
      return;
    }
    const here = useGitignore ? loadGitignore(dirAbs, dirRel, new Set(entries.map((e) => e.name))) : undefined;
    const myFrames = here ? [...frames, here] : frames;
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const d of entries) {
      const abs = join(dirAbs, d.name);
      const rel = dirRel === '' ? d.name : `${dirRel}/${toPosix(d.name)}`;
      let isDir = d.isDirectory();
      let isFile = d.isFile();
      if (d.isSymbolicLink()) {
        let real: string;
        try {
          real = realpathSync(abs);
        } catch (e) {
          yield {
            type: 'skipped',
            skipped: {
              path: rel,
              reason: reasonFor(e) === 'vanished' ? 'symlink-outside-root' : reasonFor(e),
              detail: 'dangling or looping symlink',
            },
          };
          continue;
        }
        if (!inRoot(real)) {
          yield {
            type: 'skipped',
            skipped: {
              path: rel,
              reason: 'symlink-outside-root',
              detail: 'symlink points outside the scan root; not followed',
            },
          };
          continue;
        }
        try {
          const st = statSync(real);
          isDir = st.isDirectory();
          isFile = st.isFile();
        } catch (e) {
          yield { type: 'skipped', skipped: { path: rel, reason: reasonFor(e) } };
          continue;
        }
        if (isDir && visitedDirs.has(real)) {
          yield {
            type: 'skipped',
            skipped: { path: rel, reason: 'symlink-loop', detail: 'directory already visited' },
          };
          continue;
        }
        if (isFile) continue; // the target inside the root is scanned under its own path
      }
      if (isDir) {
        if (useDefaults && DEFAULT_EXCLUDED_DIRS.has(d.name)) continue;
        if (isIgnored(myFrames, rel, true)) continue;
        if (excludes?.ignores(`${rel}/`)) continue;
        if (d.isSymbolicLink()) visitedDirs.add(realpathSync(abs));
        else {
          try {
            visitedDirs.add(realpathSync(abs));
          } catch {
            // vanished between readdir and realpath: the next readdir reports it
          }
        }
        yield* visit(abs, rel, myFrames);
        continue;
      }
      if (!isFile) continue; // sockets, fifos, devices: nothing to scan, and reading could block
      if (isIgnored(myFrames, rel, false)) continue;
      if (excludes?.ignores(rel)) continue;
      if (includes && !includes.ignores(rel)) continue;
      let size: number;
      try {
        size = lstatSync(abs).size;
      } catch (e) {
        yield { type: 'skipped', skipped: { path: rel, reason: reasonFor(e) } };
        continue;
      }
      yield { type: 'file', entry: { abs, rel, size } };
    }
  }

  yield* visit(rootPath, '', []);
}
