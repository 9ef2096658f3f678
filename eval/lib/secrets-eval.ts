// Secrets evaluation on gitleaks' rule examples: the first half by line is dev, the second half
// test. True-positive strings measure recall, false-positive strings (gitleaks' own hard
// negatives) measure false alarms. secretlint runs on the same strings.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findSecrets } from '@rampart/detectors';
import { DATA_ROOT } from './datasets.js';

interface Ex {
  rule_id: string;
  label: 'true_positive' | 'false_positive';
  text: string;
}

/**
 * gitleaks rule families Rampart has a provider pattern for: family prefixes from the first
 * provider table, and exact family ids for the providers in packages/detectors/src/secret-patterns
 * added later (each listed because a pattern there implements that provider's token format).
 */
const COVERED_PREFIXES =
  /^(openai|anthropic|huggingface|cohere|gcp-api-key|gcp-service-account|groq|replicate|together|mistral|pinecone|aws|github|gitlab|slack|stripe|twilio|sendgrid|npm|pypi|databricks|azure-ad-client-secret|azure-storage|1password|facebook|curl-auth|private-key|generic-api-key)/;
const COVERED_FAMILIES = [
  'adobe-client-secret',
  'age-secret-key',
  'airtable-personnal-access-token',
  'algolia-api-key',
  'alibaba-access-key-id',
  'alibaba-secret-key',
  'artifactory-api-key',
  'artifactory-reference-token',
  'asana-client-secret',
  'atlassian-api-token',
  'cisco-meraki-api-key',
  'clickhouse-cloud-api-secret-key',
  'clojars-api-token',
  'cloudflare-api-key',
  'cloudflare-global-api-key',
  'cloudflare-origin-ca-key',
  'codecov-access-token',
  'confluent-access-token',
  'confluent-secret-key',
  'datadog-access-token',
  'defined-networking-api-token',
  'digitalocean-access-token',
  'digitalocean-pat',
  'digitalocean-refresh-token',
  'discord-api-token',
  'discord-client-secret',
  'doppler-api-token',
  'droneci-access-token',
  'dropbox-short-lived-api-token',
  'duffel-api-token',
  'dynatrace-api-token',
  'easypost-api-token',
  'easypost-test-api-token',
  'fastly-api-token',
  'flutterwave-encryption-key',
  'flutterwave-secret-key',
  'flyio-access-token',
  'frameio-api-token',
  'gitter-access-token',
  'gocardless-api-token',
  'grafana-api-key',
  'grafana-cloud-api-token',
  'grafana-service-account-token',
  'harness-api-key',
  'hashicorp-tf-api-token',
  'heroku-api-key',
  'heroku-api-key-v2',
  'hubspot-api-key',
  'infracost-api-token',
  'intercom-api-key',
  'intra42-client-secret',
  'launchdarkly-access-token',
  'linear-api-key',
  'linear-client-secret',
  'lob-api-key',
  'mailchimp-api-key',
  'mailgun-private-api-token',
  'mapbox-api-token',
  'mattermost-access-token',
  'maxmind-license-key',
  'microsoft-teams-webhook',
  'new-relic-insert-key',
  'new-relic-user-api-key',
  'notion-api-token',
  'nuget-config-password',
  'octopus-deploy-api-key',
  'okta-access-token',
  'openshift-user-token',
  'perplexity-api-key',
  'plaid-api-token',
  'plaid-secret-key',
  'planetscale-api-token',
  'planetscale-oauth-token',
  'planetscale-password',
  'postman-api-token',
  'prefect-api-token',
  'pulumi-api-token',
  'rapidapi-access-token',
  'readme-api-token',
  'rubygems-api-token',
  'scalingo-api-token',
  'sendinblue-api-token',
  'sentry-access-token',
  'sentry-org-token',
  'sentry-user-token',
  'settlemint-application-access-token',
  'settlemint-personal-access-token',
  'settlemint-service-access-token',
  'shippo-api-token',
  'shopify-access-token',
  'shopify-custom-access-token',
  'shopify-private-app-access-token',
  'shopify-shared-secret',
  'sidekiq-secret',
  'sidekiq-sensitive-url',
  'snyk-api-token',
  'sonar-api-token',
  'sourcegraph-access-token',
  'square-access-token',
  'sumologic-access-token',
  'telegram-bot-api-token',
  'travisci-access-token',
  'twitter-access-secret',
  'twitter-access-token',
  'twitter-api-key',
  'twitter-api-secret',
  'twitter-bearer-token',
  'typeform-api-token',
  'vault-batch-token',
  'vault-service-token',
  'yandex-access-token',
  'yandex-api-key',
  'yandex-aws-access-token',
  'zendesk-secret-key',
];
export const COVERED = new RegExp(`${COVERED_PREFIXES.source}|^(?:${COVERED_FAMILIES.join('|')})$`);

export function gitleaksSplit(side: 'dev' | 'test'): Ex[] {
  const lines = readFileSync(join(DATA_ROOT, 'secrets_pii/gitleaks/rule_examples_tp_fp.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '');
  const half = Math.floor(lines.length / 2);
  return (side === 'dev' ? lines.slice(0, half) : lines.slice(half)).map((l) => JSON.parse(l) as Ex);
}

export interface SecretsRow {
  tool: string;
  tpAll: string;
  tpCovered: string;
  fpRate: string;
  msPer: number;
}

async function secretlintChecker(): Promise<((t: string) => Promise<boolean>) | string> {
  try {
    const { lintSource } = (await import('@secretlint/core')) as unknown as {
      lintSource(o: unknown): Promise<{ messages: unknown[] }>;
    };
    const preset = (await import('@secretlint/secretlint-rule-preset-recommend')) as unknown as {
      creator: unknown;
    };
    return async (t: string) => {
      const r = await lintSource({
        source: { filePath: '/virtual/test.txt', content: t, contentType: 'text' },
        options: { config: { rules: [{ id: '@secretlint/secretlint-rule-preset-recommend', rule: preset.creator }] } },
      });
      return r.messages.length > 0;
    };
  } catch (e) {
    return `secretlint could not load: ${(e as Error).message}`;
  }
}

export async function secretsEval(
  side: 'dev' | 'test',
): Promise<{ rows: SecretsRow[]; n: number; problems: string[] }> {
  const xs = gitleaksSplit(side);
  const problems: string[] = [];
  const tools: Array<[string, (t: string) => Promise<boolean>]> = [['rampart', async (t) => findSecrets(t).length > 0]];
  const sl = await secretlintChecker();
  if (typeof sl === 'string') problems.push(sl);
  else tools.push(['secretlint (preset-recommend)', sl]);
  const rows: SecretsRow[] = [];
  for (const [name, check] of tools) {
    let tp = 0;
    let tpN = 0;
    let tpc = 0;
    let tpcN = 0;
    let fp = 0;
    let fpN = 0;
    let ms = 0;
    for (const x of xs) {
      const t0 = performance.now();
      const hit = await check(x.text);
      ms += performance.now() - t0;
      if (x.label === 'true_positive') {
        tpN++;
        if (hit) tp++;
        if (COVERED.test(x.rule_id)) {
          tpcN++;
          if (hit) tpc++;
        }
      } else {
        fpN++;
        if (hit) fp++;
      }
    }
    rows.push({
      tool: name,
      tpAll: `${tp}/${tpN}`,
      tpCovered: `${tpc}/${tpcN}`,
      fpRate: `${fp}/${fpN}`,
      msPer: ms / xs.length,
    });
  }
  return { rows, n: xs.length, problems };
}
