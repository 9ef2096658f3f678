// Scores one tool's model-visible text for poisoning, shadowing and malicious intent: invisible
// characters, MCP-specific phrase signals, and this package's prompt-injection pipeline. A tool
// whose schema is too big to walk is inconclusive (toolTexts throws a LimitError).
import { createPipeline, type Pipeline } from '../pipeline.js';
import { normaliseForMatching, SIGNALS, type SignalGroup } from './poisoning-signals.js';
import { type ToolDefinition, toolTexts } from './tool-definition.js';
import { findInvisibleChars, type InvisibleHit, revealHidden } from './unicode.js';

export interface SignalHit {
  id: string;
  group: SignalGroup;
  weight: number;
  field: string;
  /** Short excerpt of the matched text (tool descriptions are not secret). */
  excerpt: string;
}

export interface ToolVerdict {
  /** Sum of poisoning, shadowing and malicious weights (offensive hits excluded). */
  score: number;
  flagged: boolean;
  /** Sum of malicious and offensive weights: how strongly the tool reads as an attack tool. */
  intentScore: number;
  /** Dual-use offensive capability: intentScore >= FLAG_SCORE with at least one offensive hit. */
  offensive: boolean;
  hits: SignalHit[];
  invisible: Array<InvisibleHit & { field: string }>;
  /** ASCII decoded from Unicode tag characters, if any. */
  smuggled: string;
  /** Some field was longer than MAX_FIELD_CHARS and only its start was read. */
  truncated: boolean;
  /** The injection pipeline was asked for and could not run to completion (error or time budget). */
  pipelineFailed: boolean;
}

/** Largest text per field that is matched (longer text is cut and the cut is itself suspicious). */
export const MAX_FIELD_CHARS = 20_000;
export const FLAG_SCORE = 3;
/** Shared-pipeline scores that corroborate strongly (weight 2) / weakly (weight 1). */
export const DETECTOR_STRONG = 0.9;
export const DETECTOR_WEAK = 0.6;

let pipeline: Pipeline | undefined;

/** The shared injection detector (only 'injection': PII and secrets are other rules' business). */
function sharedPipeline(): Pipeline {
  pipeline ??= createPipeline({ detectors: ['injection'] });
  return pipeline;
}

export interface PoisoningOptions {
  /** Also run the prompt-injection pipeline on descriptions (default true). */
  useDetectorPipeline?: boolean;
  /** The pipeline to use (default: a shared one with only 'injection' and the default budget). */
  pipeline?: Pipeline;
}

export function scoreTool(tool: ToolDefinition, opts: PoisoningOptions = {}): ToolVerdict {
  const hits: SignalHit[] = [];
  const invisible: ToolVerdict['invisible'] = [];
  let smuggled = '';
  let truncated = false;
  let pipelineFailed = false;
  const seen = new Set<string>();
  for (const { field, text: raw } of toolTexts(tool)) {
    const cut = raw.length > MAX_FIELD_CHARS;
    if (cut) truncated = true;
    const text = cut ? raw.slice(0, MAX_FIELD_CHARS) : raw;
    for (const h of findInvisibleChars(text, 50)) invisible.push({ ...h, field });
    const { visible, smuggled: s } = revealHidden(text);
    smuggled += s;
    // Smuggled tag text is matched too: it is what the model actually reads.
    const norm = normaliseForMatching(s.length > 0 ? `${visible} ${s}` : visible);
    for (const sig of SIGNALS) {
      if (seen.has(sig.id)) continue;
      const m = sig.re.exec(norm);
      if (m) {
        seen.add(sig.id);
        hits.push({ id: sig.id, group: sig.group, weight: sig.weight, field, excerpt: m[0].slice(0, 160) });
      }
    }
    if (
      field !== 'description' &&
      field.endsWith('.default') &&
      /\b(?:you|assistant|ai|model|must|always|ignore|read)\b/i.test(norm) &&
      norm.length > 40
    ) {
      if (!seen.has('instruction-in-default')) {
        seen.add('instruction-in-default');
        hits.push({ id: 'instruction-in-default', group: 'poisoning', weight: 2, field, excerpt: norm.slice(0, 160) });
      }
    }
  }
  if (opts.useDetectorPipeline !== false && tool.description) {
    try {
      const r = (opts.pipeline ?? sharedPipeline()).run({
        text: tool.description.slice(0, MAX_FIELD_CHARS),
        role: 'retrieved-document',
      });
      if (r.errors.length > 0 || r.timedOut) pipelineFailed = true;
      // The shared pipeline is tuned for chat text, and tool descriptions are imperative by nature
      // ("Create relations... should be in active voice" scores high): it corroborates, never flags alone.
      const inj = r.detections
        .filter((d) => d.type === 'prompt-injection' || d.type === 'jailbreak')
        .sort((a, b) => b.score - a.score)[0];
      const weight = inj === undefined ? 0 : inj.score >= DETECTOR_STRONG ? 2 : inj.score >= DETECTOR_WEAK ? 1 : 0;
      if (inj && weight > 0) {
        hits.push({
          id: `detector-${inj.type}`,
          group: 'poisoning',
          weight,
          field: 'description',
          excerpt: `score ${inj.score.toFixed(2)}`,
        });
      }
    } catch {
      // A failing shared detector never turns into "clean": the MCP heuristics above still stand,
      // and the caller learns that the corroboration is missing.
      pipelineFailed = true;
    }
  }
  if (smuggled.length > 0)
    hits.push({
      id: 'smuggled-tag-text',
      group: 'poisoning',
      weight: 3,
      field: 'description',
      excerpt: smuggled.slice(0, 160),
    });
  // A tool that detects or blocks attacks describes them too: its malicious- and offensive-vocabulary
  // hits say nothing. Instructions aimed at the model (poisoning, shadowing) still count.
  if (hits.some((h) => h.id === 'defensive-context')) {
    for (let i = hits.length - 1; i >= 0; i--)
      if (hits[i]!.group === 'malicious' || hits[i]!.group === 'offensive') hits.splice(i, 1);
  }
  // Offensive hits stay out of the poisoning score: an admin tool the shared detector scores as
  // imperative plus one dual-use word is not a poisoned tool.
  const score = hits.reduce((a, h) => a + (h.group === 'offensive' ? 0 : h.weight), 0);
  const intentScore = hits.reduce((a, h) => a + (h.group === 'offensive' || h.group === 'malicious' ? h.weight : 0), 0);
  const offensive = intentScore >= FLAG_SCORE && hits.some((h) => h.group === 'offensive');
  return {
    score,
    flagged: score >= FLAG_SCORE,
    intentScore,
    offensive,
    hits,
    invisible,
    smuggled,
    truncated,
    pipelineFailed,
  };
}
