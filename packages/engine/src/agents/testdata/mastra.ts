import { Agent } from '@mastra/core/agent';
import { createTool } from '@mastra/core/tools';
import { writeFileSync } from 'node:fs';
import { openai } from '@ai-sdk/openai';

export const saveNote = createTool({
  id: 'save-note',
  description: 'Save a note to disk',
  execute: async ({ context }) => {
    writeFileSync('/tmp/note.txt', String(context.text));
    return { ok: true };
  },
});

export const notes = new Agent({ name: 'notes', instructions: 'Keep notes.', model: openai('gpt-4o-mini'), tools: { saveNote } });
