// Holds the active policy revision and swaps it atomically on reload. A file that fails to
// parse, validate or compile is rejected with file:line and the previous revision stays active;
// until a first good load, every decision is a deny (fail closed).
import { type FSWatcher, watch as fsWatch } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { ConfigError } from '@rampart/core';
import { PolicyEngine, type PolicyEngineOptions } from './decide.js';
import { compilePolicyText, readPolicyFile } from './load.js';
import { RateLimiter } from './rate-limit.js';
import type { Identity, PolicyDecision, PolicyRequest } from './types.js';

export interface WatchOptions {
  /** Called after a successful reload with the new revision. */
  onReload?: (revision: string) => void;
  /** Called when a changed file is rejected; the previous revision stays active. */
  onError?: (error: ConfigError) => void;
  debounceMs?: number;
}

export class PolicyStore {
  private engine: PolicyEngine | undefined;
  private path: string | undefined;
  private readonly limiter = new RateLimiter();
  private readonly opts: Omit<PolicyEngineOptions, 'limiter'>;

  constructor(opts: Omit<PolicyEngineOptions, 'limiter'> = {}) {
    this.opts = opts;
  }

  /** The active engine, or undefined before the first successful load. */
  get current(): PolicyEngine | undefined {
    return this.engine;
  }

  revision(): string {
    return this.engine?.revision ?? 'none';
  }

  /** Validates and activates `text`. Throws ConfigError; the previous revision stays active. */
  loadText(text: string, file = 'policy.yaml'): PolicyEngine {
    const compiled = compilePolicyText(text, file);
    const next = new PolicyEngine(compiled, { ...this.opts, limiter: this.limiter });
    this.engine = next;
    return next;
  }

  async loadFile(path: string): Promise<PolicyEngine> {
    const abs = resolve(path);
    const text = await readPolicyFile(abs);
    const engine = this.loadText(text, path);
    this.path = abs;
    return engine;
  }

  /** Re-reads the last loaded file. */
  async reload(): Promise<PolicyEngine> {
    if (!this.path) throw new ConfigError('no policy file loaded yet');
    return this.loadFile(this.path);
  }

  /**
   * Watches the directory of `path` (editors replace files by rename, which a file watch misses)
   * and reloads on change, debounced. Returns a function that stops watching.
   */
  watch(path: string, opts: WatchOptions = {}): () => void {
    const abs = resolve(path);
    const name = basename(abs);
    let timer: NodeJS.Timeout | undefined;
    let lastRevision = this.revision();
    const fire = () => {
      timer = undefined;
      this.loadFile(abs).then(
        (e) => {
          if (e.revision !== lastRevision) {
            lastRevision = e.revision;
            opts.onReload?.(e.revision);
          }
        },
        (err: unknown) => {
          const ce =
            err instanceof ConfigError ? err : new ConfigError(`${path}: ${String(err)}`, { path, cause: err });
          opts.onError?.(ce);
        },
      );
    };
    const w: FSWatcher = fsWatch(dirname(abs), { persistent: false }, (_ev, file) => {
      if (file !== null && file !== name) return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(fire, opts.debounceMs ?? 100);
    });
    return () => {
      if (timer) clearTimeout(timer);
      w.close();
    };
  }

  authenticate(virtualKey: string): Identity | undefined {
    return this.engine?.authenticate(virtualKey);
  }

  /** Decides with the active revision; before any successful load, denies. */
  decide(req: PolicyRequest): PolicyDecision {
    const e = this.engine;
    if (e) return e.decide(req);
    return {
      id: crypto.randomUUID(),
      effect: 'deny',
      applied: 'deny',
      mode: 'enforce',
      reasons: [{ message: 'no policy loaded' }],
      policyRevision: 'none',
      obligations: { redact: [], restore: false },
    };
  }
}
