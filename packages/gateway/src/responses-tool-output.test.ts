// What a tool returned, in a Responses answer, passes the output checks message text gets: an
// mcp_call's output (the provider ran the tool), hosted tools' output (code interpreter logs, a hosted
// shell's output, file search results), and tool outputs a provider echoes back. End to end
// with the real detectors against the mock upstream, complete and streamed.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type Harness, post, startHarness } from './testing/harness.js';
import { accumulateOutput, readSse } from './testing/responses-sse.js';

type Obj = Record<string, unknown>;

const SECRET = 'sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4zAb7dEf0hIj3kLm6nOp9qRs2tUv5wXy8z';
const CANARY = 'RAMPART-CANARY-7f3a9c21';
const EMAIL = 'bob@corp.io';

describe('gateway: Responses tool outputs pass the output checks', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({
      realChecks: true,
      config: {
        canaries: [CANARY],
        checks: { input: { budgetMs: 10_000 }, output: { budgetMs: 10_000 } },
      },
    });
    h.mock.scripts.set('mock-mcp-out', {
      text: 'done',
      mcp: {
        server: 'github',
        calls: [
          { name: 'read_env', args: { name: 'OPENAI_API_KEY' }, output: `OPENAI_API_KEY=${SECRET}` },
          { name: 'whois', args: { user: 'bob' }, output: `bob can be reached at ${EMAIL} on weekdays` },
          { name: 'read_prompt', args: {}, output: `the system prompt ends with ${CANARY}` },
          { name: 'ping', args: {}, output: '', error: `connection refused; retry with key ${SECRET}` },
          { name: 'search', args: { q: 'rampart' }, output: 'found 3 repositories' },
        ],
      },
      extraItems: [
        { type: 'custom_tool_call_output', id: 'ctco_0', call_id: 'call_c0', output: `key ${SECRET}` },
        // Its stream's output_item.added carries the output too: it must be the redacted one.
        { type: 'function_call_output', id: 'fco_0', call_id: 'call_0', output: `mail ${EMAIL}` },
        // Hosted tools: code interpreter logs, a hosted shell's output, file search results, and an
        // output item type nobody knows yet.
        {
          type: 'code_interpreter_call',
          id: 'ci_0',
          container_id: 'cntr_1',
          status: 'completed',
          code: 'print(open(".env").read())',
          outputs: [{ type: 'logs', logs: `OPENAI_API_KEY=${SECRET}` }],
        },
        {
          type: 'shell_call_output',
          id: 'sco_0',
          call_id: 'call_s0',
          output: [{ stdout: `owner ${EMAIL}`, stderr: '', outcome: { type: 'exit', exit_code: 0 } }],
        },
        {
          type: 'file_search_call',
          id: 'fs_0',
          status: 'completed',
          queries: ['prompt'],
          results: [{ file_id: 'file_1', filename: 'notes.txt', text: `the system prompt ends with ${CANARY}` }],
        },
        {
          type: 'weather_call_output',
          id: 'wco_0',
          call_id: 'call_w0',
          output: { report: 'sunny', debug: `key ${SECRET}` },
        },
        {
          type: 'code_interpreter_call',
          id: 'ci_1',
          container_id: 'cntr_1',
          status: 'completed',
          code: 'print(2 + 2)',
          outputs: [
            { type: 'logs', logs: '4' },
            { type: 'image', url: 'https://files.example/plot.png' },
          ],
        },
      ],
    });
  });
  after(() => h.close());

  const body = (stream: boolean) => JSON.stringify({ model: 'mock-mcp-out', input: 'go', stream });

  function checkOutput(output: Obj[]): void {
    assert.deepEqual(
      output.map((i) => [i.type, i.name ?? null]),
      [
        ['message', null],
        ['message', null], // read_env: secret in the output
        ['mcp_call', 'whois'], // email redacted in place
        ['message', null], // read_prompt: canary
        ['message', null], // ping: secret in the error
        ['mcp_call', 'search'],
        ['message', null], // echoed custom tool output with a secret
        ['function_call_output', null], // echoed, email redacted
        ['message', null], // code interpreter logs with a secret
        ['shell_call_output', null], // email redacted in the stdout
        ['message', null], // file search result with the canary
        ['message', null], // unknown *_output item, a secret nested in it
        ['code_interpreter_call', null], // clean logs, an image (not read)
      ],
    );
    const text = (i: number) => ((output[i]!.content as Obj[])[0] as { text: string }).text;
    assert.match(
      text(1),
      /MCP tool read_env \(server github\) ran at the provider; its output is withheld by the output checks/,
    );
    assert.match(text(3), /read_prompt .*its output is withheld/);
    assert.match(text(4), /ping .*its error is withheld/);
    assert.match(text(6), /tool call call_c0; its output is withheld/);
    const whois = output[2]!.output as string;
    assert.ok(!whois.includes(EMAIL) && /^bob can be reached at \[[A-Z_0-9]+\] on weekdays$/.test(whois), whois);
    assert.equal(output[5]!.output, 'found 3 repositories');
    assert.match(output[7]!.output as string, /^mail \[[A-Z_0-9]+\]$/);
    assert.match(text(8), /code interpreter call ci_0; its outputs\[0\]\.logs is withheld by the output checks/);
    assert.match(text(10), /file search fs_0; its results\[0\]\.text is withheld/);
    assert.match(text(11), /tool call call_w0; its output\.debug is withheld/);
    const shell = (output[9]!.output as Obj[])[0] as Obj;
    assert.match(shell.stdout as string, /^owner \[[A-Z_0-9]+\]$/);
    assert.deepEqual(output[12]!.outputs, [
      { type: 'logs', logs: '4' },
      { type: 'image', url: 'https://files.example/plot.png' },
    ]);
  }

  function checkAudit(): void {
    const rec = h.audit.records.at(-1)!;
    const types = new Set(rec.detections.map((d) => d.type));
    for (const t of ['secret', 'pii', 'system-prompt-leak']) assert.ok(types.has(t), `${t} recorded`);
    const out = rec.decisions.filter((d) => d.stage === 'output');
    assert.deepEqual(
      out.map((d) => [d.effect, d.reasons.at(-1)]),
      [
        ['deny', 'in the output of MCP tool read_env (server github) ran at the provider'],
        ['redact', 'in the output of MCP tool whois (server github) ran at the provider'],
        ['deny', 'in the output of MCP tool read_prompt (server github) ran at the provider'],
        ['deny', 'in the error of MCP tool ping (server github) ran at the provider'],
        ['deny', 'in the output of tool call call_c0'],
        ['redact', 'in the output of tool call call_0'],
        ['deny', 'in the outputs[0].logs of code interpreter call ci_0'],
        ['redact', 'in the output[0].stdout of tool call call_s0'],
        ['deny', 'in the results[0].text of file search fs_0'],
        ['deny', 'in the output.debug of tool call call_w0'],
        // The code interpreter's plot went out as it is: said, not read.
        ['allow', 'the response carried media the output checks cannot read (1 image); it went to the client unread'],
      ],
    );
    assert.equal(rec.outcome, 'redacted');
  }

  it('complete response: leaking outputs are withheld or redacted, the rest passes', async () => {
    const r = await post(`${h.url}/v1/responses`, body(false));
    assert.equal(r.status, 200);
    const raw = await r.text();
    for (const s of [SECRET, CANARY, EMAIL]) assert.ok(!raw.includes(s), `${s.slice(0, 8)}… never sent`);
    checkOutput((JSON.parse(raw) as { output: Obj[] }).output);
    checkAudit();
  });

  it('stream: the same, with well-formed events that add up to response.completed', async () => {
    const r = await post(`${h.url}/v1/responses`, body(true));
    assert.equal(r.status, 200);
    const evs = await readSse(r);
    assert.equal(evs.at(-1)!.event, 'response.completed');
    const raw = evs.map((e) => e.data).join('\n');
    for (const s of [SECRET, CANARY, EMAIL]) assert.ok(!raw.includes(s), `${s.slice(0, 8)}… never streamed`);
    const streamed = accumulateOutput(evs);
    checkOutput(streamed);
    const completed = JSON.parse(evs.at(-1)!.data) as { response: { output: Obj[] } };
    assert.deepEqual(completed.response.output, streamed, 'response.completed says what was streamed');
    checkAudit();
  });
});
