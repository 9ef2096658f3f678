// SARIF 2.1.0 for GitHub code scanning and other SARIF viewers. One run; the rules actually
// referenced, with help text, framework tags and a numeric security-severity; results with stable
// partialFingerprints; suppressions for suppressed findings; and what could not be scanned as
// tool execution notifications, so a partial scan never looks like a clean one.
import type { Asset, Finding, Location, ScanResult, Severity, Skipped } from '@rampart/core';
import { pathAssets } from './evidence.js';
import { frameworkTags } from './frameworks.js';
import type { RenderOptions } from './options.js';
import { compareErrors, compareFindings, compareSkipped, sorted } from './order.js';
import { type RuleInfo, referencedRules } from './rule-info.js';
import { wellFormed } from './text.js';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
const SRCROOT = '%SRCROOT%';
const FINGERPRINT_KEY = 'rampart/v1';
/** Above this many notifications the rest is summarised in one (reports stay uploadable). */
const MAX_NOTIFICATIONS = 1000;
/** GitHub reads at most this many tags per rule. */
const MAX_TAGS = 20;

type Level = 'error' | 'warning' | 'note';

const LEVEL: Record<Severity, Level> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  info: 'note',
};
const PROBLEM_SEVERITY: Record<Severity, string> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'recommendation',
  info: 'recommendation',
};
// GitHub buckets security-severity: >= 9.0 critical, 7.0-8.9 high, 4.0-6.9 medium, 0.1-3.9 low.
const SECURITY_SEVERITY: Record<Severity, string | undefined> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '3.0',
  info: undefined,
};
const PRECISION = { stable: 'high', incubating: 'medium', experimental: 'low' } as const;

/** A relative posix path as a URI reference: every segment percent-encoded. */
export function pathToUri(path: string): string {
  return wellFormed(path)
    .split('/')
    .map((seg) => encodeURIComponent(seg))
    .join('/');
}

function pascalCase(id: string): string {
  return id
    .split(/[-_]/)
    .filter((s) => s.length > 0)
    .map((s) => s[0]!.toUpperCase() + s.slice(1))
    .join('');
}

function physicalLocation(l: Location): Record<string, unknown> {
  const pl: Record<string, unknown> = { artifactLocation: { uri: pathToUri(l.path), uriBaseId: SRCROOT } };
  if (l.line !== undefined) {
    const region: Record<string, number> = { startLine: l.line };
    if (l.column !== undefined) region.startColumn = l.column;
    if (l.endLine !== undefined && l.endLine >= l.line) region.endLine = l.endLine;
    pl.region = region;
  } else if (l.offset !== undefined) {
    pl.region = { byteOffset: l.offset };
  }
  return pl;
}

function ruleDescriptor(r: RuleInfo): Record<string, unknown> {
  const tags = ['security', ...frameworkTags(r.frameworks)];
  for (const id of r.frameworks.cwe ?? []) tags.push(`external/cwe/${id.toLowerCase()}`);
  tags.push(...r.tags);
  const properties: Record<string, unknown> = {
    tags: [...new Set(tags)].slice(0, MAX_TAGS),
    'problem.severity': PROBLEM_SEVERITY[r.severity],
  };
  const secSev = SECURITY_SEVERITY[r.severity];
  if (secSev !== undefined) properties['security-severity'] = secSev;
  if (r.maturity !== undefined) {
    properties.precision = PRECISION[r.maturity];
    properties.maturity = r.maturity;
  }
  const fw = frameworkTags(r.frameworks);
  const refs = r.references;
  const text = [
    r.description,
    '',
    `Remediation: ${r.remediation}`,
    ...(fw.length > 0 ? ['', `Frameworks: ${fw.join(', ')}`] : []),
    ...(refs.length > 0 ? ['', 'References:', ...refs.map((u) => `- ${u}`)] : []),
  ].join('\n');
  const markdown = [
    r.description,
    '',
    '**Remediation**',
    '',
    r.remediation,
    ...(fw.length > 0 ? ['', `**Frameworks**: ${fw.map((t) => `\`${t}\``).join(', ')}`] : []),
    ...(refs.length > 0 ? ['', '**References**', '', ...refs.map((u) => `- <${u}>`)] : []),
  ].join('\n');
  const d: Record<string, unknown> = {
    id: r.id,
    name: pascalCase(r.id),
    shortDescription: { text: r.title },
    fullDescription: { text: r.description },
    defaultConfiguration: { level: LEVEL[r.severity] },
    help: { text, markdown },
    properties,
  };
  if (refs[0] !== undefined) d.helpUri = refs[0];
  return d;
}

function result(f: Finding, ruleIndex: number, assets: ReadonlyMap<string, Asset>): Record<string, unknown> {
  const memberNote = f.location.member !== undefined ? ` (in ${f.location.member})` : '';
  const r: Record<string, unknown> = {
    ruleId: f.ruleId,
    ruleIndex,
    level: LEVEL[f.severity],
    message: { text: f.message + memberNote },
    locations: [{ physicalLocation: physicalLocation(f.location) }],
    partialFingerprints: { [FINGERPRINT_KEY]: f.fingerprint },
  };
  // The assets along a contextual finding's graph path, where they are defined.
  const related = pathAssets(f, assets)
    .filter((a): a is Asset => typeof a !== 'string' && a.locations[0] !== undefined)
    .map((a, i) => ({
      id: i + 1,
      physicalLocation: physicalLocation(a.locations[0]!),
      message: { text: `${a.kind} ${a.name}` },
    }));
  if (related.length > 0) r.relatedLocations = related;
  if (f.suppressed) {
    r.suppressions = [
      {
        kind: f.suppressed.kind === 'inline' ? 'inSource' : 'external',
        status: 'accepted',
        justification: f.suppressed.reason,
      },
    ];
  }
  const props: Record<string, unknown> = { severity: f.severity, findingId: f.id };
  if (f.risk !== undefined) props.risk = f.risk;
  if (f.assetId !== undefined) props.assetId = f.assetId;
  if (f.confidence !== undefined) props.confidence = f.confidence;
  if (f.location.member !== undefined) props.member = f.location.member;
  if (f.evidence?.path !== undefined) props.attackPath = f.evidence.path;
  const tags = frameworkTags(f.frameworks);
  if (tags.length > 0) props.tags = tags;
  r.properties = props;
  return r;
}

const SKIP_WARNING = new Set<Skipped['reason']>([
  'limit-reached',
  'inconclusive',
  'encrypted',
  'unreadable',
  'vanished',
  'too-large',
]);

function notifications(scan: ScanResult): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const e of sorted(scan.errors, compareErrors)) {
    const n: Record<string, unknown> = {
      level: 'error',
      message: { text: `${e.path}: ${e.code}: ${e.message}` },
      locations: [{ physicalLocation: { artifactLocation: { uri: pathToUri(e.path), uriBaseId: SRCROOT } } }],
      descriptor: { id: e.code },
    };
    if (e.detector !== undefined) n.properties = { detector: e.detector };
    out.push(n);
  }
  for (const s of sorted(scan.skipped, compareSkipped)) {
    const n: Record<string, unknown> = {
      level: SKIP_WARNING.has(s.reason) ? 'warning' : 'note',
      message: { text: `${s.path}: not scanned (${s.reason}${s.detail !== undefined ? `: ${s.detail}` : ''})` },
      locations: [{ physicalLocation: { artifactLocation: { uri: pathToUri(s.path), uriBaseId: SRCROOT } } }],
      descriptor: { id: `skipped/${s.reason}` },
    };
    if (s.detector !== undefined) n.properties = { detector: s.detector };
    out.push(n);
  }
  if (out.length > MAX_NOTIFICATIONS) {
    const rest = out.length - (MAX_NOTIFICATIONS - 1);
    out.length = MAX_NOTIFICATIONS - 1;
    out.push({ level: 'warning', message: { text: `${rest} more files not scanned; see the JSON report for all.` } });
  }
  return out;
}

export function buildSarif(scan: ScanResult, opts: RenderOptions = {}): Record<string, unknown> {
  const findings = sorted(scan.findings, compareFindings);
  const rules = referencedRules(findings, opts.rules);
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const assets = new Map(scan.assets.map((a) => [a.id, a]));
  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'Rampart',
            version: scan.tool.version,
            semanticVersion: scan.tool.version,
            rules: rules.map(ruleDescriptor),
          },
        },
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: notifications(scan),
            properties: { filesSeen: scan.stats.filesSeen, filesAnalyzed: scan.stats.filesAnalyzed },
          },
        ],
        columnKind: 'utf16CodeUnits',
        results: findings.map((f) => result(f, index.get(f.ruleId)!, assets)),
      },
    ],
  };
}

export function renderSarif(scan: ScanResult, opts: RenderOptions = {}): string {
  return `${JSON.stringify(buildSarif(scan, opts), null, 2)}\n`;
}
