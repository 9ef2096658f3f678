// The tool definitions Rampart analyses (from a live tools/list or a --tools-json snapshot), and
// the bounded walk that collects every model-visible string in a tool: description, title, and
// inputSchema property descriptions, titles, defaults, enums and examples (a common hiding place).
import { LimitError } from '@rampart/core';

export interface McpTool {
  name: string;
  title?: string;
  description?: string;
  inputSchema?: unknown;
  outputSchema?: unknown;
  annotations?: Record<string, unknown>;
}

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

export interface ToolText {
  /** "description", "inputSchema.properties.path.description", ... */
  field: string;
  text: string;
}

export const MAX_SCHEMA_DEPTH = 32;
export const MAX_TEXT_FIELDS = 2000;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

const TEXT_KEYS = new Set([
  'description',
  'title',
  'default',
  'examples',
  'example',
  'enum',
  'const',
  '$comment',
  'pattern',
]);

function walkSchema(node: unknown, field: string, depth: number, out: ToolText[]): void {
  if (depth > MAX_SCHEMA_DEPTH)
    throw new LimitError('maxSchemaDepth', `${field}: schema nested deeper than ${MAX_SCHEMA_DEPTH}`);
  if (out.length > MAX_TEXT_FIELDS)
    throw new LimitError('maxTextFields', `${field}: more than ${MAX_TEXT_FIELDS} text fields`);
  if (Array.isArray(node)) {
    for (const [i, v] of node.entries()) walkSchema(v, `${field}[${i}]`, depth + 1, out);
    return;
  }
  if (!isObj(node)) return;
  for (const [k, v] of Object.entries(node)) {
    const f = `${field}.${k}`;
    if (TEXT_KEYS.has(k)) collectStrings(v, f, depth + 1, out);
    if (k === 'properties' && isObj(v)) {
      // Property names themselves are model-visible too (e.g. a "sidenote" parameter).
      for (const [pname, pschema] of Object.entries(v)) walkSchema(pschema, `${f}.${pname}`, depth + 1, out);
    } else if (isObj(v) || Array.isArray(v)) {
      if (!TEXT_KEYS.has(k)) walkSchema(v, f, depth + 1, out);
    }
  }
}

function collectStrings(v: unknown, field: string, depth: number, out: ToolText[]): void {
  if (depth > MAX_SCHEMA_DEPTH)
    throw new LimitError('maxSchemaDepth', `${field}: nested deeper than ${MAX_SCHEMA_DEPTH}`);
  if (typeof v === 'string') out.push({ field, text: v });
  else if (Array.isArray(v)) for (const [i, x] of v.entries()) collectStrings(x, `${field}[${i}]`, depth + 1, out);
  else if (isObj(v)) for (const [k, x] of Object.entries(v)) collectStrings(x, `${field}.${k}`, depth + 1, out);
}

/** Every model-visible text of a tool, description first. Throws LimitError on absurd schemas. */
export function toolTexts(tool: McpTool): ToolText[] {
  const out: ToolText[] = [];
  // Names are model-visible too: "exfil_email_attachment" reads as "exfil email attachment".
  out.push({ field: 'name', text: spacedName(tool.name) });
  if (tool.description) out.push({ field: 'description', text: tool.description });
  if (tool.title) out.push({ field: 'title', text: tool.title });
  if (tool.inputSchema !== undefined) walkSchema(tool.inputSchema, 'inputSchema', 0, out);
  const params = toolParams(tool).map((p) => spacedName(p.name));
  if (params.length > 0) out.push({ field: 'inputSchema.parameterNames', text: params.join(', ') });
  return out;
}

/** "getUserProfile" / "get_user-profile" -> "get user profile". */
export function spacedName(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_\-.]+/g, ' ')
    .trim();
}

/** Input parameter names and their descriptions (top level). */
export function toolParams(tool: McpTool): Array<{ name: string; description: string }> {
  const schema = tool.inputSchema;
  if (!isObj(schema) || !isObj(schema.properties)) return [];
  return Object.entries(schema.properties).map(([name, p]) => ({
    name,
    description: isObj(p) && typeof p.description === 'string' ? p.description : '',
  }));
}

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
