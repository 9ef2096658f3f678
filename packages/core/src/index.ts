// @rampart/core: the domain model shared by the scanner, the gateway and the dashboard. No I/O.
export * from './asset.js';
export * from './code-context.js';
export * from './decision.js';
export * from './detector.js';
export * from './errors.js';
export * from './finding.js';
export * from './frameworks.js';
export * from './location.js';
export * from './memory-file.js';
export * from './redact.js';
export * from './relation.js';
export * from './rule.js';
export * from './scan-result.js';
export * from './severity.js';
export * from './tool-hash.js';
