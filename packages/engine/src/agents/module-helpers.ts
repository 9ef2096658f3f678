// What a tool can do through helpers in other modules of the project: `file_utils.download_file_from_url(url)`
// defined in shared_libraries/file_utils.py, a method of a module-level service object imported from
// another module (`from .clients import bq; bq.query(sql)` with `bq = bigquery.Client()`), or a class
// imported and instantiated in the tool. Followed a bounded number of module hops, cycles cut, each
// module read once through the ModuleReader (never imported or run).
import type { AnalyzedSource, CallSite } from '../lang/index.js';
import { type Capability, callCapabilities, functionCapabilities, functionScope } from './capabilities.js';
import { moduleCandidates } from './cross-file-tools.js';
import type { ModuleReader } from './module-reader.js';

/** Module hops followed from a tool body: tool → helper module → its helper module. */
export const MAX_HELPER_HOPS = 2;

export interface HelperCapabilities {
  capabilities: Set<Capability>;
  /** "path:line" of each helper in another module that conferred a capability. */
  from: Set<string>;
}

const IDENT = /^[A-Za-z_]\w*$/;

/** A parsed module and its path under the scan root. */
export interface Module {
  path: string;
  model: AnalyzedSource;
}

export class HelperResolver {
  private readonly memo = new Map<string, HelperCapabilities>();
  constructor(private readonly reader: ModuleReader) {}

  /** A module of the project, parsed (bounded, cached). */
  module(rel: string): Promise<AnalyzedSource | undefined> {
    return this.reader.model(rel);
  }

  /**
   * Capabilities function `fnIndex` of a module reaches through calls into other project modules.
   * Each hop lowers `hops`, so a cycle between modules (a → b → a) ends after MAX_HELPER_HOPS.
   */
  async foreign(mod: Module, fnIndex: number, hops = MAX_HELPER_HOPS): Promise<HelperCapabilities> {
    const key = `${mod.path}\u0000${fnIndex}\u0000${hops}`;
    const known = this.memo.get(key);
    if (known) return known;
    const found = await this.resolve(mod, fnIndex, hops);
    this.memo.set(key, found);
    return found;
  }

  private async resolve(mod: Module, fnIndex: number, hops: number): Promise<HelperCapabilities> {
    const out: HelperCapabilities = { capabilities: new Set(), from: new Set() };
    if (hops <= 0) return out;
    const scope = functionScope(mod.model, fnIndex);
    for (const c of mod.model.calls) {
      if (!scope.has(c.scope) || callCapabilities(c).size > 0) continue;
      const hit = await this.target(mod.path, c, hops);
      if (!hit || hit.capabilities.size === 0) continue;
      for (const cap of hit.capabilities) out.capabilities.add(cap);
      for (const f of hit.from) out.from.add(f);
    }
    return out;
  }

  /** What one call reaches in another module: a function, a method of a module-level object, or of an imported class. */
  private async target(from: string, c: CallSite, hops: number): Promise<HelperCapabilities | undefined> {
    const q = c.callee;
    // `mod.Cls().method`: an imported class instantiated here.
    const inst = /^(.+)\.([A-Za-z_]\w*)\(\)\.([A-Za-z_]\w*)$/.exec(q);
    if (inst && !inst[1]!.includes('(')) {
      return this.inModule(`${inst[1]}.${inst[2]}`, from, (m) => {
        const f = m.model.functions.find((x) => x.name === `${inst[2]}.${inst[3]}`);
        return f ? this.functionCaps(m, f.index, hops) : undefined;
      });
    }
    if (q.includes('(')) return undefined;
    const parts = q.split('.');
    const name = parts[parts.length - 1]!;
    if (!IDENT.test(name)) return undefined;
    // `mod.f(...)`: a module-level function.
    const fn = await this.inModule(q, from, (m) => {
      const f = m.model.functions.find((x) => x.parent === -1 && x.name === name);
      return f ? this.functionCaps(m, f.index, hops) : undefined;
    });
    if (fn) return fn;
    // `mod.obj.method(...)`: a module-level object of another module, judged by its class.
    if (parts.length < 3) return undefined;
    const objQ = parts.slice(0, -1).join('.');
    const obj = parts[parts.length - 2]!;
    return this.inModule(objQ, from, (m) => {
      const bound = m.model.assignments.find((a) => a.scope === -1 && a.target === obj && a.value.kind === 'call');
      if (bound?.value.kind !== 'call') return undefined;
      const ctor = m.model.calls[bound.value.call];
      if (!ctor) return undefined;
      const method = m.model.functions.find((x) => x.name === `${ctor.callee}.${name}`);
      if (method) return this.functionCaps(m, method.index, hops);
      const caps = callCapabilities({ ...c, callee: `${ctor.callee}().${name}` });
      return caps.size > 0
        ? Promise.resolve({ capabilities: caps, from: new Set([`${m.path}:${bound.line}`]) })
        : undefined;
    });
  }

  /** Runs `pick` on the first candidate module of `q` (a qualified name whose last part is the member) that has it. */
  private async inModule(
    q: string,
    from: string,
    pick: (m: Module) => Promise<HelperCapabilities> | undefined,
  ): Promise<HelperCapabilities | undefined> {
    for (const rel of moduleCandidates(q, from)) {
      if (rel === from) continue;
      const model = await this.reader.model(rel);
      const hit = model ? pick({ path: rel, model }) : undefined;
      if (hit) return hit;
    }
    return undefined;
  }

  private async functionCaps(m: Module, fnIndex: number, hops: number): Promise<HelperCapabilities> {
    const own = functionCapabilities(m.model, fnIndex);
    const deeper = await this.foreign(m, fnIndex, hops - 1);
    const capabilities = new Set([...own, ...deeper.capabilities]);
    const from = new Set(deeper.from);
    if (own.size > 0) from.add(`${m.path}:${m.model.functions[fnIndex]?.line ?? 0}`);
    return { capabilities, from };
  }
}
