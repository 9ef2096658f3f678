// The rule catalog: every rules/<area>/<id>.yaml validated against RuleSchema, every framework id
// checked against its catalog in frameworks/. Loaded once per process (and per worker).
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import {
  type Catalog,
  CatalogSchema,
  ConfigError,
  FRAMEWORK_KEYS,
  type FrameworkKey,
  type Rule,
  RuleSchema,
} from '@rampart/core';
import { parse } from 'yaml';
import { FRAMEWORKS_DIR, RULES_DIR } from './paths.js';

export interface RuleCatalog {
  readonly rules: ReadonlyMap<string, Rule>;
  readonly frameworks: ReadonlyMap<FrameworkKey, Catalog>;
  /** The rule for an id or alias. */
  get(id: string): Rule | undefined;
  /** Source file of each rule, for messages and the fixture test. */
  readonly files: ReadonlyMap<string, string>;
}

function listYaml(dir: string, suffixFilter: (f: string) => boolean): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...listYaml(p, suffixFilter));
    else if (e.isFile() && e.name.endsWith('.yaml') && suffixFilter(e.name)) out.push(p);
  }
  return out.sort();
}

function zodMessage(e: { issues: Array<{ path: PropertyKey[]; message: string }> }): string {
  return e.issues.map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`).join('; ');
}

export function loadFrameworkCatalogs(dir = FRAMEWORKS_DIR): Map<FrameworkKey, Catalog> {
  const out = new Map<FrameworkKey, Catalog>();
  for (const key of FRAMEWORK_KEYS) {
    const file = join(dir, `${key}.yaml`);
    const parsed = CatalogSchema.safeParse(parse(readFileSync(file, 'utf8')));
    if (!parsed.success) throw new ConfigError(`${file}: ${zodMessage(parsed.error)}`, { path: file });
    out.set(key, parsed.data);
  }
  return out;
}

export function loadRuleCatalog(rulesDir = RULES_DIR, frameworksDir = FRAMEWORKS_DIR): RuleCatalog {
  const frameworks = loadFrameworkCatalogs(frameworksDir);
  const known = new Map<FrameworkKey, Set<string>>();
  for (const [k, c] of frameworks) known.set(k, new Set(c.entries.map((e) => e.id)));

  const rules = new Map<string, Rule>();
  const aliases = new Map<string, string>();
  const files = new Map<string, string>();
  const problems: string[] = [];
  for (const file of listYaml(rulesDir, (f) => !f.endsWith('.fixture.yaml'))) {
    const rel = relative(rulesDir, file);
    let raw: unknown;
    try {
      raw = parse(readFileSync(file, 'utf8'));
    } catch (e) {
      problems.push(`${rel}: ${(e as Error).message}`);
      continue;
    }
    const parsed = RuleSchema.safeParse(raw);
    if (!parsed.success) {
      problems.push(`${rel}: ${zodMessage(parsed.error)}`);
      continue;
    }
    const rule = parsed.data;
    if (!file.endsWith(`${rule.id}.yaml`)) problems.push(`${rel}: file name must be <id>.yaml (id is ${rule.id})`);
    if (rules.has(rule.id)) problems.push(`${rel}: duplicate rule id ${rule.id}`);
    for (const [key, ids] of Object.entries(rule.frameworks) as Array<[FrameworkKey, string[] | undefined]>) {
      for (const id of ids ?? []) {
        if (!known.get(key)?.has(id)) problems.push(`${rel}: ${key} id "${id}" is not in frameworks/${key}.yaml`);
      }
    }
    rules.set(rule.id, rule);
    files.set(rule.id, file);
    for (const a of rule.aliases ?? []) aliases.set(a, rule.id);
  }
  if (problems.length > 0) {
    throw new ConfigError(`invalid rule catalog:\n  ${problems.join('\n  ')}`, { path: rulesDir });
  }
  return {
    rules,
    frameworks,
    files,
    get(id: string) {
      return rules.get(id) ?? rules.get(aliases.get(id) ?? '');
    },
  };
}

let cached: RuleCatalog | undefined;
/** The catalog shipped with Rampart, loaded once. */
export function defaultRuleCatalog(): RuleCatalog {
  cached ??= loadRuleCatalog();
  return cached;
}
