// The default terminal report: findings grouped by severity (highest contextual risk first within a
// group), a compact inventory by asset kind, what could not be scanned, and a one-line summary.
// Colour only when asked (the CLI asks when stdout is a TTY); every scanned string is cleaned of
// control characters first, so a hostile file name cannot forge the output.
import {
  type Asset,
  CODE_CONTEXT_PROPERTY,
  type Finding,
  type ScanResult,
  SEVERITIES,
  type Severity,
} from '@rampart/core';
import pc from 'picocolors';
import { pathLabel } from './evidence.js';
import { frameworkLabels } from './frameworks.js';
import type { RenderOptions } from './options.js';
import {
  compareErrors,
  compareFindingsByRisk,
  compareSkipped,
  countByKind,
  countBySeverity,
  formatLocation,
  sorted,
} from './order.js';
import { cleanTerminal, formatBytes, formatDuration, plural, truncate } from './text.js';

type Colors = ReturnType<typeof pc.createColors>;

function severityStyle(c: Colors, s: Severity): (t: string) => string {
  switch (s) {
    case 'critical':
      return (t) => c.bold(c.magenta(t));
    case 'high':
      return (t) => c.bold(c.red(t));
    case 'medium':
      return c.yellow;
    case 'low':
      return c.cyan;
    default:
      return c.dim;
  }
}

const MESSAGE_MAX = 300;

function findingLines(c: Colors, f: Finding, assets: ReadonlyMap<string, Asset>): string[] {
  const head = `  ${c.bold(cleanTerminal(f.ruleId))}  ${cleanTerminal(truncate(f.title, 120))}`;
  const risk = f.risk !== undefined ? `  ${c.dim('risk')} ${Math.round(f.risk)}` : '';
  const supp = f.suppressed ? `  ${c.dim(`[suppressed: ${f.suppressed.kind}]`)}` : '';
  const lines = [head + risk + supp];
  lines.push(
    `    ${c.underline(cleanTerminal(formatLocation(f.location)))}  ${cleanTerminal(truncate(f.message, MESSAGE_MAX))}`,
  );
  const path = pathLabel(f, assets);
  if (path !== undefined) lines.push(`    ${c.dim('path:')} ${cleanTerminal(truncate(path, MESSAGE_MAX))}`);
  const tags = frameworkLabels(f.frameworks);
  if (tags.length > 0) lines.push(`    ${c.dim(cleanTerminal(tags.join(' · ')))}`);
  return lines;
}

function notScanned(c: Colors, result: ScanResult, maxListed: number): string[] {
  const { errors, skipped } = result;
  if (errors.length === 0 && skipped.length === 0) return [];
  const out = ['', `${c.bold('Not scanned')}  ${plural(errors.length, 'error')} · ${skipped.length} skipped`];
  const entries: string[] = [];
  for (const e of sorted(errors, compareErrors)) {
    entries.push(
      `  ${c.red('error  ')} ${cleanTerminal(e.path)} — ${e.code}: ${cleanTerminal(truncate(e.message, 200))}`,
    );
  }
  // Reasons worth a look come first; plain "binary"/"excluded" noise last.
  const weight = (r: string) => (r === 'binary' || r === 'excluded' || r === 'ignored' ? 1 : 0);
  const skippedSorted = sorted(skipped, (a, b) => weight(a.reason) - weight(b.reason) || compareSkipped(a, b));
  for (const s of skippedSorted) {
    const detail = s.detail !== undefined ? ` (${cleanTerminal(truncate(s.detail, 120))})` : '';
    entries.push(`  ${c.yellow('skipped')} ${cleanTerminal(s.path)} — ${s.reason}${detail}`);
  }
  out.push(...entries.slice(0, maxListed));
  if (entries.length > maxListed)
    out.push(c.dim(`  … and ${entries.length - maxListed} more (use --format json for all)`));
  const reasons = new Map<string, number>();
  for (const s of skipped) reasons.set(s.reason, (reasons.get(s.reason) ?? 0) + 1);
  if (reasons.size > 1) {
    out.push(
      c.dim(
        `  skipped by reason: ${[...reasons]
          .sort()
          .map(([r, n]) => `${r} ${n}`)
          .join(' · ')}`,
      ),
    );
  }
  return out;
}

export function renderTable(result: ScanResult, opts: RenderOptions = {}): string {
  const c = pc.createColors(opts.color === true);
  const maxListed = opts.maxListed ?? 5;
  const out: string[] = [];
  const { stats } = result;
  out.push(
    `${c.bold('rampart')} ${cleanTerminal(result.tool.version)} · ${plural(stats.filesAnalyzed, 'file')} analyzed` +
      ` of ${stats.filesSeen} seen (${formatBytes(stats.bytesRead)}) in ${formatDuration(stats.durationMs)}`,
  );

  const assets = new Map(result.assets.map((a) => [a.id, a]));
  const active = result.findings.filter((f) => opts.showSuppressed === true || !f.suppressed);
  for (const sev of SEVERITIES) {
    const group = sorted(
      active.filter((f) => f.severity === sev),
      compareFindingsByRisk,
    );
    if (group.length === 0) continue;
    out.push('', severityStyle(c, sev)(`${sev.toUpperCase()} (${group.length})`));
    for (const f of group) out.push(...findingLines(c, f, assets));
  }
  if (active.length === 0) out.push('', c.green('No findings.'));

  const kinds = countByKind(result.assets);
  const inTests = result.assets.filter((a) => a.properties[CODE_CONTEXT_PROPERTY] === 'test').length;
  out.push(
    '',
    `${c.bold('Inventory')}  ${plural(result.assets.length, 'asset')}${inTests > 0 ? ` (${inTests} in test code)` : ''}`,
  );
  if (kinds.length > 0) out.push(`  ${kinds.map(([k, n]) => `${k} ${n}`).join(' · ')}`);

  out.push(...notScanned(c, result, maxListed));

  const suppressed = result.findings.filter((f) => f.suppressed);
  if (suppressed.length > 0) {
    const byKind = new Map<string, number>();
    for (const f of suppressed) byKind.set(f.suppressed!.kind, (byKind.get(f.suppressed!.kind) ?? 0) + 1);
    const detail = [...byKind]
      .sort()
      .map(([k, n]) => `${k} ${n}`)
      .join(', ');
    out.push('', `${c.bold('Suppressed')}  ${plural(suppressed.length, 'finding')} (${detail})`);
    const inTestCode = byKind.get('test-code') ?? 0;
    if (inTestCode > 0)
      out.push(
        c.dim(
          `  ${plural(inTestCode, 'finding')} in test code suppressed (--include-test-code to report ${inTestCode === 1 ? 'it' : 'them'})`,
        ),
      );
  }

  const counts = countBySeverity(result.findings);
  const summary = SEVERITIES.map((s) => {
    const t = `${counts[s]} ${s}`;
    return counts[s] > 0 ? severityStyle(c, s)(t) : c.dim(t);
  }).join(' · ');
  out.push('', `${c.bold('Findings')}  ${summary}`);
  return `${out.join('\n')}\n`;
}
