// What the streamable-HTTP front does with the other messages a server sends on the SSE answer to the
// proxy's OWN listing (the one it makes before a use no listing of the session vouches for): the
// server's requests get an answer at once (ping an empty result; sampling, elicitation and the rest a
// JSON-RPC error, since no client asked for the listing and none can answer them), a list_changed
// makes the session list that family again, and other notifications are dropped, counted and logged.
// The server is a real SDK server (stateful streamable HTTP) whose tools/list handler sends them as
// requests and notifications related to the listing, so they travel on that listing's stream.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import {
  CallToolRequestSchema,
  CreateMessageRequestSchema,
  CreateMessageResultSchema,
  ElicitRequestSchema,
  ElicitResultSchema,
  EmptyResultSchema,
  GetPromptRequestSchema,
  ListPromptsRequestSchema,
  ListToolsRequestSchema,
  LoggingMessageNotificationSchema,
} from '@modelcontextprotocol/sdk/types.js';
import { fakeMcpInspector } from '../testing/mcp-inspectors.js';
import { createHttpMcpProxy } from './mcp-http.js';
import { MAX_ANSWERS } from './mcp-http-own-link.js';

/** How each request the server sent during a listing ended: 'ok' or the error's code and message. */
type Outcome = { ok: true } | { ok: false; code: unknown; message: string };
const settle = (p: Promise<unknown>): Promise<Outcome> =>
  p.then(
    () => ({ ok: true }) as const,
    (e: { code?: unknown; message?: string }) => ({ ok: false, code: e.code, message: String(e.message) }),
  );

/** A server whose tools/list asks the client things and notifies it, all on the listing's own stream. */
async function chattyServer() {
  const outcomes: Array<Record<string, Outcome>> = [];
  const ownPromptListings: string[] = [];
  const transports = new Map<string, StreamableHTTPServerTransport>();
  const session = async (): Promise<StreamableHTTPServerTransport> => {
    const s = new Server(
      { name: 'chatty', version: '1' },
      { capabilities: { tools: { listChanged: true }, prompts: { listChanged: true }, logging: {} } },
    );
    s.setRequestHandler(ListToolsRequestSchema, async (_req, extra) => {
      await extra.sendNotification({ method: 'notifications/message', params: { level: 'info', data: 'listing' } });
      await extra.sendNotification({ method: 'notifications/prompts/list_changed' });
      const timeout = 3_000; // below the proxy's own 10 s bound, so a dropped request shows as a time-out
      const [ping, sampling, elicitation] = await Promise.all([
        settle(extra.sendRequest({ method: 'ping' }, EmptyResultSchema, { timeout })),
        settle(
          extra.sendRequest(
            {
              method: 'sampling/createMessage',
              params: { messages: [{ role: 'user', content: { type: 'text', text: 'hi' } }], maxTokens: 5 },
            },
            CreateMessageResultSchema,
            { timeout },
          ),
        ),
        settle(
          extra.sendRequest(
            {
              method: 'elicitation/create',
              params: { message: 'Your name?', requestedSchema: { type: 'object', properties: {} } },
            },
            ElicitResultSchema,
            { timeout },
          ),
        ),
      ]);
      outcomes.push({ ping, sampling, elicitation });
      return { tools: [{ name: 'echo', description: 'Echo the input text.', inputSchema: { type: 'object' } }] };
    });
    s.setRequestHandler(CallToolRequestSchema, async () => ({ content: [{ type: 'text', text: 'ok' }] }));
    s.setRequestHandler(ListPromptsRequestSchema, async (_req, extra) => {
      if (String(extra.requestId).startsWith('rampart-')) ownPromptListings.push(String(extra.requestId));
      return { prompts: [{ name: 'greet', description: 'Greets someone.' }] };
    });
    s.setRequestHandler(GetPromptRequestSchema, async () => ({
      messages: [{ role: 'user', content: { type: 'text', text: 'Say hello.' } }],
    }));
    const t = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id) => {
        transports.set(id, t);
      },
    });
    await s.connect(t);
    return t;
  };
  const http = createServer((req: IncomingMessage, res: ServerResponse) => {
    const id = req.headers['mcp-session-id'];
    const known = typeof id === 'string' ? transports.get(id) : undefined;
    void (known ? Promise.resolve(known) : session()).then((t) => t.handleRequest(req, res));
  });
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  const close = async () => {
    for (const t of transports.values()) await t.close();
    http.closeAllConnections();
    await new Promise<void>((r) => http.close(() => r()));
  };
  return { url: `http://127.0.0.1:${(http.address() as AddressInfo).port}/mcp`, outcomes, ownPromptListings, close };
}

describe("mcp proxy (streamable HTTP): server messages on the proxy's own listing stream", () => {
  it('answers server requests at once, applies list_changed, drops and logs the rest', async () => {
    const server = await chattyServer();
    const { inspector } = fakeMcpInspector('chatty');
    const logs: string[] = [];
    const proxy = createHttpMcpProxy({ upstream: server.url, inspector, log: (m) => logs.push(m) });
    const addr = await proxy.listen(0, '127.0.0.1');
    const c = new Client({ name: 'rampart-test', version: '1' }, { capabilities: { sampling: {}, elicitation: {} } });
    const asked: string[] = [];
    c.setRequestHandler(CreateMessageRequestSchema, async () => {
      asked.push('sampling');
      return { model: 'm', role: 'assistant' as const, content: { type: 'text' as const, text: 'x' } };
    });
    c.setRequestHandler(ElicitRequestSchema, async () => {
      asked.push('elicitation');
      return { action: 'decline' as const };
    });
    const notes: string[] = [];
    c.setNotificationHandler(LoggingMessageNotificationSchema, (n) => {
      notes.push(String(n.params.data));
    });
    try {
      await c.connect(new StreamableHTTPClientTransport(new URL(`http://127.0.0.1:${addr.port}/mcp`)));
      // The client lists prompts itself: the session's prompt view is complete, nothing to relist.
      assert.deepEqual(
        (await c.listPrompts()).prompts.map((p) => p.name),
        ['greet'],
      );

      // A call without a tools listing: the proxy lists the tools itself, and the server's tools/list
      // handler pings, asks for sampling and elicitation, logs and says its prompts changed.
      const started = Date.now();
      const r = await c.callTool({ name: 'echo', arguments: {} });
      assert.deepEqual(r.content, [{ type: 'text', text: 'ok' }]);
      assert.equal(server.outcomes.length, 1);
      const o = server.outcomes[0]!;
      assert.deepEqual(o.ping, { ok: true }, 'the proxy answers a ping itself');
      for (const what of ['sampling', 'elicitation'] as const) {
        const x = o[what]!;
        assert.ok(!x.ok && x.code === -32601, `${what} refused at once with -32601: ${JSON.stringify(x)}`);
        assert.match(x.message, /\[rampart\] .* not available on the proxy's own tools\/list/);
      }
      assert.ok(Date.now() - started < 2_500, 'no request waited for its time-out');
      assert.deepEqual(asked, [], 'the client is never asked about a listing it did not make');
      assert.deepEqual(notes, [], 'notifications on the own listing stream are not relayed');
      assert.ok(
        logs.some((l) => /own tools\/list/.test(l) && /notifications\/message/.test(l) && /dropped/.test(l)),
        `the dropped notification is logged: ${JSON.stringify(logs)}`,
      );

      // The prompts list_changed sent on that stream counts: the next prompt use lists them again.
      assert.equal(server.ownPromptListings.length, 0);
      const p = await c.getPrompt({ name: 'greet' });
      assert.equal(p.messages.length, 1);
      assert.equal(server.ownPromptListings.length, 1, 'the proxy listed the prompts again after list_changed');
    } finally {
      await c.close().catch(() => undefined);
      await proxy.close();
      await server.close();
    }
  });

  it('answers at most MAX_ANSWERS server requests per own listing, and logs method names safely', async () => {
    const answers: Array<{ session: unknown; body: Record<string, unknown> }> = [];
    const upstream = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const m = JSON.parse(Buffer.concat(chunks).toString()) as Record<string, unknown>;
        if (m.method === undefined) {
          answers.push({ session: req.headers['mcp-session-id'], body: m });
          res.writeHead(202).end();
          return;
        }
        if (m.method === 'tools/list') {
          res.writeHead(200, { 'content-type': 'text/event-stream' });
          const ev = (x: unknown) => `event: message\ndata: ${JSON.stringify(x)}\n\n`;
          for (let i = 0; i < MAX_ANSWERS + 4; i++)
            res.write(ev({ jsonrpc: '2.0', id: `s${i}`, method: i === 0 ? 'evil\nline' : 'roots/list' }));
          res.write('event: message\ndata: {not json\n\n');
          res.end(ev({ jsonrpc: '2.0', id: m.id, result: { tools: [{ name: 'echo', description: 'Echo.' }] } }));
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ jsonrpc: '2.0', id: m.id, result: { content: [{ type: 'text', text: 'ok' }] } }));
      });
    });
    await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
    const { inspector } = fakeMcpInspector('flood');
    const logs: string[] = [];
    const proxy = createHttpMcpProxy({
      upstream: `http://127.0.0.1:${(upstream.address() as AddressInfo).port}/mcp`,
      inspector,
      log: (m) => logs.push(m),
    });
    const addr = await proxy.listen(0, '127.0.0.1');
    try {
      const r = await fetch(`http://127.0.0.1:${addr.port}/mcp`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json, text/event-stream',
          'mcp-session-id': 'sess-f',
        },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'echo', arguments: {} } }),
      });
      assert.match(await r.text(), /"ok"/);
      for (let i = 0; i < 50 && answers.length < MAX_ANSWERS; i++) await new Promise((d) => setTimeout(d, 20));
      await new Promise((d) => setTimeout(d, 100));
      assert.equal(answers.length, MAX_ANSWERS, 'a flood of server requests is answered only up to the bound');
      assert.ok(
        answers.every((a) => a.session === 'sess-f'),
        'answers go in the client session',
      );
      assert.deepEqual(answers.map((a) => (a.body.error as { code: number }).code)[0], -32601);
      assert.match(JSON.stringify(answers[0]!.body), /\[rampart\] a method is not available/);
      const line = logs.find((l) => l.includes('own tools/list')) ?? '';
      assert.match(
        line,
        /refused a method x1, roots\/list x15; left unanswered roots\/list x4; dropped a malformed event x1/,
      );
      assert.ok(!logs.join('').includes('evil'), 'a server-chosen name with a newline is never logged');
    } finally {
      await proxy.close();
      upstream.closeAllConnections();
      await new Promise<void>((r) => upstream.close(() => r()));
    }
  });
});
