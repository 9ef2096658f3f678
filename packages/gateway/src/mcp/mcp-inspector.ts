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
// resources/templates/list answers pass the listing check; withheld prompts and resources are
// refused when the client asks for them.
import { randomUUID } from 'node:crypto';
import type { Enforcer, RequestState } from '../enforcer.js';
import { newRequestState } from '../enforcer.js';
import type { AuditRecord, AuditSink, Identity } from '../ports.js';
import {
  completionTexts,
  elicitationTexts,
  messagesTexts,
  type RoleText,
  resourceContentsTexts,
  resultTexts,
} from './mcp-content.js';
import { type ContentSubject, reviewContent } from './mcp-content-review.js';
import { type ListedKind, ListingReview, type McpLock } from './mcp-listing-review.js';
import type { ToolOverrides } from './mcp-overrides.js';
import { reviewSamplingResult } from './mcp-sampling-result.js';

export type { McpLock };
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
  state?: RequestState;
}
const MAX_PENDING = 10_000;
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
  /**
   * Items removed from listings, and why, by kind (tool and prompt names, resource URIs): uses of
   * them are refused even if the client remembers them.
   */
  private readonly blocked: Record<ListedKind, Map<string, string>> = {
    tool: new Map(),
    prompt: new Map(),
    resource: new Map(),
    'resource template': new Map(),
  };
  private readonly listing: ListingReview;

  constructor(private readonly o: McpInspectorOptions) {
    this.listing = new ListingReview({
      server: o.server,
      enforcer: o.enforcer,
      mode: o.mode,
      ...(o.lock === undefined ? {} : { lock: o.lock }),
      ...(o.overrides === undefined ? {} : { overrides: o.overrides }),
    });
  }

  /**
   * Client -> server. `scope` keeps request ids of different sessions (or exchanges) apart: two
   * clients both numbering from 1 must not answer each other's pending entries.
   */
  async fromClient(msg: Msg, scope = ''): Promise<Verdict> {
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
    if (TRACKED.has(method)) {
      const item = method === 'prompts/get' ? 'prompt' : method === 'resources/read' ? 'resource' : undefined;
      const name = item === 'prompt' ? params.name : item === 'resource' ? params.uri : undefined;
      const blocked = item === undefined || typeof name !== 'string' ? undefined : this.blocked[item].get(name);
      if (item !== undefined && blocked !== undefined) {
        const state = this.state();
        state.decisions.push(
          syntheticDeny(method, `${item} ${name as string}`, `withheld from the listing: ${blocked}`),
        );
        await this.record(state, 'blocked');
        return { forward: undefined, reply: rpcError(id, `${item} ${name as string} is blocked: ${blocked}`) };
      }
      this.remember(key(scope, id), { method, ...(typeof name === 'string' ? { name } : {}) });
      return { forward: msg, reply: undefined };
    }
    if (method !== 'tools/call') return { forward: msg, reply: undefined };
    const name = typeof params.name === 'string' ? params.name : '';
    const state = this.state();
    const blocked = this.blocked.tool.get(name);
    if (blocked !== undefined) {
      state.decisions.push(syntheticDeny('call-tool', name, `withheld from the tool listing: ${blocked}`));
      await this.record(state, 'blocked');
      return { forward: undefined, reply: toolError(id, `tool ${name} is blocked: ${blocked}`) };
    }
    const r = await this.o.enforcer.reviewToolArgs(state, name, params.arguments ?? {}, 'mcp', this.o.server);
    if (!r.allowed) {
      await this.record(state, 'blocked');
      return { forward: undefined, reply: toolError(id, r.message) };
    }
    this.remember(key(scope, id), { method, tool: name, state });
    // A redact policy rewrote leaked PII / secrets inside the argument strings: the server gets that copy.
    if (r.redactedArgs !== undefined)
      return { forward: { ...msg, params: { ...params, arguments: r.redactedArgs } }, reply: undefined };
    return { forward: msg, reply: undefined };
  }

  /**
   * Server -> client, for callers that cannot answer the server (tests): the message the client gets.
   * Transports use `fromServerVerdict`, which also says what to answer the server.
   */
  async fromServer(msg: Msg, scope = ''): Promise<Msg | undefined> {
    return (await this.fromServerVerdict(msg, scope)).forward;
  }

  /**
   * Server -> client. `forward` goes to the client; `reply` goes back to the server (a refused
   * sampling or elicitation request). Results are checked by their shape, not only by the request
   * they answer: a listing passes the listing check and content is scanned even when the answer
   * matches no pending request (an id reused, a resumed stream, an entry evicted), so a mismatch can
   * never let a result through unchecked.
   */
  async fromServerVerdict(msg: Msg, scope = ''): Promise<Verdict> {
    const id = msg.id as Id | undefined;
    if (typeof msg.method === 'string') {
      const read = SERVER_REQUESTS[msg.method];
      if (id === undefined || read === undefined) return { forward: msg, reply: undefined };
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
    const k = key(scope, id);
    const p = this.pending.get(k);
    if (p !== undefined) this.pending.delete(k);
    if (!isObj(msg.result)) {
      if (p?.state) await this.record(p.state, 'error');
      return { forward: msg, reply: undefined };
    }
    let out = msg;
    let result = msg.result;
    for (const [field, kind] of LISTINGS) {
      if (!Array.isArray(result[field])) continue;
      out = await this.checkListing(out, result, field, kind);
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
    return { forward: out, reply: undefined };
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

  private async checkListing(msg: Msg, result: Msg, field: string, kind: ListedKind): Promise<Msg> {
    const state = this.state();
    const r = this.listing.reviewItems(state, kind, result[field] as unknown[]);
    const blocked = this.blocked[kind];
    for (const n of r.passed) blocked.delete(n);
    for (const [n, why] of r.withheld) blocked.set(n, why);
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
function rpcError(id: Id, message: string): Msg {
  return { jsonrpc: '2.0', id, error: { code: -32603, message: `[rampart] ${message}` } };
}

function toolError(id: Id, message: string): Msg {
  return { jsonrpc: '2.0', id, result: { content: [{ type: 'text', text: `[rampart] ${message}` }], isError: true } };
}

/** The refusal of a use of an item (a tool call, a prompt, a resource) that was withheld from the listing. */
function syntheticDeny(what: string, item: string, why: string): RequestState['decisions'][number] {
  const tool = what === 'call-tool';
  return {
    stage: 'mcp',
    action: tool ? 'call-tool' : 'list-tools',
    resource: item,
    id: randomUUID(),
    effect: 'deny',
    mode: 'enforce',
    policyRevision: 'mcp-listing',
    reasons: [tool ? `tool ${item}: ${why}` : `${what} ${item}: ${why}`],
  };
}
