// System-prompt leak evaluation on Tensor Trust's prompt_extraction_detection set: does the
// model output reveal the access code? The access code is given to the leak check as a canary.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLeakDetector } from '@rampart/detectors';
import { DATA_ROOT } from './datasets.js';
import type { Scored } from './metrics.js';

export function leakEval(): Scored[] {
  const rows = readFileSync(
    join(DATA_ROOT, 'prompt_injection/tensor-trust/detecting-extractions__v1__prompt_extraction_detection.jsonl'),
    'utf8',
  )
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as { access_code: string; llm_output: string; is_prompt_extraction: boolean });
  return rows.map((r) => {
    const d = createLeakDetector({ canaries: [r.access_code] });
    const out = d.check({ text: r.llm_output, role: 'model-output' }, {}, { signal: new AbortController().signal });
    const dets = Array.isArray(out) ? out : [];
    const score = Math.max(0, ...dets.map((x) => x.score));
    return { score, flagged: score >= 0.5, label: r.is_prompt_extraction ? 1 : 0 };
  });
}
