// Turns a PickleReport into finding drafts: one per dangerous or suspicious global (named, with
// the byte offset of the opcode that imports it), one per structural anomaly, and one summary for
// third-party globals we cannot vouch for.
import type { PickleReport } from '../pickle/scan-pickle.js';
import { RULES } from './rule-ids.js';

export interface PickleFinding {
  ruleId: string;
  message: string;
  offset: number | undefined;
  facts: Record<string, unknown>;
  discriminator: string;
}

export function pickleFindings(r: PickleReport, member: string | undefined): PickleFinding[] {
  const out: PickleFinding[] = [];
  const where = member ? ` (${member})` : '';
  for (const g of r.globals) {
    if (g.verdict !== 'dangerous' && g.verdict !== 'suspicious') continue;
    const nested = g.nestedDepth > 0 ? ` in a pickle nested ${g.nestedDepth} level(s) deep` : '';
    const act = g.called ? 'imports and calls' : 'imports';
    const raw = `${g.module}.${g.name}`;
    const shown = raw === g.qualified ? raw : `${raw} (${g.qualified})`;
    out.push({
      ruleId: g.verdict === 'dangerous' ? RULES.dangerous : RULES.suspicious,
      message: `Loading this pickle${where} ${act} ${shown}${nested}: ${g.reason}`,
      offset: g.offset,
      facts: {
        global: g.qualified,
        module: g.module,
        name: g.name,
        called: g.called,
        count: g.count,
        nestedDepth: g.nestedDepth,
        reason: g.reason,
      },
      discriminator: `${g.qualified}@${g.nestedDepth}`,
    });
  }
  for (const a of r.anomalies) {
    out.push({
      ruleId: RULES.suspicious,
      message: `Pickle${where} ${a.detail} (${a.kind})`,
      offset: a.offset,
      facts: { anomaly: a.kind, detail: a.detail, nestedDepth: a.nestedDepth },
      discriminator: `${a.kind}:${a.detail}`,
    });
  }
  const unknown = r.globals.filter((g) => g.verdict === 'unknown');
  if (unknown.length > 0) {
    const names = unknown.map((g) => g.qualified);
    out.push({
      ruleId: RULES.unknown,
      message: `Pickle${where} imports ${names.length} third-party callable(s) not on the allowlist: ${names.slice(0, 8).join(', ')}${names.length > 8 ? ', …' : ''}`,
      offset: unknown[0]?.offset,
      facts: { globals: names.slice(0, 100) },
      discriminator: 'unknown-globals',
    });
  }
  return out;
}
