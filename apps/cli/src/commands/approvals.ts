// `rampart approvals list|approve|deny`: decide tool calls a policy held for approval. The gateway
// polls the store, so a decision here releases (or refuses) the waiting call within a poll interval.
import { userInfo } from 'node:os';
import { type Approval, type ApprovalStatus, openStore } from '@rampart/store';
import { type Command, Option } from 'commander';
import { addStoreFlags, type StoreFlags, storeOptions } from './audit.js';

function operator(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}

function show(a: Approval): string {
  return `${a.id}  ${a.status.padEnd(8)}  ${a.tool}  key=${a.keyId ?? '-'}  expires=${a.expiresAt}  args=${a.argsPreview}`;
}

export function register(program: Command): void {
  const approvals = program.command('approvals').description('approve or deny tool calls held by require-approval');

  addStoreFlags(
    approvals
      .command('list')
      .description('list approvals, newest first (default: pending only)')
      .addOption(
        new Option('--status <status>', 'filter')
          .choices(['pending', 'approved', 'denied', 'expired', 'all'])
          .default('pending'),
      )
      .addOption(new Option('-f, --format <format>', 'output format').choices(['table', 'json']).default('table')),
  ).action(async (flags: StoreFlags & { status: ApprovalStatus | 'all'; format: 'table' | 'json' }) => {
    const store = await openStore({ ...storeOptions(flags), create: false });
    try {
      const list = await store.approvals.list(flags.status === 'all' ? {} : { status: flags.status });
      if (flags.format === 'json') process.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
      else {
        for (const a of list) process.stdout.write(`${show(a)}\n`);
        process.stdout.write(`${list.length} ${flags.status === 'all' ? '' : `${flags.status} `}approvals\n`);
      }
    } finally {
      await store.close();
    }
  });

  for (const verb of ['approve', 'deny'] as const) {
    addStoreFlags(
      approvals
        .command(verb)
        .description(`${verb} a pending approval`)
        .argument('<id>', 'approval id (ap-...)')
        .option('--by <name>', 'who decides (default: the current user)')
        .option('--note <text>', 'reason, kept with the approval'),
    ).action(async (id: string, flags: StoreFlags & { by?: string; note?: string }) => {
      const store = await openStore({ ...storeOptions(flags), create: false });
      try {
        const by = flags.by ?? operator();
        const a =
          verb === 'approve'
            ? await store.approvals.approve(id, by, flags.note)
            : await store.approvals.deny(id, by, flags.note);
        await store.audit.append({
          kind: 'approval',
          keyId: a.keyId,
          principal: a.principal,
          outcome: a.status,
          details: { approval: a.id, tool: a.tool, decidedBy: by, requestId: a.requestId },
        });
        process.stdout.write(`${show(a)}\n`);
      } finally {
        await store.close();
      }
    });
  }
}
