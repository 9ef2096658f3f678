// The explicit detector registry: every static detector is listed here, once, in one place.
// Adding a detector = its file + its test + one line below. No registration by import side effect.
import type { Correlator, Detector } from '@rampart/core';
import { secretsFileDetector } from '@rampart/detectors';
import { mcpConfigDetector } from '@rampart/mcp';
import { modelCardCorrelator, modelCardDetector, modelFileDetector } from '@rampart/models';
import { agentsDetector } from './agents/agents-detector.js';
import { crossFileToolsCorrelator } from './agents/cross-file-tools.js';
import { CODE_DISCOVERY_DETECTORS } from './discovery/index.js';
import { attackPathsCorrelator } from './graph/attack-paths.js';
import { ragLineageCorrelator } from './graph/lineage.js';
import { bedrockLoggingCorrelator } from './iac/bedrock-logging.js';
import { cloudFormationDetector } from './iac/cloudformation.js';
import { composeDetector } from './iac/compose.js';
import { kubernetesDetector } from './iac/kubernetes.js';
import { terraformDetector } from './iac/terraform.js';
import { terraformModulesCorrelator } from './iac/terraform-modules.js';
import { aiPackagesDetector } from './packages/index.js';
import { dataFilesDetector } from './rag/data-files.js';
import { finetuneConfigDetector } from './rag/finetune-configs.js';
import { ragDetector } from './rag/rag-detector.js';

/** Per-file detectors, run in worker threads. Order does not matter. */
export const DETECTORS: readonly Detector[] = [
  // -- code discovery (packages/engine/src/detectors) --
  ...CODE_DISCOVERY_DETECTORS,
  // -- packages and advisories --
  aiPackagesDetector,
  // -- secrets --
  secretsFileDetector,
  // -- model files (packages/models) --
  modelFileDetector,
  modelCardDetector,
  // -- MCP (packages/mcp) --
  mcpConfigDetector,
  // -- agents, RAG, IaC --
  agentsDetector,
  ragDetector,
  dataFilesDetector,
  finetuneConfigDetector,
  terraformDetector,
  cloudFormationDetector,
  kubernetesDetector,
  composeDetector,
];

/** Whole-result passes, run once on the main thread after all detectors. */
export const CORRELATORS: readonly Correlator[] = [
  // -- lineage, graph and contextual risk --
  bedrockLoggingCorrelator,
  terraformModulesCorrelator,
  modelCardCorrelator,
  ragLineageCorrelator,
  crossFileToolsCorrelator,
  attackPathsCorrelator,
];
