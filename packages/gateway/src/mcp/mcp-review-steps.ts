// What every review step of the MCP proxy shares: a request state of its own for each reviewed
// message (a fresh id, the proxy's identity, route `mcp:<server>`), its audit record (written before
// the message moves on in enforce mode, queued in monitor mode), and the content check of text the
// server hands the agent (mcp-content-review.ts, with the listing's tool-definition check for
// instruction text).
import { randomUUID } from 'node:crypto';
import type { Enforcer, RequestState } from '../enforcer.js';
import { newRequestState } from '../enforcer.js';
import type { AuditRecord, AuditSink, Identity } from '../ports.js';
import type { RoleText } from './mcp-content.js';
import { type ContentSubject, reviewContent } from './mcp-content-review.js';
import type { ListingReview } from './mcp-listing-review.js';

export interface ReviewStepsOptions {
  server: string;
  identity: Identity;
  enforcer: Enforcer;
  audit: AuditSink;
  mode: 'enforce' | 'monitor';
  listing: ListingReview;
}

export class ReviewSteps {
  constructor(private readonly o: ReviewStepsOptions) {}

  /** Why `texts` must be withheld (decisions go to `state`), or undefined. */
  content(state: RequestState, texts: RoleText[], subject: ContentSubject): string | undefined {
    return reviewContent(this.o.enforcer, state, this.o.server, texts, subject, (name, text) =>
      this.o.listing.checkInstructions(name, text),
    );
  }

  /** `texts` checked in a request state of their own, audited when a check decided anything: why withheld. */
  async texts(texts: RoleText[], subject: ContentSubject): Promise<string | undefined> {
    const state = this.state();
    const why = this.content(state, texts, subject);
    if (state.decisions.length > 0) await this.record(state, why === undefined ? 'allowed' : 'blocked');
    return why;
  }

  state(): RequestState {
    return newRequestState(randomUUID(), this.o.identity, `mcp:${this.o.server}`, new AbortController().signal);
  }

  async record(state: RequestState, outcome: AuditRecord['outcome']): Promise<void> {
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
