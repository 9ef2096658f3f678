// The MCP proxy's review of a result the server sends the client, by its shape, not only by the
// request it answers: a listing passes the listing check and content is scanned even when the
// answer matches no pending request (an id reused, a resumed stream, an entry evicted), so a
// mismatch can never let a result through unchecked. Every shape present is checked:
// - listings (tools, prompts, resources, resource templates): withheld items removed, the outcome
//   recorded for the session's later uses (mcp-item-uses.ts);
// - tool results (`content`, `structuredContent`): a withheld one becomes an `isError` result;
// - resources/read contents, prompts/get messages, completion values: a withheld one becomes a
//   JSON-RPC error (they have no isError form);
// - the server's `instructions` (initialize), which go into the client's system prompt: checked like
//   a prompt; withheld, the field is removed and the session goes on;
// - task status messages (mcp-notification-review.ts).
import type { RequestState } from '../enforcer.js';
import { completionTexts, messagesTexts, type RoleText, resourceContentsTexts, resultTexts } from './mcp-content.js';
import type { ContentSubject } from './mcp-content-review.js';
import type { ItemUses } from './mcp-item-uses.js';
import type { ListedKind, ListingReview } from './mcp-listing-review.js';
import { reviewTaskStatus } from './mcp-notification-review.js';
import type { ReviewSteps } from './mcp-review-steps.js';
import { type Id, rpcError } from './mcp-rpc-errors.js';

type Msg = Record<string, unknown>;
const isObj = (v: unknown): v is Msg => v !== null && typeof v === 'object' && !Array.isArray(v);

/** A client request waiting for its answer (listings, calls, reads), as its answer's review needs it. */
export interface PendingRequest {
  method: string;
  /** The tool called. */
  tool?: string;
  /** The prompt name or resource URI asked for. */
  name?: string;
  /** A listing request that asked for a later page (its answer is not a whole listing). */
  cursor?: boolean;
  state?: RequestState;
}

/** Listing answers by the field that holds their items. */
const LISTINGS: ReadonlyArray<readonly [string, ListedKind]> = [
  ['tools', 'tool'],
  ['prompts', 'prompt'],
  ['resources', 'resource'],
  ['resourceTemplates', 'resource template'],
];

export interface ResultReviewOptions {
  steps: ReviewSteps;
  listing: ListingReview;
  uses: ItemUses;
}

export class ResultReview {
  constructor(private readonly o: ResultReviewOptions) {}

  /**
   * The message the client gets for `msg`, an answer to `id` in `session` whose `result` is an object
   * (`p` is the request it answers, when known).
   */
  async review(msg: Msg, id: Id, session: string, p: PendingRequest | undefined): Promise<Msg> {
    let out = msg;
    let result = msg.result as Msg;
    for (const [field, kind] of LISTINGS) {
      if (!Array.isArray(result[field])) continue;
      out = await this.checkListing(out, result, field, kind, session, p);
      result = out.result as Msg;
    }
    // Every shape present is checked: a resources/read answer that also carries an empty `content`
    // must not have its `contents` skipped. A field that is not a list (`content`, `contents`,
    // `messages`) is malformed, but a lenient client may still show it: checked too.
    if ((result.content !== undefined && result.content !== null) || result.structuredContent !== undefined) {
      out = await this.checkResult(out, result, p);
      if ((out.result as Msg).isError === true && out.result !== result) return out;
    } else if (p?.state) await this.o.steps.record(p.state, 'allowed');
    const checks: Array<[boolean, () => RoleText[], ContentSubject]> = [
      [
        Object.hasOwn(result, 'contents'),
        () => resourceContentsTexts(result),
        { what: `resource ${p?.name ?? '(unknown)'}`, policyTool: 'resources/read', dryRun: true },
      ],
      [
        Object.hasOwn(result, 'messages'),
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
      const why = await this.o.steps.texts([{ text: result.instructions, role: 'user' }], {
        what: 'server instructions',
        policyTool: 'initialize',
        dryRun: true,
      });
      if (why !== undefined) {
        const { instructions: _, ...rest } = result;
        result = rest;
        out = { ...out, result };
      }
    }
    for (const [applies, texts, subject] of checks) {
      if (!applies) continue;
      const why = await this.o.steps.texts(texts(), subject);
      if (why !== undefined) return rpcError(id, why);
    }
    // Task status messages (tasks/get, tasks/list, a task-augmented request's CreateTaskResult): a
    // withheld one is removed, the task itself goes on (its result is checked when it is fetched).
    const reviewed = await reviewTaskStatus(this.o.steps, result);
    return reviewed === result ? out : { ...out, result: reviewed };
  }

  private async checkListing(
    msg: Msg,
    result: Msg,
    field: string,
    kind: ListedKind,
    session: string,
    p: PendingRequest | undefined,
  ): Promise<Msg> {
    const state = this.o.steps.state();
    const r = this.o.listing.reviewItems(state, kind, result[field] as unknown[]);
    // A whole listing: the answer to a request for the first page, with no page after it.
    const whole = p !== undefined && p.cursor !== true && (result.nextCursor === undefined || result.nextCursor === '');
    this.o.uses.session(session).record(kind, r.passed, r.withheld, whole);
    if (state.decisions.length > 0) await this.o.steps.record(state, r.withheld.size > 0 ? 'blocked' : 'allowed');
    return { ...msg, result: { ...result, [field]: r.tools } };
  }

  private async checkResult(msg: Msg, result: Msg, p: PendingRequest | undefined): Promise<Msg> {
    const tool = p?.tool ?? '(unknown tool)';
    const state = p?.state ?? this.o.steps.state();
    const texts = resultTexts(result).map((text): RoleText => ({ text, role: 'tool-result' }));
    const blocked = this.o.steps.content(state, texts, {
      what: `tool ${tool} result`,
      policyTool: tool,
      dryRun: false,
    });
    await this.o.steps.record(state, blocked ? 'blocked' : 'allowed');
    if (blocked === undefined) return msg;
    return { ...msg, result: { content: [{ type: 'text', text: `[rampart] ${blocked}` }], isError: true } };
  }
}
