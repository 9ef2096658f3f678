// pyproject.toml: PEP 621 `[project]` dependencies and optional-dependencies, PEP 735
// `[dependency-groups]`, and Poetry's `[tool.poetry.*dependencies]` tables.
import { entriesOf, isObject, parseToml } from './bounded-parse.js';
import type { DependencyScope, ManifestParse } from './dependency.js';
import { LineIndex } from './line-index.js';
import { parseRequirement, pinnedVersion } from './pep508.js';

/** Poetry constraint → exact version when it pins one ("1.2.3" or "==1.2.3"). */
export function poetryPinned(spec: string): string | undefined {
  const s = spec.trim().replace(/^==?\s*/, '');
  return /^\d[A-Za-z0-9.+!-]*$/.test(s) ? s : undefined;
}

function pep508List(list: unknown, scope: DependencyScope, idx: LineIndex, from: number, out: ManifestParse): void {
  if (!Array.isArray(list)) return;
  for (const item of list) {
    if (typeof item !== 'string') continue; // {include-group = "..."} in dependency-groups
    const req = parseRequirement(item);
    if (req === undefined) {
      out.warnings.push(`not a PEP 508 requirement: ${item.slice(0, 80)}`);
      continue;
    }
    const version = req.url === undefined ? pinnedVersion(req.spec) : undefined;
    const line = idx.findName(req.name, from);
    out.dependencies.push({
      ecosystem: 'PyPI',
      name: req.name,
      spec: req.spec,
      ...(version !== undefined ? { version } : {}),
      ...(line !== undefined ? { line } : {}),
      scope,
      source: 'manifest',
      ...(req.marker !== undefined ? { marker: req.marker } : {}),
      ...(req.url !== undefined ? { url: req.url } : {}),
    });
  }
}

/** Poetry dependency table entries: `name = "^1.2"`, `{version = ...}`, `[{...}, {...}]`, `{git = ...}`. */
export function poetryTable(
  table: unknown,
  scope: DependencyScope,
  idx: LineIndex,
  from: number,
  out: ManifestParse,
): void {
  for (const [name, value] of entriesOf(table)) {
    if (name.toLowerCase() === 'python') continue;
    let spec = '';
    let url: string | undefined;
    let optional = false;
    const alternatives = Array.isArray(value) ? value : [value];
    const specs: string[] = [];
    for (const v of alternatives) {
      if (typeof v === 'string') specs.push(v);
      else if (isObject(v)) {
        if (typeof v.version === 'string') specs.push(v.version);
        for (const k of ['git', 'url', 'path'] as const) if (typeof v[k] === 'string') url = v[k] as string;
        if (v.optional === true) optional = true;
      }
    }
    spec = [...new Set(specs)].join(' || ');
    const version = specs.length === 1 && url === undefined ? poetryPinned(specs[0]!) : undefined;
    const line = idx.findName(name, from);
    out.dependencies.push({
      ecosystem: 'PyPI',
      name,
      spec: spec === '*' ? '' : spec,
      ...(version !== undefined ? { version } : {}),
      ...(line !== undefined ? { line } : {}),
      scope: optional && scope === 'main' ? 'optional' : scope,
      source: 'manifest',
      ...(url !== undefined ? { url } : {}),
    });
  }
}

export function parsePyproject(text: string, path: string): ManifestParse {
  const doc = parseToml(text, path);
  const idx = new LineIndex(text);
  const out: ManifestParse = { dependencies: [], warnings: [] };
  const header = (h: string): number => Math.max(0, idx.indexOf(`[${h}]`));

  const project = doc.project;
  if (isObject(project)) {
    pep508List(project.dependencies, 'main', idx, header('project'), out);
    for (const [, list] of entriesOf(project['optional-dependencies'])) {
      pep508List(list, 'optional', idx, header('project.optional-dependencies'), out);
    }
  }
  for (const [, list] of entriesOf(doc['dependency-groups'])) {
    pep508List(list, 'dev', idx, header('dependency-groups'), out);
  }
  const tool = isObject(doc.tool) ? doc.tool : undefined;
  const poetry = tool !== undefined && isObject(tool.poetry) ? tool.poetry : undefined;
  if (poetry !== undefined) {
    poetryTable(poetry.dependencies, 'main', idx, header('tool.poetry.dependencies'), out);
    poetryTable(poetry['dev-dependencies'], 'dev', idx, header('tool.poetry.dev-dependencies'), out);
    for (const [group, g] of entriesOf(poetry.group)) {
      if (!isObject(g)) continue;
      poetryTable(g.dependencies, 'dev', idx, header(`tool.poetry.group.${group}.dependencies`), out);
    }
  }
  return out;
}
