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
// prints it beside every tool it withholds. The zod schema below is the single source of the format;
// `npm run schemas` writes schemas/mcp-overrides.schema.json from it (a "$schema" key pointing there
// lets editors check the file). Unknown keys are refused: in a file that relaxes a security check, a
// misspelt field must not be silently ignored.
import { readFile } from 'node:fs/promises';
import { ConfigError } from '@rampart/core';
import { z } from 'zod';

const MAX_BYTES = 1024 * 1024;
const MAX_REASON = 500;

const HASH_RULE = 'must be sha256:<64 lowercase hex>';
/** A message for a value of the wrong type only (unknown keys keep zod's own message, which names them). */
const typeError = (message: string) => (issue: { code?: string }) =>
  issue.code === 'invalid_type' ? message : undefined;
const REASON_RULE = `must be a string of at most ${MAX_REASON} characters`;

// Messages read after the field they are about: `server "fs", tool "x": "hash" must be ...`.
const ToolOverrideSchema = z
  .object(
    {
      hash: z
        .string({ error: HASH_RULE })
        .regex(/^sha256:[0-9a-f]{64}$/, HASH_RULE)
        .describe('The canonical tool-definition hash the operator reviewed (as in rampart-mcp.lock.json).'),
      reason: z
        .string({ error: REASON_RULE })
        .max(MAX_REASON, REASON_RULE)
        .optional()
        .describe('Why the tool is allowed (kept in the audit log).'),
    },
    { error: typeError('must be an object with "hash" (and "reason")') },
  )
  .strict();

export const McpOverridesSchema = z
  .object({
    $schema: z.string().optional(),
    servers: z
      .record(
        z.string(),
        z
          .object(
            {
              tools: z
                .record(z.string(), ToolOverrideSchema, { error: 'must be an object of tool name -> override' })
                .describe('Tool name -> the one definition allowed through the tool-definition check.'),
            },
            { error: typeError('must be an object with "tools"') },
          )
          .strict(),
        { error: 'must be an object of server name -> {"tools": ...}' },
      )
      .describe('Server name, as given to `rampart mcp-proxy --server` -> its overrides.'),
  })
  .strict()
  .describe('Operator overrides for the MCP proxy tool-definition check (`rampart mcp-proxy --overrides`).');

export type ToolOverride = z.infer<typeof ToolOverrideSchema>;

/** Tool name -> the one definition allowed through the check. */
export type ToolOverrides = ReadonlyMap<string, ToolOverride>;

/** An issue in the file's own words: `server "fs", tool "delete_file": "hash" must be ...`. */
function describeIssue(path: readonly PropertyKey[], message: string): string {
  const entry: string[] = [];
  let i = 0;
  if (path[0] === 'servers' && path.length > 1) {
    entry.push(`server "${String(path[1])}"`);
    i = 2;
    if (path[2] === 'tools' && path.length > 3) {
      entry.push(`tool "${String(path[3])}"`);
      i = 4;
    }
  }
  const field = path
    .slice(i)
    .map((p) => `"${String(p)}"`)
    .join('.');
  const what = field === '' ? message : `${field} ${message}`;
  return entry.length === 0 ? what : `${entry.join(', ')}: ${what}`;
}

/** The overrides for `server` in a parsed overrides document; throws ConfigError on any malformed entry. */
export function parseOverrides(doc: unknown, server: string, path = 'overrides'): Map<string, ToolOverride> {
  const r = McpOverridesSchema.safeParse(doc);
  if (!r.success) {
    const issue = r.error.issues[0];
    const isObj = doc !== null && typeof doc === 'object' && !Array.isArray(doc);
    if (!isObj || !('servers' in doc))
      throw new ConfigError(`${path}: not a Rampart MCP overrides file (no "servers" object)`, { path });
    throw new ConfigError(`${path}: ${describeIssue(issue?.path ?? [], issue?.message ?? 'invalid')}`, { path });
  }
  // Entries for other servers are valid but do not apply to this proxy.
  const tools = Object.hasOwn(r.data.servers, server) ? r.data.servers[server]?.tools : undefined;
  return new Map(Object.entries(tools ?? {}));
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
