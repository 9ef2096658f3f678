#!/usr/bin/env node
// The rampart command: thin wrappers over the packages. Exit codes: 0 ok, 1 findings at or above
// --fail-on, 2 usage error or the work could not run.
import { isRampartError } from '@rampart/core';
import { CommanderError } from 'commander';
import { buildProgram } from './program.js';

async function main(): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(process.argv);
    return process.exitCode === undefined ? 0 : Number(process.exitCode);
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    if (isRampartError(e)) {
      process.stderr.write(`rampart: ${e.message}\n`);
      return 2;
    }
    process.stderr.write(`rampart: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return 2;
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  () => {
    process.exitCode = 2;
  },
);
