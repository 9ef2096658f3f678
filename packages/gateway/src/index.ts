// @rampart/gateway: the inline proxy for LLM APIs (OpenAI, Anthropic, Azure OpenAI, compatible
// servers) and MCP. Policy from @rampart/policy, checks from @rampart/detectors, audit to @rampart/store.

export { detectorChecks } from './adapters/detector-checks.js';
export { type LoadedPolicy, loadPolicy } from './adapters/policy-port.js';
export { bindStore, type StoreBinding } from './adapters/store-port.js';
export { BoundedQueue, FanOutAuditSink, JsonlAuditSink, MemoryAuditSink } from './audit-sinks.js';
export {
  type GatewayConfig,
  type GatewayConfigInput,
  GatewayConfigSchema,
  loadGatewayConfig,
  PROVIDERS,
  type Provider,
  parseGatewayConfig,
  type TelemetryConfig,
  type UpstreamConfig,
} from './config.js';
export { createGateway, type Gateway, type GatewayOptions } from './gateway.js';
export { createHttpMcpProxy, type HttpMcpProxy } from './mcp/mcp-http.js';
export { McpInspector, type McpInspectorOptions, type McpLock } from './mcp/mcp-inspector.js';
export { McpOverridesSchema } from './mcp/mcp-overrides.js';
export { runStdioProxy } from './mcp/mcp-stdio.js';
export { type McpProxyOptions, readLock, runMcpProxy } from './mcp/run-mcp-proxy.js';
export { GatewayMetrics } from './metrics.js';
export type {
  ApprovalOutcome,
  ApprovalPort,
  AuditDecision,
  AuditRecord,
  AuditSink,
  CheckResult,
  DetectionContext,
  DetectionView,
  Identity,
  PolicyAction,
  PolicyPort,
  PolicyRequest,
  StreamScanner,
  TextChecks,
} from './ports.js';
export { type Dialect, errorBody, GatewayHttpError } from './provider-errors.js';
export { type RunningGateway, runGateway } from './run-gateway.js';
export { type SseEvent, SseParser } from './sse.js';
export { type GatewayTelemetry, startTelemetry } from './telemetry.js';
