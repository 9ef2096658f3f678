import OpenAI from 'openai';
import Anthropic from '@anthropic-ai/sdk';
import { BedrockRuntimeClient, ConverseCommand } from '@aws-sdk/client-bedrock-runtime';
import { generateText } from 'ai';
import { openai } from '@ai-sdk/openai';
import { ChatAnthropic } from '@langchain/anthropic';
import { GoogleGenAI } from '@google/genai';

const MODEL = process.env.OPENAI_MODEL ?? 'gpt-4.1';
const client = new OpenAI({ baseURL: process.env.OPENAI_BASE_URL });
export async function ask(q: string) {
  return client.chat.completions.create({ model: MODEL, messages: [{ role: 'user', content: q }] });
}
const anthropic = new Anthropic();
await anthropic.messages.create({ model: 'claude-3-7-sonnet-latest', max_tokens: 5, messages: [] });
const br = new BedrockRuntimeClient({ region: 'us-east-1' });
await br.send(new ConverseCommand({ modelId: 'amazon.nova-pro-v1:0', messages: [] }));
await generateText({ model: openai('gpt-4o-mini'), prompt: 'hi' });
const chat = new ChatAnthropic({ model: 'claude-3-5-haiku-latest' });
const ai = new GoogleGenAI({ apiKey: process.env.GEMINI_API_KEY });
await ai.models.generateContent({ model: 'gemini-2.5-flash', contents: 'x' });
import { gateway } from '@ai-sdk/gateway';
import { createOpenAI } from '@ai-sdk/openai';
const title = gateway.languageModel('google/gemini-2.5-flash-lite');
const local = createOpenAI({ baseURL: 'http://127.0.0.1:11434/v1' });
const llama = local('llama3.1:8b');
