// `rampart advisories import|status|query`: manage the offline OSV advisory store that scans use
// to flag vulnerable AI packages, and look a package up in it. Never touches the network.
import { UsageError } from '@rampart/core';
import { AdvisoryDb, AdvisoryStore, defaultStoreDir, importAdvisories, isAffected, loadCurated } from '@rampart/engine';
import { type Command, Option } from 'commander';

const STORE_HELP = 'advisory store directory (default: $RAMPART_HOME/advisories, else ~/.rampart/advisories)';

export function register(program: Command): void {
  const adv = program.command('advisories').description('offline OSV advisories used to flag vulnerable AI packages');
  adv
    .command('import')
    .description('load an OSV export (a directory of .json/.yaml records, or its .zip) into the local store')
    .argument('<path>', 'OSV export: directory, .zip, or one record')
    .option('--store <dir>', STORE_HELP)
    .option('--replace', 'replace the store instead of merging into it')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['table', 'json']).default('table'))
    .action(async (path: string, flags: { store?: string; replace?: boolean; format: 'table' | 'json' }) => {
      const report = await importAdvisories(path, flags.store ?? defaultStoreDir(), {
        ...(flags.replace ? { replace: true } : {}),
      });
      if (flags.format === 'json') {
        process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
        return;
      }
      const { meta } = report;
      process.stdout.write(
        `imported ${report.imported} of ${report.read} records (${report.ignored} withdrawn or other ecosystems)\n` +
          `store ${report.store}: PyPI ${meta.counts.PyPI ?? 0}, npm ${meta.counts.npm ?? 0} advisories\n`,
      );
      for (const e of report.errors) process.stderr.write(`rampart: skipped ${e.path}: ${e.message}\n`);
    });
  adv
    .command('status')
    .description('show where advisories come from and how many there are')
    .option('--store <dir>', STORE_HELP)
    .action(async (flags: { store?: string }) => {
      const dir = flags.store ?? defaultStoreDir();
      const meta = await new AdvisoryStore(dir).meta();
      const curated = loadCurated();
      process.stdout.write(`curated set: ${curated.length} advisories shipped with Rampart\n`);
      if (meta === undefined)
        process.stdout.write(`local store: ${dir} (empty: run \`rampart advisories import PATH\`)\n`);
      else {
        process.stdout.write(
          `local store: ${dir}\n  updated ${meta.updatedAt}; PyPI ${meta.counts.PyPI ?? 0}, npm ${meta.counts.npm ?? 0} advisories\n` +
            `  sources: ${meta.sources.join(', ')}\n`,
        );
      }
    });
  adv
    .command('query')
    .description('list advisories for a package, or only those affecting one version')
    .argument('<package>', 'package name')
    .argument('[version]', 'only advisories affecting this exact version')
    .addOption(new Option('-e, --ecosystem <ecosystem>', 'package ecosystem').choices(['PyPI', 'npm']).default('PyPI'))
    .option('--store <dir>', STORE_HELP)
    .action(async (name: string, version: string | undefined, flags: { ecosystem: 'PyPI' | 'npm'; store?: string }) => {
      const db = new AdvisoryDb({ storeDir: flags.store ?? defaultStoreDir() });
      let list = await db.lookup(flags.ecosystem, name);
      if (version !== undefined) {
        const v = version;
        const verdicts = list.map((a) => a.affected.map((p) => isAffected(flags.ecosystem, v, p)));
        if (verdicts.flat().some((x) => x === undefined) && !verdicts.flat().some((x) => x === true)) {
          throw new UsageError(
            `"${v}" is not a ${flags.ecosystem} version (a range cannot be checked; give an exact version)`,
          );
        }
        list = list.filter((_, i) => verdicts[i]!.some((x) => x === true));
      }
      for (const a of list) {
        const ids = [a.id, ...a.aliases].join(', ');
        process.stdout.write(`${ids}  [${a.severity ?? 'severity unknown'}]\n  ${a.summary}\n`);
      }
      process.stdout.write(`${list.length} advisories\n`);
    });
}
