// This file mentions new OpenAI() and anthropic.messages.create in comments only.
const docs = 'Call new Anthropic() from the server, never from the browser.';
export function help(): string {
  return docs;
}
