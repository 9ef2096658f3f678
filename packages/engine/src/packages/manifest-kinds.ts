// Which files are dependency manifests, decided from the path alone (cheap, for `applies`),
// and the parser for each.
import type { ManifestParse } from './dependency.js';
import { parsePackageJson, parsePackageLock } from './npm-manifest.js';
import { parsePipfile } from './pipfile.js';
import { parsePyproject } from './pyproject.js';
import { parsePythonLock } from './python-lock.js';
import { parseRequirementsTxt } from './requirements.js';
import { parseSetupCfg } from './setup-cfg.js';

export type ManifestKind =
  | 'requirements.txt'
  | 'pyproject.toml'
  | 'Pipfile'
  | 'setup.cfg'
  | 'poetry.lock'
  | 'uv.lock'
  | 'package.json'
  | 'package-lock.json';

const BY_NAME: Record<string, ManifestKind> = {
  'pyproject.toml': 'pyproject.toml',
  Pipfile: 'Pipfile',
  'setup.cfg': 'setup.cfg',
  'poetry.lock': 'poetry.lock',
  'uv.lock': 'uv.lock',
  'package.json': 'package.json',
  'package-lock.json': 'package-lock.json',
  'npm-shrinkwrap.json': 'package-lock.json',
};

export function manifestKind(path: string): ManifestKind | undefined {
  const slash = path.lastIndexOf('/');
  const base = path.slice(slash + 1);
  const hit = Object.hasOwn(BY_NAME, base) ? BY_NAME[base] : undefined;
  if (hit !== undefined) return hit;
  const lower = base.toLowerCase();
  if (!lower.endsWith('.txt')) return undefined;
  // requirements.txt, requirements-dev.txt, dev-requirements.txt, requirements/base.txt
  if (lower.startsWith('requirements') || lower.endsWith('requirements.txt')) return 'requirements.txt';
  const dir = path.slice(0, Math.max(0, slash));
  return dir === 'requirements' || dir.endsWith('/requirements') ? 'requirements.txt' : undefined;
}

export function parseManifest(kind: ManifestKind, text: string, path: string): ManifestParse {
  switch (kind) {
    case 'requirements.txt':
      return parseRequirementsTxt(text);
    case 'pyproject.toml':
      return parsePyproject(text, path);
    case 'Pipfile':
      return parsePipfile(text, path);
    case 'setup.cfg':
      return parseSetupCfg(text);
    case 'poetry.lock':
    case 'uv.lock':
      return parsePythonLock(text, path);
    case 'package.json':
      return parsePackageJson(text, path);
    case 'package-lock.json':
      return parsePackageLock(text, path);
  }
}
