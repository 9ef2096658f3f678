// Real parsers with bounds for hostile manifests: TOML through smol-toml with a depth cap, JSON
// with its nesting depth checked in one linear pass before JSON.parse (which recurses).
import { LimitError, ParseError } from '@rampart/core';
import { parse as parseTomlText, TomlError } from 'smol-toml';

export const MAX_MANIFEST_DEPTH = 64;

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
export type JsonObject = { [k: string]: Json };

export function parseToml(text: string, path: string): Record<string, unknown> {
  try {
    return parseTomlText(text, { maxDepth: MAX_MANIFEST_DEPTH, unsafeKeyBehaviour: 'drop' }) as Record<string, unknown>;
  } catch (cause) {
    const where = cause instanceof TomlError ? ` at line ${cause.line}` : '';
    const msg = cause instanceof Error ? cause.message.split('\n')[0] : String(cause);
    throw new ParseError(`${path}: invalid TOML${where}: ${msg}`, { path, cause });
  }
}

/** Deepest bracket nesting of a JSON text, counted outside strings. */
export function jsonDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      depth++;
      if (depth > max) max = depth;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return max;
}

export function parseJsonBounded(text: string, path: string, maxDepth = MAX_MANIFEST_DEPTH): Json {
  const depth = jsonDepth(text);
  if (depth > maxDepth) {
    throw new LimitError('maxDepth', `${path}: JSON nesting depth ${depth} exceeds ${maxDepth}`, { path });
  }
  try {
    return JSON.parse(text) as Json;
  } catch (cause) {
    const msg = cause instanceof Error ? cause.message : String(cause);
    throw new ParseError(`${path}: invalid JSON: ${msg}`, { path, cause });
  }
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Own enumerable entries of a table, or none when it is not one. */
export function entriesOf(v: unknown): Array<[string, unknown]> {
  return isObject(v) ? Object.entries(v) : [];
}
