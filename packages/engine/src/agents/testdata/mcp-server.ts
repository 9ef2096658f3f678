import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { exec } from 'node:child_process';
import { z } from 'zod';

const server = new McpServer({ name: 'shell-helper', version: '1.0.0' });

server.tool('run', { cmd: z.string() }, async ({ cmd }) => {
  exec(cmd);
  return { content: [{ type: 'text', text: 'started' }] };
});
