// Options shared by the reporters. Every field is optional: `render(result, format)` works alone.
import type { Rule } from '@rampart/core';

export const REPORT_FORMATS = ['table', 'json', 'sarif', 'cyclonedx', 'html'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface RenderOptions {
  /** Table: ANSI colour. The CLI passes `process.stdout.isTTY`; off when absent. */
  color?: boolean | undefined;
  /**
   * The rule catalog (at least the rules findings reference). SARIF and HTML take descriptions,
   * remediation and references from it; a finding whose rule is missing is described from the
   * finding itself.
   */
  rules?: readonly Rule[] | undefined;
  /** Timestamp written into CycloneDX metadata and the HTML header. Default: now. */
  now?: Date | undefined;
  /** CycloneDX serialNumber (urn:uuid:...). Default: a random one per BOM, as the spec asks. */
  serialNumber?: string | undefined;
  /** Name of the scanned project (CycloneDX metadata component, HTML title). Default: root's base name. */
  projectName?: string | undefined;
  /** Table: how many unscanned paths to list before "… and N more". Default 5. */
  maxListed?: number | undefined;
  /** Table: list suppressed findings too (marked), instead of only their count. */
  showSuppressed?: boolean | undefined;
}
