// Local Terraform modules: a root module calls `module "x" { source = "./modules/x", name = ... }`,
// and the AI resources inside the module read their settings from `var.*`. Per file those values are
// unknown (a check on `public_network_access_enabled = var.public` proves nothing); following the call
// with the caller's arguments — literals, or the caller's own variables' defaults — makes them known.
// Bounded: only files the scan walked, only sources inside the scan root, at most MAX_DEPTH calls
// deep, MAX_FILES files parsed; a cycle or a source outside the root is reported as inconclusive with
// the file and the reason. Nothing is planned, applied or evaluated: only `var.NAME` and `local.NAME`
// are substituted (literals and string interpolation).
import { readFileSync, realpathSync } from 'node:fs';
import { join, posix, sep } from 'node:path';
import type { Asset, Correlator, FindingDraft, Skipped } from '@rampart/core';
import { analyzeCloudResources } from './cloud-analyzer.js';
import { loadParser, terraformResources } from './terraform.js';

export const TERRAFORM_MODULES_ID = 'iac-terraform-modules';
const MAX_DEPTH = 5;
const MAX_FILES = 2_000;
const MAX_FILE_BYTES = 2 * 1024 * 1024;

type Vars = ReadonlyMap<string, unknown>;

interface ModuleCall {
  name: string;
  file: string;
  line: number | undefined;
  /** Directory of the called module, relative to the scan root. */
  dir: string;
  args: Record<string, unknown>;
}

interface DirInfo {
  defaults: Map<string, unknown>;
  calls: ModuleCall[];
  /** Parsed documents of the directory's .tf files with their text, for re-reading resources. */
  docs: Array<{ path: string; doc: Record<string, unknown>; text: string }>;
}

const REF = { var: /^\$\{var\.([A-Za-z_][\w-]*)\}$/, local: /^\$\{local\.([A-Za-z_][\w-]*)\}$/ } as const;
const REF_IN = { var: /\$\{var\.([A-Za-z_][\w-]*)\}/g, local: /\$\{local\.([A-Za-z_][\w-]*)\}/g } as const;

/**
 * Put the known `var.*` (or `local.*`) values into a value: a whole reference takes the value, a
 * reference inside a string is interpolated when the value is a scalar; anything else stays as written.
 */
export function substituteVars(v: unknown, vars: Vars, depth = 0, kind: 'var' | 'local' = 'var'): unknown {
  if (depth > 32) return v;
  if (typeof v === 'string') {
    const whole = REF[kind].exec(v);
    if (whole) return vars.has(whole[1]!) ? vars.get(whole[1]!) : v;
    return v.replace(REF_IN[kind], (m, name: string) => {
      const x = vars.get(name);
      return typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean' ? String(x) : m;
    });
  }
  if (Array.isArray(v)) return v.map((x) => substituteVars(x, vars, depth + 1, kind));
  if (v && typeof v === 'object')
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, substituteVars(x, vars, depth + 1, kind)]));
  return v;
}

/** Passes over a module's locals (a local naming another local resolves one level per pass). */
const MAX_LOCAL_PASSES = 8;
const MAX_LOCALS_BYTES = 256 * 1024;

/**
 * A module's `locals { … }` with `var.*` and other locals substituted (literal substitution and string
 * interpolation only, a bounded number of passes); a local that stays an expression stays as written.
 */
export function moduleLocals(docs: ReadonlyArray<{ doc: Record<string, unknown> }>, vars: Vars): Map<string, unknown> {
  let cur = new Map<string, unknown>();
  for (const { doc } of docs)
    for (const block of Array.isArray(doc.locals) ? doc.locals : doc.locals ? [doc.locals] : [])
      if (block && typeof block === 'object')
        for (const [k, v] of Object.entries(block as Record<string, unknown>)) cur.set(k, substituteVars(v, vars));
  let size = JSON.stringify([...cur]).length;
  const limit = Math.max(MAX_LOCALS_BYTES, 4 * size);
  for (let pass = 0; pass < MAX_LOCAL_PASSES; pass++) {
    const next = new Map([...cur].map(([k, v]) => [k, substituteVars(v, cur, 0, 'local')]));
    const text = JSON.stringify([...next]);
    // A local that names itself grows each pass: stop at a small multiple of what was written.
    if (text.length === size && text === JSON.stringify([...cur])) break;
    if (text.length > limit) break;
    cur = next;
    size = text.length;
  }
  return cur;
}

function lineOf(text: string, re: RegExp): number | undefined {
  const m = re.exec(text);
  return m ? text.slice(0, m.index).split('\n').length : undefined;
}

const first = (v: unknown): Record<string, unknown> | undefined => {
  const x = Array.isArray(v) ? v[0] : v;
  return x && typeof x === 'object' ? (x as Record<string, unknown>) : undefined;
};

export const terraformModulesCorrelator: Correlator = {
  id: TERRAFORM_MODULES_ID,
  version: '2',
  description:
    'Follows local Terraform module calls so AI resources in a module are checked with the values passed to it',
  async run(result, ctx) {
    const root = ctx.options['scan.root'];
    const files = ctx.options['scan.files'];
    if (typeof root !== 'string' || !Array.isArray(files)) return {};
    // Only worth it when a module directory holds AI resources.
    const aiDirs = new Set(
      result.assets
        .filter((a) => a.properties.source === 'terraform')
        .flatMap((a) => a.locations.map((l) => posix.dirname(l.path))),
    );
    if (aiDirs.size === 0) return {};
    const realRoot = realpathSync(root);
    const skipped: Skipped[] = [];
    const tfFiles = (files as unknown[]).filter((f): f is string => typeof f === 'string' && f.endsWith('.tf'));
    if (tfFiles.length > MAX_FILES)
      skipped.push({
        path: '.',
        reason: 'limit-reached',
        detail: `more than ${MAX_FILES} Terraform files: module calls in the rest were not followed`,
        detector: TERRAFORM_MODULES_ID,
      });
    const parse = await loadParser();
    const dirs = new Map<string, DirInfo>();
    for (const path of tfFiles.slice(0, MAX_FILES)) {
      const dir = posix.dirname(path);
      const info: DirInfo = dirs.get(dir) ?? { defaults: new Map(), calls: [], docs: [] };
      dirs.set(dir, info);
      let text: string;
      let doc: Record<string, unknown>;
      try {
        const abs = realpathSync(join(realRoot, path));
        if (abs !== realRoot && !abs.startsWith(realRoot + sep)) continue;
        text = readFileSync(abs, 'utf8');
        if (text.length > MAX_FILE_BYTES) continue;
        if (!/\b(module|variable)\s+"/.test(text) && !aiDirs.has(dir)) continue;
        doc = await parse(path, text);
      } catch {
        continue; // the Terraform detector reports files that do not parse
      }
      info.docs.push({ path, doc, text });
      for (const [name, blocks] of Object.entries((doc.variable ?? {}) as Record<string, unknown>)) {
        const b = first(blocks);
        if (b && 'default' in b) info.defaults.set(name, b.default);
      }
      for (const [name, blocks] of Object.entries((doc.module ?? {}) as Record<string, unknown>)) {
        const b = first(blocks);
        const source = typeof b?.source === 'string' ? b.source : undefined;
        if (!b || !source || !/^\.\.?\//.test(source)) continue; // registry and git modules are not local
        const target = posix.normalize(posix.join(dir, source)).replace(/\/$/, '') || '.';
        const line = lineOf(text, new RegExp(`module\\s+"${name.replace(/[^\w-]/g, '')}"`));
        if (target.startsWith('..')) {
          skipped.push({
            path,
            reason: 'inconclusive',
            detail: `module "${name}" (source ${source}) is outside the scan root: not followed`,
            detector: TERRAFORM_MODULES_ID,
          });
          continue;
        }
        const args = Object.fromEntries(Object.entries(b).filter(([k]) => k !== 'source'));
        info.calls.push({ name, file: path, line, dir: target, args });
      }
    }
    const called = new Set([...dirs.values()].flatMap((d) => d.calls.map((c) => c.dir)));
    const known = new Set(result.findings.map((f) => `${f.ruleId}\u0000${f.assetId}\u0000${f.discriminator ?? ''}`));
    const findings: FindingDraft[] = [];
    const assets: Asset[] = [];
    const reached = new Set<string>();
    const visit = (dir: string, vars: Vars, stack: string[], via: ModuleCall[]) => {
      reached.add(dir);
      const info = dirs.get(dir);
      if (!info) return;
      if (via.length > 0 && aiDirs.has(dir)) {
        const call = via[via.length - 1]!;
        const where = `${call.file}${call.line ? `:${call.line}` : ''} module.${call.name}`;
        const locals = moduleLocals(info.docs, vars);
        const resources = info.docs.flatMap((d) =>
          terraformResources(d.doc, d.path, d.text).map((r) => ({
            ...r,
            props: substituteVars(substituteVars(r.props, vars), locals, 0, 'local') as Record<string, unknown>,
          })),
        );
        const out = analyzeCloudResources(resources);
        for (const a of out.assets)
          if (a.properties.source === 'terraform') assets.push({ ...a, properties: { moduleInstances: [where] } });
        for (const f of out.findings) {
          if (known.has(`${f.ruleId}\u0000${f.assetId}\u0000${f.discriminator ?? ''}`)) continue;
          findings.push({
            ...f,
            message: `${f.message} (with the values passed by ${where})`,
            discriminator: `${f.discriminator ?? ''}@${where}`,
            evidence: { facts: { moduleCall: where } },
          });
        }
      }
      for (const call of info.calls) {
        if (stack.includes(call.dir)) {
          skipped.push({
            path: call.file,
            reason: 'inconclusive',
            detail: `module "${call.name}" calls back into ${call.dir}: a module cycle, not followed further`,
            detector: TERRAFORM_MODULES_ID,
          });
          continue;
        }
        if (stack.length >= MAX_DEPTH) {
          skipped.push({
            path: call.file,
            reason: 'limit-reached',
            detail: `module "${call.name}" is nested more than ${MAX_DEPTH} calls deep: not followed`,
            detector: TERRAFORM_MODULES_ID,
          });
          continue;
        }
        const callee = dirs.get(call.dir);
        const next = new Map(callee?.defaults ?? []);
        for (const [k, v] of Object.entries(call.args)) next.set(k, substituteVars(v, vars));
        visit(call.dir, next, [...stack, call.dir], [...via, call]);
      }
    };
    // Start from the root modules: directories with module calls that nobody calls; then any
    // directory a root did not reach (modules that only call each other: the cycle is reported).
    for (const [dir, info] of dirs) if (info.calls.length > 0 && !called.has(dir)) visit(dir, info.defaults, [dir], []);
    for (const [dir, info] of dirs)
      if (info.calls.length > 0 && !reached.has(dir)) visit(dir, info.defaults, [dir], []);
    const seen = new Set<string>();
    return {
      assets,
      findings,
      skipped: skipped.filter((s) => {
        const k = `${s.path}\u0000${s.detail}`;
        if (seen.has(k)) return false;
        seen.add(k);
        return true;
      }),
    };
  },
};
