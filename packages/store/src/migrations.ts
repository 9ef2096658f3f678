// Forward-only schema migrations, numbered, recorded in rampart_migrations. Each runs in a
// transaction together with its bookkeeping row, so a crash never leaves half a migration.
// (Kysely's Migrator would do as well; this keeps the version table readable from both dialects
// and lets a migration branch on the dialect.)
import { type Kysely, sql } from 'kysely';
import { GENESIS_HASH } from './audit-types.js';
import type { Dialect } from './db.js';
import type { Tables } from './tables.js';

interface Migration {
  version: number;
  name: string;
  up(db: Kysely<Tables>, dialect: Dialect): Promise<void>;
}

const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'scans, audit log with head, approvals',
    async up(db, dialect) {
      const big = dialect === 'postgres' ? 'bigint' : 'integer';
      await db.schema
        .createTable('scans')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('root', 'text')
        .addColumn('tool_version', 'text', (c) => c.notNull())
        .addColumn('findings', 'integer', (c) => c.notNull())
        .addColumn('max_severity', 'text')
        .addColumn('summary', 'text', (c) => c.notNull())
        .addColumn('result', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('scans_created_at').on('scans').column('created_at').execute();
      await db.schema
        .createTable('audit_log')
        .addColumn('seq', big, (c) => c.primaryKey())
        .addColumn('ts', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('request_id', 'text')
        .addColumn('key_id', 'text')
        .addColumn('route', 'text')
        .addColumn('model', 'text')
        .addColumn('outcome', 'text')
        .addColumn('revision', 'text')
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('prev_hash', 'text', (c) => c.notNull())
        .addColumn('hash', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('audit_log_ts').on('audit_log').column('ts').execute();
      await db.schema.createIndex('audit_log_key').on('audit_log').column('key_id').execute();
      await db.schema
        .createTable('audit_head')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('seq', big, (c) => c.notNull())
        .addColumn('hash', 'text', (c) => c.notNull())
        .addColumn('mac', 'text')
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      // The head row exists from the start so appenders can always lock it (SELECT ... FOR UPDATE).
      await db
        .insertInto('audit_head')
        .values({ id: 1, seq: 0, hash: GENESIS_HASH, mac: null, updated_at: new Date().toISOString() })
        .execute();
      await db.schema
        .createTable('approvals')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('request_id', 'text')
        .addColumn('decision_id', 'text')
        .addColumn('key_id', 'text')
        .addColumn('principal', 'text')
        .addColumn('tool', 'text', (c) => c.notNull())
        .addColumn('args_preview', 'text', (c) => c.notNull())
        .addColumn('decided_at', 'text')
        .addColumn('decided_by', 'text')
        .addColumn('note', 'text')
        .execute();
      await db.schema.createIndex('approvals_status').on('approvals').columns(['status', 'expires_at']).execute();
    },
  },
  {
    version: 2,
    name: 'MCP approval requests the gateway delivered (shared by gateway processes)',
    async up(db) {
      await db.schema
        .createTable('mcp_approval_ledger')
        .addColumn('key_id', 'text', (c) => c.notNull())
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('server', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('args_sha', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('mcp_approval_ledger_pk', ['key_id', 'id'])
        .execute();
      await db.schema
        .createIndex('mcp_approval_ledger_expires')
        .on('mcp_approval_ledger')
        .column('expires_at')
        .execute();
    },
  },
];

export const STORE_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;

export async function migrate(db: Kysely<Tables>, dialect: Dialect): Promise<number> {
  await db.schema
    .createTable('rampart_migrations')
    .ifNotExists()
    .addColumn('version', 'integer', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('applied_at', 'text', (c) => c.notNull())
    .execute();
  let applied = 0;
  for (const m of MIGRATIONS) {
    await db.transaction().execute(async (trx) => {
      if (dialect === 'postgres') {
        // Two processes migrating at once: the second waits here, then sees the row and skips.
        await sql`select pg_advisory_xact_lock(7273)`.execute(trx);
      }
      const done = await trx
        .selectFrom('rampart_migrations')
        .select('version')
        .where('version', '=', m.version)
        .executeTakeFirst();
      if (done) return;
      await m.up(trx, dialect);
      await trx
        .insertInto('rampart_migrations')
        .values({ version: m.version, name: m.name, applied_at: new Date().toISOString() })
        .execute();
      applied++;
    });
  }
  return applied;
}
