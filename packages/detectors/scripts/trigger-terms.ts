// Trigger terms mined from the dev attack texts (run 12): word unigrams and bigrams whose mean
// per-source document frequency over the dev attack sources of one kind (prompt injection or
// jailbreak) is far above that over the dev benign sources. Used by the NotInject-style proxy
// (notinject-proxy.ts) to choose the words it places, and by doc-sentences.ts to choose which
// real documentation sentences are trigger-word negatives. No text is kept, only terms.
import type { Sample } from '../../../eval/lib/datasets.js';

const MIN_LOG_ODDS = 3;

export const words = (t: string): string[] => t.toLowerCase().match(/[a-z]+(?:'[a-z]+)?/g) ?? [];
export function grams(t: string): Set<string> {
  const w = words(t);
  const out = new Set<string>();
  for (let i = 0; i < w.length; i++) {
    out.add(w[i]!);
    if (i + 1 < w.length) out.add(`${w[i]} ${w[i + 1]}`);
  }
  return out;
}

/** Mean per-source document frequency of every unigram and bigram, and in how many sources it occurs. */
function sourceFreq(samples: readonly Sample[]): Map<string, { mean: number; sources: number }> {
  const bySource = new Map<string, string[]>();
  for (const s of samples) {
    const list = bySource.get(s.source) ?? [];
    list.push(s.text);
    bySource.set(s.source, list);
  }
  const out = new Map<string, { mean: number; sources: number }>();
  for (const texts of bySource.values()) {
    const c = new Map<string, number>();
    for (const t of texts) for (const g of grams(t)) c.set(g, (c.get(g) ?? 0) + 1);
    for (const [g, n] of c) {
      const e = out.get(g) ?? { mean: 0, sources: 0 };
      e.mean += n / texts.length / bySource.size;
      if (n / texts.length > 0.01) e.sources++;
      out.set(g, e);
    }
  }
  return out;
}

/** Injection-indicative terms of the dev attacks, best first, with their log-odds. */
export function mineTriggerTerms(
  dev: readonly Sample[],
  kind: 'prompt-injection' | 'jailbreak',
): Array<[string, number]> {
  const noBipia = dev.filter((s) => !s.source.startsWith('bipia'));
  const atk = sourceFreq(noBipia.filter((s) => s.label === 1 && s.kind === kind));
  const ben = sourceFreq(noBipia.filter((s) => s.label === 0));
  const out: Array<[string, number]> = [];
  for (const [g, a] of atk) {
    if (a.sources < 1 || a.mean < 0.005) continue;
    const lo = Math.log((a.mean + 1e-3) / ((ben.get(g)?.mean ?? 0) + 1e-3));
    if (lo >= MIN_LOG_ODDS) out.push([g, lo]);
  }
  return out.sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1));
}
