// `rampart mcp-proxy`: puts policy between an agent and one MCP server. Stdio: the agent launches
// `rampart mcp-proxy --policy p.yaml --server fs -- npx some-mcp-server ...` instead of the server.
// HTTP: `--upstream http://127.0.0.1:3000/mcp --port 8788` fronts a streamable-HTTP server.
import { readFileSync } from 'node:fs';
import { UsageError } from '@rampart/core';
import { runMcpProxy } from '@rampart/gateway';
import type { Command } from 'commander';

export function register(program: Command): void {
  program
    .command('mcp-proxy')
    .description(
      'wrap a stdio MCP server (or front a streamable-HTTP one) with tool policy, tool-definition checks, result scanning and pinned tool definitions',
    )
    .requiredOption('--policy <file>', 'policy file (tools, constraints, rate limits, approvals)')
    .requiredOption('--server <name>', 'server name (as in the lockfile and the policy)')
    .option(
      '--lock <file>',
      'rampart-mcp.lock.json from `rampart mcp pin`; changed or unpinned tools are blocked (poisoned tools are withheld with or without it)',
    )
    .option(
      '--overrides <file>',
      'JSON file allowing named tools of named servers through the tool-definition check, each at one definition hash (false positives; audited)',
    )
    .option('--store <url>', 'audit/approvals store (SQLite path or postgres:// URL)')
    .option('--mode <mode>', 'enforce | monitor', 'enforce')
    .option('--key-env <name>', 'environment variable holding the agent’s Rampart virtual key', 'RAMPART_VIRTUAL_KEY')
    .option('--upstream <url>', 'streamable-HTTP MCP endpoint to front (instead of a stdio command)')
    .option('--host <host>', 'HTTP mode: listen address', '127.0.0.1')
    .option('--port <port>', 'HTTP mode: listen port', '8788')
    .option(
      '--canary <token>',
      'canary token that must never leave through tool arguments (repeatable)',
      (v: string, acc: string[]) => [...acc, v],
      [] as string[],
    )
    .option('--system-prompt-file <file>', 'the agent’s system prompt; tool arguments that leak it are refused')
    .argument('[command...]', 'stdio MCP server command (after --)')
    .action(
      async (
        command: string[],
        f: {
          policy: string;
          server: string;
          lock?: string;
          overrides?: string;
          store?: string;
          mode: string;
          keyEnv: string;
          upstream?: string;
          host: string;
          port: string;
          canary: string[];
          systemPromptFile?: string;
        },
      ) => {
        if (f.mode !== 'enforce' && f.mode !== 'monitor') throw new UsageError('--mode must be enforce or monitor');
        const port = Number(f.port);
        if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port: not a port: ${f.port}`);
        const key = process.env[f.keyEnv];
        for (const c of f.canary)
          if (c.length < 8) throw new UsageError('--canary: a canary needs at least 8 characters');
        let systemPrompt: string | undefined;
        if (f.systemPromptFile !== undefined) {
          try {
            systemPrompt = readFileSync(f.systemPromptFile, 'utf8');
          } catch (e) {
            throw new UsageError(`--system-prompt-file: cannot read ${f.systemPromptFile} (${(e as Error).message})`);
          }
        }
        const code = await runMcpProxy({
          policy: f.policy,
          server: f.server,
          mode: f.mode,
          log: (m) => process.stderr.write(`rampart mcp-proxy: ${m}\n`),
          listen: { host: f.host, port },
          ...(f.lock === undefined ? {} : { lock: f.lock }),
          ...(f.overrides === undefined ? {} : { overrides: f.overrides }),
          ...(f.store === undefined ? {} : { store: f.store }),
          ...(key === undefined ? {} : { virtualKey: key }),
          ...(command.length > 0 ? { command } : {}),
          ...(f.upstream === undefined ? {} : { upstreamUrl: f.upstream }),
          ...(f.canary.length === 0 ? {} : { canaries: f.canary }),
          ...(systemPrompt === undefined ? {} : { systemPrompt }),
        });
        process.exitCode = code;
      },
    );
}
