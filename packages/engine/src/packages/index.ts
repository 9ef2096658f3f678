// AI package inventory from dependency manifests (PyPI and npm).
export { aiPackageInfo, canonicalName, type Ecosystem, normalizePypiName } from './ai-package-table.js';
export {
  AI_PACKAGES_DETECTOR_ID,
  aiPackagesDetector,
  createAiPackagesDetector,
  packagePurl,
} from './ai-packages-detector.js';
export type { ManifestDependency } from './dependency.js';
export { manifestKind, parseManifest } from './manifest-kinds.js';
