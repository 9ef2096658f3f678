// Rampart's Cedar vocabulary (entity types, actions, context) and a thin typed wrapper over
// @cedar-policy/cedar-wasm (its Node build: CommonJS + a synchronously instantiated wasm module,
// loaded once per process). Policies are validated against this schema in strict mode at load
// time, so a typo such as `resource.provder` is a load error, not a silent runtime deny.

import type {
  CedarValueJson,
  DetailedError,
  EntityJson,
  EntityUidJson,
  PolicyJson,
  SchemaJson,
} from '@cedar-policy/cedar-wasm/nodejs';
import * as cedar from '@cedar-policy/cedar-wasm/nodejs';

export type { EntityJson, PolicyJson };

const S = { type: 'String' } as const;
const SET_S = { type: 'Set', element: { type: 'String' } } as const;
const LONG = { type: 'Long' } as const;

/**
 * Context is deliberately low-cardinality (sets of fired detection types and violated limits, never
 * content, and of numbers only the media counts, which are small) so decisions can be memoised.
 * Numeric checks (sizes, token counts, amounts, rate limits) are computed in JS from the data
 * sections and arrive as `violations`.
 */
const CONTEXT = {
  type: 'Record',
  attributes: {
    route: S,
    model: S,
    server: S,
    classification: S,
    /** Fired detection types, both bare (`pii`) and per text role (`prompt-injection@tool-result`). */
    detections: SET_S,
    /** Violated data rules: `max-body-bytes`, `max-input-tokens`, `rate-limit`, `args`. */
    violations: SET_S,
    checkFailed: { type: 'Boolean' },
    /** Media in the request the text checks cannot read (use-model; all 0 for other actions). */
    media: { type: 'Record', attributes: { images: LONG, audio: LONG, files: LONG } },
  },
} as const;

const model = ['Model'];
export const CEDAR_ACTIONS: Record<string, string[]> = {
  'use-model': model,
  'emit-output': model,
  embed: model,
  'list-models': model,
  'call-tool': ['Tool'],
  'list-tools': ['McpServer'],
};

export const CEDAR_SCHEMA: SchemaJson<string> = {
  '': {
    commonTypes: { Context: CONTEXT },
    entityTypes: {
      Key: {
        memberOfTypes: ['Team', 'Role'],
        shape: { type: 'Record', attributes: { principal: S } },
      },
      Team: { memberOfTypes: ['Team'] },
      Role: {},
      Model: { shape: { type: 'Record', attributes: { name: S, provider: S, classification: S } } },
      McpServer: { shape: { type: 'Record', attributes: { name: S } } },
      Tool: { memberOfTypes: ['McpServer'], shape: { type: 'Record', attributes: { name: S, server: S } } },
    },
    actions: Object.fromEntries(
      Object.entries(CEDAR_ACTIONS).map(([a, resourceTypes]) => [
        a,
        { appliesTo: { principalTypes: ['Key'], resourceTypes, context: { type: 'Context' } } },
      ]),
    ),
  },
};

export interface CedarProblem {
  message: string;
  /** Offset into the policy text, when Cedar reports one. */
  offset?: number;
}

function problems(errors: DetailedError[]): CedarProblem[] {
  return errors.map((e) => {
    const loc = e.sourceLocations?.[0];
    const msg = e.help ? `${e.message} (${e.help})` : e.message;
    return loc ? { message: msg, offset: loc.start } : { message: msg };
  });
}

/** Parses one policy; more or fewer than exactly one is an error. */
export function parseSinglePolicy(text: string): { json: PolicyJson } | { errors: CedarProblem[] } {
  const parts = cedar.policySetTextToParts(text);
  if (parts.type === 'failure') return { errors: problems(parts.errors) };
  if (parts.policies.length !== 1 || parts.policy_templates.length > 0) {
    return { errors: [{ message: `expected exactly one Cedar policy, found ${parts.policies.length}` }] };
  }
  const r = cedar.policyToJson(text);
  if (r.type === 'failure') return { errors: problems(r.errors) };
  return { json: r.json };
}

/** Strict validation of a policy set (id -> text or JSON) against CEDAR_SCHEMA. */
export function validatePolicies(policies: Record<string, string | PolicyJson>): Map<string, CedarProblem[]> {
  const out = new Map<string, CedarProblem[]>();
  const r = cedar.validate({
    schema: CEDAR_SCHEMA,
    policies: { staticPolicies: policies },
    validationSettings: { mode: 'strict' },
  });
  if (r.type === 'failure') {
    out.set('*', problems(r.errors));
    return out;
  }
  for (const v of r.validationErrors) {
    const list = out.get(v.policyId) ?? [];
    list.push(...problems([v.error]));
    out.set(v.policyId, list);
  }
  return out;
}

/** Registers a policy set in the wasm module's cache under `id` (parsed once, evaluated many times). */
export function preparse(id: string, policies: Record<string, PolicyJson>): void {
  const r = cedar.preparsePolicySet(id, { staticPolicies: policies });
  if (r.type === 'failure') {
    throw new Error(`Cedar rejected the compiled policy set: ${problems(r.errors)[0]?.message ?? 'unknown error'}`);
  }
}

export interface CedarEvaluation {
  /** Ids of policies whose conditions held. */
  satisfied: string[];
  /** Ids of policies whose evaluation errored, with the message. */
  errored: { id: string; message: string }[];
}

/**
 * Evaluates a preparsed "probe" set (every policy rewritten to `permit`, see compile.ts), so
 * Cedar reports every satisfied policy, not just the determining ones.
 */
export function evaluate(
  setId: string,
  principal: EntityUidJson,
  action: string,
  resource: EntityUidJson,
  context: Record<string, CedarValueJson>,
  entities: EntityJson[],
): CedarEvaluation {
  const r = cedar.statefulIsAuthorized({
    principal,
    action: { type: 'Action', id: action },
    resource,
    context,
    preparsedPolicySetId: setId,
    entities,
  });
  if (r.type === 'failure') {
    throw new Error(`Cedar could not evaluate the request: ${problems(r.errors)[0]?.message ?? 'unknown error'}`);
  }
  const d = r.response.diagnostics;
  return {
    satisfied: d.reason,
    errored: d.errors.map((e) => ({ id: e.policyId, message: e.error.message })),
  };
}

export function cedarVersion(): string {
  return cedar.getCedarVersion();
}
