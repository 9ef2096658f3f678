// Where MCP messages from a server keep text that reaches the agent's model (or its user), for the
// MCP proxy's content checks: tool results, resources/read contents, prompts/get messages,
// completion/complete values, and the server's own requests to the client (sampling/createMessage
// messages, which the client's model runs, and elicitation/create messages shown to the user).
// Server notifications and task status carry text too. Which of it can reach the model is up to the
// client: log messages (notifications/message `data`, any JSON, and `logger`), progress messages,
// task status messages (notifications/tasks/status, tasks/get, tasks/list, CreateTaskResult) and
// cancellation reasons are shown to the user by most clients, and some agents put them in the
// model's context (a log line in a tool's transcript, "task status: ..."), so all of them are read,
// as documents (`tool-result`), like a tool result. Notifications with no free text (list_changed,
// resources/updated, elicitation/complete, progress numbers) are not.
// Text is read where the protocol keeps it; a content type not known here is read whole (every string,
// as JSON), never skipped. Images and audio are not text. A blob is read when it is text a client may
// hand the model as such: its MIME type names text, or it has none and its bytes are UTF-8 text.
//
// Each text carries the role it is checked with. What a tool or a resource returns is a document from
// outside the conversation: `tool-result` (indirect injection, and the leak checks). Prompt messages,
// sampling messages and completion values are instructions by design, chosen by the user or asked of
// the client's model: `user` (direct injection and jailbreaks, as for a user's own message), since the
// indirect head flags any text addressed to the model ("Summarize this text: ...") and would refuse
// nearly every prompt. Resources embedded in those messages are documents again.
import type { TextRole } from '@rampart/core';

type Msg = Record<string, unknown>;
/** One text to check and the role it is checked with. */
export interface RoleText {
  text: string;
  role: TextRole;
}
const isObj = (v: unknown): v is Msg => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Bound on the strings read from one message (past it, the rest is read as one JSON text). */
const MAX_TEXTS = 1024;

/** MIME types whose blobs are text: text/*, JSON, XML, YAML, scripts, and +json / +xml suffixes. */
const TEXT_MIME =
  /^(?:text\/[^;]*|application\/(?:json|xml|yaml|x-yaml|javascript|ecmascript|x-sh|x-python|toml|sql|graphql|ld\+json|[a-z0-9.+-]*\+(?:json|xml|yaml)))\s*(?:;.*)?$/i;

/** A blob's text when a client may show it to the model as text; undefined for binary data. */
export function blobText(blob: unknown, mimeType: unknown): string | undefined {
  if (typeof blob !== 'string' || blob === '') return undefined;
  // An absurdly long MIME type is not trusted to say anything: the bytes decide.
  const named = typeof mimeType === 'string' && mimeType !== '' && mimeType.length <= 200;
  if (named && !TEXT_MIME.test(mimeType as string)) return undefined;
  const bytes = Buffer.from(blob, 'base64');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // Declared text that is not UTF-8 is still read (as decoded with replacement characters).
    return named ? bytes.toString('utf8') : undefined;
  }
  // Without a MIME type, control characters (other than tab and line ends) mean binary data.
  if (!named && /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text)) return undefined;
  return text;
}

/** The text of one resource's contents (a resources/read entry, or an embedded `resource`). */
function resourceText(r: Msg, out: RoleText[]): void {
  if (typeof r.text === 'string') out.push({ text: r.text, role: 'tool-result' });
  // Neither text nor blob: not a resource's shape, read whole rather than skipped.
  else if (typeof r.blob !== 'string') out.push({ text: JSON.stringify(r), role: 'tool-result' });
  const b = blobText(r.blob, r.mimeType);
  if (b !== undefined) out.push({ text: b, role: 'tool-result' });
}

/**
 * One content block (tool result content, a prompt message's or sampling message's content); `role`
 * is the role of its own text (embedded resources are documents whatever holds them).
 */
function blockTexts(c: unknown, out: RoleText[], role: TextRole): void {
  if (!isObj(c)) {
    // Not a block (a bare string, a list): read as it is rather than skipped.
    if (typeof c === 'string') out.push({ text: c, role });
    else if (c !== null && c !== undefined && typeof c === 'object') out.push({ text: JSON.stringify(c), role });
    return;
  }
  // A known type whose text is not where the protocol keeps it is read whole, like an unknown type.
  if (c.type === 'text' && typeof c.text === 'string') out.push({ text: c.text, role });
  else if (c.type === 'resource' && isObj(c.resource)) resourceText(c.resource, out);
  else if (c.type === 'resource_link' && LINK_TEXT.every((k) => c[k] === undefined || typeof c[k] === 'string')) {
    for (const k of LINK_TEXT)
      if (typeof c[k] === 'string' && c[k] !== '') out.push({ text: c[k] as string, role: 'tool-result' });
  } else if (c.type !== 'image' && c.type !== 'audio') {
    out.push({ text: JSON.stringify(c), role });
  }
}

/** A resource link's text fields. */
const LINK_TEXT = ['name', 'title', 'description'] as const;

/** Reads a list of items with `read`, bounded: past MAX_TEXTS strings the whole list is read as JSON. */
function bounded(list: unknown[], out: RoleText[], role: TextRole, read: (item: unknown) => void): void {
  for (const item of list) {
    if (out.length >= MAX_TEXTS) {
      out.push({ text: JSON.stringify(list), role });
      return;
    }
    read(item);
  }
}

/**
 * The text a tool result gives the model: text blocks, embedded text resources (and text blobs),
 * resource links' names and descriptions, structured content, and every string of a content type
 * not known here. All of it is `tool-result` text.
 */
export function resultTexts(result: Msg): string[] {
  const texts: RoleText[] = [];
  // Content that is not a list is read as one block (not skipped).
  const content = Array.isArray(result.content) ? result.content : [result.content];
  bounded(content, texts, 'tool-result', (c) => blockTexts(c, texts, 'tool-result'));
  if (result.structuredContent !== undefined)
    texts.push({ text: JSON.stringify(result.structuredContent), role: 'tool-result' });
  return texts.map((t) => t.text);
}

/** resources/read: each entry's text, or its blob when that is text. */
export function resourceContentsTexts(result: Msg): RoleText[] {
  const texts: RoleText[] = [];
  // Contents that are not a list are read as one entry (not skipped).
  const contents = Array.isArray(result.contents)
    ? result.contents
    : result.contents === undefined
      ? []
      : [result.contents];
  bounded(contents, texts, 'tool-result', (r) => {
    if (isObj(r)) resourceText(r, texts);
    else texts.push({ text: JSON.stringify(r), role: 'tool-result' });
  });
  return texts;
}

/**
 * prompts/get (and sampling/createMessage params): the description, a (server-authored) system
 * prompt, and each message's content, read as `user` text.
 */
export function messagesTexts(holder: Msg): RoleText[] {
  const texts: RoleText[] = [];
  for (const k of ['description', 'systemPrompt'])
    if (typeof holder[k] === 'string' && holder[k] !== '') texts.push({ text: holder[k] as string, role: 'user' });
  // Messages that are not a list are read as one message; a message that is not an object, whole.
  const messages = Array.isArray(holder.messages)
    ? holder.messages
    : holder.messages === undefined
      ? []
      : [holder.messages];
  bounded(messages, texts, 'user', (m) => {
    // Not a message, or one without content: read whole.
    if (!isObj(m) || m.content === undefined) {
      blockTexts(m, texts, 'user');
      return;
    }
    // Sampling messages may carry a list of content blocks; prompt messages carry one.
    if (Array.isArray(m.content)) for (const c of m.content) blockTexts(c, texts, 'user');
    else blockTexts(m.content, texts, 'user');
  });
  return texts;
}

/** completion/complete: the suggested values (argument values for prompts), read as one `user` text. */
export function completionTexts(result: Msg): RoleText[] {
  const c = isObj(result.completion) ? result.completion : {};
  const values = Array.isArray(c.values) ? c.values : [];
  if (values.length === 0) return [];
  const text = values.every((v) => typeof v === 'string') ? values.join('\n') : JSON.stringify(values);
  return [{ text, role: 'user' }];
}

/** elicitation/create: the message, a URL, and every string of the requested schema, shown to the user. */
export function elicitationTexts(params: Msg): RoleText[] {
  const texts: RoleText[] = [];
  if (typeof params.message === 'string' && params.message !== '') texts.push({ text: params.message, role: 'user' });
  if (typeof params.url === 'string' && params.url !== '') texts.push({ text: params.url, role: 'user' });
  if (params.requestedSchema !== undefined) texts.push({ text: JSON.stringify(params.requestedSchema), role: 'user' });
  return texts;
}

/** Free text in a server notification, by method; every text is read as a document (`tool-result`). */
export const NOTIFICATION_TEXTS: Record<string, (params: Msg) => RoleText[]> = {
  'notifications/message': (p) => {
    const out: RoleText[] = [];
    if (typeof p.logger === 'string' && p.logger !== '') out.push({ text: p.logger, role: 'tool-result' });
    if (typeof p.data === 'string') {
      if (p.data !== '') out.push({ text: p.data, role: 'tool-result' });
    } else if (p.data !== undefined && p.data !== null) out.push({ text: JSON.stringify(p.data), role: 'tool-result' });
    return out;
  },
  'notifications/progress': (p) => stringField(p, 'message'),
  'notifications/tasks/status': (p) => stringField(p, 'statusMessage'),
  'notifications/cancelled': (p) => stringField(p, 'reason'),
};

function stringField(holder: Msg, field: string): RoleText[] {
  const v = holder[field];
  return typeof v === 'string' && v !== '' ? [{ text: v, role: 'tool-result' }] : [];
}

/** The tasks a result describes: itself (tasks/get), its `task` (CreateTaskResult), its `tasks` (tasks/list). */
function resultTasks(result: Msg): Msg[] {
  const out: Msg[] = [];
  if (typeof result.taskId === 'string') out.push(result);
  if (isObj(result.task)) out.push(result.task);
  if (Array.isArray(result.tasks)) for (const t of result.tasks) if (isObj(t)) out.push(t);
  return out;
}

/** Task status messages in a result (bounded like the rest: past MAX_TEXTS, one JSON text). */
export function taskStatusTexts(result: Msg): RoleText[] {
  const texts: RoleText[] = [];
  bounded(resultTasks(result), texts, 'tool-result', (t) => {
    texts.push(...stringField(t as Msg, 'statusMessage'));
  });
  return texts;
}

/** The result with every task status message removed (the tasks themselves kept). */
export function withoutTaskStatusMessages(result: Msg): Msg {
  const strip = (t: Msg): Msg => {
    const { statusMessage: _, ...rest } = t;
    return rest;
  };
  let out: Msg = typeof result.taskId === 'string' ? strip(result) : { ...result };
  if (isObj(result.task)) out = { ...out, task: strip(result.task) };
  if (Array.isArray(result.tasks)) out = { ...out, tasks: result.tasks.map((t) => (isObj(t) ? strip(t) : t)) };
  return out;
}
