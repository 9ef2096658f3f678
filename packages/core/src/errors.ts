// Typed errors with stable string codes. Callers branch on `code`, never on message text.
// Rethrow with added context through `cause`; never turn an exception into a pass.

export const ERROR_CODES = [
  'E_USAGE',
  'E_CONFIG',
  'E_PARSE',
  'E_LIMIT',
  'E_IO',
  'E_UNSUPPORTED',
  'E_RULE',
  'E_SCHEMA',
  'E_TIMEOUT',
  'E_INTERNAL',
  'E_POLICY',
  'E_UPSTREAM',
  'E_AUTH',
  'E_STORE',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export class RampartError extends Error {
  readonly code: ErrorCode;
  /** File or resource the error concerns, relative to the scan root when known. */
  readonly path: string | undefined;

  constructor(code: ErrorCode, message: string, options: { cause?: unknown; path?: string } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'RampartError';
    this.code = code;
    this.path = options.path;
  }
}

/** Bad command-line usage or arguments. Exit code 2. */
export class UsageError extends RampartError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super('E_USAGE', message, options);
    this.name = 'UsageError';
  }
}

/** A configuration, rule or policy file that does not validate. `line` is 1-based when known. */
export class ConfigError extends RampartError {
  readonly line: number | undefined;
  constructor(message: string, options: { cause?: unknown; path?: string; line?: number } = {}) {
    super('E_CONFIG', message, options);
    this.name = 'ConfigError';
    this.line = options.line;
  }
}

/** Input that could not be parsed. The scan records it and continues. */
export class ParseError extends RampartError {
  readonly offset: number | undefined;
  constructor(message: string, options: { cause?: unknown; path?: string; offset?: number } = {}) {
    super('E_PARSE', message, options);
    this.name = 'ParseError';
    this.offset = options.offset;
  }
}

/**
 * A safety limit (size, depth, time, ratio, count) was hit. The analysis is inconclusive,
 * never "safe": callers must report it, not swallow it.
 */
export class LimitError extends RampartError {
  readonly limit: string;
  constructor(limit: string, message: string, options: { cause?: unknown; path?: string } = {}) {
    super('E_LIMIT', message, options);
    this.name = 'LimitError';
    this.limit = limit;
  }
}

export class TimeoutError extends RampartError {
  constructor(message: string, options: { cause?: unknown; path?: string } = {}) {
    super('E_TIMEOUT', message, options);
    this.name = 'TimeoutError';
  }
}

export function isRampartError(e: unknown): e is RampartError {
  return e instanceof RampartError;
}

/** A short, single-line description of any thrown value, safe to put in a report. */
export function describeError(e: unknown): { code: ErrorCode; message: string } {
  if (e instanceof RampartError) return { code: e.code, message: e.message };
  if (e instanceof Error) {
    // Only Node system errors (ENOENT, EACCES, …) are I/O; libraries put other strings in `code` too.
    const sys = (e as NodeJS.ErrnoException).code;
    const isSys = typeof sys === 'string' && /^E[A-Z0-9]+$/.test(sys);
    return { code: isSys ? 'E_IO' : 'E_INTERNAL', message: isSys ? `${sys}: ${e.message}` : e.message };
  }
  return { code: 'E_INTERNAL', message: String(e) };
}
