// Every credential pattern, one module per family of providers. Adding a provider is one entry in
// the module of its family (and a positive and a near-miss case in secrets-patterns.test.ts).
import { AI_PROVIDERS } from './ai-providers.js';
import { CLOUD } from './cloud.js';
import { COMMERCE } from './commerce.js';
import { DEV_PLATFORMS } from './dev-platforms.js';
import { HTTP_AUTH } from './http-auth.js';
import { MESSAGING } from './messaging.js';
import { OBSERVABILITY } from './observability.js';
import type { Pattern } from './pattern.js';
import { PRIVATE_KEYS } from './private-keys.js';
import { SAAS } from './saas.js';
import { SECRET_STORES } from './secret-stores.js';

export type { Pattern, SecretKind } from './pattern.js';

export const PATTERNS: readonly Pattern[] = [
  ...AI_PROVIDERS,
  ...CLOUD,
  ...DEV_PLATFORMS,
  ...MESSAGING,
  ...COMMERCE,
  ...OBSERVABILITY,
  ...SAAS,
  ...SECRET_STORES,
  ...HTTP_AUTH,
  ...PRIVATE_KEYS,
];
