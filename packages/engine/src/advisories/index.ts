// Offline OSV advisories: curated set, local store, import, and version matching.
export { AdvisoryDb, type AdvisoryLookup, CURATED_DIR, loadCurated } from './advisory-db.js';
export { DEFAULT_IMPORT_LIMITS, type ImportReport, importAdvisories } from './import.js';
export { type Advisory, toAdvisory } from './osv.js';
export { AdvisoryStore, defaultStoreDir, type StoreMeta } from './store.js';
export { isAffected, specAdmitsAffected } from './version-match.js';
