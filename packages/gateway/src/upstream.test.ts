// Upstream names and Azure deployments are looked up by own keys: a model or upstream named
// "toString" is a name, never an Object.prototype member.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseGatewayConfig } from './config.js';
import { Upstream } from './upstream.js';

describe('upstream: Azure OpenAI paths', () => {
  const config = parseGatewayConfig({
    upstreams: {
      az: {
        provider: 'azure-openai',
        baseUrl: 'http://127.0.0.1:9/',
        apiKeyEnv: 'AZ_KEY',
        deployments: { 'gpt-4o': 'prod-4o' },
      },
    },
  });
  const az = new Upstream('az', config.upstreams.az!, { AZ_KEY: 'test-key' });

  it('maps a model to its deployment, and any other model name to itself', async () => {
    assert.equal(
      az.pathFor('/v1/chat/completions', 'gpt-4o'),
      '/openai/deployments/prod-4o/chat/completions?api-version=2024-10-21',
    );
    // A model named like an Object.prototype member is a model name, not a table member.
    for (const model of ['constructor', 'toString', '__proto__'])
      assert.equal(
        az.pathFor('/v1/embeddings', model),
        `/openai/deployments/${model}/embeddings?api-version=2024-10-21`,
        model,
      );
    await az.close();
  });
});

describe('gateway config: upstream references', () => {
  it('refuses a route or default upstream named like an Object.prototype member that is not configured', () => {
    const upstreams = { openai: { provider: 'openai', baseUrl: 'http://127.0.0.1:9/' } };
    for (const name of ['toString', 'constructor', '__proto__']) {
      assert.throws(
        () => parseGatewayConfig({ upstreams, routes: [{ model: 'gpt-*', upstream: name }] }),
        new RegExp(`unknown upstream "${name}"`),
      );
      assert.throws(() => parseGatewayConfig({ upstreams, defaultUpstream: name }), /unknown upstream/);
    }
  });
});
