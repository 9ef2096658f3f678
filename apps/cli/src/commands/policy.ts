// `rampart policy validate|test|keygen`: check policy files, run policy unit tests, issue virtual keys.
// Exit codes: 0 ok; 1 a policy test failed; 2 a file is invalid or unreadable.
import { generateVirtualKey, PolicyStore, runPolicyTests } from '@rampart/policy';
import { type Command, Option } from 'commander';

export function register(program: Command): void {
  const policy = program.command('policy').description('validate and test runtime policies (docs/policy.md)');

  policy
    .command('validate')
    .description('parse, schema-check and compile policy files (Cedar policies are validated against the schema)')
    .argument('<files...>', 'policy YAML files')
    .action(async (files: string[]) => {
      for (const f of files) {
        const engine = await new PolicyStore().loadFile(f);
        const c = engine.compiled;
        process.stdout.write(
          `ok ${f} revision ${c.revision}: ${c.doc.policies.length} Cedar policies, ${c.rules.size} compiled, ` +
            `${c.doc.keys.length} keys, ${c.doc.tools.length} tool rules\n`,
        );
      }
    });

  policy
    .command('test')
    .description('run policy unit tests: given a request, expect a decision')
    .argument('<files...>', 'policy test YAML files (see examples/policies/default.test.yaml)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action(async (files: string[], flags: { format: 'text' | 'json' }) => {
      let failed = 0;
      const reports = [];
      for (const f of files) {
        const r = await runPolicyTests(f);
        failed += r.failed;
        reports.push(r);
        if (flags.format === 'json') continue;
        process.stdout.write(`${f} (policy ${r.policy}, revision ${r.revision})\n`);
        for (const t of r.results) {
          process.stdout.write(`  ${t.ok ? 'pass' : 'FAIL'}  ${t.name}${t.ok ? '' : `  (${f}:${t.line ?? '?'})`}\n`);
          for (const why of t.failures) process.stdout.write(`        ${why}\n`);
        }
        process.stdout.write(`  ${r.passed} passed, ${r.failed} failed\n`);
      }
      if (flags.format === 'json') {
        const slim = reports.map((r) => ({
          ...r,
          results: r.results.map(({ decision, ...rest }) => ({
            ...rest,
            decision: decision && {
              effect: decision.effect,
              mode: decision.mode,
              applied: decision.applied,
              reasons: decision.reasons,
            },
          })),
        }));
        process.stdout.write(`${JSON.stringify(slim, null, 2)}\n`);
      }
      if (failed > 0) process.exitCode = 1;
    });

  policy
    .command('keygen')
    .description('create a virtual key: prints the key once (give it to the client) and the entry for the policy file')
    .requiredOption('--id <id>', 'key id (appears in decisions and the audit log)')
    .requiredOption('--principal <name>', 'person or service the key belongs to')
    .option('--team <team>', 'team')
    .option('--role <role...>', 'roles', [])
    .action((flags: { id: string; principal: string; team?: string; role: string[] }) => {
      const { key, hash } = generateVirtualKey();
      process.stderr.write('rampart: the key is shown once; store it in the client, not in the policy file\n');
      process.stdout.write(`key: ${key}\n\n# policy file entry (keys:)\n`);
      process.stdout.write(
        `  - id: ${JSON.stringify(flags.id)}\n    hash: ${hash}\n    principal: ${JSON.stringify(flags.principal)}\n`,
      );
      if (flags.team) process.stdout.write(`    team: ${JSON.stringify(flags.team)}\n`);
      process.stdout.write(`    roles: ${JSON.stringify(flags.role)}\n`);
    });
}
