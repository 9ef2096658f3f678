// `rampart audit verify|export|head`: check the tamper-evident audit log and export it for SIEMs.
// Exit codes: verify 0 intact / 1 tampering or loss detected / 2 could not run.
import { createWriteStream } from 'node:fs';
import { UsageError } from '@rampart/core';
import { defaultDatabaseUrl, type OpenOptions, openStore, toOcsf } from '@rampart/store';
import { type Command, Option } from 'commander';

export interface StoreFlags {
  db?: string;
  pgSchema?: string;
}

export function addStoreFlags(cmd: Command): Command {
  return cmd
    .option(
      '--db <url>',
      'SQLite file or postgres:// URL (default: $RAMPART_DB, else $RAMPART_HOME/rampart.db, else ~/.rampart/rampart.db)',
    )
    .option('--pg-schema <name>', 'PostgreSQL schema (default: public)');
}

export function storeOptions(flags: StoreFlags): OpenOptions {
  const o: OpenOptions = { url: flags.db ?? defaultDatabaseUrl() };
  if (flags.pgSchema !== undefined) o.schema = flags.pgSchema;
  return o;
}

function parseHead(s: string): { seq: number; hash: string } {
  const m = /^(\d{1,15}):([0-9a-f]{64})$/.exec(s);
  if (!m) throw new UsageError('--expect-head must be SEQ:HASH as printed by `rampart audit head`');
  return { seq: Number(m[1]), hash: m[2] as string };
}

export function register(program: Command): void {
  const audit = program.command('audit').description('verify and export the tamper-evident audit log');

  addStoreFlags(
    audit
      .command('verify')
      .description('recompute the hash chain: detects edited, deleted, reordered and truncated records')
      .option(
        '--expect-head <seq:hash>',
        'a head recorded earlier (`rampart audit head`); it must still be in the chain',
      )
      .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text')),
  ).action(async (flags: StoreFlags & { expectHead?: string; format: 'text' | 'json' }) => {
    const store = await openStore({ ...storeOptions(flags), migrate: false, create: false });
    try {
      const v = await store.verifyAudit(flags.expectHead ? { expectHead: parseHead(flags.expectHead) } : {});
      if (flags.format === 'json') process.stdout.write(`${JSON.stringify(v, null, 2)}\n`);
      else {
        process.stdout.write(
          `${v.ok ? 'ok' : 'FAILED'}: ${v.records} records, head ${v.head ? `${v.head.seq}:${v.head.hash}` : 'missing'}, ` +
            `${v.signed ? 'head signature checked' : 'head signature not checked (no RAMPART_AUDIT_KEY)'}\n`,
        );
        for (const p of v.problems)
          process.stdout.write(`  ${p.kind}${p.seq === null ? '' : ` at ${p.seq}`}: ${p.message}\n`);
      }
      if (!v.ok) process.exitCode = 1;
    } finally {
      await store.close();
    }
  });

  addStoreFlags(audit.command('head').description('print the chain head as SEQ:HASH, to anchor it elsewhere')).action(
    async (flags: StoreFlags) => {
      const store = await openStore({ ...storeOptions(flags), migrate: false, create: false });
      try {
        const h = await store.audit.head();
        if (!h) throw new UsageError('no audit log in this store');
        process.stdout.write(`${h.seq}:${h.hash}\n`);
      } finally {
        await store.close();
      }
    },
  );

  addStoreFlags(
    audit
      .command('export')
      .description('export records as JSON lines, or as OCSF 1.3 API Activity events (class 6003)')
      .addOption(new Option('--format <format>', 'output format').choices(['jsonl', 'ocsf']).default('jsonl'))
      .option('--from <seq>', 'first record', (v) => Number.parseInt(v, 10))
      .option('--to <seq>', 'last record', (v) => Number.parseInt(v, 10))
      .option('-o, --output <file>', 'write to a file instead of stdout'),
  ).action(async (flags: StoreFlags & { format: 'jsonl' | 'ocsf'; from?: number; to?: number; output?: string }) => {
    for (const n of [flags.from, flags.to]) {
      if (n !== undefined && !(Number.isInteger(n) && n >= 0)) throw new UsageError('--from/--to take record numbers');
    }
    const store = await openStore({ ...storeOptions(flags), migrate: false, create: false });
    const out: NodeJS.WritableStream = flags.output ? createWriteStream(flags.output, { mode: 0o600 }) : process.stdout;
    try {
      const range: { fromSeq?: number; toSeq?: number } = {};
      if (flags.from !== undefined) range.fromSeq = flags.from;
      if (flags.to !== undefined) range.toSeq = flags.to;
      for await (const r of store.audit.records(range)) {
        const line = JSON.stringify(flags.format === 'ocsf' ? toOcsf(r) : r);
        if (!out.write(`${line}\n`)) await new Promise<void>((res) => out.once('drain', () => res()));
      }
    } finally {
      if (out !== process.stdout) await new Promise<void>((res) => out.end(() => res()));
      await store.close();
    }
  });
}
