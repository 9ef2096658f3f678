import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadGatewayConfig } from './config.js';

const example = new URL('../../../examples/gateway/rampart.yaml', import.meta.url).pathname;

describe('examples/gateway/rampart.yaml', () => {
  it('is a valid configuration that shows the documented settings', async () => {
    const cfg = await loadGatewayConfig(example);
    assert.equal(cfg.mode, 'enforce');
    assert.equal(cfg.checks.input.systemRole, 'data-only');
    assert.equal(cfg.responses.previousResponseId, 'allow');
    assert.equal(cfg.responses.approvalTtlSeconds, 86_400);
    assert.equal(cfg.responses.approvalLedger, 'memory');
    assert.ok(cfg.routes.every((r) => r.upstream in cfg.upstreams));
  });
});
