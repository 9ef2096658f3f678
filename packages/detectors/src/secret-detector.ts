// Runtime secret check over text in flight (prompts, tool results, model output).
import { findSecrets } from './secrets.js';
import type { Detection, TextDetector } from './types.js';

export const secretDetector: TextDetector = {
  id: 'secret',
  version: '1',
  types: ['secret'],
  check(input): Detection[] {
    const ms = findSecrets(input.text);
    if (ms.length === 0) return [];
    return [
      {
        type: 'secret',
        detector: 'secret',
        score: Math.max(...ms.map((m) => m.confidence)),
        flagged: false,
        spans: ms.map((m) => ({ start: m.start, end: m.end, label: m.provider })),
        evidence: ms
          .slice(0, 5)
          .map((m) => `${m.provider}: ${m.redacted}`)
          .join(', '),
      },
    ];
  },
};
