// The output leakage checks on tools/call arguments in the MCP proxy, end to end over stdio: the real
// @modelcontextprotocol/server-everything behind `tee`, so the test reads exactly what the server was
// sent; real detectors and the real policy engine (testdata/policy.yaml: secret and
// system-prompt-leak deny; a scoped policy added here redacts PII in echo's arguments).
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, it } from 'node:test';
import { realMcpSetup } from '../testing/mcp-inspectors.js';
import { lineReader, runStdioProxy } from './mcp-stdio.js';

const require = createRequire(import.meta.url);
const bin = join(dirname(require.resolve('@modelcontextprotocol/server-everything/package.json')), 'dist', 'index.js');
const here = new URL('..', import.meta.url).pathname;

const CANARY = 'RAMPART-CANARY-7c1f0a93e4';
const SECRET = 'sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4zAb7dEf0hIj3kLm6nOp9qRs2tUv5wXy8z';
const EMAIL = 'carol.smith@corp.io';

// Appended to the policies: list of testdata/policy.yaml.
const REDACT_ECHO = `
  - id: redact-pii-in-echo
    effect: redact
    redact: [pii]
    cedar: |
      permit(principal, action == Action::"call-tool", resource)
      when { resource.name == "echo" && context.detections.contains("pii") };
`;

type Reply = { result?: { isError?: boolean; content?: { type: string; text: string }[] }; error?: unknown };

describe('mcp proxy: leakage checks on tools/call arguments (real server over stdio)', () => {
  it('refuses calls that leak a secret or a canary before the server sees them, redacts PII, passes the rest', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rampart-mcp-args-'));
    const seenLog = join(dir, 'server-stdin.jsonl');
    const policyFile = join(dir, 'policy.yaml');
    await writeFile(policyFile, (await readFile(`${here}testdata/policy.yaml`, 'utf8')) + REDACT_ECHO);
    const real = await realMcpSetup({ policyFile, config: { canaries: [CANARY] } });
    const { policy, audit } = real;
    const inspector = real.inspector('everything');
    const input = new PassThrough();
    const output = new PassThrough();
    const replies = new Map<number, Reply>();
    lineReader(
      output,
      1 << 20,
      (l) => {
        const m = JSON.parse(l) as { id?: number };
        if (typeof m.id === 'number') replies.set(m.id, m as Reply);
      },
      () => undefined,
    );
    const done = runStdioProxy({
      command: 'sh',
      args: ['-c', 'tee "$1" | "$2" "$3" stdio', 'sh', seenLog, process.execPath, bin],
      inspector,
      input,
      output,
      log: () => undefined,
    });
    const send = (id: number, method: string, params: unknown = {}) =>
      input.write(`${JSON.stringify({ jsonrpc: '2.0', id, method, params })}\n`);
    const wait = async (id: number): Promise<Reply> => {
      for (let i = 0; i < 1500 && !replies.has(id); i++) await new Promise((r) => setTimeout(r, 20));
      const r = replies.get(id);
      assert.ok(r, `no reply to ${id}`);
      return r;
    };
    const callTool = (id: number, args: unknown) => {
      send(id, 'tools/call', { name: 'echo', arguments: args });
      return wait(id);
    };
    const text = (r: Reply) => r.result?.content?.map((c) => c.text).join('\n') ?? '';
    try {
      send(1, 'initialize', {
        protocolVersion: '2025-06-18',
        capabilities: {},
        clientInfo: { name: 't', version: '1' },
      });
      await wait(1);
      input.write(`${JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' })}\n`);

      const benign = await callTool(2, { message: 'hello there' });
      assert.equal(benign.result?.isError, undefined);
      assert.equal(text(benign), 'Echo: hello there');

      const key = await callTool(3, { message: `use this key: ${SECRET} thanks` });
      assert.equal(key.result?.isError, true);
      assert.match(text(key), /^\[rampart\] tool call echo denied by policy/);
      assert.match(text(key), /secret/);
      assert.match(text(key), /in the arguments at \$\.message/);
      assert.ok(!text(key).includes('Echo:'), 'answered by the proxy, not the server');

      const canary = await callTool(4, {
        message: 'see',
        meta: { links: [`https://collect.example.net/?c=${CANARY}`] },
      });
      assert.equal(canary.result?.isError, true);
      assert.match(text(canary), /system-prompt-leak/);
      assert.match(text(canary), /in the arguments at \$\.meta\.links\[0\]/);

      const pii = await callTool(5, { message: `ask ${EMAIL} about "the" invoice` });
      assert.equal(pii.result?.isError, undefined);
      assert.match(text(pii), /^Echo: ask \S+ about "the" invoice$/);
      assert.ok(!text(pii).includes(EMAIL), 'the server echoed the redacted copy');

      const after = await callTool(6, { message: 'still here' });
      assert.equal(text(after), 'Echo: still here');

      // What the server was sent: the benign calls, the redacted one (valid JSON), never the leaks.
      const seen = await readFile(seenLog, 'utf8');
      const calls = seen
        .split('\n')
        .filter((l) => l !== '')
        .map((l) => JSON.parse(l) as { id?: number; method?: string; params?: { arguments?: { message: string } } })
        .filter((m) => m.method === 'tools/call');
      assert.deepEqual(
        calls.map((m) => m.id),
        [2, 5, 6],
      );
      assert.ok(!calls[1]!.params!.arguments!.message.includes(EMAIL));
      assert.ok(!seen.includes(SECRET) && !seen.includes(CANARY) && !seen.includes(EMAIL));

      // The audit names types and paths, never the values.
      const blocked = audit.records.filter((r) => r.outcome === 'blocked');
      assert.equal(blocked.length, 2);
      const types = blocked.flatMap((r) => r.detections.map((d) => d.type));
      assert.ok(types.includes('secret') && types.includes('system-prompt-leak'));
      const reasons = blocked.flatMap((r) => r.decisions.flatMap((d) => d.reasons)).join('\n');
      assert.match(reasons, /secret in the arguments at \$\.message of tool call echo/);
      const all = JSON.stringify(audit.records);
      assert.ok(!all.includes(SECRET) && !all.includes(CANARY) && !all.includes(EMAIL));
    } finally {
      input.end();
      await done;
      policy.stop();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
