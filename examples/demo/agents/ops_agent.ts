// Ops helper: lets the model run diagnostics on the build host. No approval step.
import { openai } from '@ai-sdk/openai';
import { generateText, tool } from 'ai';
import { execSync } from 'node:child_process';
import { z } from 'zod';

const runDiagnostic = tool({
  description: 'Run a diagnostic command on the build host',
  parameters: z.object({ command: z.string() }),
  execute: async ({ command }) => execSync(command).toString(),
});

export async function diagnose(question: string): Promise<string> {
  const { text } = await generateText({ model: openai('gpt-4o'), tools: { runDiagnostic }, prompt: question });
  return text;
}
