// @rampart/mcp: MCP config discovery, live inspection, tool analysis and pinning.
export { CAPABILITIES, type Capability, toolCapabilities } from './capabilities.js';
export { type ClientMatch, currentOs, matchClientConfig, type Os, wellKnownPaths } from './clients.js';
export { checkServerConfig, isLoopbackUrl } from './config-checks.js';
export { MAX_CONFIG_BYTES, parseClientConfig } from './config-parse.js';
export { JsoncParseError, parseJsonc } from './jsonc.js';
export { scoreTool, type ToolVerdict } from './poisoning.js';
export { serverAsset, serverAssetId } from './server-asset.js';
export { isMutableVersion, type McpServerConfig, type PackageRef, packageOf, type Transport } from './server-config.js';
export { analyzeToolSets, toolAssetId } from './tool-analysis.js';
export { looksLikeToolsSnapshot, type McpTool, parseToolsSnapshot, type ServerTools } from './tool-model.js';
export { findInvisible } from './unicode.js';
