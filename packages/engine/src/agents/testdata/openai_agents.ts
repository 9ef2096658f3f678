import { Agent, tool } from '@openai/agents';
import { z } from 'zod';

const lookup = tool({
  name: 'lookup_order',
  description: 'Look up an order',
  parameters: z.object({ id: z.string() }),
  execute: async ({ id }) => `order ${id} shipped`,
});

export const agent = new Agent({ name: 'Order bot', instructions: 'Help with orders.', tools: [lookup], model: 'gpt-4.1-mini' });
