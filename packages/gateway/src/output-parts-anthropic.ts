// The output parts of an Anthropic message besides its text: fields nobody knows yet, `thinking`
// (signed: read, never rewritten), server tool use and results, MCP results and unknown blocks,
// read whole. Tool_use blocks are reviewed as tool calls elsewhere. The slot model and the checks:
// output-parts.ts.
import { NONE, notAList, type OutSlot, objectSlots, TEXT_ONLY, walkSlots } from './output-parts.js';

type Obj = Record<string, unknown>;

/** Anthropic message fields that are not text, or are read elsewhere (content). */
const ANTHROPIC_TOP = new Set([
  'role',
  'model',
  'content',
  'stop_reason',
  'stop_sequence',
  'usage',
  'container',
  'context_management',
]);

/**
 * An Anthropic message besides its content blocks (fields nobody knows yet). At `message_start`,
 * where content is normally empty, any block it carries is read whole, its text included.
 */
export function anthropicBodySlots(body: Obj, withContent: boolean): OutSlot[] {
  const out = objectSlots(body, 'the message', ANTHROPIC_TOP);
  if (withContent) out.push(...walkSlots(body, 'content', 'the message', 'rewrite'));
  else out.push(...notAList(body, 'content', 'the message'));
  return out;
}

/** An Anthropic content block other than a tool_use; for a text block, everything but its text. */
export function anthropicBlockSlots(b: Obj, i: number): OutSlot[] {
  const type = typeof b.type === 'string' ? b.type : '(none)';
  const where = `${type} block content[${i}]`;
  switch (type) {
    case 'text':
      // A text that is not a string is not read as the main text: read whole here.
      return objectSlots(b, where, typeof b.text === 'string' ? TEXT_ONLY : NONE);
    case 'thinking':
      // The signed text, and whatever else the block carries (read whole, like an unknown block).
      return typeof b.thinking === 'string'
        ? [{ holder: b, key: 'thinking', where, mode: 'signed' }, ...objectSlots(b, where, THINKING_ONLY)]
        : objectSlots(b, where);
    case 'redacted_thinking':
      return []; // encrypted by the provider
    default:
      // server_tool_use / mcp_tool_use inputs, web search / web fetch / code execution / MCP results,
      // and block types the gateway does not know yet.
      return objectSlots(b, where);
  }
}

const THINKING_ONLY = new Set(['thinking']);
