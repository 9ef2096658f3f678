// Policy for MCP traffic, transport-agnostic: every tools/list answer passes the tool-definition
// check shared with `rampart scan` and, when the server is pinned, the lockfile (mcp-listing-review.ts:
// poisoned, uncheckable, changed or unpinned tools are removed), tools/call requests go
// through allow/deny, argument constraints, rate limits and approvals plus the output leakage checks
// on their arguments (tool-args-leak.ts: an agent steered by an injection can exfiltrate through a
// call), and tool results are scanned for indirect injection and leakage before the model sees them.
import { randomUUID } from 'node:crypto';
import type { Enforcer, RequestState } from '../enforcer.js';
import { newRequestState } from '../enforcer.js';
import type { AuditRecord, AuditSink, Identity } from '../ports.js';
import { ListingReview, type McpLock } from './mcp-listing-review.js';

export type { McpLock };

export interface McpInspectorOptions {
  server: string;
  identity: Identity;
  enforcer: Enforcer;
  audit: AuditSink;
  /** Pinned tools for this server; undefined = no pin (definitions are still checked). */
  lock?: McpLock;
  mode: 'enforce' | 'monitor';
}

type Msg = Record<string, unknown>;
type Id = string | number;
const MAX_PENDING = 10_000;
const isObj = (v: unknown): v is Msg => v !== null && typeof v === 'object' && !Array.isArray(v);

/** What to do with one message: forward it (possibly rewritten) and/or answer the sender directly. */
export interface Verdict {
  forward: Msg | undefined;
  reply: Msg | undefined;
}

export class McpInspector {
  /** Request ids the client sent for tools/list and tools/call, to recognise their answers. */
  private readonly pending = new Map<string, { method: string; tool?: string; state?: RequestState }>();
  /** Tools removed from listings, and why: calls to them are refused even if the client remembers them. */
  private readonly blockedTools = new Map<string, string>();
  private readonly listing: ListingReview;

  constructor(private readonly o: McpInspectorOptions) {
    this.listing = new ListingReview({
      server: o.server,
      enforcer: o.enforcer,
      mode: o.mode,
      ...(o.lock === undefined ? {} : { lock: o.lock }),
    });
  }

  /**
   * Client -> server. `scope` keeps request ids of different sessions (or exchanges) apart: two
   * clients both numbering from 1 must not answer each other's pending entries.
   */
  async fromClient(msg: Msg, scope = ''): Promise<Verdict> {
    const id = msg.id as Id | undefined;
    const method = typeof msg.method === 'string' ? msg.method : undefined;
    if (id === undefined || method === undefined) return { forward: msg, reply: undefined };
    if (method === 'tools/list') {
      this.remember(key(scope, id), { method });
      return { forward: msg, reply: undefined };
    }
    if (method !== 'tools/call') return { forward: msg, reply: undefined };
    const params = isObj(msg.params) ? msg.params : {};
    const name = typeof params.name === 'string' ? params.name : '';
    const state = this.state();
    const blocked = this.blockedTools.get(name);
    if (blocked !== undefined) {
      state.decisions.push(syntheticDeny(name, `withheld from the tool listing: ${blocked}`));
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
   * Server -> client. Notifications and server requests pass. Results are checked by their shape,
   * not only by the request they answer: a tool listing is compared with the lock and tool content
   * is scanned even when the answer matches no pending request (an id reused, a resumed stream, an
   * entry evicted), so a mismatch can never let a result through unchecked.
   */
  async fromServer(msg: Msg, scope = ''): Promise<Msg | undefined> {
    const id = msg.id as Id | undefined;
    if (id === undefined || msg.method !== undefined) return msg;
    const k = key(scope, id);
    const p = this.pending.get(k);
    if (p !== undefined) this.pending.delete(k);
    if (!isObj(msg.result)) {
      if (p?.state) await this.record(p.state, 'error');
      return msg;
    }
    let out = msg;
    let result = msg.result;
    if (Array.isArray(result.tools)) {
      out = await this.checkListing(out, result);
      result = out.result as Msg;
    }
    if (Array.isArray(result.content) || result.structuredContent !== undefined)
      return this.checkResult(out, result, p?.tool ?? '(unknown tool)', p?.state ?? this.state());
    if (p?.state) await this.record(p.state, 'allowed');
    return out;
  }

  private remember(k: string, entry: { method: string; tool?: string; state?: RequestState }): void {
    this.pending.set(k, entry);
    // Requests that are never answered must not grow the map without bound; an evicted entry only
    // loses the tool name (answers are still checked by shape).
    if (this.pending.size > MAX_PENDING) {
      const oldest = this.pending.keys().next().value;
      if (oldest !== undefined) this.pending.delete(oldest);
    }
  }

  private async checkListing(msg: Msg, result: Msg): Promise<Msg> {
    if (!Array.isArray(result.tools)) return msg;
    const state = this.state();
    const r = this.listing.review(state, result.tools);
    for (const n of r.passed) this.blockedTools.delete(n);
    for (const [n, why] of r.withheld) this.blockedTools.set(n, why);
    if (state.decisions.length > 0) await this.record(state, r.withheld.size > 0 ? 'blocked' : 'allowed');
    return { ...msg, result: { ...result, tools: r.tools } };
  }

  private async checkResult(msg: Msg, result: Msg, tool: string, state: RequestState): Promise<Msg> {
    const texts = resultTexts(result);
    const enforcer = this.o.enforcer;
    let blocked: string | undefined;
    for (const text of texts) {
      let r: ReturnType<typeof enforcer.checks.check>;
      let failed = false;
      try {
        r = enforcer.checks.check(text, 'tool-result');
        failed = (r.errors.length > 0 || r.timedOut) && enforcer.config.checks.input.onError === 'deny';
      } catch {
        r = { flagged: true, detections: [], errors: [], timedOut: false, elapsedMs: 0 };
        failed = enforcer.config.checks.input.onError === 'deny';
      }
      const flagged = r.detections.filter((d) => d.flagged);
      if (flagged.length === 0 && !failed) continue;
      for (const d of flagged)
        state.detections.push({ type: d.type, detector: d.detector, score: d.score, flagged: true });
      const v = enforcer.decideToolCall(
        state,
        tool,
        {
          route: `mcp:${this.o.server}`,
          detections: flagged.map((d) => ({ type: d.type, score: d.score, flagged: true, role: 'tool-result' })),
          checkFailed: failed,
          server: this.o.server,
        },
        'mcp',
      );
      // Injection in a tool result is blocked whatever the per-tool rule says: that is the attack.
      const injection = flagged.some((d) => d.type === 'prompt-injection' || d.type === 'jailbreak');
      if (enforcer.config.mode === 'enforce' && (v.enforced || injection) && v.decision.effect !== 'redact') {
        blocked = `tool ${tool} result withheld by Rampart: ${flagged.map((d) => d.type).join(', ') || 'check failed'}`;
        break;
      }
    }
    await this.record(state, blocked ? 'blocked' : 'allowed');
    if (blocked === undefined) return msg;
    return { ...msg, result: { content: [{ type: 'text', text: `[rampart] ${blocked}` }], isError: true } };
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

/** Bound on the strings read from one result's content (past it, the rest is read as one JSON text). */
const MAX_CONTENT_TEXTS = 1024;

/**
 * The text a tool result gives the model: text blocks, embedded text resources, resource links'
 * names and descriptions, structured content, and every string of a content type not known here
 * (read, not skipped). Images, audio and blob resources are not text and are not read.
 */
export function resultTexts(result: Msg): string[] {
  const texts: string[] = [];
  const content = Array.isArray(result.content) ? result.content : [];
  for (const c of content) {
    if (texts.length >= MAX_CONTENT_TEXTS) {
      texts.push(JSON.stringify(content));
      break;
    }
    if (!isObj(c)) continue;
    if (c.type === 'text') {
      if (typeof c.text === 'string') texts.push(c.text);
    } else if (c.type === 'resource') {
      const r = isObj(c.resource) ? c.resource : {};
      if (typeof r.text === 'string') texts.push(r.text);
    } else if (c.type === 'resource_link') {
      for (const k of ['name', 'title', 'description'])
        if (typeof c[k] === 'string' && c[k] !== '') texts.push(c[k] as string);
    } else if (c.type !== 'image' && c.type !== 'audio') {
      texts.push(JSON.stringify(c));
    }
  }
  if (result.structuredContent !== undefined) texts.push(JSON.stringify(result.structuredContent));
  return texts;
}

function key(scope: string, id: Id): string {
  return `${scope}\u0000${typeof id === 'number' ? `n${id}` : `s${id}`}`;
}

function toolError(id: Id, message: string): Msg {
  return { jsonrpc: '2.0', id, result: { content: [{ type: 'text', text: `[rampart] ${message}` }], isError: true } };
}

/** The refusal of a call to a tool that was withheld from the listing. */
function syntheticDeny(tool: string, why: string): RequestState['decisions'][number] {
  return {
    stage: 'mcp',
    action: 'call-tool',
    resource: tool,
    id: randomUUID(),
    effect: 'deny',
    mode: 'enforce',
    policyRevision: 'mcp-listing',
    reasons: [`tool ${tool}: ${why}`],
  };
}
