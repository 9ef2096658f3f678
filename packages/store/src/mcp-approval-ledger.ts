// The MCP approval requests a gateway delivered to each virtual key, kept in the store so that every
// gateway process sharing it (one SQLite file on a host, or PostgreSQL across hosts) can match an
// `mcp_approval_response` that another process delivered the request for. Bounded per key (oldest go
// first), by expiry, and overall: a full ledger refuses new entries (fail closed: the gateway then
// withholds the request, which could never be approved) rather than dropping requests it delivered.
// The arguments are kept as a hash given by the caller, never as text.
import { LimitError } from '@rampart/core';
import type { StoreDb } from './db.js';

export interface McpApprovalEntry {
  server: string;
  name: string;
  /** A hash of the arguments exactly as delivered (the caller's choice of hash). */
  argsSha: string;
}

export interface McpApprovalLedgerOptions {
  /** How long a delivered request may be approved. */
  ttlMs: number;
  /** Entries kept per key; the oldest go first. Default 512. */
  perKey?: number;
  /**
   * Entries kept over every key. At the bound every key's expired entries are deleted; if the ledger is
   * still full, record() of a new entry rejects with a LimitError (renewing a held one still works).
   * Processes sharing the store each check before they write, so concurrent writers can overshoot it
   * by at most one entry each. Default 100,000 (the in-memory ledger's overall bound).
   */
  maxEntries?: number;
  now?: () => number;
}

/** Expired rows of every key are deleted at most this often (each key's own on every record). */
const PURGE_EVERY_MS = 60_000;

export class McpApprovalLedgerStore {
  private readonly ttlMs: number;
  private readonly perKey: number;
  private readonly maxEntries: number;
  private readonly now: () => number;
  private lastPurge = 0;

  constructor(
    private readonly store: StoreDb,
    opts: McpApprovalLedgerOptions,
  ) {
    this.ttlMs = opts.ttlMs;
    this.perKey = opts.perKey ?? 512;
    this.maxEntries = opts.maxEntries ?? 100_000;
    this.now = opts.now ?? Date.now;
  }

  /**
   * Records (or renews) a delivered request. Resolves once it is written: another process can then find it.
   * Rejects with a LimitError, writing nothing, when the ledger holds maxEntries unexpired entries.
   */
  async record(keyId: string, id: string, e: McpApprovalEntry): Promise<void> {
    const now = this.now();
    if (!(await this.hasRoom(keyId, id, now)))
      throw new LimitError(
        'mcpApprovalLedger.maxEntries',
        `the MCP approval ledger is full: ${this.maxEntries} unexpired entries over all keys; new approval requests are refused until entries expire`,
      );
    const row = {
      server: e.server,
      name: e.name,
      args_sha: e.argsSha,
      created_at: new Date(now).toISOString(),
      expires_at: new Date(now + this.ttlMs).toISOString(),
    };
    const db = this.store.db;
    await db
      .insertInto('mcp_approval_ledger')
      .values({ key_id: keyId, id, ...row })
      .onConflict((oc) => oc.columns(['key_id', 'id']).doUpdateSet(row))
      .execute();
    await this.trim(keyId, now);
  }

  /** The request delivered to this key under this id, unless it expired. */
  async find(keyId: string, id: string): Promise<McpApprovalEntry | undefined> {
    const r = await this.store.db
      .selectFrom('mcp_approval_ledger')
      .select(['server', 'name', 'args_sha'])
      .where('key_id', '=', keyId)
      .where('id', '=', id)
      .where('expires_at', '>', new Date(this.now()).toISOString())
      .executeTakeFirst();
    return r === undefined ? undefined : { server: r.server, name: r.name, argsSha: r.args_sha };
  }

  /** Rows held (expired ones not yet deleted included). */
  async size(): Promise<number> {
    const r = await this.store.db
      .selectFrom('mcp_approval_ledger')
      .select((eb) => eb.fn.countAll<number | string | bigint>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  /** Whether a new entry fits under maxEntries; at the bound, every key's expired entries go first. */
  private async hasRoom(keyId: string, id: string, now: number): Promise<boolean> {
    if ((await this.size()) < this.maxEntries) return true;
    const held = await this.store.db
      .selectFrom('mcp_approval_ledger')
      .select('id')
      .where('key_id', '=', keyId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (held !== undefined) return true; // a renewal adds no row
    this.lastPurge = now;
    await this.store.db
      .deleteFrom('mcp_approval_ledger')
      .where('expires_at', '<=', new Date(now).toISOString())
      .execute();
    return (await this.size()) < this.maxEntries;
  }

  private async trim(keyId: string, now: number): Promise<void> {
    const db = this.store.db;
    const nowIso = new Date(now).toISOString();
    if (now - this.lastPurge >= PURGE_EVERY_MS) {
      this.lastPurge = now;
      await db.deleteFrom('mcp_approval_ledger').where('expires_at', '<=', nowIso).execute();
    } else {
      await db
        .deleteFrom('mcp_approval_ledger')
        .where('key_id', '=', keyId)
        .where('expires_at', '<=', nowIso)
        .execute();
    }
    const c = await db
      .selectFrom('mcp_approval_ledger')
      .select((eb) => eb.fn.countAll<number | string | bigint>().as('n'))
      .where('key_id', '=', keyId)
      .executeTakeFirstOrThrow();
    const excess = Number(c.n) - this.perKey;
    if (excess <= 0) return;
    const oldest = await db
      .selectFrom('mcp_approval_ledger')
      .select('id')
      .where('key_id', '=', keyId)
      .orderBy('created_at')
      .orderBy('id')
      .limit(excess)
      .execute();
    await db
      .deleteFrom('mcp_approval_ledger')
      .where('key_id', '=', keyId)
      .where(
        'id',
        'in',
        oldest.map((r) => r.id),
      )
      .execute();
  }
}
