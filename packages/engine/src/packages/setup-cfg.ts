// setup.cfg (setuptools): `install_requires` in [options] and each list in [options.extras_require].
// A small INI reader: section headers, `key = value`, and indented continuation lines.
import type { DependencyScope, ManifestParse } from './dependency.js';
import { parseRequirement, pinnedVersion } from './pep508.js';

interface IniValue {
  section: string;
  key: string;
  /** Each value line with its 1-based line number. */
  lines: Array<{ text: string; line: number }>;
}

function readIni(text: string): IniValue[] {
  const values: IniValue[] = [];
  let section = '';
  let current: IniValue | undefined;
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#') || trimmed.startsWith(';')) continue;
    if (/^\s/.test(raw) && current !== undefined) {
      current.lines.push({ text: trimmed, line: i + 1 });
      continue;
    }
    if (trimmed.startsWith('[') && trimmed.endsWith(']')) {
      section = trimmed.slice(1, -1).trim();
      current = undefined;
      continue;
    }
    const eq = trimmed.search(/[=:]/);
    if (eq === -1) continue;
    const first = trimmed.slice(eq + 1).trim();
    current = { section, key: trimmed.slice(0, eq).trim(), lines: [] };
    if (first !== '') current.lines.push({ text: first, line: i + 1 });
    values.push(current);
  }
  return values;
}

export function parseSetupCfg(text: string): ManifestParse {
  const out: ManifestParse = { dependencies: [], warnings: [] };
  for (const v of readIni(text)) {
    let scope: DependencyScope;
    if (v.section === 'options' && v.key === 'install_requires') scope = 'main';
    else if (v.section === 'options.extras_require') scope = 'optional';
    else if (v.section === 'options' && v.key === 'tests_require') scope = 'dev';
    else continue;
    for (const { text: t, line } of v.lines) {
      const body = t.replace(/\s#.*$/, '');
      if (body.startsWith('file:')) continue;
      const req = parseRequirement(body);
      if (req === undefined) {
        out.warnings.push(`line ${line}: not a requirement: ${body.slice(0, 80)}`);
        continue;
      }
      const version = req.url === undefined ? pinnedVersion(req.spec) : undefined;
      out.dependencies.push({
        ecosystem: 'PyPI',
        name: req.name,
        spec: req.spec,
        ...(version !== undefined ? { version } : {}),
        line,
        scope,
        source: 'manifest',
        ...(req.marker !== undefined ? { marker: req.marker } : {}),
        ...(req.url !== undefined ? { url: req.url } : {}),
      });
    }
  }
  return out;
}
