// package.json (dependency sections) and package-lock.json / npm-shrinkwrap.json, lockfile
// versions 1 (nested `dependencies`), 2 (both) and 3 (flat `packages` keyed by node_modules path).
import { ParseError } from '@rampart/core';
import semver from 'semver';
import { entriesOf, isObject, type Json, parseJsonBounded } from './bounded-parse.js';
import type { DependencyScope, ManifestDependency, ManifestParse } from './dependency.js';
import { LineIndex } from './line-index.js';

const SECTIONS: Array<[string, DependencyScope]> = [
  ['dependencies', 'main'],
  ['devDependencies', 'dev'],
  ['optionalDependencies', 'optional'],
  ['peerDependencies', 'peer'],
];

/** Specs that are not registry ranges: aliases, git, files, URLs, workspaces. */
function nonRegistry(spec: string): boolean {
  if (/^(npm:|git|github:|file:|link:|workspace:|https?:)/.test(spec)) return true;
  // GitHub shorthand `user/repo#ref`; no registry range contains a slash.
  return spec.includes('/');
}

export function parsePackageJson(text: string, path: string): ManifestParse {
  const doc = parseJsonBounded(text, path);
  const idx = new LineIndex(text);
  const out: ManifestParse = { dependencies: [], warnings: [] };
  if (!isObject(doc)) throw new ParseError(`${path}: package.json is not a JSON object`, { path });
  for (const [section, scope] of SECTIONS) {
    const from = Math.max(0, idx.indexOf(`"${section}"`));
    for (const [name, value] of entriesOf(doc[section])) {
      if (typeof value !== 'string') continue;
      const spec = value.trim();
      const url = nonRegistry(spec) ? spec : undefined;
      const exact = url === undefined ? semver.valid(spec.replace(/^=\s*/, '')) : null;
      const line = idx.findName(name, from);
      out.dependencies.push({
        ecosystem: 'npm',
        name,
        spec,
        ...(exact !== null ? { version: exact } : {}),
        ...(line !== undefined ? { line } : {}),
        scope,
        source: 'manifest',
        ...(url !== undefined ? { url } : {}),
      });
    }
  }
  return out;
}

function scopeOf(entry: Record<string, unknown>): DependencyScope {
  if (entry.dev === true) return 'dev';
  if (entry.optional === true || entry.devOptional === true) return 'optional';
  if (entry.peer === true) return 'peer';
  return 'main';
}

function lockEntry(
  name: string,
  entry: Record<string, unknown>,
  line: number | undefined,
): ManifestDependency | undefined {
  if (typeof entry.version !== 'string' || entry.link === true) return undefined;
  const version = semver.valid(entry.version);
  return {
    ecosystem: 'npm',
    name,
    spec: entry.version,
    ...(version !== null ? { version } : { url: entry.version }),
    ...(line !== undefined ? { line } : {}),
    scope: scopeOf(entry),
    source: 'lock',
  };
}

export function parsePackageLock(text: string, path: string): ManifestParse {
  const doc = parseJsonBounded(text, path);
  const idx = new LineIndex(text);
  const out: ManifestParse = { dependencies: [], warnings: [] };
  if (!isObject(doc)) throw new ParseError(`${path}: lockfile is not a JSON object`, { path });
  if (isObject(doc.packages)) {
    // v2/v3: keys are install paths; the package name is what follows the last node_modules/.
    // JSON.parse keeps key order, so each key is searched from the previous one: linear overall.
    let cursor = 0;
    for (const [key, entry] of Object.entries(doc.packages)) {
      const cut = key.lastIndexOf('node_modules/');
      if (cut === -1 || !isObject(entry)) continue;
      const name = typeof entry.name === 'string' ? entry.name : key.slice(cut + 'node_modules/'.length);
      const at = idx.indexOf(`"${key}"`, cursor);
      if (at !== -1) cursor = at + 1;
      const dep = lockEntry(name, entry, at === -1 ? undefined : idx.lineAt(at));
      if (dep !== undefined) out.dependencies.push(dep);
    }
    return out;
  }
  // v1: a tree of `dependencies`, nested where versions conflict. Depth is bounded by the JSON
  // check. JSON.parse keeps key order, so a depth-first walk meets entries in text order.
  let cursor = 0;
  const walk = (deps: Json | undefined): void => {
    for (const [name, entry] of entriesOf(deps)) {
      if (!isObject(entry)) continue;
      const at = idx.indexOf(`"${name}": {`, cursor);
      if (at !== -1) cursor = at + 1;
      const dep = lockEntry(name, entry, at === -1 ? undefined : idx.lineAt(at));
      if (dep !== undefined) out.dependencies.push(dep);
      if (entry.dependencies !== undefined) walk(entry.dependencies as Json);
    }
  };
  walk(doc.dependencies);
  return out;
}
