// `rampart scans list|show`: the scan history kept in the store.
import { UsageError } from '@rampart/core';
import { render } from '@rampart/engine';
import { defaultDatabaseUrl, openStore } from '@rampart/store';
import { type Command, Option } from 'commander';

export function register(program: Command): void {
  const scans = program.command('scans').description('the history of recorded scans');
  scans
    .command('list')
    .description('recent scans, newest first')
    .option('--db <url>', 'SQLite file or postgres:// URL (default: the embedded store)')
    .option('-n, --limit <n>', 'how many', '20')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['table', 'json']).default('table'))
    .action(async (flags: { db?: string; limit: string; format: 'table' | 'json' }) => {
      const store = await openStore({ url: flags.db ?? defaultDatabaseUrl(), create: false });
      try {
        const list = await store.scans.list({ limit: Number(flags.limit) || 20 });
        if (flags.format === 'json') {
          process.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
          return;
        }
        for (const s of list) {
          const sev =
            Object.entries(s.bySeverity)
              .filter(([, n]) => n > 0)
              .map(([k, n]) => `${k} ${n}`)
              .join(', ') || 'no findings';
          process.stdout.write(`${s.id}  ${s.createdAt}  ${s.root ?? '-'}  ${s.assets} assets, ${sev}\n`);
        }
        if (list.length === 0) process.stdout.write('no scans recorded\n');
      } finally {
        await store.close();
      }
    });
  scans
    .command('show')
    .description('re-render a recorded scan')
    .argument('<id>', 'scan id')
    .option('--db <url>', 'SQLite file or postgres:// URL (default: the embedded store)')
    .addOption(
      new Option('-f, --format <format>', 'report format')
        .choices(['table', 'json', 'sarif', 'cyclonedx', 'html'])
        .default('table'),
    )
    .action(async (id: string, flags: { db?: string; format: 'table' | 'json' | 'sarif' | 'cyclonedx' | 'html' }) => {
      const store = await openStore({ url: flags.db ?? defaultDatabaseUrl(), create: false });
      try {
        const result = await store.scans.get(id);
        if (!result) throw new UsageError(`no recorded scan ${id} (see \`rampart scans list\`)`);
        process.stdout.write(render(result, flags.format, { color: process.stdout.isTTY === true }));
      } finally {
        await store.close();
      }
    });
}
