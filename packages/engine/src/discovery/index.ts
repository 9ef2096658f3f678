// Code discovery detectors (issue 2, "Discovery in code"), listed once for the engine registry.
import type { Detector } from '@rampart/core';
import { configModelsDetector } from './config-models.js';
import { llmClientsDetector } from './llm-clients.js';
import { notebookDetector } from './notebooks.js';
import { promptsDetector } from './prompts.js';
import { unsafeCodeDetector } from './unsafe-code.js';

export const CODE_DISCOVERY_DETECTORS: readonly Detector[] = [
  llmClientsDetector,
  unsafeCodeDetector,
  promptsDetector,
  notebookDetector,
  configModelsDetector,
];
