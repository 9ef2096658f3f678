import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findSecrets } from './secrets.js';

// Deterministic random-looking strings so the tests never contain a real credential.
function rnd(n: number, alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', seed = 7): string {
  let x = seed;
  let s = '';
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    s += alphabet[(x >>> 16) % alphabet.length];
  }
  return s;
}
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const HEX = '0123456789abcdef';

const CASES: Array<[string, string]> = [
  ['openai', `sk-proj-${rnd(100, undefined, 1)}`],
  ['openai', `sk-${rnd(20, undefined, 2)}T3BlbkFJ${rnd(20, undefined, 3)}`],
  ['anthropic', `sk-ant-api03-${rnd(93, undefined, 4)}AA`],
  ['huggingface', `hf_${rnd(34, LETTERS, 5)}`],
  ['google-ai', `AIza${rnd(35, undefined, 6)}`],
  ['groq', `gsk_${rnd(52, undefined, 8)}`],
  ['replicate', `r8_${rnd(37, undefined, 9)}`],
  ['pinecone', `pcsk_${rnd(6, undefined, 10)}_${rnd(60, undefined, 11)}`],
  ['together', `tgp_v1_${rnd(43, undefined, 12)}`],
  ['aws-access-key-id', `AKIA${rnd(16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 13)}`],
  ['github', `ghp_${rnd(36, undefined, 14)}`],
  ['stripe', `sk_live_${rnd(30, undefined, 15)}`],
];

describe('findSecrets', () => {
  for (const [provider, key] of CASES) {
    it(`finds a ${provider} key with its exact span`, () => {
      const text = `config: KEY="${key}" # prod`;
      const m = findSecrets(text);
      assert.equal(m.length, 1, JSON.stringify(m.map((x) => x.provider)));
      assert.equal(m[0]!.provider, provider);
      assert.equal(text.slice(m[0]!.start, m[0]!.end), key);
      assert.ok(!m[0]!.redacted.includes(key.slice(-12)), 'redacted form must not carry the key');
    });
  }

  it('finds keyed providers only next to their name', () => {
    const cohere = rnd(40, undefined, 21);
    assert.equal(findSecrets(`COHERE_API_KEY=${cohere}`)[0]?.provider, 'cohere');
    assert.equal(findSecrets(`WANDB_API_KEY="${rnd(40, HEX, 22)}"`)[0]?.provider, 'wandb');
    assert.equal(findSecrets(`MISTRAL_API_KEY: ${rnd(32, undefined, 23)}`)[0]?.provider, 'mistral');
    assert.equal(findSecrets(`checksum ${rnd(40, HEX, 22)}`).length, 0);
  });

  it('does not report placeholders and documentation examples', () => {
    for (const t of [
      'OPENAI_API_KEY=sk-your-key-here',
      'sk-proj-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
      `hf_${'a'.repeat(34)}`,
      'AKIAIOSFODNN7EXAMPLE',
      'api_key = "<YOUR_API_KEY_HERE_1234567890>"',
      'token: abcdefghijklmnopqrstuvwxyz123456',
    ]) {
      assert.deepEqual(findSecrets(t), [], t);
    }
  });

  it('finds a PEM private key block', () => {
    const body = Buffer.from(rnd(300)).toString('base64');
    const t = `x\n-----BEGIN OPENSSH PRIVATE KEY-----\n${body}\n-----END OPENSSH PRIVATE KEY-----\n`;
    assert.equal(findSecrets(t)[0]?.kind, 'private-key');
  });

  it('flags a high-entropy value assigned to a secret-like name as a generic credential', () => {
    const m = findSecrets(`ACME_API_KEY = "${rnd(32, undefined, 30)}"`);
    assert.equal(m[0]?.provider, 'generic');
    assert.equal(m[0]?.ruleId, 'secret-high-entropy-assignment');
  });

  // Would hang for minutes with catastrophic backtracking; the test timeout catches that.
  it('stays linear on adversarial input', { timeout: 10_000 }, () => {
    const inputs = [
      'sk-'.repeat(50_000),
      `sk-proj-${'a-'.repeat(50_000)}`,
      `api_key=${'a'.repeat(100_000)}`,
      `${'apikey_'.repeat(20_000)}=`,
      `-----BEGIN RSA PRIVATE KEY-----${'A'.repeat(100_000)}`,
      `https://hooks.slack.com/services/${'A/'.repeat(50_000)}`,
      'xoxb-1-'.repeat(30_000),
    ];
    for (const t of inputs) findSecrets(t);
  });
});
