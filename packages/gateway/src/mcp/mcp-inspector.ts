// Policy for MCP traffic, transport-agnostic: every tools/list answer passes the tool-definition
// check shared with `rampart scan` and, when the server is pinned, the lockfile (mcp-listing-review.ts:
// poisoned, uncheckable, changed or unpinned tools are removed), tools/call requests go
// through allow/deny, argument constraints, rate limits and approvals plus the output leakage checks
// on their arguments (tool-args-leak.ts: an agent steered by an injection can exfiltrate through a
// call), and every text the server hands the agent is scanned for indirect injection and leakage
// before the model (or its user) sees it (mcp-content-review.ts): tool results, resources/read
// contents, prompts/get messages, completion values (mcp-result-review.ts), and the messages of the
// server's own sampling/createMessage and elicitation/create requests (a refused server request is
// answered to the server with an error and never reaches the client). prompts/list, resources/list
// and resources/templates/list answers pass the listing check.
//
// Uses of listed items (tools/call, prompts/get, resources/read, completions) pass only when a
// listing of their session vouches for them (mcp-item-uses.ts): withheld ones are refused with a
// JSON-RPC error naming the reason; when the client never listed, or the server sent
// notifications/*/list_changed since, the proxy lists the server itself first (fail closed).
//
// Server notifications whose text a client may show its user or hand its model (log messages,
// progress and task status messages, cancellation reasons) and task status messages in results pass
// the same content check as tool results (mcp-notification-review.ts); a withheld notification is
// dropped, a withheld task status message removed.
import { randomUUID } from 'node:crypto';
import type { Enforcer, RequestState } from '../enforcer.js';
import type { AuditSink, Identity } from '../ports.js';
import { reviewToolArgs } from '../tool-call-review.js';
import { elicitationTexts, messagesTexts, type RoleText, resultTexts } from './mcp-content.js';
import { ItemUses, REFUSED_CODE, USES } from './mcp-item-uses.js';
import type { ItemFamily } from './mcp-listed-items.js';
import { ListingReview, type McpLock } from './mcp-listing-review.js';
import { reviewNotification } from './mcp-notification-review.js';
import type { ToolOverrides } from './mcp-overrides.js';
import { type PendingRequest, ResultReview } from './mcp-result-review.js';
import { ReviewSteps } from './mcp-review-steps.js';
import { type Id, rpcError, toolError } from './mcp-rpc-errors.js';
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
  private readonly pending = new Map<string, PendingRequest>();
  /** What each session's listings showed, and whether they vouch for a use (mcp-item-uses.ts). */
  private readonly uses: ItemUses;
  private readonly listing: ListingReview;
  private readonly steps: ReviewSteps;
  private readonly results: ResultReview;
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
    this.steps = new ReviewSteps({ ...o, listing: this.listing });
    this.uses = new ItemUses({
      mode: o.mode,
      listing: this.listing,
      newState: () => this.steps.state(),
      record: (state, outcome) => this.steps.record(state, outcome),
    });
    this.results = new ResultReview({ steps: this.steps, listing: this.listing, uses: this.uses });
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
      const state = this.steps.state();
      const why = reviewSamplingResult(this.o.enforcer, state, this.o.server, msg.result);
      if (state.decisions.length > 0) await this.steps.record(state, why === undefined ? 'allowed' : 'blocked');
      if (why !== undefined)
        return { forward: { jsonrpc: '2.0', id, error: { code: -1, message: `[rampart] ${why}` } }, reply: undefined };
    }
    if (id === undefined || method === undefined) return { forward: msg, reply: undefined };
    const params = isObj(msg.params) ? msg.params : {};
    // Own keys only: a method named "constructor" or "__proto__" must not find Object.prototype.
    const use = Object.hasOwn(USES, method) ? USES[method] : undefined;
    if (use === undefined) {
      const refused = method === 'completion/complete' ? this.uses.completionRefusal(c.session, params) : undefined;
      if (refused !== undefined) return this.refuse(id, method, refused.family, refused.item, refused.why);
      // A task's result is a tool result: checked, and asked about, as the tool that started it.
      // Primitives only: String() of an object whose own toString is not a function throws.
      const tid = params.taskId;
      const taskTool =
        method === 'tasks/result' && (typeof tid === 'string' || typeof tid === 'number')
          ? this.taskTools.get(String(tid))
          : undefined;
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
    const state = this.steps.state();
    const r = await reviewToolArgs(this.o.enforcer, state, name, params.arguments ?? {}, 'mcp', this.o.server);
    if (!r.allowed) {
      await this.steps.record(state, 'blocked');
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

  /** A list_changed the proxy got itself (on its own listing's stream, which no client reads): applied. */
  listChanged(session: string, method: string): boolean {
    return this.uses.listChanged(session, method);
  }

  /** Refuses a use: audited as a deny, answered with a JSON-RPC error that names the reason. */
  private async refuse(
    id: Id,
    method: string,
    family: ItemFamily,
    item: string,
    why: string,
    state = this.steps.state(),
  ): Promise<Verdict> {
    state.decisions.push(syntheticDeny(method, family, item, why));
    await this.steps.record(state, 'blocked');
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
      if (id === undefined)
        return {
          forward: await reviewNotification(this.steps, this.uses, msg, msg.method, c.session),
          reply: undefined,
        };
      const read = Object.hasOwn(SERVER_REQUESTS, msg.method) ? SERVER_REQUESTS[msg.method] : undefined;
      if (read === undefined) return { forward: msg, reply: undefined };
      const why = await this.steps.texts(read(isObj(msg.params) ? msg.params : {}), {
        what: `${msg.method} request from the server`,
        policyTool: msg.method,
        dryRun: true,
      });
      if (why === undefined) return { forward: msg, reply: undefined };
      // The client never sees it; the server learns it was refused, as when a user rejects it.
      return { forward: undefined, reply: { jsonrpc: '2.0', id, error: { code: -1, message: `[rampart] ${why}` } } };
    }
    if (id === undefined) return { forward: msg, reply: undefined };
    const k = key(c.scope, id);
    const p = this.pending.get(k);
    if (p !== undefined) this.pending.delete(k);
    if (!isObj(msg.result)) {
      if (p?.state) await this.steps.record(p.state, 'error');
      return { forward: msg, reply: undefined };
    }
    // A task-augmented tools/call answers with the task; its result comes later through tasks/result.
    const task = msg.result.task;
    if (p?.tool !== undefined && isObj(task) && typeof task.taskId === 'string') {
      this.taskTools.set(task.taskId, p.tool);
      if (this.taskTools.size > MAX_PENDING) this.taskTools.delete(this.taskTools.keys().next().value as string);
    }
    return { forward: await this.results.review(msg, id, c.session, p), reply: undefined };
  }

  private remember(k: string, entry: PendingRequest): void {
    this.pending.set(k, entry);
    // Requests that are never answered must not grow the map without bound; an evicted entry only
    // loses the tool name (answers are still checked by shape).
    if (this.pending.size > MAX_PENDING) {
      const oldest = this.pending.keys().next().value;
      if (oldest !== undefined) this.pending.delete(oldest);
    }
  }
}

/** A sampling/createMessage result: the client's model output (`model`, `content`). */
function isSamplingAnswer(r: unknown): r is Msg {
  return isObj(r) && typeof r.model === 'string' && r.content !== undefined;
}

function key(scope: string, id: Id): string {
  // An id that is neither (invalid JSON-RPC, e.g. an object whose `toString` is a string) must not
  // be coerced with String(): that throws.
  const k = typeof id === 'number' ? `n${id}` : typeof id === 'string' ? `s${id}` : `j${JSON.stringify(id)}`;
  return `${scope}\u0000${k}`;
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
