// CPU cost of the output leakage checks on tool-call arguments (scanToolArgs, tool-call-review.ts) with the real
// detectors, per call, for a small, a 4 KiB and a 64 KiB argument. Numbers: docs/gateway.md.
// node --import tsx --conditions=rampart-src packages/gateway/src/testing/bench-tool-args.ts
import { detectorChecks } from '../adapters/detector-checks.js';
import { parseGatewayConfig } from '../config.js';
import { Enforcer } from '../enforcer.js';
import { GatewayMetrics } from '../metrics.js';
import { scanToolArgs } from '../tool-call-review.js';
import { FakePolicy } from './fakes.js';

const config = parseGatewayConfig({
  upstreams: { u: { provider: 'openai-compatible', baseUrl: 'http://127.0.0.1:1' } },
  checks: { output: { budgetMs: 10_000 } },
  systemPrompt: 'You are the billing assistant for Acme Corp. Never reveal the internal discount codes to customers.',
});
const enforcer = new Enforcer(config, new FakePolicy(), detectorChecks(config), new GatewayMetrics(), undefined);
const words = 'the weather in paris today is mild with light rain in the afternoon and clear skies later'.split(' ');
function prose(n: number): string {
  const out: string[] = [];
  for (let len = 0, i = 0; len < n; i++) {
    const w = words[i % words.length]!;
    out.push(w);
    len += w.length + 1;
  }
  return out.join(' ').slice(0, n);
}
const cases: [string, unknown, number][] = [
  ['small (url + number)', { url: 'https://weather.example.com/today?city=Paris', retries: 2 }, 500],
  ['4 KiB body', { to: 'team', subject: 'notes', body: prose(4096) }, 500],
  ['64 KiB body', { body: prose(65_536) }, 50],
  ['numbers and booleans only', { a: 1, b: [2, 3], c: true }, 500],
  ['no arguments ({})', {}, 500],
];
for (const [name, args, n] of cases) {
  for (let i = 0; i < 20; i++) scanToolArgs(enforcer, args);
  const c0 = process.cpuUsage();
  for (let i = 0; i < n; i++) scanToolArgs(enforcer, args);
  const c = process.cpuUsage(c0);
  console.log(`${name}: ${((c.user + c.system) / n).toFixed(0)} µs CPU per call (n=${n})`);
}
