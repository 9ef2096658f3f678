import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parseGatewayConfig } from './config.js';
import { chatBody, type Harness, post, startHarness } from './testing/harness.js';

const PROMPT = 'rsync the site to deploy@10.0.0.5:/srv/www and mail bob@corp.io when done';

describe('gateway: PII entities per side', () => {
  let all: Harness;
  let emailOnly: Harness;
  before(async () => {
    // A generous budget: on a loaded machine the first run of the real detectors can exceed the
    // default 50 ms, which fails closed (403) — right for the gateway, noise for this test.
    const budgetMs = 10_000;
    all = await startHarness({
      realChecks: true,
      config: { checks: { input: { budgetMs }, output: { budgetMs } } },
    });
    emailOnly = await startHarness({
      realChecks: true,
      config: {
        checks: { input: { budgetMs, piiEntities: ['EMAIL'] }, output: { budgetMs, piiEntities: ['EMAIL'] } },
      },
    });
  });
  after(async () => {
    await all.close();
    await emailOnly.close();
  });

  it('redacts every entity by default, host addresses included', async () => {
    const r = await post(`${all.url}/v1/chat/completions`, chatBody(PROMPT));
    assert.equal(r.status, 200);
    const sent = all.mock.requests.at(-1)!.body as { messages: { content: string }[] };
    assert.doesNotMatch(sent.messages[0]!.content, /10\.0\.0\.5|bob@corp\.io/);
    assert.deepEqual(
      all.audit.records.at(-1)!.detections.map((d) => d.type),
      ['pii'],
    );
  });

  it('leaves entities a side does not list alone, and still redacts the listed ones', async () => {
    const r = await post(`${emailOnly.url}/v1/chat/completions`, chatBody(PROMPT));
    assert.equal(r.status, 200);
    const sent = emailOnly.mock.requests.at(-1)!.body as { messages: { content: string }[] };
    assert.equal(sent.messages[0]!.content, 'rsync the site to deploy@10.0.0.5:/srv/www and mail [EMAIL_1] when done');
    // The mock echoes the request: the answer carries the host address, which output does not report.
    const j = (await r.json()) as { choices: { message: { content: string } }[] };
    assert.equal(j.choices[0]!.message.content, PROMPT);
    assert.equal(emailOnly.audit.records.at(-1)!.outcome, 'redacted');
  });

  it('refuses a config naming an entity the detector does not know', () => {
    assert.throws(
      () =>
        parseGatewayConfig(
          {
            upstreams: { a: { provider: 'openai', baseUrl: 'https://api.openai.com' } },
            checks: { output: { piiEntities: ['IPV4'] } },
          },
          'rampart.yaml',
        ),
      /piiEntities/,
    );
  });
});
