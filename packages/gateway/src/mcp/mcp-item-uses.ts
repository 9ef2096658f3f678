// Whether the MCP proxy lets a client use a listed item (tools/call, prompts/get, resources/read, a
// completion for a prompt or template): only when a listing of this session vouches for it. The
// listings' outcome is kept per session (mcp-listed-items.ts). A use of an item withheld from a
// listing is refused with the reason. When no whole listing vouches for the item (the client never
// listed, or the server said its list changed since), the proxy lists the server itself, every page,
// over the transport's ServerLink (answers never reach the client), checks that listing like a
// client's (ListingReview, audited), then decides; without a link, or when the listing fails, the use
// is refused: fail closed. A tool or prompt missing from a whole listing is refused too (hidden, never
// checked); a resource URI missing from one is read (servers serve URIs that no listing names, and
// resource contents pass the content check) unless it falls under a withheld template.
// Monitor mode refuses nothing (and lists nothing of its own).
import type { RequestState } from '../enforcer.js';
import type { AuditRecord } from '../ports.js';
import {
  FAMILY_LISTINGS,
  FAMILY_OF,
  type ItemFamily,
  LIST_CHANGED,
  ListedItems,
  type SessionItems,
} from './mcp-listed-items.js';
import type { ListedKind, ListingReview } from './mcp-listing-review.js';
import { type ServerLink, ServerRpcError } from './mcp-server-link.js';

type Msg = Record<string, unknown>;
const isObj = (v: unknown): v is Msg => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Client requests that use a listed item, the family it belongs to, and the param that names it. */
export const USES: Record<string, readonly [ItemFamily, string]> = {
  'tools/call': ['tool', 'name'],
  'prompts/get': ['prompt', 'name'],
  'resources/read': ['resource', 'uri'],
};

/** JSON-RPC codes for a refused use, as the spec answers an unknown tool or prompt, or a missing resource. */
export const REFUSED_CODE: Record<ItemFamily, number> = { tool: -32602, prompt: -32602, resource: -32002 };

/** Pages, and items in all, the proxy's own listing reads before it gives up (and refuses the use). */
const MAX_PAGES = 100;
const MAX_ITEMS = 20_000;

export interface ItemUsesOptions {
  mode: 'enforce' | 'monitor';
  listing: ListingReview;
  newState(): RequestState;
  record(state: RequestState, outcome: AuditRecord['outcome']): Promise<void>;
}

export class ItemUses {
  private readonly items = new ListedItems();
  /** The proxy's own listings under way, by session and family: concurrent uses share one. */
  private readonly walks = new Map<string, Promise<string | undefined>>();

  constructor(private readonly o: ItemUsesOptions) {}

  /** The view of one session's listings (created on first use). */
  session(id: string): SessionItems {
    return this.items.session(id);
  }

  /** The session ended: what its listings showed is dropped (a reused id is listed again). */
  forget(id: string): void {
    this.items.forget(id);
  }

  /** A list_changed notification for the session: its family is listed again before its next use. */
  listChanged(session: string, method: string): boolean {
    const family = Object.hasOwn(LIST_CHANGED, method) ? LIST_CHANGED[method] : undefined;
    if (family !== undefined) this.items.session(session).changed(family);
    return family !== undefined;
  }

  /**
   * Why a use of `key` must be refused, by what the session's listings say, or undefined. When they
   * cannot say, the proxy lists the server itself first (through `link`).
   */
  async vouch(
    session: string,
    link: ServerLink | undefined,
    family: ItemFamily,
    key: string,
  ): Promise<string | undefined> {
    if (this.o.mode !== 'enforce') return undefined;
    const view = this.items.session(session);
    let u = view.use(family, key);
    const noun = family === 'resource' ? 'resources and resource templates' : `${family}s`;
    if (u.status === 'unknown') {
      if (link === undefined)
        return `${family} ${key} was not listed in this session and the proxy cannot list the server's ${noun} itself (fail closed)`;
      const failed = await this.walk(session, link, family);
      if (failed !== undefined)
        return `${family} ${key} could not be checked: listing the server's ${noun} failed (fail closed): ${failed}`;
      u = this.items.session(session).use(family, key);
    }
    if (u.status === 'withheld') return `${u.item} is blocked: ${u.why}`;
    // Still unknown after a whole listing: the list changed again meanwhile. Refused, as unchecked.
    if (u.status === 'unknown')
      return `${family} ${key} could not be checked: the server's list changed while it was listed`;
    if (u.status === 'unlisted' && family !== 'resource')
      return `${family} ${key} is not in the server's ${family} listing, so its definition was never checked`;
    return undefined;
  }

  /**
   * A completion/complete for a withheld prompt or template (or resource) is a use of it: the item
   * and why it is refused, or undefined. Only what was withheld is refused (a completion is not
   * worth a listing of its own).
   */
  completionRefusal(session: string, params: Msg): { family: ItemFamily; item: string; why: string } | undefined {
    const ref = isObj(params.ref) ? params.ref : {};
    const view = this.items.session(session);
    const [kind, k]: [ListedKind, unknown] =
      ref.type === 'ref/prompt' ? ['prompt', ref.name] : ['resource template', ref.uri];
    if (typeof k !== 'string') return undefined;
    const why = view.withheld(kind, k) ?? (kind === 'prompt' ? undefined : view.withheld('resource', k));
    if (why === undefined) return undefined;
    return { family: FAMILY_OF[kind], item: k, why: `${kind} ${k} is blocked: ${why}` };
  }

  /** The proxy's own whole listing of a family (shared by concurrent uses); why it failed, if it did. */
  private walk(session: string, link: ServerLink, family: ItemFamily): Promise<string | undefined> {
    const k = `${session}\u0000${family}`;
    let p = this.walks.get(k);
    if (p === undefined) {
      p = this.listFamily(session, link, family).finally(() => this.walks.delete(k));
      this.walks.set(k, p);
    }
    return p;
  }

  private async listFamily(session: string, link: ServerLink, family: ItemFamily): Promise<string | undefined> {
    const listings: Array<[ListedKind, unknown[]]> = [];
    for (const [method, field, kind] of FAMILY_LISTINGS[family]) {
      const all: unknown[] = [];
      let cursor: unknown;
      for (let page = 0; ; page++) {
        if (page === MAX_PAGES) return `${method} has more than ${MAX_PAGES} pages`;
        let result: Msg;
        try {
          result = await link.request(method, cursor === undefined ? {} : { cursor });
        } catch (e) {
          // The server does not have this list at all: it lists no such items.
          if (e instanceof ServerRpcError && e.code === -32601) break;
          return `${method}: ${(e as Error).message}`;
        }
        const items = result[field];
        if (!Array.isArray(items)) return `${method}: the answer has no ${field} list`;
        if (all.length + items.length > MAX_ITEMS) return `${method} lists more than ${MAX_ITEMS} items`;
        all.push(...items);
        cursor = result.nextCursor;
        if (typeof cursor !== 'string' || cursor === '') break;
      }
      listings.push([kind, all]);
    }
    // Recorded only once every list of the family is read: a half-read family stays unknown.
    const view = this.items.session(session);
    for (const [kind, all] of listings) {
      const state = this.o.newState();
      const r = this.o.listing.reviewItems(state, kind, all);
      view.record(kind, r.passed, r.withheld, true);
      if (state.decisions.length > 0) await this.o.record(state, r.withheld.size > 0 ? 'blocked' : 'allowed');
    }
    return undefined;
  }
}
