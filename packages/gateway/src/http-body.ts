// Reads a request body under a byte limit and turns every malformed input (wrong content type,
// oversize, invalid UTF-8, malformed JSON, wrong top-level shape) into a typed 4xx, never a crash;
// reads a complete upstream response body under its limit too.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { GatewayHttpError } from './provider-errors.js';
import type { UpstreamResponse } from './upstream.js';

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

export function isJsonContentType(header: string | undefined): boolean {
  if (header === undefined) return false;
  const semi = header.indexOf(';');
  const mime = (semi === -1 ? header : header.slice(0, semi)).trim().toLowerCase();
  return mime === 'application/json';
}

/** Resolves the raw body; rejects with GatewayHttpError when over `limit` bytes. */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = req.headers['content-length'];
  if (declared !== undefined && Number(declared) > limit) {
    req.resume();
    return Promise.reject(tooLarge(limit));
  }
  return collect(req, limit, {
    // Stop reading but drain the rest, so the 413 answer can still be written on this connection.
    overflow: (onData) => {
      req.off('data', onData);
      req.resume();
    },
    tooLarge: () => tooLarge(limit),
    early: 'aborted',
    earlyError: () => new GatewayHttpError('invalid_request', 'client_aborted', 'client closed the connection'),
  });
}

/**
 * The one bounded body reader (client requests, upstream responses): data events (cheaper than an
 * async iterator), settled once — the 'close' that follows every normal 'end' then builds no error
 * (an Error captures a stack trace: measurable per request).
 */
function collect(
  stream: NodeJS.ReadableStream,
  limit: number,
  how: {
    overflow: (onData: (c: Buffer) => void) => void;
    tooLarge: () => Error;
    /** The event that means the stream ended before 'end' without an error. */
    early: 'aborted' | 'close';
    earlyError: () => Error;
  },
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const onData = (c: Buffer): void => {
      if (done) return;
      size += c.length;
      if (size > limit) {
        done = true;
        chunks.length = 0;
        how.overflow(onData);
        reject(how.tooLarge());
        return;
      }
      chunks.push(c);
    };
    stream.on('data', onData);
    stream.once('end', () => {
      if (done) return;
      done = true;
      resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size));
    });
    stream.once('error', (e: Error) => {
      if (done) return;
      done = true;
      reject(e);
    });
    stream.once(how.early, () => {
      if (done) return;
      done = true;
      reject(how.earlyError());
    });
  });
}

function tooLarge(limit: number): GatewayHttpError {
  return new GatewayHttpError(
    'too_large',
    'body_too_large',
    `request body exceeds the gateway limit of ${limit} bytes`,
  );
}

/** Strict UTF-8 decode + JSON.parse; the top level must be an object. */
export function parseJsonObject(raw: Buffer): Record<string, unknown> {
  const value = parseJsonValue(raw);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new GatewayHttpError('invalid_request', 'invalid_body', 'request body must be a JSON object');
  }
  return value as Record<string, unknown>;
}

/** Strict UTF-8 decode + JSON.parse of any JSON value. */
export function parseJsonValue(raw: Buffer): unknown {
  let text: string;
  try {
    text = decoder.decode(raw);
  } catch {
    throw new GatewayHttpError('invalid_request', 'invalid_utf8', 'request body is not valid UTF-8');
  }
  // JSON.parse takes any depth, but JSON.stringify (the body forwarded upstream) and every walk
  // after it recurse: a body nested deeper than anything real would overflow the stack (a 500).
  if (nestsDeeper(text, MAX_JSON_DEPTH))
    throw new GatewayHttpError(
      'invalid_request',
      'invalid_json',
      `request body nests more than ${MAX_JSON_DEPTH} levels deep`,
    );
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    const detail = e instanceof Error ? e.message.slice(0, 120) : 'parse error';
    throw new GatewayHttpError('invalid_request', 'invalid_json', `request body is not valid JSON (${detail})`);
  }
  return value;
}

/** Resolves when a response that refused a write can take more (or the client went away). */
export function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.once('drain', done);
    res.once('close', done);
  });
}

const MAX_JSON_DEPTH = 1000;

/** Whether JSON text opens more than `max` arrays or objects at once (brackets in strings aside). */
function nestsDeeper(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

/** Reads a whole upstream body under `limit` bytes. */
export function readLimited(up: UpstreamResponse, limit: number): Promise<Buffer> {
  return collect(up.body, limit, {
    overflow: () => up.body.destroy(),
    tooLarge: () => new GatewayHttpError('upstream', 'upstream_too_large', `upstream response exceeds ${limit} bytes`),
    // Destroyed without an error (client gone, abort): never leave the request hanging.
    early: 'close',
    earlyError: () => new GatewayHttpError('upstream', 'upstream_error', 'upstream body closed early'),
  });
}
