// Inline suppressions: `rampart-ignore: rule-id[,rule-id…] reason` in a comment silences those rules
// on the same line and on the line below. Suppressed findings stay in the report (SARIF carries
// them as suppressions) but never fail a CI gate.

export interface InlineSuppression {
  path: string;
  line: number;
  ruleIds: string[];
  reason: string;
}

// Linear: one anchored token list, then the rest of the line.
const MARK = /rampart-ignore:[ \t]*([a-z0-9][a-z0-9-]*(?:[ \t]*,[ \t]*[a-z0-9][a-z0-9-]*)*)[ \t]*([^\r\n]*)/;

export function findInlineSuppressions(path: string, text: string): InlineSuppression[] {
  if (!text.includes('rampart-ignore:')) return [];
  const out: InlineSuppression[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (!line.includes('rampart-ignore:')) continue;
    const m = MARK.exec(line);
    if (!m) continue;
    const reason = (m[2] ?? '').replace(/\s*(\*\/|-->|#}|%>)\s*$/, '').trim();
    out.push({
      path,
      line: i + 1,
      ruleIds: m[1]!.split(',').map((s) => s.trim()),
      reason: reason || 'no reason given',
    });
  }
  return out;
}

export class SuppressionIndex {
  private readonly byPath = new Map<string, InlineSuppression[]>();

  constructor(items: Iterable<InlineSuppression>) {
    for (const s of items) {
      const list = this.byPath.get(s.path) ?? [];
      list.push(s);
      this.byPath.set(s.path, list);
    }
  }

  /** The suppression covering `ruleIds` (a rule id and its aliases) at path:line, if any. */
  find(path: string, line: number | undefined, ruleIds: readonly string[]): InlineSuppression | undefined {
    if (line === undefined) return undefined;
    const list = this.byPath.get(path);
    if (!list) return undefined;
    return list.find((s) => (s.line === line || s.line === line - 1) && s.ruleIds.some((r) => ruleIds.includes(r)));
  }
}
