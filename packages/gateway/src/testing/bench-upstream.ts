// Child process for bench/gateway.ts: a mock provider with a fixed latency; prints its URL.
import { startMockUpstream } from './mock-upstream.js';

const mock = await startMockUpstream({ record: false, delayMs: Number(process.argv[2] ?? 0) });
process.stdout.write(`${mock.url}\n`);
