// Rug-pull protection: `rampart mcp pin` records a hash of every tool definition per server;
// later scans compare the current listing with the lockfile and report changed, added and removed
// tools. Hashing lives in @rampart/core (toolDefinitionHash) so the gateway computes the same.
import { ConfigError, type FindingDraft, toolDefinitionHash } from '@rampart/core';
import { z } from 'zod';
import { snapshotServerAssetId, toolAssetId } from './tool-analysis.js';
import type { ServerTools } from './tool-model.js';

export const LOCKFILE_NAME = 'rampart-mcp.lock.json';

const LockSchema = z
  .object({
    lockfileVersion: z.literal(1),
    generatedBy: z.string(),
    servers: z.record(
      z.string(),
      z
        .object({
          source: z.string().optional(),
          tools: z.record(z.string(), z.string().regex(/^sha256:[0-9a-f]{64}$/)),
        })
        .strict(),
    ),
  })
  .strict();
export type McpLockfile = z.infer<typeof LockSchema>;

/** Stable key of a server across scans: client (or "tools") and the server's name. */
export function serverKey(st: ServerTools): string {
  return `${st.client ?? 'tools'}/${st.server}`;
}

export function buildLockfile(sets: ServerTools[], version = 'rampart'): McpLockfile {
  const servers: McpLockfile['servers'] = {};
  for (const st of [...sets].sort((a, b) => serverKey(a).localeCompare(serverKey(b)))) {
    // A Map, then own keys: on a plain object a tool named "toString" or "constructor" found an
    // Object.prototype member, so `??=` never pinned it (and "__proto__" set the prototype).
    const tools = new Map<string, string>();
    for (const t of [...st.tools].sort((a, b) => a.name.localeCompare(b.name)))
      if (!tools.has(t.name)) tools.set(t.name, toolDefinitionHash(t));
    servers[serverKey(st)] = { source: st.source, tools: Object.fromEntries(tools) };
  }
  return { lockfileVersion: 1, generatedBy: version, servers };
}

export function serializeLockfile(lock: McpLockfile): string {
  return `${JSON.stringify(lock, null, 2)}\n`;
}

export function parseLockfile(path: string, text: string): McpLockfile {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (cause) {
    throw new ConfigError(`${path}: not valid JSON (${(cause as Error).message})`, { path, cause });
  }
  return validateLockfile(path, doc);
}

/** Validate an already-parsed lockfile (e.g. given inline in scan options). */
export function validateLockfile(path: string, doc: unknown): McpLockfile {
  const r = LockSchema.safeParse(doc);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new ConfigError(
      `${path}: not a rampart MCP lockfile (${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'})`,
      { path },
    );
  }
  return r.data;
}

/**
 * Findings for differences between the lockfile and the current listings. Servers absent from
 * the current scan are not reported as removed: they may simply not have been inspected.
 */
export function diffAgainstLock(lock: McpLockfile, sets: ServerTools[], lockPath: string): FindingDraft[] {
  const out: FindingDraft[] = [];
  for (const st of sets) {
    const pinned = lock.servers[serverKey(st)];
    if (!pinned) continue;
    const serverId = snapshotServerAssetId(st);
    const current = new Map<string, string>();
    for (const t of st.tools) if (!current.has(t.name)) current.set(t.name, toolDefinitionHash(t));
    for (const [name, hash] of current) {
      const was = Object.hasOwn(pinned.tools, name) ? pinned.tools[name] : undefined;
      const id = toolAssetId(serverId, name);
      if (was === undefined) {
        out.push({
          ruleId: 'mcp-tool-added',
          assetId: id,
          location: { path: st.source },
          message: `Server "${st.server}" now offers tool "${name}", which is not in ${lockPath}`,
          discriminator: name,
          evidence: { facts: { server: st.server, tool: name, hash } },
        });
      } else if (was !== hash) {
        out.push({
          ruleId: 'mcp-tool-definition-changed',
          assetId: id,
          location: { path: st.source },
          message: `Tool "${name}" on server "${st.server}" changed since it was pinned in ${lockPath} (a rug pull if you did not update the server)`,
          discriminator: name,
          evidence: { facts: { server: st.server, tool: name, pinned: was, current: hash } },
        });
      }
    }
    for (const name of Object.keys(pinned.tools)) {
      if (!current.has(name)) {
        out.push({
          ruleId: 'mcp-tool-removed',
          assetId: serverId,
          location: { path: st.source },
          message: `Tool "${name}" pinned in ${lockPath} is no longer offered by server "${st.server}"`,
          discriminator: name,
          evidence: { facts: { server: st.server, tool: name } },
        });
      }
    }
  }
  return out;
}
