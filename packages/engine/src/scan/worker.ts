// Worker thread: runs the registered detectors on batches of files sent by the pool.
import { parentPort, workerData } from 'node:worker_threads';
import type { Limits } from '@rampart/core';
import { DETECTORS } from '../registry.js';
import { defaultRuleCatalog } from '../rules/catalog.js';
import type { WalkEntry } from '../walk/walker.js';
import { analyzeFile, type FileOutcome } from './analyze-file.js';

export interface WorkerInit {
  limits: Limits;
  options: Record<string, unknown>;
  detectorIds?: string[];
}
export type ToWorker = { type: 'batch'; id: number; entries: WalkEntry[] };
export type FromWorker =
  | { type: 'start'; id: number; index: number }
  | { type: 'done'; id: number; outcomes: FileOutcome[] };

const init = workerData as WorkerInit;
const catalog = defaultRuleCatalog();
const detectors = init.detectorIds ? DETECTORS.filter((d) => init.detectorIds!.includes(d.id)) : DETECTORS;
const env = { detectors, limits: init.limits, rule: (id: string) => catalog.get(id), options: init.options };

parentPort!.on('message', async (msg: ToWorker) => {
  const outcomes: FileOutcome[] = [];
  for (let i = 0; i < msg.entries.length; i++) {
    parentPort!.postMessage({ type: 'start', id: msg.id, index: i } satisfies FromWorker);
    outcomes.push(await analyzeFile(msg.entries[i]!, env));
  }
  parentPort!.postMessage({ type: 'done', id: msg.id, outcomes } satisfies FromWorker);
});
