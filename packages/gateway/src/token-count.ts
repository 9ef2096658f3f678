// Input-token counting for `limits.maxInputTokens`. The gateway estimates tokens as chars/4, which
// is close for English but wrong by up to 4x for other scripts and code. An exact count (OpenAI's
// o200k_base / cl100k_base BPE, pure JS) is taken only when a limit is configured and the estimate
// cannot settle the question, so ordinary traffic never pays for tokenization:
//   - UTF-8 bytes <= limit: certainly within (a token is at least one byte); no count.
//   - estimate > 2 x limit: over (fitting would need > 8 chars per token on average); no count.
//   - otherwise: counted chunk by chunk, stopping as soon as the limit is passed.
// BPE cost grows with the square of a pre-tokenized piece (a long run of letters or spaces takes
// seconds), so text is cut into chunks of at most CHUNK chars, at a space where there is one (the
// tokenizer splits there anyway), and counting has a CPU-time budget (CPU, not wall clock, so a
// busy machine does not turn counts into estimates): past it, the count so far is extrapolated
// and the result is marked an estimate.
type Counter = (text: string, limit: number) => number | false;
type Encoding = 'o200k_base' | 'cl100k_base';

const CHUNK = 256;
/** CPU time one request may spend counting; English near a 32k limit takes about 40 ms. */
const BUDGET_MS = 100;
const counters = new Map<Encoding, Promise<Counter | undefined>>();

export interface TokenCount {
  tokens: number;
  /** Counted with the model family's tokenizer (or a lower bound when `over`), not estimated. */
  exact: boolean;
  over: boolean;
}

/** The BPE of an OpenAI model family; o200k_base (the current one) for every other model too. */
export function encodingFor(model: string): Encoding {
  const m = model.slice(model.lastIndexOf('/') + 1).toLowerCase();
  return /^(gpt-4(?!o|\.\d)|gpt-3\.5|text-embedding-(3|ada))/.test(m) ? 'cl100k_base' : 'o200k_base';
}

/** Loads a tokenizer once (about 150 ms and tens of MB for o200k); failures leave estimates in use. */
export function loadTokenizer(enc: Encoding): Promise<Counter | undefined> {
  let p = counters.get(enc);
  if (p === undefined) {
    // Special-token strings in user text ("<|endoftext|>") are counted as the plain text they are.
    const opts = { disallowedSpecial: new Set<string>() };
    const mod =
      enc === 'cl100k_base'
        ? import('gpt-tokenizer/encoding/cl100k_base')
        : import('gpt-tokenizer/encoding/o200k_base');
    p = mod.then(
      (m): Counter => {
        const count: Counter = (text, limit) => m.isWithinTokenLimit(text, limit, opts);
        // The first encode builds lookup tables (hundreds of ms): do it here, not in a request's budget.
        count('Warm up: the quick brown fox, 12345 ü 漢字 <|x|>\n'.repeat(20), 1e6);
        return count;
      },
      () => undefined,
    );
    counters.set(enc, p);
  }
  return p;
}

export async function countInputTokens(
  texts: readonly string[] | undefined,
  estimate: number,
  max: number,
  model: string,
  budgetMs = BUDGET_MS,
): Promise<TokenCount> {
  if (texts === undefined) return { tokens: estimate, exact: false, over: estimate > max };
  let chars = 0;
  for (const t of texts) chars += t.length;
  // A UTF-16 unit is at most 3 UTF-8 bytes; then the exact byte count; either way tokens <= bytes.
  if (chars * 3 <= max) return { tokens: estimate, exact: false, over: false };
  if (estimate > 2 * max) return { tokens: estimate, exact: false, over: true };
  let bytes = 0;
  for (const t of texts) bytes += Buffer.byteLength(t, 'utf8');
  if (bytes <= max) return { tokens: estimate, exact: false, over: false };
  const count = await loadTokenizer(encodingFor(model));
  if (count === undefined) return { tokens: estimate, exact: false, over: estimate > max };
  const cpu0 = process.cpuUsage();
  let n = 0;
  let done = 0;
  for (const text of texts) {
    for (let i = 0; i < text.length; ) {
      const end = cut(text, i);
      const r = count(text.slice(i, end), max - n);
      if (r === false) return { tokens: max + 1, exact: true, over: true };
      n += r;
      done += end - i;
      i = end;
      if (done < chars && cpuMs(cpu0) > budgetMs) {
        const projected = Math.max(n, Math.ceil((n * chars) / done));
        return { tokens: projected, exact: false, over: projected > max };
      }
    }
  }
  return { tokens: n, exact: true, over: n > max };
}

function cpuMs(since: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(since);
  return (d.user + d.system) / 1000;
}

/** End of the chunk starting at `i`: the last space in its second half, else CHUNK chars on. */
function cut(text: string, i: number): number {
  let end = Math.min(i + CHUNK, text.length);
  if (end === text.length) return end;
  // Never split a surrogate pair.
  const c = text.charCodeAt(end - 1);
  if (c >= 0xd800 && c <= 0xdbff) end--;
  for (let j = end; j > i + CHUNK / 2; j--) if (text.charCodeAt(j) === 32) return j;
  return end;
}
