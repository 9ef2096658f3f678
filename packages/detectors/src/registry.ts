// The runtime detector registry: every built-in TextDetector is listed here once. Adding a check
// = its file + its test + one line in BUILTIN below.
import { createInjectionDetector } from './injection-detector.js';
import { invisibleDetector } from './invisible-detector.js';
import { createLeakDetector } from './leak-detector.js';
import type { PiiEntity } from './pii.js';
import { createPiiDetector } from './pii-detector.js';
import { secretDetector } from './secret-detector.js';
import type { TextDetector } from './types.js';

export interface BuiltinOptions {
  systemPrompt?: string;
  canaries?: string[];
  /** Entities the pii detector looks for (default: all of PII_ENTITIES). */
  piiEntities?: readonly PiiEntity[];
}

const BUILTIN: Record<string, (o: BuiltinOptions) => TextDetector> = {
  injection: () => createInjectionDetector(),
  pii: (o) => createPiiDetector(o.piiEntities),
  secret: () => secretDetector,
  invisible: () => invisibleDetector,
  leak: (o) => createLeakDetector(o),
};

export const BUILTIN_DETECTORS: readonly string[] = Object.keys(BUILTIN);

/** Detectors on when a pipeline config names none. */
export const DEFAULT_DETECTORS: readonly string[] = ['injection', 'pii', 'secret', 'invisible', 'leak'];

export function builtinDetector(id: string, o: BuiltinOptions): TextDetector | undefined {
  const f = Object.hasOwn(BUILTIN, id) ? BUILTIN[id] : undefined;
  return f === undefined ? undefined : f(o);
}
