// `rampart rules list|show|frameworks`: the rule catalog, and the framework -> rules view generated
// from the rules' own mappings (never kept by hand).
import { FRAMEWORK_KEYS, type FrameworkKey, type Rule, UsageError } from '@rampart/core';
import { defaultRuleCatalog } from '@rampart/engine';
import { type Command, Option } from 'commander';

export function register(program: Command): void {
  const rules = program.command('rules').description('list and explain the rule catalog');
  rules
    .command('list')
    .description('list rules')
    .option('--area <area>', 'only rules whose id starts with this area (e.g. model, code, mcp)')
    .addOption(new Option('--framework <key>', 'only rules mapped to this framework').choices([...FRAMEWORK_KEYS]))
    .addOption(new Option('-f, --format <format>', 'output format').choices(['table', 'json']).default('table'))
    .action((flags: { area?: string; framework?: FrameworkKey; format: 'table' | 'json' }) => {
      let list = [...defaultRuleCatalog().rules.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
      if (flags.area) list = list.filter((r) => r.id.startsWith(`${flags.area}-`));
      if (flags.framework) list = list.filter((r) => (r.frameworks[flags.framework!] ?? []).length > 0);
      if (flags.format === 'json') {
        process.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
        return;
      }
      const w = Math.max(4, ...list.map((r) => r.id.length));
      process.stdout.write(`${'ID'.padEnd(w)}  SEVERITY  MATURITY      TITLE\n`);
      for (const r of list)
        process.stdout.write(`${r.id.padEnd(w)}  ${r.severity.padEnd(8)}  ${r.maturity.padEnd(12)}  ${r.title}\n`);
      process.stdout.write(`\n${list.length} rules\n`);
    });
  rules
    .command('show')
    .description('explain one rule: what it finds, why it matters, how to fix it, and its framework mappings')
    .argument('<id>', 'rule id or alias')
    .action((id: string) => {
      const r = defaultRuleCatalog().get(id);
      if (!r) throw new UsageError(`no rule "${id}" (see \`rampart rules list\`)`);
      process.stdout.write(showRule(r));
    });
  rules
    .command('frameworks')
    .description('framework control -> rules view, generated from the rules')
    .addOption(new Option('--framework <key>', 'one framework only').choices([...FRAMEWORK_KEYS]))
    .action((flags: { framework?: FrameworkKey }) => {
      const cat = defaultRuleCatalog();
      for (const key of flags.framework ? [flags.framework] : FRAMEWORK_KEYS) {
        const fw = cat.frameworks.get(key)!;
        process.stdout.write(`${fw.title} (${fw.version})\n`);
        for (const entry of fw.entries) {
          const ids = [...cat.rules.values()].filter((r) => r.frameworks[key]?.includes(entry.id)).map((r) => r.id);
          if (ids.length > 0) process.stdout.write(`  ${entry.id} ${entry.name}\n    ${ids.sort().join(', ')}\n`);
        }
      }
    });
}

export function showRule(r: Rule): string {
  const cat = defaultRuleCatalog();
  const lines = [
    `${r.id}: ${r.title}`,
    `severity: ${r.severity}   maturity: ${r.maturity}   detector: ${r.detector}   in test code: ${r.testCode ?? 'report'}`,
    ...(r.aliases?.length ? [`aliases: ${r.aliases.join(', ')}`] : []),
    '',
    r.description.trim(),
    '',
    'Remediation:',
    `  ${r.remediation.trim().replace(/\n/g, '\n  ')}`,
    '',
    'Frameworks:',
  ];
  for (const [key, ids] of Object.entries(r.frameworks) as Array<[FrameworkKey, string[]]>) {
    const names = cat.frameworks.get(key)?.entries;
    for (const id of ids) lines.push(`  ${key} ${id} ${names?.find((e) => e.id === id)?.name ?? ''}`.trimEnd());
  }
  if (r.references.length > 0) lines.push('', 'References:', ...r.references.map((u) => `  ${u}`));
  return `${lines.join('\n')}\n`;
}
