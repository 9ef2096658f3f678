// Policy for MCP traffic, transport-agnostic: every tools/list answer passes the tool-definition
// check shared with `rampart scan` and, when the server is pinned, the lockfile (mcp-listing-review.ts:
// poisoned, uncheckable, changed or unpinned tools are removed), tools/call requests go
// through allow/deny, argument constraints, rate limits and approvals plus the output leakage checks
// on their arguments (tool-args-leak.ts: an agent steered by an injection can exfiltrate through a
// call), and every text the server hands the agent is scanned for indirect injection and leakage
// before the model (or its user) sees it (mcp-content-review.ts): tool results, resources/read
// contents, prompts/get messages, completion values, and the messages of the server's own
// sampling/createMessage and elicitation/create requests (a refused server request is answered to
// the server with an error and never reaches the client). prompts/list, resources/list and
// resources/templates/list answers pass the listing check.
//
// Uses of listed items (tools/call, prompts/get, resources/read, completions) pass only when a
// listing of their session vouches for them (mcp-item-uses.ts): withheld ones are refused with a
// JSON-RPC error naming the reason; when the client never listed, or the server sent
// notifications/*/list_changed since, the proxy lists the server itself first (fail closed).
//
// Server notifications whose text a client may show its user or hand its model (log messages,
// progress and task status messages, cancellation reasons) and task status messages in results pass
// the same content check as tool results (mcp-content.ts says which fields); a withheld notification
// is dropped, a withheld task status message removed.
import { randomUUID } from 'node:crypto';
import type { Enforcer, RequestState } from '../enforcer.js';
import { newRequestState } from '../enforcer.js';
import type { AuditRecord, AuditSink, Identity } from '../ports.js';
import {
  completionTexts,
  elicitationTexts,
  messagesTexts,
  NOTIFICATION_TEXTS,
  type RoleText,
  resourceContentsTexts,
  resultTexts,
  taskStatusTexts,
  withoutTaskStatusMessages,
} from './mcp-content.js';
import { type ContentSubject, reviewContent } from './mcp-content-review.js';
import { ItemUses, REFUSED_CODE, USES } from './mcp-item-uses.js';
import { type ItemFamily, LIST_CHANGED } from './mcp-listed-items.js';
import { type ListedKind, ListingReview, type McpLock } from './mcp-listing-review.js';
import type { ToolOverrides } from './mcp-overrides.js';
import { reviewSamplingResult } from './mcp-sampling-result.js';
import type { ServerLink } from './mcp-server-link.js';

export type { McpLock, ServerLink };
export { resultTexts };

export interface McpInspectorOptions {
  server: string;
  identity: Identity;
  enforcer: Enforcer;
  audit: AuditSink;
  /** Pinned tools for this server; undefined = no pin (definitions are still checked). */
  lock?: McpLock;
  /** Operator overrides: tools allowed through the definition check at an exact hash. */
  overrides?: ToolOverrides;
  mode: 'enforce' | 'monitor';
}

type Msg = Record<string, unknown>;
type Id = string | number;
interface Pending {
  method: string;
  /** The tool called. */
  tool?: string;
  /** The prompt name or resource URI asked for. */
  name?: string;
  /** A listing request that asked for a later page (its answer is not a whole listing). */
  cursor?: boolean;
  state?: RequestState;
}
const MAX_PENDING = 10_000;

/** Where a message belongs. A bare string is the scope, with the one session '' and no link. */
export interface MessageContext {
  /** Keeps request ids of different sessions or exchanges apart (two clients both numbering from 1). */
  scope?: string;
  /** The MCP session ('' for a transport with one session, or a server without sessions). */
  session?: string;
  /** How the proxy lists the server itself in this session; without it, unvouched uses are refused. */
  link?: ServerLink;
}
interface Ctx {
  scope: string;
  session: string;
  link: ServerLink | undefined;
}
const ctxOf = (c: string | MessageContext): Ctx =>
  typeof c === 'string'
    ? { scope: c, session: '', link: undefined }
    : { scope: c.scope ?? '', session: c.session ?? '', link: c.link };

const isObj = (v: unknown): v is Msg => v !== null && typeof v === 'object' && !Array.isArray(v);

/** What to do with one message: forward it (possibly rewritten) and/or answer the sender directly. */
export interface Verdict {
  forward: Msg | undefined;
  reply: Msg | undefined;
}

/** Listing answers by the field that holds their items. */
const LISTINGS: ReadonlyArray<readonly [string, ListedKind]> = [
  ['tools', 'tool'],
  ['prompts', 'prompt'],
  ['resources', 'resource'],
  ['resourceTemplates', 'resource template'],
];
/** Client requests whose answers are recognised (the rest pass; answers are also checked by shape). */
const TRACKED = new Set([
  'tools/list',
  'prompts/list',
  'resources/list',
  'resources/templates/list',
  'prompts/get',
  'resources/read',
  'completion/complete',
]);
/** Server requests that put server-authored text in front of the client's model or its user. */
const SERVER_REQUESTS: Record<string, (params: Msg) => RoleText[]> = {
  'sampling/createMessage': messagesTexts,
  'elicitation/create': elicitationTexts,
};

export class McpInspector {
  /** Request ids the client sent (listings, calls, reads), to recognise their answers. */
  private readonly pending = new Map<string, Pending>();
  /** What each session's listings showed, and whether they vouch for a use (mcp-item-uses.ts). */
  private readonly uses: ItemUses;
  private readonly listing: ListingReview;
  /** Task id -> the tool whose task-augmented call created it (bounded like `pending`). */
  private readonly taskTools = new Map<string, string>();

  constructor(private readonly o: McpInspectorOptions) {
    this.listing = new ListingReview({
      server: o.server,
      enforcer: o.enforcer,
      mode: o.mode,
      ...(o.lock === undefined ? {} : { lock: o.lock }),
      ...(o.overrides === undefined ? {} : { overrides: o.overrides }),
    });
    this.uses = new ItemUses({
      mode: o.mode,
      listing: this.listing,
      newState: () => this.state(),
      record: (state, outcome) => this.record(state, outcome),
    });
  }

  /**
   * Client -> server. `context` says which session the message belongs to and how to reach the
   * server in it (a string is the scope alone, for tests).
   */
  async fromClient(msg: Msg, context: string | MessageContext = ''): Promise<Verdict> {
    const c = ctxOf(context);
    const id = msg.id as Id | undefined;
    const method = typeof msg.method === 'string' ? msg.method : undefined;
    if (id !== undefined && method === undefined && isSamplingAnswer(msg.result)) {
      // The client's model answering a server's sampling request (known by its shape, whatever id it
      // answers): output leaving the agent, checked for leakage.
      const state = this.state();
      const why = reviewSamplingResult(this.o.enforcer, state, this.o.server, msg.result);
      if (state.decisions.length > 0) await this.record(state, why === undefined ? 'allowed' : 'blocked');
      if (why !== undefined)
        return { forward: { jsonrpc: '2.0', id, error: { code: -1, message: `[rampart] ${why}` } }, reply: undefined };
    }
    if (id === undefined || method === undefined) return { forward: msg, reply: undefined };
    const params = isObj(msg.params) ? msg.params : {};
    const use = USES[method];
    if (use === undefined) {
      const refused = method === 'completion/complete' ? this.uses.completionRefusal(c.session, params) : undefined;
      if (refused !== undefined) return this.refuse(id, method, refused.family, refused.item, refused.why);
      // A task's result is a tool result: checked, and asked about, as the tool that started it.
      const taskTool = method === 'tasks/result' ? this.taskTools.get(String(params.taskId)) : undefined;
      if (taskTool !== undefined) this.remember(key(c.scope, id), { method, tool: taskTool });
      else if (TRACKED.has(method))
        this.remember(key(c.scope, id), { method, ...(params.cursor === undefined ? {} : { cursor: true }) });
      return { forward: msg, reply: undefined };
    }
    const [family, field] = use;
    const name = typeof params[field] === 'string' ? (params[field] as string) : '';
    // A use of a withheld item is refused before anything else is asked (policy, rate limits).
    const known = this.uses.session(c.session).use(family, name);
    if (known.status === 'withheld')
      return this.refuse(id, method, family, name, `${known.item} is blocked: ${known.why}`);
    if (family !== 'tool') {
      const why = await this.uses.vouch(c.session, c.link, family, name);
      if (why !== undefined) return this.refuse(id, method, family, name, why);
      this.remember(key(c.scope, id), { method, name });
      return { forward: msg, reply: undefined };
    }
    const state = this.state();
    const r = await this.o.enforcer.reviewToolArgs(state, name, params.arguments ?? {}, 'mcp', this.o.server);
    if (!r.allowed) {
      await this.record(state, 'blocked');
      return { forward: undefined, reply: toolError(id, r.message) };
    }
    // Policy allows the call: now the definition must be one the proxy checked in this session.
    const why = await this.uses.vouch(c.session, c.link, family, name);
    if (why !== undefined) return this.refuse(id, method, family, name, why, state);
    this.remember(key(c.scope, id), { method, tool: name, state });
    // A redact policy rewrote leaked PII / secrets inside the argument strings: the server gets that copy.
    if (r.redactedArgs !== undefined)
      return { forward: { ...msg, params: { ...params, arguments: r.redactedArgs } }, reply: undefined };
    return { forward: msg, reply: undefined };
  }

  /**
   * The session ended (the client deleted it, or the server answered 404 for it): what its listings
   * showed is forgotten, so the view does not wait for the LRU and a reused id is listed again.
   */
  endSession(session: string): void {
    this.uses.forget(session);
  }

  /** Refuses a use: audited as a deny, answered with a JSON-RPC error that names the reason. */
  private async refuse(
    id: Id,
    method: string,
    family: ItemFamily,
    item: string,
    why: string,
    state = this.state(),
  ): Promise<Verdict> {
    state.decisions.push(syntheticDeny(method, family, item, why));
    await this.record(state, 'blocked');
    return { forward: undefined, reply: rpcError(id, why, REFUSED_CODE[family]) };
  }

  /**
   * Server -> client, for callers that cannot answer the server (tests): the message the client gets.
   * Transports use `fromServerVerdict`, which also says what to answer the server.
   */
  async fromServer(msg: Msg, context: string | MessageContext = ''): Promise<Msg | undefined> {
    return (await this.fromServerVerdict(msg, context)).forward;
  }

  /**
   * Server -> client. `forward` goes to the client; `reply` goes back to the server (a refused
   * sampling or elicitation request). Results are checked by their shape, not only by the request
   * they answer: a listing passes the listing check and content is scanned even when the answer
   * matches no pending request (an id reused, a resumed stream, an entry evicted), so a mismatch can
   * never let a result through unchecked.
   */
  async fromServerVerdict(msg: Msg, context: string | MessageContext = ''): Promise<Verdict> {
    const c = ctxOf(context);
    const id = msg.id as Id | undefined;
    if (typeof msg.method === 'string') {
      if (id === undefined) return { forward: await this.notification(msg, msg.method, c), reply: undefined };
      const read = SERVER_REQUESTS[msg.method];
      if (read === undefined) return { forward: msg, reply: undefined };
      const state = this.state();
      const why = this.content(state, read(isObj(msg.params) ? msg.params : {}), {
        what: `${msg.method} request from the server`,
        policyTool: msg.method,
        dryRun: true,
      });
      if (state.decisions.length > 0) await this.record(state, why === undefined ? 'allowed' : 'blocked');
      if (why === undefined) return { forward: msg, reply: undefined };
      // The client never sees it; the server learns it was refused, as when a user rejects it.
      return { forward: undefined, reply: { jsonrpc: '2.0', id, error: { code: -1, message: `[rampart] ${why}` } } };
    }
    if (id === undefined) return { forward: msg, reply: undefined };
    const k = key(c.scope, id);
    const p = this.pending.get(k);
    if (p !== undefined) this.pending.delete(k);
    if (!isObj(msg.result)) {
      if (p?.state) await this.record(p.state, 'error');
      return { forward: msg, reply: undefined };
    }
    let out = msg;
    let result = msg.result;
    // A task-augmented tools/call answers with the task; its result comes later through tasks/result.
    if (p?.tool !== undefined && isObj(result.task) && typeof result.task.taskId === 'string') {
      this.taskTools.set(result.task.taskId, p.tool);
      if (this.taskTools.size > MAX_PENDING) this.taskTools.delete(this.taskTools.keys().next().value as string);
    }
    for (const [field, kind] of LISTINGS) {
      if (!Array.isArray(result[field])) continue;
      out = await this.checkListing(out, result, field, kind, c, p);
      result = out.result as Msg;
    }
    // Every shape present is checked: a resources/read answer that also carries an empty `content`
    // must not have its `contents` skipped.
    if (Array.isArray(result.content) || result.structuredContent !== undefined) {
      out = await this.checkResult(out, result, p);
      if ((out.result as Msg).isError === true && out.result !== result) return { forward: out, reply: undefined };
    } else if (p?.state) await this.record(p.state, 'allowed');
    const checks: Array<[boolean, () => RoleText[], ContentSubject]> = [
      [
        Array.isArray(result.contents),
        () => resourceContentsTexts(result),
        { what: `resource ${p?.name ?? '(unknown)'}`, policyTool: 'resources/read', dryRun: true },
      ],
      [
        Array.isArray(result.messages),
        () => messagesTexts(result),
        { what: `prompt ${p?.name ?? '(unknown)'}`, policyTool: 'prompts/get', dryRun: true },
      ],
      [
        isObj(result.completion),
        () => completionTexts(result),
        { what: 'completion values', policyTool: 'completion/complete', dryRun: true },
      ],
    ];
    // A server's `instructions` (initialize) go into the client's system prompt: instructions by
    // design, checked like a prompt. Withheld, the field is removed and the session goes on.
    if (typeof result.instructions === 'string' && result.instructions !== '') {
      const state = this.state();
      const why = this.content(state, [{ text: result.instructions, role: 'user' }], {
        what: 'server instructions',
        policyTool: 'initialize',
        dryRun: true,
      });
      if (state.decisions.length > 0) await this.record(state, why === undefined ? 'allowed' : 'blocked');
      if (why !== undefined) {
        const { instructions: _, ...rest } = result;
        result = rest;
        out = { ...out, result };
      }
    }
    for (const [applies, texts, subject] of checks) {
      if (!applies) continue;
      const state = this.state();
      const why = this.content(state, texts(), subject);
      if (state.decisions.length > 0) await this.record(state, why === undefined ? 'allowed' : 'blocked');
      if (why !== undefined) return { forward: rpcError(id, why), reply: undefined };
    }
    // Task status messages (tasks/get, tasks/list, a task-augmented request's CreateTaskResult): a
    // withheld one is removed, the task itself goes on (its result is checked when it is fetched).
    const status = taskStatusTexts(result);
    if (status.length > 0) {
      const state = this.state();
      const why = this.content(state, status, { what: 'task status message', policyTool: 'tasks/get', dryRun: true });
      if (state.decisions.length > 0) await this.record(state, why === undefined ? 'allowed' : 'blocked');
      if (why !== undefined) out = { ...out, result: withoutTaskStatusMessages(result) };
    }
    return { forward: out, reply: undefined };
  }

  /**
   * A server notification: a list change makes the session list again before the next use; text a
   * client may show its user or model passes the content check, and a withheld notification is dropped.
   */
  private async notification(msg: Msg, method: string, c: Ctx): Promise<Msg | undefined> {
    const changed = LIST_CHANGED[method];
    if (changed !== undefined) {
      this.uses.session(c.session).changed(changed);
      return msg;
    }
    const read = NOTIFICATION_TEXTS[method];
    if (read === undefined) return msg;
    const texts = read(isObj(msg.params) ? msg.params : {});
    if (texts.length === 0) return msg;
    const state = this.state();
    const why = this.content(state, texts, { what: `${method} from the server`, policyTool: method, dryRun: true });
    if (state.decisions.length > 0) await this.record(state, why === undefined ? 'allowed' : 'blocked');
    return why === undefined ? msg : undefined;
  }

  private remember(k: string, entry: Pending): void {
    this.pending.set(k, entry);
    // Requests that are never answered must not grow the map without bound; an evicted entry only
    // loses the tool name (answers are still checked by shape).
    if (this.pending.size > MAX_PENDING) {
      const oldest = this.pending.keys().next().value;
      if (oldest !== undefined) this.pending.delete(oldest);
    }
  }

  private async checkListing(
    msg: Msg,
    result: Msg,
    field: string,
    kind: ListedKind,
    c: Ctx,
    p: Pending | undefined,
  ): Promise<Msg> {
    const state = this.state();
    const r = this.listing.reviewItems(state, kind, result[field] as unknown[]);
    // A whole listing: the answer to a request for the first page, with no page after it.
    const whole = p !== undefined && p.cursor !== true && (result.nextCursor === undefined || result.nextCursor === '');
    this.uses.session(c.session).record(kind, r.passed, r.withheld, whole);
    if (state.decisions.length > 0) await this.record(state, r.withheld.size > 0 ? 'blocked' : 'allowed');
    return { ...msg, result: { ...result, [field]: r.tools } };
  }

  private async checkResult(msg: Msg, result: Msg, p: Pending | undefined): Promise<Msg> {
    const tool = p?.tool ?? '(unknown tool)';
    const state = p?.state ?? this.state();
    const texts = resultTexts(result).map((text): RoleText => ({ text, role: 'tool-result' }));
    const blocked = this.content(state, texts, {
      what: `tool ${tool} result`,
      policyTool: tool,
      dryRun: false,
    });
    await this.record(state, blocked ? 'blocked' : 'allowed');
    if (blocked === undefined) return msg;
    return { ...msg, result: { content: [{ type: 'text', text: `[rampart] ${blocked}` }], isError: true } };
  }

  private content(state: RequestState, texts: RoleText[], subject: ContentSubject): string | undefined {
    return reviewContent(this.o.enforcer, state, this.o.server, texts, subject, (name, text) =>
      this.listing.checkInstructions(name, text),
    );
  }

  private state(): RequestState {
    return newRequestState(randomUUID(), this.o.identity, `mcp:${this.o.server}`, new AbortController().signal);
  }

  private async record(state: RequestState, outcome: AuditRecord['outcome']): Promise<void> {
    const rec: AuditRecord = {
      ts: new Date().toISOString(),
      requestId: state.requestId,
      keyId: state.identity.keyId || null,
      principal: state.identity.principal || null,
      team: state.identity.team ?? null,
      route: `mcp:${this.o.server}`,
      model: null,
      upstream: this.o.server,
      decisions: state.decisions,
      outcome,
      detections: state.detections,
      status: 0,
      latencyMs: 0,
      upstreamMs: null,
      tokens: { input: null, output: null },
      stream: false,
      contentSha256: null,
    };
    if (this.o.mode === 'enforce') await this.o.audit.append(rec);
    else this.o.audit.enqueue(rec);
  }
}

/** A sampling/createMessage result: the client's model output (`model`, `content`). */
function isSamplingAnswer(r: unknown): r is Msg {
  return isObj(r) && typeof r.model === 'string' && r.content !== undefined;
}

function key(scope: string, id: Id): string {
  return `${scope}\u0000${typeof id === 'number' ? `n${id}` : `s${id}`}`;
}

/** A refused request or a withheld answer that has no isError form (resources, prompts, completions). */
function rpcError(id: Id, message: string, code = -32603): Msg {
  return { jsonrpc: '2.0', id, error: { code, message: `[rampart] ${message}` } };
}

function toolError(id: Id, message: string): Msg {
  return { jsonrpc: '2.0', id, result: { content: [{ type: 'text', text: `[rampart] ${message}` }], isError: true } };
}

/** The refusal of a use of an item (a tool call, a prompt, a resource) the listings do not vouch for. */
function syntheticDeny(
  method: string,
  family: ItemFamily,
  item: string,
  why: string,
): RequestState['decisions'][number] {
  const tool = method === 'tools/call';
  return {
    stage: 'mcp',
    action: tool ? 'call-tool' : 'list-tools',
    resource: tool ? item : `${family} ${item}`,
    id: randomUUID(),
    effect: 'deny',
    mode: 'enforce',
    policyRevision: 'mcp-listing',
    reasons: [`${method} of ${family} ${item}: ${why}`],
  };
}
