// Picks the upstream for a request: the first configured route whose path and model match and
// whose provider speaks the request's dialect, else the default upstream, else the only one that fits.
import type { GatewayConfig, Provider } from './config.js';
import type { Dialect } from './provider-errors.js';
import { GatewayHttpError } from './provider-errors.js';
import type { Upstream } from './upstream.js';

const SPEAKS: Record<Provider, Dialect> = {
  openai: 'openai',
  'azure-openai': 'openai',
  'openai-compatible': 'openai',
  anthropic: 'anthropic',
};

export class Router {
  constructor(
    private readonly config: GatewayConfig,
    private readonly upstreams: ReadonlyMap<string, Upstream>,
  ) {}

  pick(path: string, model: string | undefined, dialect: Dialect): Upstream {
    for (const r of this.config.routes) {
      if (r.path !== undefined && r.path !== path) continue;
      if (r.model !== undefined && (model === undefined || !modelMatches(r.model, model))) continue;
      const u = this.upstreams.get(r.upstream);
      if (u !== undefined && SPEAKS[u.config.provider] === dialect) return u;
    }
    const d = this.config.defaultUpstream === undefined ? undefined : this.upstreams.get(this.config.defaultUpstream);
    if (d !== undefined && SPEAKS[d.config.provider] === dialect) return d;
    for (const u of this.upstreams.values()) if (SPEAKS[u.config.provider] === dialect) return u;
    throw new GatewayHttpError('not_found', 'no_upstream', `no upstream is configured for ${path} and this model`);
  }
}

export function modelMatches(pattern: string, model: string): boolean {
  return pattern.endsWith('*') ? model.startsWith(pattern.slice(0, -1)) : pattern === model;
}
