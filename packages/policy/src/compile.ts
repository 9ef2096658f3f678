// Compiles a validated policy document into what `decide` needs, once per revision:
// - the data sections (role model allow-lists, detector actions, tool rules, limits, check errors)
//   become generated Cedar policies with ids `rampart:*`, next to the user's own Cedar policies;
// - every policy is validated against Rampart's Cedar schema (strict mode);
// - the set is rewritten into a "probe" set where every policy is a `permit`, preparsed once in
//   the wasm module, so one Cedar call reports every satisfied policy; the original effect, mode
//   and obligation of each policy are kept here (RuleMeta) and combined in JS (decide.ts).
import { ConfigError, type Effect } from '@rampart/core';
import {
  CEDAR_ACTIONS,
  type CedarProblem,
  type PolicyJson,
  parseSinglePolicy,
  preparse,
  validatePolicies,
} from './cedar.js';
import { cedarString } from './glob.js';
import type { DetectorRule, Mode, PolicyDocument, ToolRule } from './policy-schema.js';
import type { Identity } from './types.js';

export interface RuleMeta {
  id: string;
  effect: Effect;
  mode: Mode;
  message: string;
  /** Rule (rules/runtime/*.yaml) a detector policy reports under. */
  ruleId?: string;
  /** Detection types to redact (effect redact); empty = every fired detection. */
  redact?: string[];
  restore?: boolean;
  approvalTimeoutMs?: number;
  /** Violation key this policy fires on, for per-request detail in the reason. */
  violation?: string;
}

export interface CompiledTool {
  id: string;
  rule: ToolRule;
}

export interface CompiledPolicy {
  revision: string;
  doc: PolicyDocument;
  /** Ids of the preparsed probe sets inside the wasm module, per action. */
  setIds: Record<string, string>;
  rules: Map<string, RuleMeta>;
  keysByHash: Map<string, Identity>;
  keysById: Map<string, Identity>;
  teamParents: Map<string, string[]>;
  tools: CompiledTool[];
  detectors: Map<string, DetectorRule>;
}

/** Maps a document path (and an offset inside a string value) to a 1-based line. */
export type LineLocator = (path: (string | number)[], offsetInValue?: number) => number | undefined;

const RUNTIME_RULE_IDS: Record<string, string> = {
  'prompt-injection': 'runtime-prompt-injection',
  jailbreak: 'runtime-jailbreak',
  pii: 'runtime-pii',
  secret: 'runtime-secret-in-text',
  'invisible-text': 'runtime-invisible-text',
  'system-prompt-leak': 'runtime-system-prompt-leak',
};

const MODEL_ACTIONS = '[Action::"use-model", Action::"emit-output", Action::"embed"]';

function fail(file: string | undefined, message: string, line: number | undefined): never {
  const opts: { path?: string; line?: number } = {};
  if (file !== undefined) opts.path = file;
  if (line !== undefined) opts.line = line;
  throw new ConfigError(`${file ?? 'policy'}${line ? `:${line}` : ''}: ${message}`, opts);
}

function likeAny(expr: string, globs: string[]): string {
  return `(${globs.map((g) => `${expr} like ${cedarString(g)}`).join(' || ')})`;
}

/** Generated policies for the data sections, as Cedar text. */
function generated(doc: PolicyDocument): { text: Record<string, string>; meta: RuleMeta[] } {
  const text: Record<string, string> = {};
  const meta: RuleMeta[] = [];
  const add = (m: RuleMeta, cedar: string) => {
    text[m.id] = cedar;
    meta.push(m);
  };
  const all = 'principal, action, resource';

  if (doc.default === 'allow') {
    add(
      { id: 'rampart:default-allow', effect: 'allow', mode: 'enforce', message: 'default: allow' },
      `permit(${all});`,
    );
  }
  add(
    {
      id: 'rampart:check-failed',
      effect: 'deny',
      mode: doc.onCheckError === 'deny' ? 'enforce' : 'monitor',
      message: 'a runtime check failed or timed out (fail closed)',
    },
    `forbid(${all}) when { context.checkFailed };`,
  );

  const listed = Object.entries(doc.roles).filter(([, r]) => r.models && r.models.length > 0);
  if (listed.length > 0) {
    const inAny = listed.map(([role]) => `principal in Role::${cedarString(role)}`).join(' || ');
    const ok = listed
      .map(([role, r]) => `(principal in Role::${cedarString(role)} && ${likeAny('resource.name', r.models ?? [])})`)
      .join(' || ');
    add(
      {
        id: 'rampart:model-allowlist',
        effect: 'deny',
        mode: doc.mode,
        message: 'model is not on the allow-list of any of the caller’s roles',
      },
      `forbid(principal, action in ${MODEL_ACTIONS}, resource) when { ${inAny} } unless { ${ok} };`,
    );
  }

  for (const [type, d] of Object.entries(doc.detectors)) {
    const keys = d.roles ? d.roles.map((r) => `${type}@${r}`) : [type];
    const cond = `context.detections.containsAny([${keys.map(cedarString).join(', ')}])`;
    const base: RuleMeta = {
      id: `rampart:detector:${type}`,
      effect: d.action === 'deny' ? 'deny' : d.action,
      mode: d.mode ?? doc.mode,
      message: `${type} detected${d.roles ? ` in ${d.roles.join('/')} text` : ''}`,
    };
    const ruleId = RUNTIME_RULE_IDS[type];
    if (ruleId) base.ruleId = ruleId;
    if (d.action === 'redact') Object.assign(base, { redact: [type], restore: d.restore });
    if (d.action === 'require-approval') base.approvalTimeoutMs = 300_000;
    // A redact shorthand rewrites text (prompts, outputs, embeddings input): on tool calls it would
    // rewrite the arguments a tool needs (a recipient address). Deny and approval apply everywhere;
    // redacting tool-call arguments takes a `policies:` entry scoped to call-tool.
    const scope = d.action === 'redact' ? `principal, action in ${MODEL_ACTIONS}, resource` : all;
    add(base, `${d.action === 'deny' ? 'forbid' : 'permit'}(${scope}) when { ${cond} };`);
  }

  const limits = doc.limits;
  for (const [name, on] of [
    ['max-body-bytes', limits.maxBodyBytes],
    ['max-input-tokens', limits.maxInputTokens],
  ] as const) {
    if (on === undefined) continue;
    add(
      {
        id: `rampart:limit:${name}`,
        effect: 'deny',
        mode: limits.mode ?? doc.mode,
        message: `${name} (${on}) exceeded`,
        violation: name,
      },
      `forbid(${all}) when { context.violations.contains(${cedarString(name)}) };`,
    );
  }

  doc.tools.forEach((t, i) => {
    const id = `rampart:tool:${i}:${t.match}`;
    const mode = t.mode ?? doc.mode;
    let scope = `resource.name like ${cedarString(t.match)}`;
    if (t.server) scope += ` && resource.server == ${cedarString(t.server)}`;
    const head = `(principal, action == Action::"call-tool", resource) when { ${scope} }`;
    const headIf = (v: string) =>
      `(principal, action == Action::"call-tool", resource) when { ${scope} && context.violations.contains(${cedarString(v)}) }`;
    if (!t.allow) {
      add({ id, effect: 'deny', mode, message: `tool ${t.match} is not allowed` }, `forbid${head};`);
      return;
    }
    add({ id, effect: 'allow', mode, message: `tool ${t.match} is allowed` }, `permit${head};`);
    if (t.approval) {
      add(
        {
          id: `${id}:approval`,
          effect: 'require-approval',
          mode,
          message: `tool ${t.match} requires approval`,
          approvalTimeoutMs: t.approval.timeoutSeconds * 1000,
        },
        `permit${head};`,
      );
    }
    if (t.constraints.length > 0) {
      const v = `args:${i}`;
      add(
        { id: `${id}:args`, effect: 'deny', mode, message: `tool ${t.match}: argument constraint`, violation: v },
        `forbid${headIf(v)};`,
      );
    }
    if (t.rateLimit) {
      const v = `rate-limit:${i}`;
      add(
        { id: `${id}:rate-limit`, effect: 'deny', mode, message: `tool ${t.match}: rate limit exceeded`, violation: v },
        `forbid${headIf(v)};`,
      );
    }
  });
  return { text, meta };
}

function firstProblem(
  file: string | undefined,
  where: string,
  p: CedarProblem | undefined,
  line: LineLocator,
  path: (string | number)[],
): never {
  fail(file, `${where}: ${p?.message ?? 'invalid Cedar policy'}`, line(path, p?.offset));
}

function actionId(e: unknown): string | undefined {
  if (e === null || typeof e !== 'object') return undefined;
  const o = (('__entity' in e ? (e as { __entity: unknown }).__entity : e) ?? {}) as { type?: unknown; id?: unknown };
  return o.type === 'Action' && typeof o.id === 'string' ? o.id : undefined;
}

/** Whether a policy's action scope can match `action`; anything unrecognised counts as yes. */
function mayApply(p: PolicyJson, action: string): boolean {
  const a = p.action as { op: string; entity?: unknown; entities?: unknown[] };
  if (a.op === '==') return actionId(a.entity) === undefined || actionId(a.entity) === action;
  if (a.op === 'in') {
    const list = a.entities ?? (a.entity === undefined ? [] : [a.entity]);
    return list.some((e) => actionId(e) === undefined || actionId(e) === action);
  }
  return true;
}

export function compilePolicy(
  doc: PolicyDocument,
  revision: string,
  opts: { file?: string; line?: LineLocator } = {},
): CompiledPolicy {
  const file = opts.file;
  const line: LineLocator = opts.line ?? (() => undefined);
  const rules = new Map<string, RuleMeta>();
  const json: Record<string, PolicyJson> = {};

  doc.policies.forEach((p, i) => {
    const where = `policies[${i}] (${p.id})`;
    if (rules.has(p.id)) fail(file, `${where}: duplicate policy id`, line(['policies', i, 'id']));
    const parsed = parseSinglePolicy(p.cedar);
    if ('errors' in parsed) firstProblem(file, where, parsed.errors[0], line, ['policies', i, 'cedar']);
    const isForbid = parsed.json.effect === 'forbid';
    const effect: Effect = p.effect ?? (isForbid ? 'deny' : 'allow');
    if (isForbid !== (effect === 'deny')) {
      fail(file, `${where}: effect ${effect} needs a ${isForbid ? 'permit' : 'forbid'} policy`, line(['policies', i]));
    }
    const m: RuleMeta = { id: p.id, effect, mode: p.mode ?? doc.mode, message: p.message ?? p.description ?? p.id };
    if (effect === 'redact') Object.assign(m, { redact: p.redact ?? [], restore: p.restore });
    if (effect === 'require-approval') m.approvalTimeoutMs = p.approvalTimeoutSeconds * 1000;
    rules.set(p.id, m);
    json[p.id] = parsed.json;
  });

  const gen = generated(doc);
  for (const m of gen.meta) {
    const parsed = parseSinglePolicy(gen.text[m.id] ?? '');
    if ('errors' in parsed) fail(file, `internal: generated policy ${m.id}: ${parsed.errors[0]?.message}`, undefined);
    rules.set(m.id, m);
    json[m.id] = parsed.json;
  }

  // User policies are validated as text so Cedar's error offsets point into the YAML value.
  const forValidation: Record<string, string | PolicyJson> = { ...json };
  for (const p of doc.policies) forValidation[p.id] = p.cedar;
  const problems = validatePolicies(forValidation);
  for (const [id, list] of problems) {
    const i = doc.policies.findIndex((p) => p.id === id);
    if (i >= 0) firstProblem(file, `policies[${i}] (${id})`, list[0], line, ['policies', i, 'cedar']);
    fail(file, `policy ${id}: ${list[0]?.message ?? 'invalid'} (check the data section it comes from)`, undefined);
  }

  // Probe sets, one per action: same conditions, every effect `permit`, so Cedar lists all
  // satisfied policies; splitting by action scope keeps each Cedar call to the policies that can
  // apply (its cost grows with the number of policies evaluated).
  const setIds: Record<string, string> = {};
  for (const action of Object.keys(CEDAR_ACTIONS)) {
    const probe: Record<string, PolicyJson> = {};
    for (const [id, p] of Object.entries(json)) if (mayApply(p, action)) probe[id] = { ...p, effect: 'permit' };
    // Keyed by content hash: reloading an unchanged file reuses (replaces) the same sets, so the
    // wasm-side cache grows only with distinct revisions (Cedar's API has no way to drop a set).
    setIds[action] = `rampart-${revision}-${action}`;
    preparse(setIds[action], probe);
  }

  const keysByHash = new Map<string, Identity>();
  const keysById = new Map<string, Identity>();
  doc.keys.forEach((k, i) => {
    if (keysById.has(k.id)) fail(file, `keys[${i}]: duplicate key id ${k.id}`, line(['keys', i, 'id']));
    if (keysByHash.has(k.hash)) fail(file, `keys[${i}]: the same key hash is listed twice`, line(['keys', i, 'hash']));
    const identity: Identity = { keyId: k.id, principal: k.principal, roles: [...k.roles] };
    if (k.team !== undefined) identity.team = k.team;
    keysById.set(k.id, identity);
    if (!k.disabled) keysByHash.set(k.hash, identity);
  });
  const teamParents = new Map(doc.teams.map((t) => [t.id, t.parents]));
  const tools = doc.tools.map((rule, i) => ({ id: `rampart:tool:${i}:${rule.match}`, rule }));
  const detectors = new Map(Object.entries(doc.detectors));
  return { revision, doc, setIds, rules, keysByHash, keysById, teamParents, tools, detectors };
}
