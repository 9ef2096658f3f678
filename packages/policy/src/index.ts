// @rampart/policy: policies as YAML (zod-validated), authorization by Cedar, decide() -> Decision.
export { CEDAR_ACTIONS, CEDAR_SCHEMA, cedarVersion } from './cedar.js';
export type { CompiledPolicy, RuleMeta } from './compile.js';
export { checkConstraint } from './constraints.js';
export { PolicyEngine, type PolicyEngineOptions } from './decide.js';
export { globMatch } from './glob.js';
export { generateVirtualKey, hashVirtualKey } from './keys.js';
export { compilePolicyText, policyRevision, readPolicyFile } from './load.js';
export * from './policy-schema.js';
export { PolicyStore, type WatchOptions } from './policy-store.js';
export { PolicyTestFileSchema, type PolicyTestReport, type PolicyTestResult, runPolicyTests } from './policy-test.js';
export { RateLimiter } from './rate-limit.js';
export * from './types.js';
