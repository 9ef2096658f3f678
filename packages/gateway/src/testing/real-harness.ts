// A harness with the real detectors and a real Cedar policy (testdata/policy.yaml unless a file is
// given), and the mock Anthropic provider key in the environment; `close` undoes all of it.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadPolicy } from '../adapters/policy-port.js';
import { ANTHROPIC_KEY_ENV, type Harness, startHarness } from './harness.js';

const here = fileURLToPath(new URL('..', import.meta.url));

export interface RealHarnessOptions {
  /** Policy file (default: packages/gateway/src/testdata/policy.yaml). */
  policyFile?: string;
  mode?: 'enforce' | 'monitor';
  canaries?: string[];
  /** checks.input.media (default allow). */
  media?: 'allow' | 'deny';
  /** checks.input.embeddings (default false). */
  embeddings?: boolean;
}

export async function startRealHarness(o: RealHarnessOptions = {}): Promise<Harness> {
  const saved: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(ANTHROPIC_KEY_ENV)) {
    saved[k] = process.env[k];
    process.env[k] = v;
  }
  const p = await loadPolicy(o.policyFile ?? join(here, 'testdata/policy.yaml'), () => undefined, { watch: false });
  const h = await startHarness({
    policyPort: p.port,
    realChecks: true,
    config: {
      ...(o.mode === undefined ? {} : { mode: o.mode }),
      ...(o.canaries === undefined ? {} : { canaries: o.canaries }),
      checks: {
        input: { budgetMs: 10_000, media: o.media ?? 'allow', embeddings: o.embeddings ?? false },
        output: { budgetMs: 10_000 },
      },
    },
  });
  const close = h.close.bind(h);
  h.close = async () => {
    p.stop();
    await close();
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  };
  return h;
}
