// AI model and AI-platform API keys: what an agent or a gateway most often carries.
import { keyed, type Pattern, spellings } from './pattern.js';

export const AI_PROVIDERS: Pattern[] = [
  // OpenAI: project/service/admin keys, and legacy keys with the "T3BlbkFJ" marker.
  {
    provider: 'openai',
    kind: 'ai-provider',
    re: /\bsk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{40,300}/g,
    randomFrom: 8,
    confidence: 0.95,
    hints: ['sk-'],
  },
  {
    provider: 'openai',
    kind: 'ai-provider',
    re: /\bsk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}\b/g,
    randomFrom: 3,
    confidence: 0.99,
    hints: ['T3BlbkFJ'],
  },
  // Anthropic: 93 characters after the kind tag, always ending in "AA".
  {
    provider: 'anthropic',
    kind: 'ai-provider',
    re: /\bsk-ant-(?:api|admin|sid)\d{2}-[A-Za-z0-9_-]{93}AA(?![A-Za-z0-9_-])/g,
    randomFrom: 14,
    confidence: 0.99,
    hints: ['sk-ant-'],
  },
  // Amazon Bedrock long-lived API keys: "ABSK" + base64 of "BedrockAPIKey-…".
  // Both this and the Facebook EAA token below refuse matches inside a longer base64 run (images
  // embedded in notebooks and HTML), where the prefix occurs by chance.
  {
    provider: 'aws-bedrock',
    kind: 'ai-provider',
    re: /(?<![A-Za-z0-9+/])ABSKQmVkcm9ja0FQSUtleS[A-Za-z0-9+/]{82,282}={0,2}/g,
    randomFrom: 4,
    confidence: 0.95,
    hints: ['ABSK'],
  },
  // Legacy 48-char OpenAI keys: prefix only, so require entropy.
  {
    provider: 'openai',
    kind: 'ai-provider',
    re: /\bsk-[A-Za-z0-9]{48}\b/g,
    randomFrom: 3,
    confidence: 0.85,
    hints: ['sk-'],
  },
  {
    provider: 'huggingface',
    kind: 'ai-provider',
    re: /\b(?:hf|api_org)_[A-Za-z]{34}\b/g,
    randomFrom: 3,
    confidence: 0.95,
    hints: ['hf_', 'api_org_'],
  },
  {
    provider: 'google-ai',
    kind: 'ai-provider',
    re: /\bAIza[0-9A-Za-z_-]{35}(?![A-Za-z0-9_-])/g,
    randomFrom: 4,
    confidence: 0.95,
    hints: ['AIza'],
  },
  {
    provider: 'groq',
    kind: 'ai-provider',
    re: /\bgsk_[A-Za-z0-9]{52}\b/g,
    randomFrom: 4,
    confidence: 0.98,
    hints: ['gsk_'],
  },
  {
    provider: 'replicate',
    kind: 'ai-provider',
    re: /\br8_[A-Za-z0-9]{37}\b/g,
    randomFrom: 3,
    confidence: 0.95,
    hints: ['r8_'],
  },
  {
    provider: 'xai',
    kind: 'ai-provider',
    re: /\bxai-[A-Za-z0-9]{70,90}\b/g,
    randomFrom: 4,
    confidence: 0.95,
    hints: ['xai-'],
  },
  {
    provider: 'perplexity',
    kind: 'ai-provider',
    re: /\bpplx-[A-Za-z0-9]{48}\b/g,
    randomFrom: 5,
    confidence: 0.95,
    hints: ['pplx-'],
  },
  {
    provider: 'pinecone',
    kind: 'ai-provider',
    re: /\bpcsk_[A-Za-z0-9]{4,10}_[A-Za-z0-9]{40,80}\b/g,
    randomFrom: 5,
    confidence: 0.98,
    hints: ['pcsk_'],
  },
  {
    provider: 'together',
    kind: 'ai-provider',
    re: /\btgp_v1_[A-Za-z0-9_-]{40,48}(?![A-Za-z0-9_-])/g,
    randomFrom: 7,
    confidence: 0.98,
    hints: ['tgp_v1_'],
  },
  {
    provider: 'cohere',
    kind: 'ai-provider',
    re: keyed('cohere|co_api', '[A-Za-z0-9]{40}'),
    group: 1,
    confidence: 0.85,
    hints: ['cohere', 'co_api', 'COHERE', 'CO_API', 'Cohere'],
  },
  {
    provider: 'mistral',
    kind: 'ai-provider',
    re: keyed('mistral', '[A-Za-z0-9]{32}'),
    group: 1,
    confidence: 0.85,
    hints: ['mistral', 'MISTRAL', 'Mistral'],
  },
  {
    provider: 'together',
    kind: 'ai-provider',
    re: keyed('together', '[a-f0-9]{64}'),
    group: 1,
    confidence: 0.85,
    hints: ['together', 'TOGETHER', 'Together'],
  },
  {
    provider: 'pinecone',
    kind: 'ai-provider',
    // Legacy keys are bare UUIDs, like index and project ids: only under a name that says key/token/secret.
    re: keyed('pinecone', '[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}', { secretName: true }),
    group: 1,
    confidence: 0.8,
    hints: ['pinecone', 'PINECONE', 'Pinecone'],
  },
  {
    provider: 'wandb',
    kind: 'ai-provider',
    re: keyed('wandb|weights_?and_?biases', '[a-f0-9]{40}'),
    group: 1,
    confidence: 0.85,
    hints: ['wandb', 'WANDB', 'weights', 'WEIGHTS', 'Wandb'],
  },
  {
    provider: 'deepseek',
    kind: 'ai-provider',
    re: keyed('deepseek', 'sk-[a-f0-9]{32}'),
    group: 1,
    confidence: 0.85,
    hints: ['deepseek', 'DEEPSEEK', 'DeepSeek'],
  },
  // OpenRouter: "sk-or-v1-" + 64 hex.
  {
    provider: 'openrouter',
    kind: 'ai-provider',
    re: /\bsk-or-v1-[a-f0-9]{64}\b/g,
    randomFrom: 9,
    confidence: 0.98,
    hints: ['sk-or-v1-'],
  },
  // LangSmith personal (pt) and service (sk) keys: "lsv2_<kind>_" + 32 hex + "_" + 10 hex.
  {
    provider: 'langsmith',
    kind: 'ai-provider',
    re: /\blsv2_(?:pt|sk)_[a-f0-9]{32}_[a-f0-9]{10}\b/g,
    randomFrom: 8,
    confidence: 0.98,
    hints: ['lsv2_'],
  },
  // Langfuse secret keys: "sk-lf-" + a UUID (the "pk-lf-" half is public).
  {
    provider: 'langfuse',
    kind: 'ai-provider',
    re: /\bsk-lf-[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}\b/g,
    randomFrom: 6,
    confidence: 0.95,
    hints: ['sk-lf-'],
  },
  // Cerebras: "csk-" + 48 lower-case letters and digits.
  {
    provider: 'cerebras',
    kind: 'ai-provider',
    re: /\bcsk-[a-z0-9]{48}\b/g,
    randomFrom: 4,
    confidence: 0.95,
    hints: ['csk-'],
  },
  // Tavily search: "tvly-" (optionally "dev-"/"prod-") + 32 letters and digits.
  {
    provider: 'tavily',
    kind: 'ai-provider',
    re: /\btvly-(?:dev-|prod-)?[A-Za-z0-9]{32}\b/g,
    randomFrom: 5,
    confidence: 0.95,
    hints: ['tvly-'],
  },
  // ElevenLabs: "sk_" + 48 hex (Stripe's "sk_live_" has an underscore where hex must be).
  {
    provider: 'elevenlabs',
    kind: 'ai-provider',
    re: /\bsk_[a-f0-9]{48}\b/g,
    randomFrom: 3,
    confidence: 0.9,
    hints: ['sk_'],
  },
  // Firecrawl: "fc-" + 32 hex.
  {
    provider: 'firecrawl',
    kind: 'ai-provider',
    re: /\bfc-[a-f0-9]{32}\b/g,
    randomFrom: 3,
    confidence: 0.9,
    hints: ['fc-'],
  },
  // Azure OpenAI keys have no prefix (32 hex, or 84 letters and digits): next to the name only.
  {
    provider: 'azure-openai',
    kind: 'ai-provider',
    re: keyed('azure_?openai|aoai', '[a-f0-9]{32}|[A-Za-z0-9]{84}', { secretName: true }),
    group: 1,
    confidence: 0.85,
    hints: [...spellings('azure', 'aoai')],
  },
];
