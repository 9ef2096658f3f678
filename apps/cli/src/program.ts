// Builds the commander program from the command groups in commands/.
import { VERSION } from '@rampart/engine';
import { Command } from 'commander';
import { COMMANDS } from './commands/index.js';

export function buildProgram(): Command {
  const program = new Command('rampart')
    .description('AI security posture management: discover, assess, enforce and report on AI — offline by default.')
    .version(VERSION)
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) })
    .showHelpAfterError('(run with --help for usage)');
  for (const register of COMMANDS) register(program);
  aliasMcpProxy(program);
  return program;
}

/** `rampart mcp proxy …` is the same command as `rampart mcp-proxy …` (the name the docs and issue use). */
function aliasMcpProxy(program: Command): void {
  const mcp = program.commands.find((c) => c.name() === 'mcp');
  if (!mcp || !program.commands.some((c) => c.name() === 'mcp-proxy')) return;
  program.enablePositionalOptions();
  mcp.enablePositionalOptions();
  mcp
    .command('proxy')
    .description('same as `rampart mcp-proxy`: wrap an MCP server with tool policy, result scanning and pinning')
    .helpOption(false)
    .allowUnknownOption()
    .passThroughOptions()
    .argument('[args...]')
    .action(async (args: string[]) => {
      await program.parseAsync(['mcp-proxy', ...args], { from: 'user' });
    });
}
