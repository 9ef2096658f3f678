// Opens the one query layer (Kysely) over either embedded SQLite (better-sqlite3) or PostgreSQL
// (pg), and runs migrations. Callers see `Kysely<Tables>` plus the dialect name; the few places
// where the dialects differ (write locks, upserts) branch on it explicitly.
import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { RampartError } from '@rampart/core';
import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { migrate } from './migrations.js';
import type { Tables } from './tables.js';
import { WalCheckpointer, type WalCheckpointOptions } from './wal-checkpointer.js';

export type Dialect = 'sqlite' | 'postgres';

export interface StoreDb {
  db: Kysely<Tables>;
  dialect: Dialect;
  /** Where the data lives: a file path or a postgres URL with the password removed. */
  location: string;
  /**
   * The embedded SQLite connection under `db` (same connection, sqlite dialect only). The audit
   * log's hot path runs prepared statements on it directly: one synchronous transaction per group
   * commit, without building and preparing a query per row.
   */
  sqlite?: Database.Database;
  /** Background WAL checkpoints (embedded SQLite file, when opened with `backgroundCheckpoint`). */
  checkpointer?: WalCheckpointer;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** A SQLite file path, `:memory:`, or a `postgres://` / `postgresql://` URL. Default: defaultDatabaseUrl(). */
  url?: string;
  /** PostgreSQL schema to use (created if missing). Default: public. */
  schema?: string;
  /** Skip migrations (read-only tools on a database another process migrates). */
  migrate?: boolean;
  /** false: fail instead of creating a new SQLite file (inspection commands). Default true. */
  create?: boolean;
  /**
   * SQLite file only: run WAL checkpoints on a worker thread instead of inside the commit that
   * crosses the threshold (wal-checkpointer.ts). For long-running writers on a latency path (the
   * gateway's audit log). Default false.
   */
  backgroundCheckpoint?: boolean | WalCheckpointOptions;
  /**
   * SQLite file only: when a commit is durable. `full` (default): each commit waits for the disk
   * (fsync), so it survives power loss and an OS crash. `normal`: a commit is in the OS before it
   * returns, so it survives the writing process being killed (kill -9, a crash), but the last
   * commits may roll back on power loss or an OS crash (SQLite WAL with synchronous=NORMAL; the
   * database stays consistent). Checkpoints sync in both.
   */
  sqliteSync?: 'full' | 'normal';
}

/**
 * Default embedded store: $RAMPART_DB if set (path or postgres URL), else $RAMPART_HOME/rampart.db,
 * else ~/.rampart/rampart.db. A per-user location, not the working directory, so audit logs and
 * approvals never end up committed inside a scanned repository.
 */
export function defaultDatabaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  if (env.RAMPART_DB) return env.RAMPART_DB;
  const home = env.RAMPART_HOME || join(homedir(), '.rampart');
  return join(home, 'rampart.db');
}

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//i.test(url);
}

function safeLocation(url: string): string {
  if (!isPostgresUrl(url)) return url;
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://(unparsable url)';
  }
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export async function openDatabase(opts: OpenOptions = {}): Promise<StoreDb> {
  const url = opts.url ?? defaultDatabaseUrl();
  const location = safeLocation(url);
  try {
    let out: StoreDb;
    if (isPostgresUrl(url)) {
      const schema = opts.schema ?? 'public';
      if (!SCHEMA_NAME.test(schema)) throw new RampartError('E_CONFIG', `invalid PostgreSQL schema name: ${schema}`);
      const pool = new pg.Pool({
        connectionString: url,
        max: 8,
        options: `-c search_path=${schema}`,
        // int8 (seq numbers) as JS numbers: safe up to 2^53 records.
        types: {
          getTypeParser: (oid: number, format?: 'text' | 'binary') =>
            oid === 20 ? Number : pg.types.getTypeParser(oid, format),
        } as pg.CustomTypesConfig,
      });
      const db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) });
      if (schema !== 'public') await sql`create schema if not exists ${sql.id(schema)}`.execute(db);
      out = { db, dialect: 'postgres', location, close: () => db.destroy() };
    } else {
      if (opts.create === false && url !== ':memory:' && !existsSync(url)) {
        throw new RampartError('E_STORE', `no store at ${url} (set --db or RAMPART_DB / RAMPART_HOME)`);
      }
      if (url !== ':memory:') {
        const dir = dirname(url);
        if (!existsSync(dir)) mkdirSync(dir, { recursive: true, mode: 0o700 });
      }
      const fresh = url === ':memory:' || !existsSync(url);
      const sqlite = new Database(url);
      if (fresh && url !== ':memory:') chmodSync(url, 0o600);
      // WAL + synchronous=FULL: a committed transaction survives power loss (enforce-mode audit);
      // NORMAL only a crash of this process (see OpenOptions.sqliteSync).
      sqlite.pragma('journal_mode = WAL');
      sqlite.pragma(`synchronous = ${opts.sqliteSync === 'normal' ? 'NORMAL' : 'FULL'}`);
      sqlite.pragma('busy_timeout = 5000');
      sqlite.pragma('foreign_keys = ON');
      const db = new Kysely<Tables>({ dialect: new SqliteDialect({ database: sqlite }) });
      out = { db, dialect: 'sqlite', location, sqlite, close: () => db.destroy() };
    }
    if (opts.migrate !== false) await migrate(out.db, out.dialect);
    const bg = opts.backgroundCheckpoint;
    if (out.sqlite !== undefined && bg !== undefined && bg !== false && url !== ':memory:') {
      // Started after the migrations, which run with SQLite's own checkpoints.
      const checkpointer = new WalCheckpointer(url, out.sqlite, bg === true ? {} : bg);
      const destroy = out.close;
      out.checkpointer = checkpointer;
      out.close = async () => {
        await checkpointer.close();
        await destroy();
      };
    }
    return out;
  } catch (e) {
    if (e instanceof RampartError) throw e;
    throw new RampartError(
      'E_STORE',
      `cannot open store at ${location}: ${e instanceof Error ? e.message : String(e)}`,
      {
        cause: e,
      },
    );
  }
}
