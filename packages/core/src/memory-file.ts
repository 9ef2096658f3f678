// An in-memory FileInput: for tests, for archive members and for nested content (a pickle inside a
// zip, a notebook cell) that detectors hand to other parsers. Pure; the engine's disk-backed
// FileInput lives in @rampart/engine.
import { DEFAULT_LIMITS, type DetectorContext, type FileInput, HEAD_BYTES, type Limits } from './detector.js';
import { LimitError, ParseError } from './errors.js';

const decoder = new TextDecoder('utf-8', { fatal: true });

/** True when the bytes look like text: no NUL byte and valid UTF-8 (a cut multi-byte tail is allowed). */
export function looksLikeText(head: Uint8Array): boolean {
  if (head.includes(0)) return false;
  // Allow a truncated multi-byte sequence at the end of a head slice.
  let end = head.length;
  for (let i = 1; i <= 3 && end - i >= 0; i++) {
    const b = head[end - i]!;
    if ((b & 0xc0) === 0xc0) {
      end -= i;
      break;
    }
    if ((b & 0x80) === 0) break;
  }
  try {
    decoder.decode(head.subarray(0, end));
    return true;
  } catch {
    return false;
  }
}

export function memoryFile(path: string, content: Uint8Array | string, limits: Limits = DEFAULT_LIMITS): FileInput {
  const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
  const head = bytes.subarray(0, HEAD_BYTES);
  return {
    path,
    size: bytes.length,
    head,
    isText: looksLikeText(head),
    async bytes() {
      if (bytes.length > limits.maxFileBytes) {
        throw new LimitError(
          'maxFileBytes',
          `${path}: ${bytes.length} bytes exceeds the ${limits.maxFileBytes}-byte limit`,
          { path },
        );
      }
      return bytes;
    },
    async text() {
      if (head.includes(0)) throw new ParseError(`${path}: binary content (NUL bytes), not text`, { path });
      if (bytes.length > limits.maxFileBytes) {
        throw new LimitError(
          'maxFileBytes',
          `${path}: ${bytes.length} bytes exceeds the ${limits.maxFileBytes}-byte limit`,
          { path },
        );
      }
      try {
        return decoder.decode(bytes);
      } catch (cause) {
        throw new ParseError(`${path}: not valid UTF-8`, { path, cause });
      }
    },
    async readRange(start: number, end: number) {
      const s = Math.max(0, Math.min(start, bytes.length));
      return bytes.subarray(s, Math.max(s, Math.min(end, bytes.length)));
    },
  };
}

/** A DetectorContext for tests and nested analysis. */
export function testContext(options: Record<string, unknown> = {}, limits: Limits = DEFAULT_LIMITS): DetectorContext {
  return {
    limits,
    signal: new AbortController().signal,
    rule: () => undefined,
    options,
  };
}
