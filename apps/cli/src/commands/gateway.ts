// `rampart gateway --config rampart.yaml`: runs the inline LLM proxy until SIGINT/SIGTERM, then
// drains in-flight requests and streams before exiting.

import { UsageError } from '@rampart/core';
import { runGateway } from '@rampart/gateway';
import type { Command } from 'commander';

export function register(program: Command): void {
  program
    .command('gateway')
    .description('run the inline proxy for OpenAI / Anthropic / Azure OpenAI / compatible APIs with policy enforcement')
    .requiredOption('-c, --config <file>', 'rampart.yaml with a `gateway:` section')
    .option('--port <port>', 'override gateway.listen.port')
    .option('--host <host>', 'override gateway.listen.host')
    .action(async (flags: { config: string; port?: string; host?: string }) => {
      let port: number | undefined;
      if (flags.port !== undefined) {
        port = Number(flags.port);
        if (!Number.isInteger(port) || port < 0 || port > 65535)
          throw new UsageError(`--port: not a port: ${flags.port}`);
      }
      const running = await runGateway(flags.config, {
        ...(port === undefined ? {} : { port }),
        ...(flags.host === undefined ? {} : { host: flags.host }),
      });
      await new Promise<void>((resolve) => {
        const onSignal = (): void => {
          process.off('SIGINT', onSignal);
          process.off('SIGTERM', onSignal);
          running.stop().then(resolve, resolve);
        };
        process.on('SIGINT', onSignal);
        process.on('SIGTERM', onSignal);
      });
    });
}
