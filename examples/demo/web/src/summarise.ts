// Summaries with the Vercel AI SDK.
import { openai } from '@ai-sdk/openai';
import { generateText } from 'ai';

export async function summarise(text: string): Promise<string> {
  const { text: out } = await generateText({ model: openai('gpt-4o-mini'), prompt: `Summarise:\n${text}` });
  return out;
}
