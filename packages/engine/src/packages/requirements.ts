// requirements*.txt (pip): one requirement per logical line, `\` continuations, `#` comments,
// per-line options (--hash, ...), markers and extras. `-r`/`-c` includes are recorded, not
// followed: each included file is scanned on its own when it is inside the scanned tree.
import type { ManifestDependency, ManifestParse } from './dependency.js';
import { parseRequirement, pinnedVersion } from './pep508.js';

interface LogicalLine {
  text: string;
  line: number;
}

function logicalLines(text: string): LogicalLine[] {
  const out: LogicalLine[] = [];
  const physical = text.split(/\r?\n/);
  let buf = '';
  let start = 0;
  for (let i = 0; i < physical.length; i++) {
    let l = physical[i]!;
    if (buf === '') start = i + 1;
    // A comment starts at line start or after whitespace (a URL fragment `#egg=` has none).
    const hash = l.startsWith('#') ? 0 : l.search(/\s#/);
    if (hash !== -1) l = l.slice(0, hash);
    if (l.endsWith('\\')) {
      buf += `${l.slice(0, -1)} `;
      continue;
    }
    buf += l;
    if (buf.trim() !== '') out.push({ text: buf.trim(), line: start });
    buf = '';
  }
  if (buf.trim() !== '') out.push({ text: buf.trim(), line: start });
  return out;
}

export interface RequirementsParse extends ManifestParse {
  /** Files named by -r / -c, as written. */
  includes: string[];
}

export function parseRequirementsTxt(text: string): RequirementsParse {
  const dependencies: ManifestDependency[] = [];
  const warnings: string[] = [];
  const includes: string[] = [];
  for (const { text: l, line } of logicalLines(text)) {
    if (l.startsWith('-')) {
      const m = /^(?:-r|-c|--requirement|--constraint)(?:\s+|=)(\S+)/.exec(l);
      if (m) includes.push(m[1]!);
      continue;
    }
    // Per-requirement options (--hash=..., --config-settings) follow the requirement.
    const opt = l.search(/\s--?[a-z]/);
    const reqText = opt === -1 ? l : l.slice(0, opt);
    const req = parseRequirement(reqText);
    if (req === undefined) {
      // Paths and bare URLs (./pkg, https://.../x.whl) name no package we can judge.
      if (!/^(\.|\/|[a-z+]+:\/\/)/i.test(reqText))
        warnings.push(`line ${line}: not a requirement: ${reqText.slice(0, 80)}`);
      continue;
    }
    const version = req.url === undefined ? pinnedVersion(req.spec) : undefined;
    dependencies.push({
      ecosystem: 'PyPI',
      name: req.name,
      spec: req.spec,
      ...(version !== undefined ? { version } : {}),
      line,
      scope: 'main',
      source: 'manifest',
      ...(req.marker !== undefined ? { marker: req.marker } : {}),
      ...(req.url !== undefined ? { url: req.url } : {}),
    });
  }
  return { dependencies, warnings, includes };
}
