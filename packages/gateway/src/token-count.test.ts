// Exact token counts near `limits.maxInputTokens`: equal to the tokenizer's own count on real
// text, triggered only where chars/4 cannot decide, bounded on adversarial input, and enforced
// end to end by the gateway.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';
import { type Harness, post, startHarness } from './testing/harness.js';
import { countInputTokens, encodingFor } from './token-count.js';

const prose = readFileSync(new URL('../../../docs/gateway.md', import.meta.url), 'utf8');
// Common CJK characters: about one token each, four times the chars/4 estimate.
const cjk = (n: number) => {
  let s = '';
  for (let i = 0; i < n; i++) s += String.fromCharCode(0x4e00 + ((i * 7919) % 3000));
  return s;
};
const estimate = (texts: string[]) => Math.ceil(texts.reduce((a, t) => a + t.length, 0) / 4);
const cpuMs = (f: () => Promise<unknown>) => async () => {
  const c0 = process.cpuUsage();
  await f();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000;
};

describe('input token counting', () => {
  it('maps model families to their encodings', () => {
    assert.equal(encodingFor('gpt-4o-mini'), 'o200k_base');
    assert.equal(encodingFor('azure/gpt-4.1'), 'o200k_base');
    assert.equal(encodingFor('o3-mini'), 'o200k_base');
    assert.equal(encodingFor('gpt-4-turbo'), 'cl100k_base');
    assert.equal(encodingFor('gpt-3.5-turbo'), 'cl100k_base');
    assert.equal(encodingFor('claude-sonnet-4'), 'o200k_base');
  });

  it('counts exactly what the tokenizer counts on real text, chunked', async () => {
    const texts = [prose, 'short second message'];
    const want = countTokens(prose, { disallowedSpecial: new Set() }) + countTokens(texts[1]!);
    const r = await countInputTokens(texts, estimate(texts), want + 10, 'gpt-4o', 60_000);
    assert.equal(r.exact, true);
    assert.equal(r.over, false);
    // Cuts at spaces only ever split multi-space runs: within a handful of tokens of the whole count.
    assert.ok(Math.abs(r.tokens - want) <= 5, `${r.tokens} vs ${want}`);
    const tight = await countInputTokens(texts, estimate(texts), Math.floor(want * 0.9), 'gpt-4o', 60_000);
    assert.deepEqual([tight.exact, tight.over], [true, true]);
  });

  it('skips counting far below the limit and far above it', async () => {
    const small = await countInputTokens(['hello there'], 3, 1000, 'gpt-4o');
    assert.deepEqual(small, { tokens: 3, exact: false, over: false });
    const huge = 'word '.repeat(10_000);
    const over = await countInputTokens([huge], estimate([huge]), 1000, 'gpt-4o');
    assert.deepEqual(over, { tokens: 12_500, exact: false, over: true });
    assert.deepEqual(await countInputTokens(undefined, 900, 1000, 'gpt-4o'), {
      tokens: 900,
      exact: false,
      over: false,
    });
  });

  it('catches text the chars/4 estimate puts under the limit', async () => {
    const texts = [cjk(1500)];
    assert.ok(estimate(texts) < 1000);
    const r = await countInputTokens(texts, estimate(texts), 1000, 'gpt-4o');
    assert.deepEqual(r, { tokens: 1001, exact: true, over: true });
  });

  it('counts special-token strings as plain text', async () => {
    const t = `${'<|endoftext|> '.repeat(100)}`;
    const r = await countInputTokens([t], estimate([t]), 400, 'gpt-4o');
    assert.equal(r.exact, true);
    assert.ok(r.tokens > 100);
  });

  it('stays bounded on runs the BPE handles in quadratic time', async () => {
    for (const s of ['a'.repeat(200_000), ' '.repeat(200_000), cjk(100_000)]) {
      const max = Math.ceil(s.length / 8);
      let r: Awaited<ReturnType<typeof countInputTokens>> | undefined;
      const ms = await cpuMs(async () => {
        r = await countInputTokens([s], estimate([s]), max, 'gpt-4o');
      })();
      assert.ok(ms < 1000, `${ms} ms CPU for a ${s.length}-char run`);
      assert.ok(r!.tokens > 0);
    }
  });
});

describe('gateway: maxInputTokens with exact counts', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({ config: { limits: { maxInputTokens: 1000 } } });
  });
  after(() => h.close());

  it('refuses input over the limit that the estimate would have let through', async () => {
    const body = JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: cjk(1500) }] });
    const r = await post(`${h.url}/v1/chat/completions`, body);
    assert.equal(r.status, 400);
    const j = (await r.json()) as { error: { code: string; message: string } };
    assert.equal(j.error.code, 'context_length_exceeded');
    assert.match(j.error.message, /more than 1000 tokens/);
  });

  it('lets input through that is near the limit by estimate but under it by count', async () => {
    const text = 'token '.repeat(700); // 4200 chars: estimate 1050 > 1000, real count about 700
    const r = await post(
      `${h.url}/v1/chat/completions`,
      JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: text }] }),
    );
    assert.equal(r.status, 200);
    await r.text();
    const rec = h.audit.records.at(-1)!;
    assert.ok(rec.tokens.input! >= 690 && rec.tokens.input! <= 710, String(rec.tokens.input));
  });
});
