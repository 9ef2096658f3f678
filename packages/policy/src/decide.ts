// The hot path: decide(request) -> PolicyDecision for one compiled revision.
// JS computes facts (fired detections, violated limits and argument constraints, rate limits),
// Cedar decides which policies hold (memoised per distinct principal/action/resource/context,
// since context is low-cardinality), and JS combines effects, modes and obligations.
// Any internal failure yields a deny (fail closed), never an exception on the request path.
import { randomUUID } from 'node:crypto';
import { CEDAR_ACTIONS, type CedarEvaluation, type EntityJson, evaluate } from './cedar.js';
import { combine } from './combine.js';
import type { CompiledPolicy } from './compile.js';
import { checkConstraint } from './constraints.js';
import { globMatch } from './glob.js';
import { hashVirtualKey } from './keys.js';
import { RateLimiter } from './rate-limit.js';
import type { Identity, MediaCounts, PolicyDecision, PolicyRequest } from './types.js';

const RESOURCE_TYPE = { model: 'Model', tool: 'Tool', 'mcp-server': 'McpServer' } as const;
const MAX_ID = 512;

interface CacheEntry {
  ev: CedarEvaluation;
  /** The combined decision, when it depends on the cache key alone (no per-request violation details). */
  decision?: PolicyDecision;
}

/** A fresh decision from a cached one: new id, nothing shared that a caller could mutate. */
/** Media counts as Cedar Longs: whole, 0..MAX_MEDIA; a count that is not a number reads as MAX_MEDIA. */
const MAX_MEDIA = 1_000_000;
const NO_MEDIA: MediaCounts = { images: 0, audio: 0, files: 0 };
function mediaOf(m: MediaCounts | undefined): MediaCounts {
  if (m === undefined) return NO_MEDIA;
  const n = (x: number): number => (Number.isFinite(x) ? Math.min(MAX_MEDIA, Math.max(0, Math.floor(x))) : MAX_MEDIA);
  return { images: n(m.images), audio: n(m.audio), files: n(m.files) };
}

function fresh(d: PolicyDecision): PolicyDecision {
  return {
    ...d,
    id: randomUUID(),
    reasons: d.reasons.map((r) => ({ ...r })),
    obligations: { ...d.obligations, redact: [...d.obligations.redact] },
  };
}

export interface PolicyEngineOptions {
  /** Distinct Cedar requests memoised (LRU). Default 10,000. */
  cacheSize?: number;
  /** Shared across revisions by PolicyStore so a reload does not refill every bucket. */
  limiter?: RateLimiter;
  now?: () => number;
}

export class PolicyEngine {
  readonly compiled: CompiledPolicy;
  private readonly cache = new Map<string, CacheEntry>();
  private readonly cacheSize: number;
  private readonly limiter: RateLimiter;
  private readonly now: () => number;
  private readonly principalEntities = new Map<string, EntityJson[]>();
  private hits = 0;
  private misses = 0;

  constructor(compiled: CompiledPolicy, opts: PolicyEngineOptions = {}) {
    this.compiled = compiled;
    this.cacheSize = opts.cacheSize ?? 10_000;
    this.limiter = opts.limiter ?? new RateLimiter();
    this.now = opts.now ?? Date.now;
  }

  get revision(): string {
    return this.compiled.revision;
  }

  /** Resolves a presented virtual key; undefined when unknown or disabled. */
  authenticate(virtualKey: string): Identity | undefined {
    if (virtualKey.length === 0 || virtualKey.length > 1024) return undefined;
    return this.compiled.keysByHash.get(hashVirtualKey(virtualKey));
  }

  /** Identity for a key id (policy tests, CLI), including disabled keys. */
  identityFor(keyId: string): Identity | undefined {
    return this.compiled.keysById.get(keyId);
  }

  stats(): { hits: number; misses: number; cached: number } {
    return { hits: this.hits, misses: this.misses, cached: this.cache.size };
  }

  decide(req: PolicyRequest): PolicyDecision {
    try {
      return this.decideUnsafe(req);
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      return this.denial(`policy evaluation failed: ${msg}`);
    }
  }

  private denial(message: string): PolicyDecision {
    return {
      id: randomUUID(),
      effect: 'deny',
      applied: 'deny',
      mode: 'enforce',
      reasons: [{ message }],
      policyRevision: this.compiled.revision,
      obligations: { redact: [], restore: false },
    };
  }

  private decideUnsafe(req: PolicyRequest): PolicyDecision {
    const { identity, action, resource, context: ctx } = req;
    const types = CEDAR_ACTIONS[action];
    const rtype = RESOURCE_TYPE[resource.kind];
    if (!types || !rtype || !types.includes(rtype)) {
      return this.denial(`action ${String(action)} does not apply to a ${String(resource.kind)}`);
    }
    if (resource.id.length === 0 || resource.id.length > MAX_ID || identity.keyId.length > MAX_ID) {
      return this.denial('resource or key id is empty or too long');
    }

    const fired = new Set<string>();
    for (const d of ctx.detections) {
      const rule = this.compiled.detectors.get(d.type);
      const on = rule?.threshold !== undefined ? d.score >= rule.threshold : d.flagged;
      if (on) {
        fired.add(d.type);
        fired.add(`${d.type}@${d.role}`);
      }
    }

    const violations = new Map<string, string>();
    const limits = this.compiled.doc.limits;
    if (limits.maxBodyBytes !== undefined && (ctx.bodyBytes ?? 0) > limits.maxBodyBytes) {
      violations.set('max-body-bytes', `body of ${ctx.bodyBytes} bytes exceeds ${limits.maxBodyBytes}`);
    }
    if (limits.maxInputTokens !== undefined && (ctx.inputTokens ?? 0) > limits.maxInputTokens) {
      violations.set('max-input-tokens', `${ctx.inputTokens} input tokens exceed ${limits.maxInputTokens}`);
    }
    if (action === 'call-tool') this.toolFacts(req, violations);

    const firedList = [...fired].sort();
    const violationList = [...violations.keys()].sort();
    const server = ctx.server ?? '';
    const media = mediaOf(ctx.media);
    const key = [
      identity.keyId,
      identity.team ?? '',
      identity.roles.join(','),
      action,
      rtype,
      resource.id,
      server,
      ctx.route,
      ctx.model ?? '',
      ctx.classification ?? '',
      ctx.checkFailed ? '1' : '0',
      firedList.join(','),
      violationList.join(','),
      identity.principal,
      `${media.images},${media.audio},${media.files}`,
    ].join('\u0000');

    let entry = this.cache.get(key);
    if (entry) {
      this.hits++;
      this.cache.delete(key);
      this.cache.set(key, entry);
      if (entry.decision) return fresh(entry.decision);
    } else {
      this.misses++;
      const ev = evaluate(
        this.compiled.setIds[action] as string,
        { type: 'Key', id: identity.keyId },
        action,
        { type: rtype, id: resource.id },
        {
          route: ctx.route,
          model: ctx.model ?? '',
          server,
          classification: ctx.classification ?? 'unclassified',
          detections: firedList,
          violations: violationList,
          checkFailed: ctx.checkFailed === true,
          media: { images: media.images, audio: media.audio, files: media.files },
        },
        [...this.principal(identity), ...this.resourceEntities(rtype, resource.id, server)],
      );
      if (this.cache.size >= this.cacheSize) {
        const oldest = this.cache.keys().next();
        if (!oldest.done) this.cache.delete(oldest.value);
      }
      entry = { ev };
      this.cache.set(key, entry);
    }
    const decision = combine(this.compiled, entry.ev, fired, violations);
    if (violations.size === 0) entry.decision = fresh(decision);
    return decision;
  }

  private toolFacts(req: PolicyRequest, violations: Map<string, string>): void {
    const name = req.resource.id;
    this.compiled.tools.forEach(({ rule }, i) => {
      if (!globMatch(rule.match, name)) return;
      if (rule.server !== undefined && rule.server !== req.context.server) return;
      for (const c of rule.constraints) {
        const why = checkConstraint(c, req.context.args);
        if (why !== undefined) {
          violations.set(`args:${i}`, why);
          break;
        }
      }
      if (rule.rateLimit) {
        const bucket = `${req.identity.keyId}\u0000${i}`;
        if (!this.limiter.take(bucket, rule.rateLimit, this.now(), req.context.dryRun !== true)) {
          violations.set(
            `rate-limit:${i}`,
            `${rule.rateLimit.capacity} calls, refilled ${rule.rateLimit.refillPerSecond}/s`,
          );
        }
      }
    });
  }

  private principal(identity: Identity): EntityJson[] {
    const k = `${identity.keyId}\u0000${identity.principal}\u0000${identity.team ?? ''}\u0000${identity.roles.join(',')}`;
    const hit = this.principalEntities.get(k);
    if (hit) return hit;
    // One entity with its ancestors flattened (roles, team, the team's ancestors; bounded and
    // cycle-safe): Cedar then has no transitive closure to compute and far less JSON to convert
    // per call, and `principal in Team::"x"` still sees every ancestor.
    const parents = identity.roles.map((r) => ({ type: 'Role', id: r }));
    const seen = new Set<string>();
    const queue = identity.team !== undefined ? [identity.team] : [];
    while (queue.length > 0 && seen.size < 256) {
      const t = queue.shift() as string;
      if (seen.has(t)) continue;
      seen.add(t);
      parents.push({ type: 'Team', id: t });
      queue.push(...(this.compiled.teamParents.get(t) ?? []));
    }
    const out: EntityJson[] = [
      { uid: { type: 'Key', id: identity.keyId }, attrs: { principal: identity.principal }, parents },
    ];
    if (this.principalEntities.size > 10_000) this.principalEntities.clear();
    this.principalEntities.set(k, out);
    return out;
  }

  private resourceEntities(rtype: string, id: string, server: string): EntityJson[] {
    if (rtype === 'Model') {
      const m = this.compiled.doc.models.find((x) => globMatch(x.match, id));
      const attrs = {
        name: id,
        provider: m?.provider ?? 'unknown',
        classification: m?.classification ?? 'unclassified',
      };
      return [{ uid: { type: 'Model', id }, attrs, parents: [] }];
    }
    if (rtype === 'McpServer') return [{ uid: { type: 'McpServer', id }, attrs: { name: id }, parents: [] }];
    return [
      {
        uid: { type: 'Tool', id },
        attrs: { name: id, server },
        parents: server ? [{ type: 'McpServer', id: server }] : [],
      },
    ];
  }
}
