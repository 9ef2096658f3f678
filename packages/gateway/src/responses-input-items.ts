// Where the text of a Responses API input item lives, for the input checks. A client sends back, as
// input, what tools returned: function and custom tool outputs, shell and patch outputs, code
// interpreter logs, computer-use outputs, MCP call results and tool lists, file search results. That
// text comes from outside the conversation (files, web pages, command output), so it is read with
// the tool-result role (stricter indirect-injection thresholds; secrets and PII redacted like any
// input). The arguments of earlier function and custom tool calls are read with the assistant role,
// as assistant messages are (request-text-slots.ts): the client sends them back, and the gateway may have
// restored redacted PII into them. Other proposals (shell_call, computer_call, …) and opaque provider
// state (reasoning, item_reference) are not read.
//
// Unknown item types (any type ending in `_output` not listed here, or an item with neither a known
// type nor a message role) are not a way around the checks: every string in them is read as
// tool-result text. Walks are bounded; an item past the
// bounds is refused (400), never forwarded unread. Images, audio and files (screenshots, input_image,
// input_file, generated images) are not text and are not scanned. Items that add tools to the
// model's tool set (additional_tools, tool_search_output) would bypass the review of declared tools
// and are refused.
import type { TextRole } from '@rampart/core';
import { GatewayHttpError } from './provider-errors.js';
import type { TextSlot } from './request-text-slots.js';

type Obj = Record<string, unknown>;

/** Bounds on a walk through an item whose text is not where a known type keeps it. */
const MAX_DEPTH = 12;
const MAX_STRINGS = 4096;

/** The model's own proposals, or opaque provider state: no text from outside the conversation. */
const NOT_INPUT = new Set([
  'computer_call',
  'local_shell_call',
  'shell_call',
  'apply_patch_call',
  'mcp_approval_request',
  'tool_search_call',
  'program',
  'reasoning',
  'web_search_call',
  'image_generation_call',
  'compaction',
  'compaction_trigger',
  'item_reference',
]);

/** Items that add tools the request-side review never saw. */
const ADDS_TOOLS = new Set(['additional_tools', 'tool_search_output']);

/** Content parts that are text; parts that are media, and their fields that hold it (not scanned). */
const TEXT_PARTS = new Set(['input_text', 'text', 'output_text']);
const MEDIA_PARTS = new Set(['input_image', 'input_file', 'input_audio', 'computer_screenshot', 'image']);
const MEDIA_FIELDS = new Set(['image_url', 'file_data', 'file_url', 'file_id', 'url', 'input_audio', 'detail', 'type']);
/** Object keys named in a path as they are; other keys (which could carry anything) are not. */
const NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
const MESSAGE_ROLES = new Set(['user', 'system', 'developer', 'assistant']);

/**
 * Adds the text slots of one non-message Responses input item. Returns false when the item is a
 * message (its role decides how it is read: request-text-slots.ts).
 */
export function responsesItemSlots(item: Obj, out: TextSlot[]): boolean {
  const type = item.type;
  if ((type === undefined || type === 'message') && MESSAGE_ROLES.has(item.role as string)) return false;
  const t = typeof type === 'string' ? type : '';
  if (NOT_INPUT.has(t)) return true;
  if (ADDS_TOOLS.has(t))
    throw new GatewayHttpError(
      'invalid_request',
      'unsupported_input_item',
      `input items of type ${t} add tools the gateway does not review; declare tools in \`tools\``,
      'input',
    );
  for (const slot of toolTextSlots(item, t)) out.push(slot);
  return true;
}

/** Where each known item type keeps text from outside the conversation, and the role it is read with. */
const TOOL_TEXT: Readonly<Record<string, readonly (readonly [string, TextRole])[]>> = {
  // Earlier calls the model proposed, as the client sends them back.
  function_call: [['arguments', 'assistant']],
  custom_tool_call: [['input', 'assistant']],
  function_call_output: [['output', 'tool-result']],
  custom_tool_call_output: [['output', 'tool-result']],
  local_shell_call_output: [['output', 'tool-result']],
  apply_patch_call_output: [['output', 'tool-result']],
  program_output: [['result', 'tool-result']],
  // [{stdout, stderr, outcome}]: every string is command output.
  shell_call_output: [['output', 'tool-result']],
  // The output is a screenshot (an image, not read); the acknowledged safety checks carry text.
  computer_call_output: [
    ['acknowledged_safety_checks', 'tool-result'],
    ['output', 'tool-result'],
  ],
  // The code is the model's; its outputs are logs (text) and images (not read).
  code_interpreter_call: [['outputs', 'tool-result']],
  mcp_call: [
    ['output', 'tool-result'],
    ['error', 'tool-result'],
  ],
  // Tool descriptions and schemas come from the MCP server: a classic place for injected text.
  mcp_list_tools: [
    ['tools', 'tool-result'],
    ['error', 'tool-result'],
  ],
  mcp_approval_response: [['reason', 'user']],
  // The queries are the model's; the results are retrieved file contents.
  file_search_call: [['results', 'retrieved-document']],
};

/** A text slot with its place in the item (`output`, `outputs[0].logs`), for messages and the audit. */
export type PathSlot = TextSlot & { path: string };

/**
 * The strings of an item that came from a tool (or from outside the conversation), with their role.
 * Unknown types (and `*_output` types not listed) yield every string but the type. Throws a 400
 * GatewayHttpError past the walk's bounds.
 */
export function toolTextSlots(item: Obj, type: string): PathSlot[] {
  const out: PathSlot[] = [];
  const w = new Walk(out, type);
  // Own keys only: a type named "constructor" must not find Object.prototype.
  const fields = Object.hasOwn(TOOL_TEXT, type) ? TOOL_TEXT[type] : undefined;
  if (fields !== undefined) for (const [k, role] of fields) w.field(item, k, role, k);
  else for (const k of Object.keys(item)) if (k !== 'type') w.field(item, k, 'tool-result', NAME.test(k) ? k : '?');
  return out;
}

/**
 * Every string under `holder[key]`, read with `role`, except under object keys in `skip`; bounded like
 * an item walk (400 past the bounds).
 */
export function stringSlots(
  holder: Obj,
  key: string,
  role: TextRole,
  type: string,
  skip: ReadonlySet<string> = NO_SKIP,
): PathSlot[] {
  const out: PathSlot[] = [];
  new Walk(out, type, skip).field(holder, key, role, key);
  return out;
}

const NO_SKIP: ReadonlySet<string> = new Set();

class Walk {
  private strings = 0;
  constructor(
    private readonly out: PathSlot[],
    private readonly type: string,
    private readonly skip: ReadonlySet<string> = NO_SKIP,
  ) {}

  field(holder: Obj | unknown[], key: string | number, role: TextRole, path: string, depth = 0): void {
    const v = (holder as Record<string | number, unknown>)[key];
    if (typeof v === 'string') {
      if (v === '') return;
      if (++this.strings > MAX_STRINGS) this.tooComplex();
      this.out.push({ holder, key, role, path });
      return;
    }
    if (v === null || typeof v !== 'object') return;
    if (depth >= MAX_DEPTH) this.tooComplex();
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) this.field(v, i, role, `${path}[${i}]`, depth + 1);
      return;
    }
    const o = v as Obj;
    // Content parts: a text part is its text; a media part's data and links are not read, its other
    // fields (a file name) are; any other object is read whole.
    const t = typeof o.type === 'string' ? o.type : undefined;
    if (t !== undefined && TEXT_PARTS.has(t) && typeof o.text === 'string') {
      this.field(o, 'text', role, `${path}.text`, depth + 1);
      return;
    }
    const media = t !== undefined && MEDIA_PARTS.has(t);
    for (const k of Object.keys(o))
      if (!(media && MEDIA_FIELDS.has(k)) && !this.skip.has(k))
        this.field(o, k, role, `${path}.${NAME.test(k) ? k : '?'}`, depth + 1);
  }

  private tooComplex(): never {
    throw new GatewayHttpError(
      'invalid_request',
      'input_item_too_complex',
      `an input item of type ${this.type || '(none)'} nests more than ${MAX_DEPTH} levels or holds more than ${MAX_STRINGS} strings; the gateway cannot review it`,
      'input',
    );
  }
}
