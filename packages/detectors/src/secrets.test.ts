import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PATTERNS } from './secret-patterns/index.js';
import { findSecrets } from './secrets.js';
import { rnd } from './test-helpers.js';

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const HEX = '0123456789abcdef';
const UPPER_DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

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
  ['gitlab', `glpat-${rnd(20, undefined, 40)}`],
  ['gitlab', `glrt-${rnd(27, undefined, 41)}.01.${rnd(9, HEX, 42)}`],
  ['gitlab', `GR1348941${rnd(20, undefined, 43)}`],
  ['slack', `xapp-1-A${rnd(10, UPPER_DIGITS, 44)}-${rnd(13, '0123456789', 45)}-${rnd(64, HEX, 46)}`],
  ['slack', `xoxe.xoxp-1-${rnd(150, undefined, 47)}`],
  ['stripe', `whsec_${rnd(32, undefined, 48)}`],
  ['twilio', `SK${rnd(32, HEX, 49)}`],
  ['sendgrid', `SG.${rnd(22, undefined, 50)}.${rnd(43, undefined, 51)}`],
  ['npm', `npm_${rnd(36, undefined, 52)}`],
  ['pypi', `pypi-AgEIcHlwaS5vcmc${rnd(80, undefined, 53)}`],
  ['databricks', `dapi${rnd(32, HEX, 54)}`],
  ['azure-ad-client-secret', `${rnd(3, undefined, 55)}8Q~${rnd(34, undefined, 56)}`],
  ['1password', `ops_eyJ${rnd(300, undefined, 57)}`],
  [
    '1password',
    `A3-${rnd(6, UPPER_DIGITS, 58)}-${rnd(6, UPPER_DIGITS, 59)}-${rnd(5, UPPER_DIGITS, 60)}-${rnd(5, UPPER_DIGITS, 61)}-${rnd(5, UPPER_DIGITS, 62)}-${rnd(5, UPPER_DIGITS, 63)}`,
  ],
  ['facebook', `EAA${rnd(120, undefined, 64)}`],
  ['aws-bedrock', `ABSKQmVkcm9ja0FQSUtleS0${rnd(110, undefined, 65)}=`],
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

  it('finds credentials that only their context identifies, and reports the credential alone', () => {
    const only = (t: string) => {
      const m = findSecrets(t);
      assert.equal(m.length, 1, `${t}: ${JSON.stringify(m.map((x) => x.provider))}`);
      return [m[0]!.provider, t.slice(m[0]!.start, m[0]!.end)];
    };
    const account = `${rnd(86, undefined, 70)}==`;
    assert.deepEqual(
      only(`DefaultEndpointsProtocol=https;AccountName=demo;AccountKey=${account};EndpointSuffix=core.windows.net`),
      ['azure-storage', account],
    );
    const app = `${rnd(15, '0123456789', 71)}|${rnd(27, undefined, 72)}`;
    assert.deepEqual(only(`facebook app token: ${app}`), ['facebook', app]);
    const twilio = rnd(32, HEX, 73);
    assert.deepEqual(only(`TWILIO_AUTH_TOKEN=${twilio}`), ['twilio', twilio]);
    const bearer = `${rnd(8, HEX, 74)}-${rnd(4, HEX, 75)}-${rnd(4, HEX, 76)}-${rnd(12, HEX, 77)}`;
    assert.deepEqual(only(`curl -H "Authorization: Bearer ${bearer}" https://api.example.com`), [
      'http-authorization',
      bearer,
    ]);
    const basic = Buffer.from(`deploy:${rnd(14, undefined, 78)}`).toString('base64');
    assert.deepEqual(only(`Authorization: Basic ${basic}`), ['http-authorization', basic]);
    const header = rnd(24, undefined, 79);
    assert.deepEqual(only(`curl -H "X-Api-Key: ${header}" https://x.example`), ['http-api-key-header', header]);
    const pw = rnd(14, undefined, 80);
    assert.deepEqual(only(`curl -s \\\n  --user deploy:${pw} https://x.example`), ['curl-basic-auth', pw]);
    const pem = `-----BEGIN PRIVATE KEY-----\\n${Buffer.from(rnd(200, undefined, 81)).toString('base64')}\\n-----END PRIVATE KEY-----\\n`;
    assert.deepEqual(only(`{"type": "service_account", "private_key": "${pem}", "client_email": "a@b.iam"}`), [
      'gcp-service-account',
      pem,
    ]);
  });

  it('does not report look-alikes of the new families', () => {
    for (const t of [
      'glpat-xxxxxxxxxxxxxxxxxxxx',
      `SK${'0'.repeat(32)}`,
      'SG.your-sendgrid-key.here',
      'DATABRICKS_TOKEN=dapi123456789012345678a9bc01234defg5',
      'client_secret=bP88Q~xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
      'A3-XXXXXX-XXXXXX-XXXXX-XXXXX-XXXXX-XXXXX',
      `${rnd(15, '0123456789', 90)}|${rnd(27, undefined, 91)} in a table`,
      'curl -u user:password https://x.example',
      'curl -u "$USER:$PASS" https://x.example',
      'curl --user "$' + '{{ env.ID }}:$' + '{{ env.PASS }}" https://x.example',
      'curl -H "Authorization: Bearer $API_KEY" https://x.example',
      'authorization = base64.b64encode(authorization_origin.encode("utf-8")).decode(encoding="utf-8")',
      'headers = {"Authorization": compute_sha256_signature(secret, payload)}',
      'curl -H "Authorization: Bearer <your token>" https://x.example',
      'headers.Authorization = authHeader.value;',
      `Authorization: Basic ${Buffer.from('user:').toString('base64')}`,
      `Authorization: Basic ${Buffer.from(rnd(30, undefined, 92)).toString('base64')}`,
    ])
      assert.deepEqual(findSecrets(t), [], t);
  });

  it('does not report token prefixes that occur by chance inside base64 data (a notebook image)', () => {
    const blob = `${rnd(400, undefined, 93)}/EAA${rnd(120, undefined, 94)}+ABSK${rnd(150, undefined, 95)}/${rnd(50, undefined, 96)}==`;
    assert.deepEqual(findSecrets(`"image/png": "iVBORw0KGgo${blob}\\n",`), []);
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
      `curl ${'-u a:'.repeat(30_000)}`,
      'curl '.repeat(40_000),
      `Authorization: ${'Bearer '.repeat(30_000)}`,
      `-H "${'a'.repeat(100_000)}`,
      `${'aaa1Q~'.repeat(30_000)}`,
      `facebook ${'1'.repeat(100_000)}`,
      `"private_key": "-----BEGIN PRIVATE KEY-----${'A'.repeat(100_000)}`,
      `glpat-${'a.'.repeat(50_000)}`,
    ];
    for (const t of inputs) findSecrets(t);
  });
  // Every pattern, present and future: adversarial texts built from its own literal hints, so a
  // regex only ever runs on input crafted against it. Each text is ~20k characters.
  it('stays linear on adversarial input built from every pattern hint', { timeout: 30_000 }, () => {
    const fillers = ['a', '0', 'Ab1', 'a-', 'a.', '=', ':AA', '_', 'f'];
    for (const h of new Set(PATTERNS.flatMap((p) => p.hints))) {
      const texts = [h.repeat(Math.ceil(20_000 / h.length)), `${h}=`.repeat(Math.ceil(20_000 / (h.length + 1)))];
      for (const f of fillers) {
        texts.push(h + f.repeat(Math.ceil(20_000 / f.length)));
        texts.push(`${h}${f.repeat(40)}.`.repeat(Math.ceil(20_000 / (h.length + 40 * f.length + 1))));
      }
      for (const t of texts) findSecrets(t);
    }
  });
});

/** Quantifiers without an upper bound (`*`, `+`, `{n,}`) outside character classes. */
function unboundedQuantifiers(source: string): string[] {
  const found: string[] = [];
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '*' || c === '+') found.push(`${c} at ${i}`);
    else if (c === '{' && /^\{\d+,\}/.test(source.slice(i))) found.push(`{n,} at ${i}`);
  }
  return found;
}

describe('secret patterns as data', () => {
  it('bounds every quantifier, so matching is linear in the input', () => {
    for (const p of PATTERNS) assert.deepEqual(unboundedQuantifiers(p.re.source), [], `${p.provider}: ${p.re.source}`);
  });

  it('the bounded-quantifier check finds what it should', () => {
    assert.deepEqual(unboundedQuantifiers('a+[+*]\\+b{2,}c{1,3}'), ['+ at 1', '{n,} at 9']);
  });

  it('gives every pattern a global regex and at least one literal hint', () => {
    for (const p of PATTERNS) {
      assert.ok(p.re.global, `${p.provider}: regex must be global (findSecrets loops over exec)`);
      assert.ok(p.hints.length > 0 && p.hints.every((h) => h.length > 0), `${p.provider}: needs a literal hint`);
      assert.ok(p.confidence > 0 && p.confidence <= 1, p.provider);
    }
  });
});
