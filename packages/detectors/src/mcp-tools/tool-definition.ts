// One MCP tool definition as a model sees it (from a tools/list answer, a live inspection or a
// --tools-json snapshot), and the bounded walk that collects every model-visible string in it:
// name, description, title, and inputSchema property descriptions, titles, defaults, enums and
// examples (a common hiding place). Shared by the static scan (@rampart/mcp) and the MCP proxy.
import { LimitError } from '@rampart/core';

export interface ToolDefinition {
  name: string;
  title?: string;
  description?: string;
  inputSchema?: unknown;
  outputSchema?: unknown;
  annotations?: Record<string, unknown>;
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
export function toolTexts(tool: ToolDefinition): ToolText[] {
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
export function toolParams(tool: ToolDefinition): Array<{ name: string; description: string }> {
  const schema = tool.inputSchema;
  if (!isObj(schema) || !isObj(schema.properties)) return [];
  return Object.entries(schema.properties).map(([name, p]) => ({
    name,
    description: isObj(p) && typeof p.description === 'string' ? p.description : '',
  }));
}
