// `rampart detect [FILE]`: runs the runtime detectors (the gateway's) over JSONL or plain text lines
// from FILE or stdin, one JSON result per input line, in order.
import { createReadStream, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { TEXT_ROLES, type TextRole, UsageError } from '@rampart/core';
import { PII_ENTITIES, runDetect } from '@rampart/detectors';
import { type Command, Option } from 'commander';

interface DetectFlags {
  format: 'jsonl' | 'table';
  role: TextRole;
  systemPrompt?: string;
  canary?: string[];
  piiEntities?: string;
  failOnFlagged?: boolean;
}

function parsePiiEntities(list: string): string[] {
  const names = list
    .split(',')
    .map((n) => n.trim().toUpperCase())
    .filter((n) => n !== '');
  const known: readonly string[] = PII_ENTITIES;
  const bad = names.find((n) => !known.includes(n));
  if (bad !== undefined || names.length === 0) {
    throw new UsageError(
      `--pii-entities: ${bad === undefined ? 'no entity given' : `unknown entity "${bad}"`} (known: ${PII_ENTITIES.join(', ')})`,
    );
  }
  return names;
}

export function register(program: Command): void {
  program
    .command('detect')
    .description(
      'run the runtime detectors (prompt injection, jailbreak, PII, secrets, invisible text, prompt leakage) over text lines',
    )
    .argument('[file]', 'JSONL ({"id","text"[,"role"]} per line) or plain text lines; default: stdin')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['jsonl', 'table']).default('jsonl'))
    .addOption(
      new Option('--role <role>', 'role of lines that do not give one').choices([...TEXT_ROLES]).default('user'),
    )
    .option('--system-prompt <file>', 'system prompt whose leakage in the text is reported')
    .option(
      '--canary <token>',
      'canary token whose appearance is reported (repeatable)',
      (v: string, p: string[] = []) => [...p, v],
    )
    .option(
      '--pii-entities <list>',
      `comma-separated PII entities to report (default: all of ${PII_ENTITIES.join(', ')})`,
    )
    .option('--fail-on-flagged', 'exit 1 when any line is flagged')
    .action(async (file: string | undefined, flags: DetectFlags) => {
      let systemPrompt: string | undefined;
      if (flags.systemPrompt) {
        try {
          systemPrompt = readFileSync(flags.systemPrompt, 'utf8');
        } catch (e) {
          throw new UsageError(`${flags.systemPrompt}: cannot read system prompt (${(e as Error).message})`);
        }
      }
      const input = file ? createReadStream(file) : process.stdin;
      input.on('error', () => undefined);
      const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
      const opened = new Promise<void>((resolve, reject) => {
        if (!file) return resolve();
        input.once('open', () => resolve());
        input.once('error', (e: Error) => reject(new UsageError(`${file}: ${e.message}`)));
      });
      await opened;
      const summary = await runDetect(lines, (l) => process.stdout.write(`${l}\n`), {
        format: flags.format,
        role: flags.role,
        ...(systemPrompt !== undefined ? { systemPrompt } : {}),
        ...(flags.canary ? { canaries: flags.canary } : {}),
        ...(flags.piiEntities ? { piiEntities: parsePiiEntities(flags.piiEntities) } : {}),
      });
      if (flags.failOnFlagged && summary.flagged > 0) process.exitCode = 1;
    });
}
