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
  return program;
}
