// The runtime detection contract shared by the gateway, the MCP proxy and `rampart detect`:
// text + role in, typed detections with spans into the ORIGINAL text out.
import type { TextRole } from '@rampart/core';

export const DETECTION_TYPES = [
  'prompt-injection',
  'jailbreak',
  'pii',
  'secret',
  'invisible-text',
  'system-prompt-leak',
] as const;
export type DetectionType = (typeof DETECTION_TYPES)[number];

/** A character range [start, end) in UTF-16 code units of the original input text. */
export interface Span {
  start: number;
  end: number;
  /** What was found there, e.g. "EMAIL", "openai", "ignore-previous". */
  label?: string;
}

export interface Detection {
  type: DetectionType;
  /** Id of the TextDetector that produced it. */
  detector: string;
  /** 0..1, higher = more likely. */
  score: number;
  /** Score crossed the threshold in force for this type and role. */
  flagged: boolean;
  spans: Span[];
  /** Short human-readable reason; never contains a raw secret or raw PII. */
  evidence?: string;
  /** The rule (rules/runtime/*.yaml) this detection reports under. */
  ruleId?: string;
}

export interface TextInput {
  text: string;
  role: TextRole;
}

export interface DetectorRunContext {
  signal: AbortSignal;
}

/** A runtime check. `check` must be pure with respect to its input and never execute it. */
export interface TextDetector {
  id: string;
  version: string;
  types: DetectionType[];
  check(input: TextInput, params: Record<string, unknown>, ctx: DetectorRunContext): Detection[] | Promise<Detection[]>;
}

/** Rule id each detection type reports under (rules/runtime/<id>.yaml). */
export const RULE_IDS: Readonly<Record<DetectionType, string>> = {
  'prompt-injection': 'runtime-prompt-injection',
  jailbreak: 'runtime-jailbreak',
  pii: 'runtime-pii',
  secret: 'runtime-secret-in-text',
  'invisible-text': 'runtime-invisible-text',
  'system-prompt-leak': 'runtime-system-prompt-leak',
};
