// @rampart/mcp: MCP config discovery, live inspection, tool analysis and pinning. The per-tool
// check lives in @rampart/detectors (shared with the MCP proxy); re-exported here for callers.
export { findInvisibleChars as findInvisible, scoreTool, type ToolVerdict } from '@rampart/detectors';
export { CAPABILITIES, type Capability, toolCapabilities } from './capabilities.js';
export { type ClientMatch, currentOs, matchClientConfig, type Os, wellKnownPaths } from './clients.js';
export { checkServerConfig, isLoopbackUrl } from './config-checks.js';
export { mcpConfigDetector } from './config-detector.js';
export { MAX_CONFIG_BYTES, parseClientConfig } from './config-parse.js';
export { discoverProjectConfigs, discoverUserConfigs, type FoundConfig } from './discover.js';
export { type InspectOptions, type InspectResult, inspectServer } from './inspect.js';
export { JsoncParseError, parseJsonc } from './jsonc.js';
export {
  buildLockfile,
  diffAgainstLock,
  LOCKFILE_NAME,
  type McpLockfile,
  parseLockfile,
  serializeLockfile,
} from './lockfile.js';
export { type McpScanOptions, type McpScanOutput, pinToolSets, runMcpScan } from './mcp-scan.js';
export { serverAsset, serverAssetId } from './server-asset.js';
export { isMutableVersion, type McpServerConfig, type PackageRef, packageOf, type Transport } from './server-config.js';
export { analyzeToolSets, toolAssetId } from './tool-analysis.js';
export { looksLikeToolsSnapshot, type McpTool, parseToolsSnapshot, type ServerTools } from './tool-model.js';
