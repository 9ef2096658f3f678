// Keys named "__proto__" in a listed definition. JSON.parse makes them own keys: the proxy reads,
// checks and hashes them, and a client that parses JSON plainly (Python's json, a Go map) shows them
// to its model. The MCP TypeScript SDK's result schemas drop them (zod builds the parsed object by
// assignment, and `o["__proto__"] = v` sets the prototype instead), so a pin taken through them (any
// SDK-based tool; `rampart mcp pin --connect` before it read tools/list whole) never covers what
// they say, and its hash never matches the listing.
// Such a pin is not accepted as covering the tool (the key's text could then change unpinned); the
// tool is withheld with a reason that says why and how to pin it whole.
import { toolDefinitionHash } from '@rampart/core';

type Obj = Record<string, unknown>;

/** Bounds of the walk, well past the tool-definition check's own (32 levels). */
const MAX_DEPTH = 64;
const MAX_NODES = 20_000;

/** Where a definition has a "__proto__" key (dotted paths, at most `limit`); [] for none. */
export function protoKeyPaths(v: unknown, limit = 3): string[] {
  const out: string[] = [];
  let nodes = 0;
  const walk = (x: unknown, path: string, depth: number): void => {
    if (out.length >= limit || x === null || typeof x !== 'object' || depth > MAX_DEPTH || ++nodes > MAX_NODES) return;
    if (Array.isArray(x)) {
      for (let i = 0; i < x.length; i++) walk(x[i], `${path}[${i}]`, depth + 1);
      return;
    }
    for (const k of Object.keys(x)) {
      const at = path === '' ? k : `${path}.${k}`;
      if (k === '__proto__' && out.length < limit) out.push(at);
      walk((x as Obj)[k], at, depth + 1);
    }
  };
  walk(v, '', 0);
  return out;
}

/** A copy without its "__proto__" keys: the definition as an MCP SDK client parses it. */
export function withoutProtoKeys(v: unknown, depth = 0): unknown {
  if (v === null || typeof v !== 'object' || depth > MAX_DEPTH) return v;
  if (Array.isArray(v)) return v.map((x) => withoutProtoKeys(x, depth + 1));
  // fromEntries defines own keys, so no assignment here can reach a prototype.
  return Object.fromEntries(
    Object.keys(v)
      .filter((k) => k !== '__proto__')
      .map((k) => [k, withoutProtoKeys((v as Obj)[k], depth + 1)]),
  );
}

/**
 * Why a pin that differs from the listing does not cover it, when the difference is only the
 * "__proto__" keys an MCP SDK client drops (proto-keys.ts); undefined when that is not the case.
 */
export function uncoveredProtoKeys(view: Obj | string, pinned: string): string | undefined {
  if (typeof view === 'string') return undefined;
  const at = protoKeyPaths(view);
  if (at.length === 0) return undefined;
  let sdkHash: string;
  try {
    sdkHash = toolDefinitionHash(withoutProtoKeys(view) as { name: string });
  } catch {
    return undefined;
  }
  if (sdkHash !== pinned) return undefined;
  return `its pin does not cover its key "__proto__" (${at.join(', ')}): the pin was taken through an MCP SDK client, which drops keys so named, while clients that parse JSON plainly show them to the model; pin it again with rampart mcp pin (--connect reads the listing whole, or --tools-json) or rename the key`;
}
