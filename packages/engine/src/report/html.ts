// The HTML report: one self-contained page a CISO can open offline. Summary by severity, top
// risks, the asset graph, a searchable inventory, the findings with framework tags, and what could
// not be scanned. Every scanned string is escaped; the page's CSP allows only its own hashed
// style and script and no network requests, so even a missed escape could not run or phone home.
import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import {
  type Asset,
  CODE_CONTEXT_PROPERTY,
  type Finding,
  FRAMEWORK_KEYS,
  type ScanResult,
  SEVERITIES,
} from '@rampart/core';
import { pathLabel } from './evidence.js';
import { FRAMEWORK_TITLES, frameworkTags } from './frameworks.js';
import { CSS, JS } from './html-assets.js';
import { graphSvg } from './html-graph.js';
import type { RenderOptions } from './options.js';
import {
  cmpStr,
  compareAssets,
  compareErrors,
  compareFindingsByRisk,
  compareSkipped,
  countByKind,
  countBySeverity,
  formatLocation,
  sorted,
} from './order.js';
import { referencedRules } from './rule-info.js';
import { escapeHtml, formatBytes, formatDuration, plural, truncate, visibleControls } from './text.js';

/** Rows per table; the JSON report has everything. */
export const MAX_ROWS = 5000;
const TOP_RISKS = 10;

/** Escape scanned text for HTML, with control and bidi characters made visible. */
const t = (s: string) => escapeHtml(visibleControls(s));

function sha256b64(s: string): string {
  return createHash('sha256').update(s, 'utf8').digest('base64');
}

function sevBadge(s: string): string {
  return `<span class="sev sev-${t(s)}">${t(s)}</span>`;
}

function tags(f: Finding): string {
  return frameworkTags(f.frameworks)
    .map((tag) => `<span class="tag">${t(tag)}</span>`)
    .join('');
}

function capNote(total: number, shown: number): string {
  return total > shown ? `<p class="muted">Showing ${shown} of ${total}; the JSON report has all.</p>` : '';
}

function summary(result: ScanResult): string {
  const counts = countBySeverity(result.findings);
  const cards = SEVERITIES.map((s) => `<div class="card ${s}"><b>${counts[s]}</b>${s}</div>`);
  const suppressed = result.findings.filter((f) => f.suppressed).length;
  cards.push(
    `<div class="card"><b>${result.assets.length}</b>AI assets</div>`,
    `<div class="card"><b>${result.errors.length + result.skipped.length}</b>not scanned</div>`,
    `<div class="card"><b>${suppressed}</b>suppressed</div>`,
  );
  return `<section id="summary"><h2>Summary</h2><div class="cards">${cards.join('')}</div></section>`;
}

function topRisks(active: Finding[], assets: Map<string, Asset>): string {
  const top = active.slice(0, TOP_RISKS);
  if (top.length === 0) return '<section id="top"><h2>Top risks</h2><p>No findings.</p></section>';
  const rows = top.map((f) => {
    const asset = f.assetId !== undefined ? assets.get(f.assetId) : undefined;
    return (
      `<tr><td>${sevBadge(f.severity)}</td><td>${f.risk !== undefined ? Math.round(f.risk) : '–'}</td>` +
      `<td><b>${t(f.title)}</b><br><span class="muted">${t(truncate(f.message, 300))}</span></td>` +
      `<td>${asset ? `${t(asset.name)} <span class="muted">(${t(asset.kind)})</span>` : '–'}</td>` +
      `<td class="path">${t(formatLocation(f.location))}</td></tr>`
    );
  });
  return (
    '<section id="top"><h2>Top risks</h2><table><thead><tr><th>Severity</th><th>Risk</th><th>Finding</th><th>Asset</th><th>Where</th></tr></thead>' +
    `<tbody>${rows.join('')}</tbody></table></section>`
  );
}

/** Active findings per framework id, one row per framework that has any: what a CISO maps to. */
function frameworkCoverage(active: Finding[]): string {
  const rows: string[] = [];
  for (const key of FRAMEWORK_KEYS) {
    const counts = new Map<string, number>();
    for (const f of active) for (const id of f.frameworks[key] ?? []) counts.set(id, (counts.get(id) ?? 0) + 1);
    if (counts.size === 0) continue;
    const cells = [...counts]
      .sort((a, b) => b[1] - a[1] || cmpStr(a[0], b[0]))
      .map(([id, n]) => `<span class="tag">${t(id)} <b>${n}</b></span>`)
      .join(' ');
    rows.push(`<tr><td>${t(FRAMEWORK_TITLES[key])}</td><td>${cells}</td></tr>`);
  }
  if (rows.length === 0) return '';
  return (
    '<section id="frameworks"><h2>Framework coverage <span class="muted">active findings per control</span></h2>' +
    `<table><thead><tr><th>Framework</th><th>Ids (findings)</th></tr></thead><tbody>${rows.join('')}</tbody></table></section>`
  );
}

function inventory(result: ScanResult, findingsByAsset: Map<string, number>): string {
  const assets = sorted(result.assets, compareAssets);
  const kinds = countByKind(assets);
  const options = kinds.map(([k, n]) => `<option value="${t(k)}">${t(k)} (${n})</option>`).join('');
  const rows = assets.slice(0, MAX_ROWS).map((a) => {
    const locs = a.locations.slice(0, 3).map((l) => t(formatLocation(l)));
    if (a.locations.length > 3) locs.push(`<span class="muted">+${a.locations.length - 3} more</span>`);
    const details = [a.version, a.purl].filter((x): x is string => x !== undefined).map(t);
    return (
      `<tr data-cat="${t(a.kind)}"><td>${t(a.kind)}</td><td><b>${t(a.name)}</b>${details.length > 0 ? `<br><code>${details.join(' · ')}</code>` : ''}</td>` +
      `<td>${a.provider !== undefined ? t(a.provider) : ''}</td><td class="path">${locs.join('<br>')}</td>` +
      `<td>${findingsByAsset.get(a.id) ?? 0}</td></tr>`
    );
  });
  const inTests = assets.filter((a) => a.properties[CODE_CONTEXT_PROPERTY] === 'test').length;
  const testNote = inTests > 0 ? `, ${inTests} in test code` : '';
  return (
    `<section id="inventory"><h2>Inventory <span class="muted">${plural(assets.length, 'asset')}${testNote}</span></h2>` +
    `<p>${kinds.map(([k, n]) => `<span class="tag">${t(k)} ${n}</span>`).join(' ')}</p>` +
    '<div class="filters" data-filter="inventory-table"><input type="search" placeholder="Search assets" aria-label="Search assets">' +
    `<select aria-label="Kind"><option value="">All kinds</option>${options}</select><span class="count muted"></span></div>` +
    '<div class="scroll"><table id="inventory-table"><thead><tr><th>Kind</th><th>Name</th><th>Provider</th><th>Locations</th><th>Findings</th></tr></thead>' +
    `<tbody>${rows.join('')}</tbody></table></div>${capNote(assets.length, rows.length)}</section>`
  );
}

function findingsTable(findings: Finding[], assets: Map<string, Asset>, opts: RenderOptions): string {
  const rules = new Map(referencedRules(findings, opts.rules).map((r) => [r.id, r]));
  const rows = findings.slice(0, MAX_ROWS).map((f) => {
    const asset = f.assetId !== undefined ? assets.get(f.assetId) : undefined;
    const rule = rules.get(f.ruleId);
    const path = pathLabel(f, assets);
    const refs = (rule?.references ?? [])
      .filter((u) => /^https?:\/\//i.test(u))
      .map((u) => `<a href="${t(u)}" rel="noreferrer noopener">${t(u)}</a>`)
      .join('<br>');
    const supp = f.suppressed
      ? ` data-suppressed=""><td>${sevBadge(f.severity)}<br><span class="muted">suppressed (${t(f.suppressed.kind)}): ${t(f.suppressed.reason)}</span></td>`
      : `><td>${sevBadge(f.severity)}</td>`;
    return (
      `<tr data-cat="${t(f.severity)}"${supp}<td>${f.risk !== undefined ? Math.round(f.risk) : '–'}</td>` +
      `<td><b>${t(f.title)}</b><br><code>${t(f.ruleId)}</code></td>` +
      `<td class="msg">${t(truncate(f.message, 1000))}${asset ? `<br><span class="muted">asset: ${t(asset.name)} (${t(asset.kind)})</span>` : ''}` +
      `${path !== undefined ? `<br><span class="path-ev">path: ${t(path)}</span>` : ''}</td>` +
      `<td class="path">${t(formatLocation(f.location))}</td><td>${tags(f)}</td>` +
      `<td><details><summary>How to fix</summary>${t(f.remediation)}${refs ? `<br>${refs}` : ''}</details></td></tr>`
    );
  });
  const suppressed = findings.filter((f) => f.suppressed).length;
  const options = SEVERITIES.map((s) => `<option value="${s}">${s}</option>`).join('');
  return (
    `<section id="findings"><h2>Findings <span class="muted">${plural(findings.length - suppressed, 'active finding')}, sorted by risk</span></h2>` +
    '<div class="filters" data-filter="findings-table"><input type="search" placeholder="Search findings, rules, paths, frameworks" aria-label="Search findings">' +
    `<select aria-label="Severity"><option value="">All severities</option>${options}</select>` +
    (suppressed > 0 ? `<label><input type="checkbox"> show ${plural(suppressed, 'suppressed finding')}</label>` : '') +
    '<span class="count muted"></span></div>' +
    '<div class="scroll"><table id="findings-table"><thead><tr><th>Severity</th><th>Risk</th><th>Rule</th><th>Message</th><th>Where</th><th>Frameworks</th><th>Remediation</th></tr></thead>' +
    `<tbody>${rows.join('')}</tbody></table></div>${capNote(findings.length, rows.length)}</section>`
  );
}

function notScanned(result: ScanResult): string {
  const { errors, skipped } = result;
  if (errors.length === 0 && skipped.length === 0) {
    return '<section id="not-scanned"><h2>What we could not scan</h2><p>Every file seen was analyzed.</p></section>';
  }
  const rows = [
    ...sorted(errors, compareErrors).map(
      (e) =>
        `<tr data-cat="error"><td>error</td><td class="path">${t(e.path)}</td><td><code>${t(e.code)}</code></td><td class="msg">${t(truncate(e.message, 500))}</td><td>${t(e.detector ?? '')}</td></tr>`,
    ),
    ...sorted(skipped, compareSkipped).map(
      (s) =>
        `<tr data-cat="skipped"><td>skipped</td><td class="path">${t(s.path)}</td><td><code>${t(s.reason)}</code></td><td class="msg">${t(truncate(s.detail ?? '', 500))}</td><td>${t(s.detector ?? '')}</td></tr>`,
    ),
  ];
  const shown = rows.slice(0, MAX_ROWS);
  return (
    `<section id="not-scanned"><h2>What we could not scan <span class="muted">${plural(errors.length, 'error')}, ${skipped.length} skipped</span></h2>` +
    '<p class="muted">These files were not (fully) analyzed. A limit that was hit means "inconclusive", not "safe".</p>' +
    '<div class="filters" data-filter="not-scanned-table"><input type="search" placeholder="Search paths and reasons" aria-label="Search">' +
    '<select aria-label="Type"><option value="">Errors and skipped</option><option value="error">errors</option><option value="skipped">skipped</option></select><span class="count muted"></span></div>' +
    '<div class="scroll"><table id="not-scanned-table"><thead><tr><th>Type</th><th>Path</th><th>Reason</th><th>Detail</th><th>Detector</th></tr></thead>' +
    `<tbody>${shown.join('')}</tbody></table></div>${capNote(rows.length, shown.length)}</section>`
  );
}

export function renderHtml(result: ScanResult, opts: RenderOptions = {}): string {
  const now = opts.now ?? new Date();
  const project = opts.projectName ?? (result.root !== undefined ? basename(result.root) : 'scanned project');
  const assets = new Map(result.assets.map((a) => [a.id, a]));
  const findings = sorted(result.findings, compareFindingsByRisk);
  const active = findings.filter((f) => !f.suppressed);
  const findingsByAsset = new Map<string, number>();
  for (const f of active)
    if (f.assetId !== undefined) findingsByAsset.set(f.assetId, (findingsByAsset.get(f.assetId) ?? 0) + 1);
  const { stats } = result;
  const csp = `default-src 'none'; style-src 'sha256-${sha256b64(CSS)}'; script-src 'sha256-${sha256b64(JS)}'; img-src data:; base-uri 'none'; form-action 'none'`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>Rampart AI security report — ${t(project)}</title>
<style>${CSS}</style>
</head>
<body>
<header><h1>Rampart AI security report — ${t(project)}</h1>
<p>Generated ${t(now.toISOString())} by rampart ${t(result.tool.version)} · ${plural(stats.filesAnalyzed, 'file')} analyzed of ${stats.filesSeen} seen (${formatBytes(stats.bytesRead)}) in ${formatDuration(stats.durationMs)}</p></header>
<main>
${summary(result)}
${topRisks(active, assets)}
${frameworkCoverage(active)}
<section id="graph"><h2>Asset graph</h2>${graphSvg(result)}</section>
${inventory(result, findingsByAsset)}
${findingsTable(findings, assets, opts)}
${notScanned(result)}
</main>
<footer>Rampart is offline: this page makes no network requests. Severity is the rule's; risk (0–100) adds exposure, data sensitivity and privilege from the asset graph when scored.</footer>
<script>${JS}</script>
</body>
</html>
`;
}
