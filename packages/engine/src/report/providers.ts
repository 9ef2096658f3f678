// Display names of AI providers, keyed by the provider ids detectors emit. Unknown ids are shown
// as given: a missing entry only costs a less pretty name.
const NAMES: Record<string, string> = {
  openai: 'OpenAI',
  'openai-compatible': 'OpenAI-compatible server',
  'azure-openai': 'Azure OpenAI',
  anthropic: 'Anthropic',
  'aws-bedrock': 'AWS Bedrock',
  bedrock: 'AWS Bedrock',
  google: 'Google Gemini',
  'google-genai': 'Google Gemini',
  vertexai: 'Google Vertex AI',
  'vertex-ai': 'Google Vertex AI',
  cohere: 'Cohere',
  mistral: 'Mistral AI',
  groq: 'Groq',
  together: 'Together AI',
  ollama: 'Ollama',
  litellm: 'LiteLLM',
  huggingface: 'Hugging Face',
  replicate: 'Replicate',
  pinecone: 'Pinecone',
};

export function llmProviderName(provider: string): string {
  return NAMES[provider.toLowerCase()] ?? provider;
}
