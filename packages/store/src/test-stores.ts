// Test helper (excluded from the build): opens a fresh store on a real SQLite file in a temp
// dir and on the real local PostgreSQL in a throw-away schema that cleanup() drops.
// RAMPART_TEST_PG overrides the PostgreSQL URL (default: the machine's trust-auth `test` db).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { type OpenOptions, openDatabase, type StoreDb } from './db.js';

export const PG_URL = process.env.RAMPART_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestDb {
  name: 'sqlite' | 'postgres';
  /** Options to open another connection to the same database (a second "process"). */
  options: OpenOptions;
  db: StoreDb;
  cleanup(): Promise<void>;
}

export async function openSqlite(): Promise<TestDb> {
  const dir = mkdtempSync(join(tmpdir(), 'rampart-store-'));
  const options = { url: join(dir, 'rampart.db') };
  const db = await openDatabase(options);
  return {
    name: 'sqlite',
    options,
    db,
    async cleanup() {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function openPostgres(): Promise<TestDb> {
  const schema = `rampart_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const options = { url: PG_URL, schema };
  const db = await openDatabase(options);
  return {
    name: 'postgres',
    options,
    db,
    async cleanup() {
      await db.close();
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`drop schema if exists "${schema}" cascade`);
      await c.end();
    },
  };
}

export const DIALECTS = [
  ['sqlite', openSqlite],
  ['postgres', openPostgres],
] as const;
