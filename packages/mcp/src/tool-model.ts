// The tool listings Rampart analyses (from a live tools/list or a --tools-json snapshot): servers and
// their tools, and the snapshot parser. The definition of one tool and the walk over its
// model-visible text are in @rampart/detectors (mcp-tools/tool-definition.ts).
import type { ToolDefinition } from '@rampart/detectors';

/** A tool definition; the type and its text walk live in @rampart/detectors, shared with the MCP proxy. */
export type McpTool = ToolDefinition;

export interface ServerTools {
  /** Server name as the client knows it. */
  server: string;
  tools: McpTool[];
  /** Where the listing came from: a config path, a tools JSON file, or a URL. */
  source: string;
  /** Client (group) the server belongs to; toxic flows are judged per group. */
  client?: string;
  /** Asset id of the mcp-server asset, when one exists. */
  serverAssetId?: string;
  prompts?: Array<{ name: string; description?: string }>;
  resources?: Array<{ name?: string; uri?: string; description?: string }>;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Parse a tools JSON snapshot: {"tools":[...]} or {"servers":[{"name","tools":[...]}]} (or a bare array). */
export function parseToolsSnapshot(doc: unknown, source: string): ServerTools[] {
  const toTools = (arr: unknown): McpTool[] =>
    Array.isArray(arr)
      ? arr
          .filter((t): t is Obj => isObj(t) && typeof t.name === 'string')
          .map((t) => {
            const tool: McpTool = { name: String(t.name) };
            if (typeof t.title === 'string') tool.title = t.title;
            if (typeof t.description === 'string') tool.description = t.description;
            const schema = t.inputSchema ?? t.input_schema ?? t.parameters;
            if (schema !== undefined) tool.inputSchema = schema;
            if (t.outputSchema !== undefined) tool.outputSchema = t.outputSchema;
            if (isObj(t.annotations)) tool.annotations = t.annotations;
            return tool;
          })
      : [];
  if (Array.isArray(doc)) return [{ server: 'tools', tools: toTools(doc), source }];
  if (!isObj(doc)) return [];
  if (Array.isArray(doc.servers)) {
    return doc.servers.filter(isObj).map((s, i) => {
      const st: ServerTools = {
        server: typeof s.name === 'string' ? s.name : `server-${i + 1}`,
        tools: toTools(s.tools),
        source,
      };
      if (typeof s.client === 'string') st.client = s.client;
      return st;
    });
  }
  const result = isObj(doc.result) ? doc.result : doc; // a raw JSON-RPC response works too
  if (Array.isArray(result.tools)) {
    return [
      {
        server: typeof doc.name === 'string' ? doc.name : typeof doc.server === 'string' ? doc.server : 'tools',
        tools: toTools(result.tools),
        source,
      },
    ];
  }
  return [];
}

/** True when a parsed JSON document looks like a tools snapshot (cheap shape test). */
export function looksLikeToolsSnapshot(doc: unknown): boolean {
  if (!isObj(doc)) return false;
  const hasTools = (a: unknown) => Array.isArray(a) && a.some((t) => isObj(t) && typeof t.name === 'string');
  if (hasTools(doc.tools)) return true;
  if (isObj(doc.result) && hasTools(doc.result.tools)) return true;
  return Array.isArray(doc.servers) && doc.servers.some((s) => isObj(s) && hasTools(s.tools));
}
