// Canonical hashing of MCP tool definitions, shared by `rampart mcp pin` (scanner) and the gateway
// (runtime rug-pull checks) so both agree on what "the same tool" means. Pure, no I/O.
import { createHash } from 'node:crypto';

/** The fields of a tool definition that the model sees and that a pin covers. */
export interface HashableTool {
  name: string;
  title?: string | undefined;
  description?: string | undefined;
  inputSchema?: unknown;
  outputSchema?: unknown;
  annotations?: unknown;
}

const MAX_CANONICAL_DEPTH = 64;

function canonical(v: unknown, depth: number): unknown {
  if (depth > MAX_CANONICAL_DEPTH) throw new RangeError('tool definition nested too deeply to hash');
  if (Array.isArray(v)) return v.map((x) => canonical(x, depth + 1));
  if (typeof v === 'object' && v !== null) {
    // fromEntries defines own keys: `out["__proto__"] = x` would set the prototype instead, so a
    // tool could change a "__proto__" key (as JSON.parse makes it) without changing its hash.
    const entries: [string, unknown][] = [];
    for (const k of Object.keys(v).sort()) {
      const x = (v as Record<string, unknown>)[k];
      if (x !== undefined) entries.push([k, canonical(x, depth + 1)]);
    }
    return Object.fromEntries(entries);
  }
  // Strings are NFC-normalised so an editor's re-encoding is not a "change"; invisible characters stay.
  if (typeof v === 'string') return v.normalize('NFC');
  return v;
}

/** Deterministic JSON of the model-visible parts of a tool: sorted keys, no undefined, NFC strings. */
export function canonicalToolJson(tool: HashableTool): string {
  const picked: Record<string, unknown> = { name: tool.name };
  if (tool.title !== undefined) picked.title = tool.title;
  if (tool.description !== undefined) picked.description = tool.description;
  if (tool.inputSchema !== undefined) picked.inputSchema = tool.inputSchema;
  if (tool.outputSchema !== undefined) picked.outputSchema = tool.outputSchema;
  if (tool.annotations !== undefined) picked.annotations = tool.annotations;
  return JSON.stringify(canonical(picked, 0));
}

/** "sha256:<hex>" of the canonical JSON. */
export function toolDefinitionHash(tool: HashableTool): string {
  return `sha256:${createHash('sha256').update(canonicalToolJson(tool)).digest('hex')}`;
}
