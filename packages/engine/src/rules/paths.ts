// Where the data that ships with Rampart lives: rules/, frameworks/ and data/ at the repository root.
// Resolved from this module's location so it works from sources (tsx) and from dist alike.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findRepoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++) {
    if (existsSync(join(dir, 'rules')) && existsSync(join(dir, 'frameworks'))) return dir;
    dir = dirname(dir);
  }
  throw new Error('cannot locate the rules/ and frameworks/ directories');
}

export const REPO_ROOT = process.env.RAMPART_DATA_DIR ?? findRepoRoot();
export const RULES_DIR = join(REPO_ROOT, 'rules');
export const FRAMEWORKS_DIR = join(REPO_ROOT, 'frameworks');
export const DATA_DIR = join(REPO_ROOT, 'data');
