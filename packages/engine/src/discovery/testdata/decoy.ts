/**
 * Usage: `import OpenAI from 'openai'; new OpenAI().chat.completions.create({ model: 'gpt-4o' })`.
 * Never pass model output to eval() or child_process.exec().
 */
// import Anthropic from '@anthropic-ai/sdk';
// const c = new Anthropic(); c.messages.create({ model: 'claude-3-opus-20240229' });
const docs = "new OpenAI({ baseURL: 'http://localhost:8000/v1' })";

class OpenAI {
  constructor(readonly opts: { model: string }) {}
  complete(q: string): string {
    return `${this.opts.model}: ${q}`;
  }
}

export const local = new OpenAI({ model: 'gpt-4o' });
export const answer = local.complete(docs);
eval('1 + 1');
