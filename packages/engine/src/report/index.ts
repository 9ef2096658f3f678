// Reporters: one ScanResult rendered as a terminal table, the JSON contract, SARIF 2.1.0, a
// CycloneDX 1.6 AI-BOM or a self-contained HTML page. Pure functions: the caller writes the string.
import { type ScanResult, UsageError } from '@rampart/core';
import { renderCycloneDx } from './cyclonedx.js';
import { renderHtml } from './html.js';
import { renderJson } from './json.js';
import { REPORT_FORMATS, type RenderOptions, type ReportFormat } from './options.js';
import { renderSarif } from './sarif.js';
import { renderTable } from './table.js';

export { buildCycloneDx } from './cyclonedx.js';
export { canonicalResult } from './json.js';
export { REPORT_FORMATS, type RenderOptions, type ReportFormat } from './options.js';
export { buildSarif } from './sarif.js';

export function isReportFormat(s: string): s is ReportFormat {
  return (REPORT_FORMATS as readonly string[]).includes(s);
}

export function render(result: ScanResult, format: ReportFormat, opts: RenderOptions = {}): string {
  switch (format) {
    case 'table':
      return renderTable(result, opts);
    case 'json':
      return renderJson(result);
    case 'sarif':
      return renderSarif(result, opts);
    case 'cyclonedx':
      return renderCycloneDx(result, opts);
    case 'html':
      return renderHtml(result, opts);
    default:
      throw new UsageError(`unknown report format "${String(format)}" (expected ${REPORT_FORMATS.join(', ')})`);
  }
}
