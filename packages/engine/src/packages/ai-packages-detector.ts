// Detector `ai-packages`: reads dependency manifests and lock files, inventories the AI/ML
// packages among their dependencies (kind `ai-package`, with version and purl) and reports known
// advisories from the offline advisory set and unpinned AI dependencies.
import {
  type Asset,
  assetId,
  type Detector,
  type DetectorOutput,
  describeError,
  type FileInput,
  LimitError,
} from '@rampart/core';
import { AdvisoryDb, type AdvisoryLookup } from '../advisories/advisory-db.js';
import { defaultStoreDir } from '../advisories/store.js';
import { aiPackageInfo, canonicalName, type Ecosystem } from './ai-package-table.js';
import type { ManifestDependency } from './dependency.js';
import { manifestKind, parseManifest } from './manifest-kinds.js';
import { packageFindings } from './package-findings.js';

export const AI_PACKAGES_DETECTOR_ID = 'ai-packages';

/** Package URL (purl spec): PyPI names normalized, npm scopes percent-encoded. */
export function packagePurl(ecosystem: Ecosystem, name: string, version?: string): string {
  const canonical = canonicalName(ecosystem, name);
  const path = ecosystem === 'PyPI' ? `pypi/${canonical}` : `npm/${canonical.replace(/^@/, '%40')}`;
  return `pkg:${path}${version !== undefined ? `@${encodeURIComponent(version)}` : ''}`;
}

function toAsset(dep: ManifestDependency, path: string, kind: string): Asset | undefined {
  const info = aiPackageInfo(dep.ecosystem, dep.name);
  if (info === undefined) return undefined;
  const name = canonicalName(dep.ecosystem, dep.name);
  const version = dep.version ?? (dep.url !== undefined ? dep.url : dep.spec === '' ? '*' : dep.spec);
  return {
    id: assetId('ai-package', dep.ecosystem, name, version),
    kind: 'ai-package',
    name,
    ...(info.provider !== undefined ? { provider: info.provider } : {}),
    version,
    purl: packagePurl(dep.ecosystem, name, dep.version),
    locations: [{ path, ...(dep.line !== undefined ? { line: dep.line } : {}) }],
    properties: {
      ecosystem: dep.ecosystem,
      category: info.category,
      pinned: dep.version !== undefined,
      spec: dep.spec,
      scope: dep.scope,
      manifest: kind,
      ...(dep.marker !== undefined ? { marker: dep.marker } : {}),
    },
  };
}

const dbs = new Map<string, AdvisoryDb>();

/** One advisory database per store directory per worker: the curated set is read once. */
function defaultDb(options: Readonly<Record<string, unknown>>): AdvisoryLookup {
  const nested = options[AI_PACKAGES_DETECTOR_ID];
  const own = typeof nested === 'object' && nested !== null ? (nested as Record<string, unknown>) : options;
  const dir = typeof own.advisoriesDir === 'string' ? own.advisoriesDir : defaultStoreDir();
  let db = dbs.get(dir);
  if (db === undefined) {
    db = new AdvisoryDb({ storeDir: dir });
    dbs.set(dir, db);
  }
  return db;
}

/** Jinja / cookiecutter markers: `{{ name }}`, `{% if %}`, `{%- ... -%}` (bounded, linear). */
const TEMPLATE_MARK = /\{\{[^{}\n]{1,200}\}\}|\{%-?[ \t][^\n]{0,200}?-?%\}/;

function isTemplate(text: string): boolean {
  return TEMPLATE_MARK.test(text);
}

export function createAiPackagesDetector(advisories?: AdvisoryLookup): Detector {
  return {
    id: AI_PACKAGES_DETECTOR_ID,
    version: '2',
    description: 'AI/ML packages in Python and npm manifests and lock files, with offline advisory matching',
    applies: (file) => manifestKind(file.path) !== undefined,
    async analyze(file: FileInput, ctx): Promise<Partial<DetectorOutput>> {
      const kind = manifestKind(file.path)!;
      const out: DetectorOutput = { assets: [], relations: [], findings: [], errors: [], skipped: [] };
      let deps: ManifestDependency[];
      let text: string | undefined;
      try {
        text = await file.text();
        deps = parseManifest(kind, text, file.path).dependencies;
      } catch (e) {
        if (text !== undefined && !(e instanceof LimitError) && isTemplate(text)) {
          // A project template (`name = "{{folder_name}}"`, `{%- if ... %}`) is not a manifest until rendered.
          out.skipped.push({
            path: file.path,
            reason: 'unsupported-format',
            detail: 'template with Jinja/cookiecutter placeholders: not a manifest until rendered',
            detector: AI_PACKAGES_DETECTOR_ID,
          });
        } else if (e instanceof LimitError) {
          out.skipped.push({
            path: file.path,
            reason: 'limit-reached',
            detail: e.message,
            detector: AI_PACKAGES_DETECTOR_ID,
          });
        } else {
          const { code, message } = describeError(e);
          out.errors.push({
            path: file.path,
            code: code === 'E_INTERNAL' ? 'E_PARSE' : code,
            message,
            detector: AI_PACKAGES_DETECTOR_ID,
          });
        }
        return out;
      }
      const db = advisories ?? defaultDb(ctx.options);
      for (const dep of deps) {
        const asset = toAsset(dep, file.path, kind);
        if (asset === undefined) continue;
        const { findings, advisoryIds } = await packageFindings(dep, file.path, asset.id, db);
        if (advisoryIds.length > 0) asset.properties.advisories = advisoryIds;
        out.assets.push(asset);
        out.findings.push(...findings);
      }
      return out;
    },
  };
}

export const aiPackagesDetector: Detector = createAiPackagesDetector();
