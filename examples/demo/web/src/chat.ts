// Chat endpoint for the web app: Claude answers product questions.
import Anthropic from '@anthropic-ai/sdk';

const anthropic = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY });

export async function ask(question: string): Promise<string> {
  const msg = await anthropic.messages.create({
    model: 'claude-3-5-sonnet-20241022',
    max_tokens: 512,
    system: 'You are the Acme product expert. Be concise.',
    messages: [{ role: 'user', content: question }],
  });
  const block = msg.content[0];
  return block && block.type === 'text' ? block.text : '';
}
