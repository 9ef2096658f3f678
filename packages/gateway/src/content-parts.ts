// Where the text of a message's content lives, for the input checks: chat messages, Anthropic
// messages and Responses message items. Text parts are read with the message's role; tool results
// with `tool-result`; documents and search results with `retrieved-document`; media (images, audio,
// files, PDFs) are not read. A part of any other type is read whole (every string but ids, signatures
// and encrypted blobs, in a bounded walk) as `tool-result` text: providers add content block types
// often (server tool results, MCP results, web fetches), and a type the gateway does not know yet must
// not be a way around the checks.
import type { TextRole } from '@rampart/core';
import type { TextSlot } from './request-text-slots.js';
import { stringSlots } from './responses-input-items.js';

type Obj = Record<string, unknown>;

export type TextPartTypes = ReadonlySet<string>;
export const OPENAI_TEXT: TextPartTypes = new Set(['text', 'input_text', 'output_text']);
export const ANTHROPIC_TEXT: TextPartTypes = new Set(['text']);

/** Media and opaque provider state: not text, not read. */
const NOT_READ = new Set([
  'image',
  'image_url',
  'input_image',
  'input_audio',
  'input_file',
  'file',
  'container_upload',
  // The model's reasoning, signed (or encrypted) by the provider: a client cannot forge it.
  'thinking',
  'redacted_thinking',
]);

/** Fields that never hold text a model reads as such: ids, signatures, encrypted or encoded data. */
export const OPAQUE_FIELDS: ReadonlySet<string> = new Set([
  'type',
  'id',
  'tool_use_id',
  'call_id',
  'signature',
  'encrypted_content',
  'encrypted_index',
  'file_id',
  'media_type',
  'cache_control',
]);

/** Adds the text slots of `holder.content` (a string or a list of parts) read with `role`. */
export function pushContent(holder: Obj, role: TextRole, out: TextSlot[], textTypes: TextPartTypes): void {
  const c = holder.content;
  if (typeof c === 'string') {
    out.push({ holder, key: 'content', role });
    return;
  }
  // Malformed for the providers, but a lenient server may render it: a lone part instead of a list
  // is read as that part, a bare string in the list as text of the message's role.
  if (c !== null && typeof c === 'object' && !Array.isArray(c)) {
    pushPart(c as Obj, role, out, textTypes);
    return;
  }
  if (!Array.isArray(c)) return;
  for (let i = 0; i < c.length; i++) {
    const part: unknown = c[i];
    if (typeof part === 'string') out.push({ holder: c, key: i, role });
    else if (part !== null && typeof part === 'object') pushPart(part as Obj, role, out, textTypes);
  }
}

function pushPart(p: Obj, role: TextRole, out: TextSlot[], textTypes: TextPartTypes): void {
  const type = typeof p.type === 'string' ? p.type : '';
  if (textTypes.has(type) && typeof p.text === 'string') {
    out.push({ holder: p, key: 'text', role });
    return;
  }
  if (NOT_READ.has(type)) return;
  switch (type) {
    case 'refusal':
      if (typeof p.refusal === 'string') {
        out.push({ holder: p, key: 'refusal', role });
        return;
      }
      // Not the provider's shape: read whole, as a block of unknown type.
      pushUnknown(p, type, out);
      return;
    case 'tool_use':
    case 'server_tool_use':
      // An earlier call as the client sends it back: its arguments may hold restored PII.
      for (const s of stringSlots(p, 'input', 'assistant', type, OPAQUE_FIELDS)) out.push(s);
      return;
    case 'tool_result':
    case 'mcp_tool_result':
      pushContent(p, 'tool-result', out, textTypes);
      return;
    case 'document':
      pushDocument(p, out, textTypes);
      return;
    case 'search_result':
      for (const k of ['title', 'source'] as const) if (typeof p[k] === 'string') out.push(doc(p, k));
      pushContent(p, 'retrieved-document', out, textTypes);
      return;
    default:
      pushUnknown(p, type, out);
  }
}

/** A block of unknown type: every string, read as text from outside the conversation. */
function pushUnknown(p: Obj, type: string, out: TextSlot[]): void {
  for (const k of Object.keys(p)) {
    if (OPAQUE_FIELDS.has(k)) continue;
    for (const s of stringSlots(p, k, 'tool-result', type || '(none)', OPAQUE_FIELDS)) out.push(s);
  }
}

const doc = (holder: Obj, key: string): TextSlot => ({ holder, key, role: 'retrieved-document' });

/**
 * An Anthropic document block: plain text (`source.type` text), custom content (`source.type`
 * content: a string or text blocks), and its `title` and `context`. PDFs, URLs and uploaded files
 * are not read (files are not scanned).
 */
function pushDocument(p: Obj, out: TextSlot[], textTypes: TextPartTypes): void {
  for (const k of ['title', 'context'] as const) if (typeof p[k] === 'string') out.push(doc(p, k));
  const s = p.source;
  if (s === null || typeof s !== 'object') return;
  const src = s as Obj;
  if (src.type === 'text' && typeof src.data === 'string') out.push(doc(src, 'data'));
  else if (src.type === 'content') pushContent(src, 'retrieved-document', out, textTypes);
}
