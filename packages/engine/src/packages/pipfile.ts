// Pipfile (pipenv): `[packages]` and `[dev-packages]`, values "*", "==1.2" or {version = ...}.
import { entriesOf, isObject, parseToml } from './bounded-parse.js';
import type { DependencyScope, ManifestParse } from './dependency.js';
import { LineIndex } from './line-index.js';
import { pinnedVersion } from './pep508.js';

export function parsePipfile(text: string, path: string): ManifestParse {
  const doc = parseToml(text, path);
  const idx = new LineIndex(text);
  const out: ManifestParse = { dependencies: [], warnings: [] };
  const sections: Array<[string, DependencyScope]> = [
    ['packages', 'main'],
    ['dev-packages', 'dev'],
  ];
  for (const [section, scope] of sections) {
    const from = Math.max(0, idx.indexOf(`[${section}]`));
    for (const [name, value] of entriesOf(doc[section])) {
      let spec = '';
      let url: string | undefined;
      if (typeof value === 'string') spec = value;
      else if (isObject(value)) {
        if (typeof value.version === 'string') spec = value.version;
        for (const k of ['git', 'file', 'path'] as const) if (typeof value[k] === 'string') url = value[k] as string;
      }
      if (spec.trim() === '*') spec = '';
      const version = url === undefined ? pinnedVersion(spec) : undefined;
      const line = idx.findName(name, from);
      out.dependencies.push({
        ecosystem: 'PyPI',
        name,
        spec: spec.replace(/\s+/g, ''),
        ...(version !== undefined ? { version } : {}),
        ...(line !== undefined ? { line } : {}),
        scope,
        source: 'manifest',
        ...(url !== undefined ? { url } : {}),
      });
    }
  }
  return out;
}
