// Shared by the policy tests (excluded from the build): a tiny policy builder and request maker.

import { PolicyEngine, type PolicyEngineOptions } from './decide.js';
import { compilePolicyText } from './load.js';
import type { DetectionContext, Identity, PolicyAction, PolicyRequest, ResourceKind } from './types.js';

export const ALICE: Identity = { keyId: 'alice', principal: 'alice@example.com', team: 'ml', roles: ['developer'] };

export function engine(yaml: string, opts: PolicyEngineOptions = {}): PolicyEngine {
  return new PolicyEngine(compilePolicyText(`version: 1\n${yaml}`, 'test.yaml'), opts);
}

export function request(
  action: PolicyAction,
  kind: ResourceKind,
  id: string,
  context: Partial<PolicyRequest['context']> = {},
  identity: Identity = ALICE,
): PolicyRequest {
  return {
    identity,
    action,
    resource: { kind, id },
    context: { route: '/v1/chat/completions', detections: [], ...context },
  };
}

export function detection(type: string, score = 1, role: DetectionContext['role'] = 'user'): DetectionContext {
  return { type, score, flagged: score >= 0.5, role };
}
