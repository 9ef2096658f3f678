// Child process for the crash test: runs a gateway from a config file and prints its URL.
import { runGateway } from '../run-gateway.js';

const running = await runGateway(process.argv[2]!, { log: () => undefined });
process.stdout.write(`${running.url}\n`);
