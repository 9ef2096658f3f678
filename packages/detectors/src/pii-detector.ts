// Runtime PII check: one detection per entity type found, spans labelled with the entity.
import { findPii, type PiiEntity } from './pii.js';
import type { Detection, TextDetector } from './types.js';

export function createPiiDetector(entities?: readonly PiiEntity[]): TextDetector {
  return {
    id: 'pii',
    version: '1',
    types: ['pii'],
    check(input): Detection[] {
      const ms = findPii(input.text, entities === undefined ? {} : { entities });
      if (ms.length === 0) return [];
      const score = Math.max(...ms.map((m) => m.score));
      const kinds = [...new Set(ms.map((m) => m.entity))];
      return [
        {
          type: 'pii',
          detector: 'pii',
          score,
          flagged: false,
          spans: ms.map((m) => ({ start: m.start, end: m.end, label: m.entity })),
          evidence: `${ms.length} item(s): ${kinds.join(', ')}`,
        },
      ];
    },
  };
}
