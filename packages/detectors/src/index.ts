// @rampart/detectors: runtime text detectors (prompt injection, jailbreak, PII, secrets,
// invisible text, system-prompt leakage) and the MCP tool-definition check (poisoning, shadowing,
// malicious intent), shared by the gateway, the MCP proxy and the scanner.

export type { DetectOptions, DetectSummary } from './detect-command.js';
export { runDetect } from './detect-command.js';
export { createInjectionDetector } from './injection-detector.js';
export { findInvisible, invisibleDetector } from './invisible-detector.js';
export { CANARY_PATTERN, createLeakDetector, makeCanary } from './leak-detector.js';
export type { LlmJudgeOptions } from './llm-judge-detector.js';
export { createLlmJudgeDetector } from './llm-judge-detector.js';
export { type ExfilParam, exfilParams } from './mcp-tools/exfil-params.js';
export {
  DETECTOR_STRONG,
  DETECTOR_WEAK,
  FLAG_SCORE,
  MAX_FIELD_CHARS,
  type PoisoningOptions,
  type SignalHit,
  scoreTool,
  type ToolVerdict,
} from './mcp-tools/poisoning.js';
export {
  checkToolDefinition,
  MALICIOUS_TOOL_RULES,
  readToolDefinition,
  TOOL_RULE_IDS,
  type ToolCheckResult,
  type ToolRuleHit,
  type ToolRuleId,
  toolRuleHits,
} from './mcp-tools/tool-check.js';
export { type ToolDefinition, type ToolText, toolParams, toolTexts } from './mcp-tools/tool-definition.js';
export { findInvisibleChars, type InvisibleHit, revealHidden } from './mcp-tools/unicode.js';
export type { NormalizedText, TextView } from './normalize.js';
export { normalizeText } from './normalize.js';
export type { OnnxDetectorOptions } from './onnx-detector.js';
export { createOnnxDetector, featureVector } from './onnx-detector.js';
export type { PiiEntity, PiiMatch } from './pii.js';
export { findPii, PII_ENTITIES } from './pii.js';
export { createPiiDetector } from './pii-detector.js';
export type { Pipeline, PipelineConfig, PipelineResult, Thresholds } from './pipeline.js';
export { createPipeline, DEFAULT_ROLE_THRESHOLDS, DEFAULT_THRESHOLDS } from './pipeline.js';
export type { RedactionMap } from './redact.js';
export { emptyRedactionMap, redact, restore } from './redact.js';
export { BUILTIN_DETECTORS, DEFAULT_DETECTORS } from './registry.js';
export { secretDetector } from './secret-detector.js';
export type { SecretKind, SecretMatch } from './secrets.js';
export { findSecrets } from './secrets.js';
export { secretsFileDetector } from './secrets-file-detector.js';
export type { StreamScanner, StreamScannerConfig, StreamStep } from './stream-scanner.js';
export { createStreamScanner } from './stream-scanner.js';
export type { Detection, DetectionType, DetectorRunContext, Span, TextDetector, TextInput } from './types.js';
export { DETECTION_TYPES, RULE_IDS } from './types.js';
