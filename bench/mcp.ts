// MCP benchmarks (`npm run bench -- mcp`): config parse+check throughput on a generated 1,000-server
// config, tool analysis latency per tool (heuristics only and with the shared injection detectors),
// adversarial worst-case text, canonical hashing, and live inspection of a real stdio server
// (@modelcontextprotocol/server-memory) plus how close a hanging server's report lands to its deadline.
// Writes docs/benchmarks/mcp-bench.md. Generated inputs only; no network.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { toolDefinitionHash } from '@rampart/core';
import {
  analyzeToolSets,
  checkServerConfig,
  inspectServer,
  type McpServerConfig,
  type McpTool,
  parseClientConfig,
} from '@rampart/mcp';

const root = new URL('..', import.meta.url).pathname;
const lines: string[] = [];
const log = (s = '') => {
  lines.push(s);
  console.log(s);
};
const quantile = (xs: number[], q: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;

// 1. Config parsing + checks.
const servers: Record<string, unknown> = {};
for (let i = 0; i < 1000; i++) {
  servers[`server-${i}`] =
    i % 3 === 0
      ? {
          command: 'npx',
          args: ['-y', `@scope/mcp-server-${i}@1.${i}.0`, '/Users/alice/projects'],
          env: { API_KEY: `k${i}Zq8XvR2mK4tLw9NcB7yH3pJ6s` },
        }
      : i % 3 === 1
        ? // biome-ignore lint/suspicious/noTemplateCurlyInString: a VS Code input variable, literally
          { type: 'http', url: `https://mcp${i}.example.com/mcp`, headers: { Authorization: 'Bearer ${input:token}' } }
        : { command: 'uvx', args: [`mcp-server-${i}`], env: { LOG_LEVEL: 'debug' } };
}
const text = `// generated\n${JSON.stringify({ mcpServers: servers }, null, 2)}`;
const runs: number[] = [];
let findings = 0;
for (let r = 0; r < 10; r++) {
  const t0 = performance.now();
  const parsed = parseClientConfig('.cursor/mcp.json', text, 'cursor', 'json');
  findings = parsed.reduce((a, s) => a + checkServerConfig(s).length, 0);
  runs.push(performance.now() - t0);
}
const med = quantile(runs, 0.5);
log('## MCP scanner performance');
log('');
log('Command: `npm run bench -- mcp` (bench/mcp.ts), on the shared 2-core machine while other work was running.');
log('');
log(
  `- Config parse + all config checks, 1,000 servers (${(text.length / 1024).toFixed(0)} KiB JSONC, ${findings} findings): median ${med.toFixed(1)} ms over 10 runs = ${Math.round(1000 / (med / 1000))} servers/s.`,
);

// 2. Tool analysis latency.
const words =
  'read write list create update delete file directory repository issue comment message channel user project branch commit search return the a of for with in to by and'.split(
    ' ',
  );
const tools: McpTool[] = Array.from({ length: 1000 }, (_, i) => ({
  name: `tool_${i}`,
  description: Array.from({ length: 50 }, (_, j) => words[(i * 7 + j * 13) % words.length]).join(' ') + '.',
  inputSchema: {
    type: 'object',
    properties: {
      path: { type: 'string', description: 'Path of the item to use.' },
      limit: { type: 'number', default: 10 },
    },
  },
}));
for (const pipe of [false, true]) {
  const per: number[] = [];
  for (const t of tools) {
    const t0 = performance.now();
    analyzeToolSets([{ server: 's', source: 'bench', tools: [t] }], { useDetectorPipeline: pipe });
    per.push(performance.now() - t0);
  }
  log(
    `- Tool analysis per tool (~300-char description + schema), ${pipe ? 'with the shared injection detectors' : 'MCP heuristics only'}: p50 ${quantile(per, 0.5).toFixed(2)} ms, p99 ${quantile(per, 0.99).toFixed(2)} ms.`,
  );
}
const evil = [
  'do not tell '.repeat(1700),
  `<${'a'.repeat(20_000)}`,
  `read ${'~/'.repeat(10_000)}`,
  'execute '.repeat(2500),
];
const worst = evil.map((d) => {
  const t0 = performance.now();
  analyzeToolSets([{ server: 's', source: 'bench', tools: [{ name: 'evil', description: d }] }], {
    useDetectorPipeline: false,
  });
  return performance.now() - t0;
});
log(
  `- Adversarial 20 KB descriptions (repetition, unclosed tag, path spam): worst ${Math.max(...worst).toFixed(1)} ms per tool.`,
);
{
  const t0 = performance.now();
  for (const t of tools) toolDefinitionHash(t);
  log(
    `- Canonical tool hashing (pin / rug-pull check): ${Math.round(tools.length / ((performance.now() - t0) / 1000))} tools/s.`,
  );
}

// 3. Live inspection.
const require = createRequire(import.meta.url);
const memBin = join(dirname(require.resolve('@modelcontextprotocol/server-memory/package.json')), 'dist', 'index.js');
const dir = mkdtempSync(join(tmpdir(), 'bench-mcp-'));
const base: McpServerConfig = {
  name: 'memory',
  client: 'bench',
  configPath: 'bench',
  transport: 'stdio',
  command: process.execPath,
  args: [memBin],
  env: { MEMORY_FILE_PATH: join(dir, 'm.json') },
  headers: {},
};
const live: number[] = [];
for (let i = 0; i < 5; i++) {
  const r = await inspectServer(base, { timeoutMs: 30_000 });
  if (!r.ok) throw new Error(r.reason);
  live.push(r.elapsedMs);
}
log(
  `- Live inspection of @modelcontextprotocol/server-memory over stdio (spawn, initialize, tools/list, shut down): median ${quantile(live, 0.5)} ms over 5 runs.`,
);
const hangScript = join(dir, 'hang.mjs');
writeFileSync(hangScript, 'setInterval(() => {}, 1000);\n');
const h = await inspectServer({ ...base, name: 'hang', args: [hangScript], env: {} }, { timeoutMs: 2000 });
log(
  `- A server that never answers initialize, deadline 2,000 ms: reported after ${h.elapsedMs} ms (${h.ok ? 'unexpectedly answered' : h.reason}).`,
);
writeFileSync(join(root, 'docs', 'benchmarks', 'mcp-bench.md'), `${lines.join('\n')}\n`);
console.log('\nwrote docs/benchmarks/mcp-bench.md');
