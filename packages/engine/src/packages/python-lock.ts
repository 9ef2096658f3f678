// poetry.lock and uv.lock: both are TOML with one `[[package]]` table per locked distribution
// (name, version). Lines come from the `name = "..."` lines, which appear in the same order.
import { isObject, parseToml } from './bounded-parse.js';
import type { ManifestParse } from './dependency.js';
import { LineIndex } from './line-index.js';

export function parsePythonLock(text: string, path: string): ManifestParse {
  const doc = parseToml(text, path);
  const idx = new LineIndex(text);
  const out: ManifestParse = { dependencies: [], warnings: [] };
  const packages = Array.isArray(doc.package) ? doc.package : [];
  let from = 0;
  for (const p of packages) {
    if (!isObject(p) || typeof p.name !== 'string') continue;
    const at = idx.indexOf(`name = "${p.name}"`, from);
    if (at !== -1) from = at + 1;
    const version = typeof p.version === 'string' ? p.version : undefined;
    // uv marks the project itself and workspace members with a `source` of editable/virtual.
    const source = isObject(p.source) ? p.source : undefined;
    if (source !== undefined && ('editable' in source || 'virtual' in source)) continue;
    const dev = p.category === 'dev';
    out.dependencies.push({
      ecosystem: 'PyPI',
      name: p.name,
      spec: version !== undefined ? `==${version}` : '',
      ...(version !== undefined ? { version } : {}),
      ...(at !== -1 ? { line: idx.lineAt(at) } : {}),
      scope: dev ? 'dev' : 'main',
      source: 'lock',
    });
  }
  return out;
}
