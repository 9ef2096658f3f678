// What the listings of each MCP session showed, so the proxy can refuse a use of an item it withheld
// (tools/call, prompts/get, resources/read, a completion for it) and can tell an item it never saw
// from one it checked. Kept per session: one HTTP front serves several, and a server may describe
// the same name differently to each (a rug pull per connection). A session's view of a family
// (tools, prompts, resources with their templates) is "complete" after a whole listing (an answer to
// a request without a cursor that has no nextCursor, or the proxy's own walk over every page) and
// stops being complete when the server says the list changed: the proxy then lists again before the
// next use. Withheld entries outlive both (refused until a listing passes them). Sessions are kept in
// a bounded LRU and forgotten when they end: an evicted or ended session is listed again on its next
// use, never trusted.
import type { ListedKind } from './mcp-listing-review.js';
import { matchesTemplate } from './uri-template-match.js';

/** What a client uses: a tool, a prompt, or a resource (listed as resources and resource templates). */
export type ItemFamily = 'tool' | 'prompt' | 'resource';

export const FAMILY_OF: Record<ListedKind, ItemFamily> = {
  tool: 'tool',
  prompt: 'prompt',
  resource: 'resource',
  'resource template': 'resource',
};

/** The listing requests that enumerate a family: [method, result field, kind of its items]. */
export const FAMILY_LISTINGS: Record<ItemFamily, ReadonlyArray<readonly [string, string, ListedKind]>> = {
  tool: [['tools/list', 'tools', 'tool']],
  prompt: [['prompts/list', 'prompts', 'prompt']],
  resource: [
    ['resources/list', 'resources', 'resource'],
    ['resources/templates/list', 'resourceTemplates', 'resource template'],
  ],
};

/** The notification a server sends when a family's list changed. */
export const LIST_CHANGED: Record<string, ItemFamily> = {
  'notifications/tools/list_changed': 'tool',
  'notifications/prompts/list_changed': 'prompt',
  'notifications/resources/list_changed': 'resource',
};

export type ItemUse =
  /** Withheld: `item` names what was withheld (the resource, or the template a URI falls under). */
  | { status: 'withheld'; item: string; why: string }
  | { status: 'listed' }
  /** Not in a complete listing of its family. */
  | { status: 'unlisted' }
  /** No complete listing since the session began or the list changed: the proxy must list first. */
  | { status: 'unknown' };

const KINDS: readonly ListedKind[] = ['tool', 'prompt', 'resource', 'resource template'];

export class SessionItems {
  /** Key -> why it was withheld, or null when its last listing passed it. */
  private readonly seen = new Map<ListedKind, Map<string, string | null>>(KINDS.map((k) => [k, new Map()]));
  private readonly complete = new Set<ListedKind>();

  /**
   * One listing answer of `kind` was reviewed. A complete one replaces what passed before (an item
   * gone from it is unlisted now); withheld entries stay until a listing passes them.
   */
  record(kind: ListedKind, passed: Iterable<string>, withheld: ReadonlyMap<string, string>, complete: boolean): void {
    const seen = this.seen.get(kind) as Map<string, string | null>;
    if (complete) {
      for (const [k, v] of seen) if (v === null) seen.delete(k);
      this.complete.add(kind);
    }
    for (const k of passed) seen.set(k, null);
    for (const [k, why] of withheld) seen.set(k, why);
  }

  /** The server said the family's list changed: what passed before must be listed (and checked) again. */
  changed(family: ItemFamily): void {
    for (const kind of KINDS) {
      if (FAMILY_OF[kind] !== family) continue;
      const seen = this.seen.get(kind) as Map<string, string | null>;
      for (const [k, v] of seen) if (v === null) seen.delete(k);
      this.complete.delete(kind);
    }
  }

  /** What this session's listings say about a use of `key` (a tool or prompt name, a resource URI). */
  use(family: ItemFamily, key: string): ItemUse {
    if (family !== 'resource') {
      const kind: ListedKind = family;
      const v = this.seen.get(kind)?.get(key);
      if (typeof v === 'string') return { status: 'withheld', item: `${kind} ${key}`, why: v };
      if (v === null) return { status: 'listed' };
      return { status: this.complete.has(kind) ? 'unlisted' : 'unknown' };
    }
    // A resource listed by its exact URI is judged by its own definition; otherwise any withheld
    // template the URI falls under refuses it.
    const v = this.seen.get('resource')?.get(key);
    if (typeof v === 'string') return { status: 'withheld', item: `resource ${key}`, why: v };
    if (v === null) return { status: 'listed' };
    for (const [t, why] of this.seen.get('resource template') as Map<string, string | null>) {
      if (why !== null && matchesTemplate(key, t)) return { status: 'withheld', item: `resource template ${t}`, why };
    }
    return { status: this.complete.has('resource') && this.complete.has('resource template') ? 'unlisted' : 'unknown' };
  }

  /** Why `key` of `kind` was withheld, if it was (no template matching: a completion names the template). */
  withheld(kind: ListedKind, key: string): string | undefined {
    const v = this.seen.get(kind)?.get(key);
    return typeof v === 'string' ? v : undefined;
  }
}

/** Session id -> its view, least recently used first out. */
export class ListedItems {
  private readonly sessions = new Map<string, SessionItems>();

  constructor(private readonly max = 1024) {}

  session(id: string): SessionItems {
    let s = this.sessions.get(id);
    if (s !== undefined) this.sessions.delete(id);
    else s = new SessionItems();
    this.sessions.set(id, s);
    if (this.sessions.size > this.max) {
      const oldest = this.sessions.keys().next().value;
      if (oldest !== undefined) this.sessions.delete(oldest);
    }
    return s;
  }

  /** The session ended (the client deleted it, or the server no longer knows it): its view goes. */
  forget(id: string): void {
    this.sessions.delete(id);
  }
}
