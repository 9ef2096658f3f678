// Operator overrides for false positives of the MCP proxy's tool-definition check
// (`rampart mcp-proxy --overrides FILE`). One entry allows one named tool of one named server, and
// only while its definition has the hash the operator reviewed: a rug pull to another definition is
// checked again. There is no wildcard and no switch for a whole server (monitor mode is the only
// global relaxation). Same layout as rampart-mcp.lock.json, with a reason kept for the audit:
//
//   { "servers": { "fs": { "tools": {
//       "delete_file": { "hash": "sha256:<64 hex>", "reason": "reviewed 2026-11-27, TICKET-42" } } } } }
//
// The hash is the canonical tool-definition hash (`toolDefinitionHash`, as in the lockfile); the proxy
// prints it beside every tool it withholds.
import { readFile } from 'node:fs/promises';
import { ConfigError } from '@rampart/core';

export interface ToolOverride {
  hash: string;
  reason?: string;
}

/** Tool name -> the one definition allowed through the check. */
export type ToolOverrides = ReadonlyMap<string, ToolOverride>;

const HASH = /^sha256:[0-9a-f]{64}$/;
const MAX_BYTES = 1024 * 1024;
const MAX_REASON = 500;
type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The overrides for `server` in a parsed overrides document; throws ConfigError on any malformed entry. */
export function parseOverrides(doc: unknown, server: string, path = 'overrides'): Map<string, ToolOverride> {
  const bad = (why: string): never => {
    throw new ConfigError(`${path}: ${why}`, { path });
  };
  if (!isObj(doc) || !isObj(doc.servers)) return bad('not a Rampart MCP overrides file (no "servers" object)');
  const out = new Map<string, ToolOverride>();
  for (const [name, entry] of Object.entries(doc.servers)) {
    if (!isObj(entry) || !isObj(entry.tools)) return bad(`server "${name}": no "tools" object`);
    for (const [tool, o] of Object.entries(entry.tools)) {
      if (!isObj(o) || typeof o.hash !== 'string' || !HASH.test(o.hash))
        return bad(`server "${name}", tool "${tool}": "hash" must be sha256:<64 lowercase hex>`);
      if (o.reason !== undefined && (typeof o.reason !== 'string' || o.reason.length > MAX_REASON))
        return bad(`server "${name}", tool "${tool}": "reason" must be a string of at most ${MAX_REASON} characters`);
      // Entries for other servers are valid but do not apply to this proxy.
      if (name === server) out.set(tool, { hash: o.hash, ...(o.reason === undefined ? {} : { reason: o.reason }) });
    }
  }
  return out;
}

/** Reads the overrides file and returns the entries for `server` (the proxy's --server name). */
export async function readOverrides(path: string, server: string): Promise<Map<string, ToolOverride>> {
  let doc: unknown;
  try {
    const raw = await readFile(path);
    if (raw.length > MAX_BYTES) throw new Error(`larger than ${MAX_BYTES} bytes`);
    doc = JSON.parse(raw.toString('utf8'));
  } catch (e) {
    throw new ConfigError(`${path}: cannot read MCP overrides (${(e as Error).message})`, { path, cause: e });
  }
  return parseOverrides(doc, server, path);
}
