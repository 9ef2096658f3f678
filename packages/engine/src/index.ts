// @rampart/engine: the scan pipeline, the detector registry and the reporters.
export {
  type Advisory,
  AdvisoryDb,
  AdvisoryStore,
  defaultStoreDir,
  type ImportReport,
  importAdvisories,
  isAffected,
  loadCurated,
} from './advisories/index.js';
export { loadConfigFile, parseConfig, type RampartConfig, RampartConfigSchema } from './config/config.js';
export { type AssetGraph, assetGraph, exportGraph, GRAPH_FORMATS, type GraphFormat } from './graph/export.js';
export { AI_PACKAGES_DETECTOR_ID, aiPackageInfo, manifestKind, packagePurl, parseManifest } from './packages/index.js';
export { CORRELATORS, DETECTORS } from './registry.js';
export { isReportFormat, REPORT_FORMATS, type RenderOptions, type ReportFormat, render } from './report/index.js';
export { defaultRuleCatalog, loadFrameworkCatalogs, loadRuleCatalog, type RuleCatalog } from './rules/catalog.js';
export { DATA_DIR, FRAMEWORKS_DIR, REPO_ROOT, RULES_DIR } from './rules/paths.js';
export { type Baseline, createBaseline, readBaseline, writeBaseline } from './scan/baseline.js';
export { completeFinding, dedupeRelations, type FinalizeOptions, finalize, mergeAssets } from './scan/finalize.js';
export { type ScanOptions, scan } from './scan/scan.js';
export { VERSION } from './version.js';
export { type WalkEntry, type WalkEvent, type WalkOptions, walk } from './walk/walker.js';
