// One positive and one near miss per provider pattern added for the SaaS, cloud, CI and AI-platform
// families (secret-patterns/*). Every value is generated here from the documented token shape
// (prefix, length, alphabet) with a fixed-seed generator: none is a real credential.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PATTERNS } from './secret-patterns/index.js';
import { PROVIDER_LABELS } from './secret-patterns/labels.js';
import { findSecrets } from './secrets.js';
import { rnd } from './test-helpers.js';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const HEX = '0123456789abcdef';
const LOWER = 'abcdefghijklmnopqrstuvwxyz0123456789';
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const DIGITS = '0123456789';
const B64URL = `${ALNUM}_-`;
const B64 = `${ALNUM}+/`;
const BECH32 = 'QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L';
let seed = 100;
/** A fresh random run for each call, so no two cases share a body. */
const r = (n: number, alphabet = ALNUM) => rnd(n, alphabet, seed++);
const uuid = () => `${r(8, HEX)}-${r(4, HEX)}-${r(4, HEX)}-${r(4, HEX)}-${r(12, HEX)}`;

interface Case {
  provider: string;
  /** The credential. */
  value: string;
  /** Text around it (default: an env-style assignment that names no provider). */
  text?: (v: string) => string;
  /** Shaped like the credential but not one: wrong length, alphabet, prefix, or no naming context. */
  miss: string;
}

const CASES: Case[] = [
  // Patterns older than this file that secrets.test.ts does not exercise.
  { provider: 'xai', value: `xai-${r(80)}`, miss: `xai-${r(40)}` },
  { provider: 'perplexity', value: `pplx-${r(48)}`, miss: `pplx-${r(40)}` },
  { provider: 'deepseek', value: `sk-${r(32, HEX)}`, text: (v) => `DEEPSEEK_API_KEY=${v}`, miss: `sk-${r(32, HEX)}` },
  {
    provider: 'aws-secret-access-key',
    value: r(40, B64),
    text: (v) => `aws_secret_access_key = ${v}`,
    miss: `aws_region = ${r(20)}`,
  },
  {
    provider: 'slack-webhook',
    value: `https://hooks.slack.com/services/T${r(8, UPPER)}/B${r(8, UPPER)}/${r(24)}`,
    miss: 'https://hooks.slack.com/services/',
  },
  // AI platforms
  { provider: 'openrouter', value: `sk-or-v1-${r(64, HEX)}`, miss: `sk-or-v1-${r(63, HEX)}` },
  { provider: 'langsmith', value: `lsv2_pt_${r(32, HEX)}_${r(10, HEX)}`, miss: `lsv2_pt_${r(32, HEX)}` },
  { provider: 'langfuse', value: `sk-lf-${uuid()}`, miss: `pk-lf-${uuid()}` },
  { provider: 'cerebras', value: `csk-${r(48, LOWER)}`, miss: `csk-${r(48, UPPER)}` },
  { provider: 'tavily', value: `tvly-dev-${r(32)}`, miss: `tvly-${r(24)}` },
  { provider: 'elevenlabs', value: `sk_${r(48, HEX)}`, miss: `sk_${r(47, HEX)}` },
  { provider: 'firecrawl', value: `fc-${r(32, HEX)}`, miss: `fc-${r(32, UPPER)}` },
  {
    provider: 'azure-openai',
    value: r(32, HEX),
    text: (v) => `AZURE_OPENAI_API_KEY=${v}`,
    miss: `AZURE_OPENAI_DEPLOYMENT=${r(32, HEX)}`,
  },
  // Cloud
  { provider: 'alibaba', value: `LTAI${r(20)}`, miss: `LTAI${r(8)}` },
  {
    provider: 'alibaba',
    value: r(30),
    text: (v) => `ALIBABA_CLOUD_ACCESS_KEY_SECRET=${v}`,
    miss: `ALIBABA_CLOUD_REGION_ID=${r(30)}`,
  },
  { provider: 'digitalocean', value: `dop_v1_${r(64, HEX)}`, miss: `dop_v2_${r(64, HEX)}` },
  { provider: 'heroku', value: `HRKU-AA${r(58, B64URL)}`, miss: `HRKU-AB${r(58, B64URL)}` },
  { provider: 'heroku', value: uuid(), text: (v) => `HEROKU_API_KEY=${v}`, miss: `HEROKU_APP_ID=${uuid()}` },
  { provider: 'flyio', value: `fo1_${r(43, B64URL)}`, miss: `fo1_${r(30, B64URL)}` },
  {
    provider: 'flyio',
    value: `fm2_${r(300, B64)}`,
    text: (v) => `FLY_API_TOKEN="FlyV1 ${v}"`,
    miss: `fm2_${r(60, B64)}`,
  },
  { provider: 'cloudflare', value: `v1.0-${r(24, HEX)}-${r(146, HEX)}`, miss: `v1.0-${r(24, HEX)}-${r(100, HEX)}` },
  {
    provider: 'cloudflare',
    value: r(40, B64URL),
    text: (v) => `CLOUDFLARE_API_TOKEN=${v}`,
    miss: `CLOUDFLARE_ACCOUNT_ID=${r(37, HEX)}`,
  },
  { provider: 'openshift', value: `sha256~${r(43, B64URL)}`, miss: `sha256:${r(43, B64URL)}` },
  { provider: 'yandex', value: `AQVN${r(36, B64URL)}`, text: (v) => `yandex_api_key: ${v}`, miss: `api: AQVN${r(36)}` },
  { provider: 'scalingo', value: `tk-us-${r(48, B64URL)}`, miss: `tk-eu-${r(48, B64URL)}` },
  { provider: 'planetscale', value: `pscale_tkn_${r(43, B64URL)}`, miss: `pscale_tkn_${r(20)}` },
  { provider: 'defined-networking', value: `dnkey-${r(26, LOWER)}-${r(52, LOWER)}`, miss: `dnkey-${r(26, LOWER)}` },
  // Secret stores and infrastructure as code
  { provider: 'vault', value: `hvs.${r(90, B64URL)}`, miss: `hvs.${r(16)}` },
  { provider: 'vault', value: `s.${r(24)}`, text: (v) => `VAULT_TOKEN=${v}`, miss: `s.${r(24)}` },
  { provider: 'doppler', value: `dp.pt.${r(43)}`, miss: `dp.xx.${r(43)}` },
  { provider: 'terraform-cloud', value: `${r(14)}.atlasv1.${r(67)}`, miss: `${r(14)}.atlasv2.${r(67)}` },
  { provider: 'pulumi', value: `pul-${r(40, HEX)}`, miss: `pul-${r(40, UPPER)}` },
  { provider: 'infracost', value: `ico-${r(32)}`, miss: `ico-${r(31)}` },
  {
    provider: 'age',
    value: `AGE-SECRET-KEY-1${r(58, BECH32)}`,
    miss: `AGE-SECRET-KEY-1${r(58, BECH32).replace(/^./, 'B')}`,
  },
  // Commerce
  { provider: 'shopify', value: `shpat_${r(32, HEX)}`, miss: `shpat_${r(32, ALNUM.slice(16, 26))}` },
  { provider: 'square', value: `sq0atp-${r(22, B64URL)}`, miss: `sq0atp-${r(16, B64URL)}` },
  { provider: 'shippo', value: `shippo_live_${r(40, HEX)}`, miss: `shippo_live_${r(30, HEX)}` },
  { provider: 'duffel', value: `duffel_test_${r(43, B64URL)}`, miss: `duffel_demo_${r(43, B64URL)}` },
  { provider: 'easypost', value: `EZAK${r(54)}`, miss: `EZAK${r(40)}` },
  { provider: 'flutterwave', value: `FLWSECK_TEST-${r(32, HEX)}-X`, miss: `FLWPUBK_TEST-${r(32, HEX)}-X` },
  { provider: 'lob', value: `live_${r(35, HEX)}`, miss: `live_pub_${r(31, HEX)}` },
  // Developer platforms
  { provider: 'gitlab', value: `glffct-${r(20)}`, miss: `glffct-${r(12)}` },
  {
    provider: 'gitlab',
    value: r(32, HEX),
    text: (v) => `Cookie: _gitlab_session=${v}; path=/`,
    miss: `Cookie: my_gitlab_session=${r(32, HEX)}`,
  },
  { provider: 'rubygems', value: `rubygems_${r(48, HEX)}`, miss: `rubygems_${r(40, HEX)}` },
  { provider: 'clojars', value: `CLOJARS_${r(60, HEX)}`, miss: `CLOJARS_${r(50, HEX)}` },
  { provider: 'atlassian', value: `ATATT3xFfGF0${r(170, B64URL)}=${r(8, HEX)}`, miss: `ATATT3${r(60, B64URL)}` },
  { provider: 'bitbucket', value: `ATBB${r(32)}`, miss: `ATBB${r(20)}` },
  { provider: 'postman', value: `PMAK-${r(24, HEX)}-${r(34, HEX)}`, miss: `PMAK-${r(24, HEX)}` },
  { provider: 'sourcegraph', value: `sgp_${r(16, HEX)}_${r(40, HEX)}`, miss: `sgp_${r(30, HEX)}` },
  { provider: 'linear', value: `lin_api_${r(40)}`, miss: `lin_api_${r(32)}` },
  { provider: 'artifactory', value: `AKCp${r(69)}`, miss: `AKCp${r(40)}` },
  { provider: 'artifactory', value: `cmVmdGtuOjAxOj${r(50)}`, miss: `cmVmdGtuOjAxOj${r(20)}` },
  {
    provider: 'harness',
    value: `pat.${r(22, B64URL)}.${r(24, HEX)}.${r(20)}`,
    miss: `pat.${r(22, B64URL)}.${r(24, HEX)}`,
  },
  { provider: 'octopus-deploy', value: `API-${r(26, UPPER)}`, miss: 'API-ENDPOINTCONFIGURATIONVALUES' },
  { provider: 'sonarqube', value: `squ_${r(40, HEX)}`, miss: `sqx_${r(40, HEX)}` },
  { provider: 'readme', value: `rdme_${r(70, LOWER)}`, miss: `rdme_${r(50, LOWER)}` },
  { provider: 'prefect', value: `pnu_${r(36)}`, miss: `pnu_${r(30)}` },
  { provider: 'settlemint', value: `sm_pat_${r(16)}`, miss: `sm_pat_${r(10)}` },
  { provider: 'intra42', value: `s-s4t2ud-${r(64, HEX)}`, miss: `s-s4t2ud-${r(40, HEX)}` },
  { provider: 'netlify', value: `nfp_${r(36)}`, miss: `nfp_${r(20)}` },
  { provider: 'codecov', value: uuid(), text: (v) => `CODECOV_TOKEN=${v}`, miss: `CODECOV_REPO_ID=${uuid()}` },
  { provider: 'snyk', value: uuid(), text: (v) => `SNYK_TOKEN: ${v}`, miss: `SNYK_ORG_ID: ${uuid()}` },
  {
    provider: 'launchdarkly',
    value: `sdk-${uuid()}`,
    text: (v) => `LAUNCHDARKLY_SDK_KEY=${v}`,
    miss: `request: sdk-${uuid()}`,
  },
  // Observability
  { provider: 'sentry', value: `sntryu_${r(64, HEX)}`, miss: `sntryu_${r(40, HEX)}` },
  { provider: 'sentry', value: `sntrys_eyJ${r(120, B64)}_${r(43, B64)}`, miss: `sntrys_eyJ${r(120, B64)}` },
  {
    provider: 'sentry',
    value: r(64, HEX),
    text: (v) => `SENTRY_AUTH_TOKEN=${v}`,
    miss: `SENTRY_RELEASE=${r(64, HEX)}`,
  },
  { provider: 'grafana', value: `glc_${r(100, B64)}`, miss: `glc_${r(20, B64)}` },
  { provider: 'grafana', value: `glsa_${r(32)}_${r(8, HEX)}`, miss: `glsa_${r(32)}` },
  { provider: 'grafana', value: `eyJrIjoi${r(80, B64)}`, miss: `eyJrIjoi${r(20, B64)}` },
  { provider: 'new-relic', value: `NRAK-${r(27, UPPER)}`, miss: `NRAK-${r(20, UPPER)}` },
  { provider: 'new-relic', value: `NRII-${r(32, B64URL)}`, miss: `NRII-${r(20, B64URL)}` },
  { provider: 'datadog', value: r(32, HEX), text: (v) => `DD_API_KEY=${v}`, miss: `DATADOG_TRACE_ID=${r(32, HEX)}` },
  { provider: 'dynatrace', value: `dt0c01.${r(24, UPPER)}.${r(64, UPPER)}`, miss: `dt0c01.${r(24, UPPER)}` },
  // Messaging
  {
    provider: 'discord',
    value: `M${r(25, B64URL)}.${r(6, B64URL)}.${r(38, B64URL)}`,
    text: (v) => `DISCORD_BOT_TOKEN=${v}`,
    miss: `token: M${r(25, B64URL)}.${r(6, B64URL)}.${r(38, B64URL)}`,
  },
  {
    provider: 'discord-webhook',
    value: `https://discord.com/api/webhooks/${r(19, DIGITS)}/${r(68, B64URL)}`,
    miss: `https://discord.com/api/webhooks/${r(19, DIGITS)}/${r(20, B64URL)}`,
  },
  { provider: 'telegram', value: `${r(10, DIGITS)}:AA${r(33, B64URL)}`, miss: `${r(10, DIGITS)}:BB${r(33, B64URL)}` },
  {
    provider: 'teams-webhook',
    value: `https://contoso.webhook.office.com/webhookb2/${uuid()}@${uuid()}/IncomingWebhook/${r(32, HEX)}/${uuid()}`,
    miss: `https://contoso.webhook.office.com/webhookb2/${uuid()}`,
  },
  {
    provider: 'mailgun',
    value: `key-${r(32, HEX)}`,
    text: (v) => `MAILGUN_API_KEY=${v}`,
    miss: `key-${r(32, HEX)}`,
  },
  { provider: 'mailchimp', value: `${r(32, HEX)}-us21`, miss: `${r(32, HEX)}-eu21` },
  { provider: 'brevo', value: `xkeysib-${r(64, HEX)}-${r(16)}`, miss: `xkeysib-${r(64, HEX)}` },
  // SaaS
  { provider: 'notion', value: `ntn_${r(46)}`, miss: `ntn_${r(30)}` },
  {
    provider: 'notion',
    value: `secret_${r(43)}`,
    text: (v) => `NOTION_TOKEN=${v}`,
    miss: `NOTION_TOKEN=secret_${r(30)}`,
  },
  { provider: 'hubspot', value: `pat-na1-${uuid()}`, miss: `pat-xx1-${uuid()}` },
  { provider: 'hubspot', value: uuid(), text: (v) => `HUBSPOT_API_KEY=${v}`, miss: `HUBSPOT_PORTAL_ID=${uuid()}` },
  {
    provider: 'okta',
    value: `00${r(40, B64URL)}`,
    text: (v) => `OKTA_API_TOKEN=${v}`,
    miss: `OKTA_API_TOKEN=01${r(40)}`,
  },
  { provider: 'dropbox', value: `sl.${r(140, B64URL)}`, miss: `sl.${r(60, B64URL)}` },
  {
    provider: 'mapbox',
    value: `sk.eyJ${r(60, B64URL)}.${r(22, B64URL)}`,
    miss: `pk.eyJ${r(60, B64URL)}.${r(22, B64URL)}`,
  },
  { provider: 'maxmind', value: `${r(6)}_${r(29)}_mmk`, miss: `${r(6)}_${r(20)}_mmk` },
  { provider: 'airtable', value: `pat${r(14)}.${r(64, HEX)}`, miss: `path${r(13)}.${r(40, HEX)}` },
  { provider: 'adobe', value: `p8e-${r(32, B64URL)}`, miss: `p8e-${r(20, B64URL)}` },
  { provider: 'typeform', value: `tfp_${r(44)}_${r(14)}`, miss: `tfp_${r(20)}` },
  { provider: 'frameio', value: `fio-u-${r(64, B64URL)}`, miss: `fio-u-${r(30, B64URL)}` },
  {
    provider: 'sidekiq',
    value: `${r(8, HEX)}:${r(8, HEX)}`,
    text: (v) => `BUNDLE_ENTERPRISE__CONTRIBSYS__COM=${v}`,
    miss: `BUNDLE_ENTERPRISE__CONTRIBSYS__COM=${r(8, HEX)}`,
  },
  {
    provider: 'sidekiq',
    value: `${r(8, HEX)}:${r(8, HEX)}`,
    text: (v) => `source "https://${v}@gems.contribsys.com/"`,
    miss: `source "https://gems.contribsys.com/"`,
  },
  { provider: 'clickhouse', value: `4b1d${r(38)}`, miss: `4b1d${r(20)}` },
  {
    provider: 'rapidapi',
    value: r(50, B64URL),
    text: (v) => `X-RapidAPI-Key: ${v}`,
    miss: `X-RapidAPI-Host: ${r(50, B64URL)}`,
  },
  {
    provider: 'meraki',
    value: r(40, HEX),
    text: (v) => `MERAKI_DASHBOARD_API_KEY=${v}`,
    miss: `MERAKI_NETWORK_ID=${r(40, HEX)}`,
  },
  {
    provider: 'algolia',
    value: r(32, HEX),
    text: (v) => `ALGOLIA_ADMIN_KEY=${v}`,
    miss: `ALGOLIA_APP_ID=${r(10, UPPER)}`,
  },
  // Second batch: prefix-less formats taken only next to a name that says key, token, secret or auth.
  { provider: 'plaid', value: `access-sandbox-${uuid()}`, miss: `access-staging-${uuid()}` },
  { provider: 'plaid', value: r(30, HEX), text: (v) => `PLAID_SECRET=${v}`, miss: `PLAID_CLIENT_ID=${r(24, HEX)}` },
  {
    provider: 'gocardless',
    value: `live_${r(40, B64URL)}`,
    text: (v) => `GOCARDLESS_ACCESS_TOKEN=${v}`,
    miss: `live_${r(40, B64URL)}`,
  },
  {
    provider: 'twitter',
    value: `${'A'.repeat(22)}${r(90)}%2F${r(20)}`,
    text: (v) => `TWITTER_BEARER_TOKEN=${v}`,
    miss: `TWITTER_USER_ID=${'A'.repeat(22)}${r(90)}`,
  },
  { provider: 'twitter', value: r(50), text: (v) => `TWITTER_API_SECRET=${v}`, miss: `TWITTER_API_SECRET=${r(48)}` },
  {
    provider: 'discord',
    value: r(32, B64URL),
    text: (v) => `DISCORD_CLIENT_SECRET=${v}`,
    miss: `DISCORD_CLIENT_ID=${r(18, DIGITS)}`,
  },
  {
    provider: 'mattermost',
    value: r(26, LOWER),
    text: (v) => `MATTERMOST_TOKEN=${v}`,
    miss: `MATTERMOST_TEAM=${r(26, LOWER)}`,
  },
  { provider: 'gitter', value: r(40, HEX), text: (v) => `GITTER_TOKEN=${v}`, miss: `GITTER_ROOM=${r(40, HEX)}` },
  {
    provider: 'intercom',
    value: `dG9rOj${r(54)}`,
    text: (v) => `INTERCOM_ACCESS_TOKEN=${v}`,
    miss: `INTERCOM_APP=${r(60)}`,
  },
  { provider: 'zendesk', value: r(40), text: (v) => `ZENDESK_API_TOKEN=${v}`, miss: `ZENDESK_SUBDOMAIN=${r(40)}` },
  {
    provider: 'asana',
    value: `2/${r(16, DIGITS)}/${r(16, DIGITS)}:${r(32)}`,
    text: (v) => `ASANA_ACCESS_TOKEN=${v}`,
    miss: `ASANA_WORKSPACE=${r(32)}`,
  },
  {
    provider: 'fastly',
    value: r(32, B64URL),
    text: (v) => `FASTLY_API_TOKEN=${v}`,
    miss: `FASTLY_SERVICE_ID=${r(22)}`,
  },
  {
    provider: 'confluent',
    value: r(64, B64),
    text: (v) => `CONFLUENT_CLOUD_API_SECRET=${v}`,
    miss: `CONFLUENT_CLUSTER=${r(64, B64)}`,
  },
  {
    provider: 'confluent',
    value: r(16, UPPER),
    text: (v) => `CONFLUENT_CLOUD_API_KEY=${v}`,
    miss: `CONFLUENT_ENV=${r(16, UPPER)}`,
  },
  { provider: 'sumologic', value: r(64), text: (v) => `SUMO_ACCESS_KEY=${v}`, miss: `SUMO_ACCESS_ID=su${r(12)}` },
  {
    provider: 'linear',
    value: r(32, HEX),
    text: (v) => `LINEAR_CLIENT_SECRET=${v}`,
    miss: `linear_layer_id=${r(32, HEX)}`,
  },
  { provider: 'droneci', value: r(32), text: (v) => `DRONE_TOKEN=${v}`, miss: `DRONE_SERVER=${r(32)}` },
  { provider: 'travisci', value: r(22), text: (v) => `TRAVIS_API_TOKEN=${v}`, miss: `TRAVIS_BUILD_ID=${r(22)}` },
  {
    provider: 'nuget',
    value: r(16),
    text: (v) => `<add key="ClearTextPassword" value="${v}" />`,
    miss: `<add key="Username" value="${r(16)}" />`,
  },
];

describe('findSecrets: provider families', () => {
  for (const c of CASES) {
    const text = c.text?.(c.value) ?? `config: KEY="${c.value}" # prod`;
    it(`finds a ${c.provider} credential with its exact span, redacted`, () => {
      const m = findSecrets(text);
      assert.equal(m.length, 1, JSON.stringify(m.map((x) => x.provider)));
      assert.equal(m[0]!.provider, c.provider);
      assert.equal(text.slice(m[0]!.start, m[0]!.end), c.value);
      assert.ok(!m[0]!.redacted.includes(c.value.slice(-10)), 'redacted form must not carry the value');
    });
    it(`does not report a ${c.provider} near miss`, () => {
      assert.deepEqual(
        findSecrets(`see ${c.miss} there`).map((x) => x.provider),
        [],
        c.miss.replace(/[A-Za-z0-9]{12}(?=[A-Za-z0-9])/g, '…'),
      );
    });
  }

  // Adding a provider is one entry in secret-patterns/ and one case here, plus its report label in secret-patterns/labels.ts (or in secrets.test.ts).
  it('takes a legacy Pinecone UUID key only under a name that says it is a secret', () => {
    const uuid = '3f9a61c2-8b7e-4d15-a0c4-9e2b7d6f1a38';
    assert.deepEqual(
      findSecrets(`PINECONE_API_KEY="${uuid}"`).map((m) => m.provider),
      ['pinecone'],
    );
    assert.deepEqual(findSecrets(`PINECONE_INDEX_ID="${uuid}"`), []);
    assert.deepEqual(findSecrets(`pinecone_project: ${uuid}`), []);
  });

  it('names every provider in reports (secret-patterns/labels.ts)', () => {
    assert.deepEqual(
      [...new Set([...PATTERNS.map((p) => p.provider), 'generic'])].filter((p) => PROVIDER_LABELS[p] === undefined),
      [],
    );
  });

  it('has a positive case for every provider in the pattern table', () => {
    const tested = new Set([...CASES.map((c) => c.provider), ...TESTED_IN_SECRETS_TEST]);
    assert.deepEqual(
      [...new Set(PATTERNS.map((p) => p.provider))].filter((p) => !tested.has(p)),
      [],
    );
  });
});

const TESTED_IN_SECRETS_TEST = [
  'openai',
  'anthropic',
  'aws-bedrock',
  'huggingface',
  'google-ai',
  'groq',
  'replicate',
  'pinecone',
  'together',
  'cohere',
  'mistral',
  'wandb',
  'aws-access-key-id',
  'github',
  'stripe',
  'gitlab',
  'slack',
  'twilio',
  'sendgrid',
  'npm',
  'pypi',
  'databricks',
  'azure-storage',
  'azure-ad-client-secret',
  '1password',
  'facebook',
  'http-authorization',
  'http-api-key-header',
  'curl-basic-auth',
  'gcp-service-account',
  'private-key',
];
