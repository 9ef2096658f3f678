// Embeddings input, when `checks.input.embeddings` is on: the texts an application sends to be
// embedded are usually documents on their way into a vector store, read later by a model as
// retrieved context. Checking them here (role `retrieved-document`: PII and secrets redacted or
// denied by policy before they reach the provider, injections planted in a document caught before it
// is indexed) needs no change to the application. Token arrays are not text the detectors can read:
// with the checks on they are refused, never passed unread.

import { GatewayHttpError } from './provider-errors.js';
import type { TextSlot } from './request-text-slots.js';

/** Most inputs the APIs take in one request (OpenAI: 2,048). */
const MAX_INPUTS = 2048;

export function pushEmbeddingInput(body: Record<string, unknown>, out: TextSlot[]): void {
  const input = body.input;
  if (typeof input === 'string') {
    out.push({ holder: body, key: 'input', role: 'retrieved-document' });
    return;
  }
  if (!Array.isArray(input))
    throw new GatewayHttpError('invalid_request', 'invalid_type', 'input must be a string or an array', 'input');
  if (input.length > MAX_INPUTS)
    throw new GatewayHttpError('invalid_request', 'too_many_inputs', `more than ${MAX_INPUTS} inputs`, 'input');
  for (let i = 0; i < input.length; i++) {
    if (typeof input[i] === 'string') out.push({ holder: input, key: i, role: 'retrieved-document' });
    else
      throw new GatewayHttpError(
        'invalid_request',
        'unreadable_input',
        'input holds token ids, which the gateway cannot check; send text (checks.input.embeddings is on)',
        'input',
      );
  }
}
