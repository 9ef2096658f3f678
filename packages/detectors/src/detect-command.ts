// `rampart detect`: JSONL (or plain lines) in, one JSON result per input line out, in order.
// The CLI wires stdin/stdout to this function; it never prints raw secrets (evidence is redacted).
import type { TextRole } from '@rampart/core';
import { TEXT_ROLES } from '@rampart/core';
import { createPipeline, type PipelineConfig, type PipelineResult } from './pipeline.js';
import type { Detection } from './types.js';

export interface DetectOptions extends PipelineConfig {
  format: 'jsonl' | 'table';
  /** Default role when a line does not give one (default "user"). */
  role?: TextRole;
  /** Include spans in JSONL output (default true). */
  spans?: boolean;
}

export interface DetectSummary {
  lines: number;
  flagged: number;
  errors: number;
}

interface ParsedLine {
  id: string;
  text: string;
  role: TextRole;
  error?: string;
}

function parseLine(line: string, n: number, role: TextRole): ParsedLine {
  const trimmed = line.trim();
  if (trimmed.startsWith('{')) {
    try {
      const o = JSON.parse(trimmed) as unknown;
      if (typeof o === 'object' && o !== null && !Array.isArray(o)) {
        const rec = o as Record<string, unknown>;
        const id = rec.id === undefined ? String(n) : String(rec.id);
        const r =
          typeof rec.role === 'string' && (TEXT_ROLES as readonly string[]).includes(rec.role)
            ? (rec.role as TextRole)
            : role;
        if (typeof rec.text !== 'string') return { id, text: '', role: r, error: 'line has no string "text" field' };
        return { id, text: rec.text, role: r };
      }
    } catch {
      // Not JSON after all: treat as plain text below.
    }
  }
  return { id: String(n), text: line, role };
}

function jsonDetection(d: Detection, spans: boolean): Record<string, unknown> {
  const o: Record<string, unknown> = { type: d.type, score: Math.round(d.score * 1000) / 1000, flagged: d.flagged };
  if (d.ruleId !== undefined) o.ruleId = d.ruleId;
  o.detector = d.detector;
  if (spans) o.spans = d.spans;
  if (d.evidence !== undefined) o.evidence = d.evidence;
  return o;
}

function pad(s: string, n: number): string {
  return s.length >= n ? s.slice(0, n) : s + ' '.repeat(n - s.length);
}

export async function runDetect(
  lines: AsyncIterable<string>,
  out: (line: string) => void,
  opts: DetectOptions,
): Promise<DetectSummary> {
  const pipeline = createPipeline(opts);
  const role = opts.role ?? 'user';
  const summary: DetectSummary = { lines: 0, flagged: 0, errors: 0 };
  if (opts.format === 'table') out(`${pad('id', 12)}  ${pad('flagged', 7)}  detections`);
  let n = 0;
  for await (const raw of lines) {
    n++;
    if (raw.trim() === '') continue;
    const p = parseLine(raw, n, role);
    summary.lines++;
    let res: PipelineResult;
    if (p.error !== undefined) {
      res = {
        flagged: true,
        detections: [],
        errors: [{ detector: 'input', message: p.error }],
        timedOut: false,
        elapsedMs: 0,
      };
    } else {
      res = await pipeline.runAsync({ text: p.text, role: p.role });
    }
    if (res.flagged) summary.flagged++;
    if (res.errors.length > 0) summary.errors++;
    if (opts.format === 'jsonl') {
      const o: Record<string, unknown> = {
        id: p.id,
        flagged: res.flagged,
        detections: res.detections.map((d) => jsonDetection(d, opts.spans ?? true)),
      };
      if (res.errors.length > 0) o.errors = res.errors;
      out(JSON.stringify(o));
    } else {
      const ds = res.detections
        .filter((d) => d.flagged || d.score >= 0.3)
        .map((d) => `${d.type}${d.flagged ? '!' : ''} ${d.score.toFixed(2)}${d.evidence ? ` (${d.evidence})` : ''}`)
        .join('; ');
      const errs = res.errors.map((e) => `error ${e.detector}: ${e.message}`).join('; ');
      out(`${pad(p.id, 12)}  ${pad(res.flagged ? 'YES' : 'no', 7)}  ${[ds, errs].filter(Boolean).join('; ') || '-'}`);
    }
  }
  return summary;
}
