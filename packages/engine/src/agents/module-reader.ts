// Reads other Python modules of the scanned project for the cross-file agent correlator, bounded:
// only files under the scan root (symlinks resolved and checked), only .py, at most MAX_TOOL_MODULES
// files of at most 1 MiB, each parsed once by the same bounded parser. Never imports or runs anything.
import { readFileSync, realpathSync, statSync } from 'node:fs';
import { join, sep } from 'node:path';
import type { Skipped } from '@rampart/core';
import { type AnalyzedSource, analyzeSource } from '../lang/index.js';

/** Other modules parsed per scan to resolve tools and helpers; past this they stay unresolved (reported). */
export const MAX_TOOL_MODULES = 200;
const MAX_MODULE_BYTES = 1024 * 1024;
const DETECTOR = 'graph-agent-tools';

export class ModuleReader {
  private readonly cache = new Map<string, Promise<AnalyzedSource | undefined>>();
  readonly skipped: Skipped[] = [];
  /**
   * @param root the scan root (realpath)
   * @param walked the files the scan walked, relative to the root, when known: only those are read
   */
  constructor(
    private readonly root: string,
    private readonly walked?: ReadonlySet<string>,
  ) {}

  private async load(rel: string): Promise<AnalyzedSource | undefined> {
    const abs = join(this.root, rel);
    let real: string;
    try {
      real = realpathSync(abs);
      if (real !== this.root && !real.startsWith(this.root + sep)) return undefined;
      const st = statSync(real);
      if (!st.isFile()) return undefined;
      if (st.size > MAX_MODULE_BYTES) {
        this.skipped.push({
          path: rel,
          reason: 'limit-reached',
          detail: 'tool module over 1 MiB: its functions were not resolved',
          detector: DETECTOR,
        });
        return undefined;
      }
    } catch {
      return undefined; // no such module here: try the next candidate
    }
    try {
      return await analyzeSource(rel, readFileSync(real, 'utf8'));
    } catch (e) {
      this.skipped.push({
        path: rel,
        reason: 'inconclusive',
        detail: `tool module not parsed: ${(e as Error).message}`,
        detector: DETECTOR,
      });
      return undefined;
    }
  }

  /** The parsed module at `rel` (relative to the root), or undefined when absent, unreadable or over the limits. */
  async model(rel: string): Promise<AnalyzedSource | undefined> {
    if (!rel.endsWith('.py') || (this.walked && !this.walked.has(rel))) return undefined;
    let entry = this.cache.get(rel);
    if (!entry) {
      if (this.cache.size >= MAX_TOOL_MODULES) {
        if (!this.skipped.some((s) => s.detail?.startsWith('more than')))
          this.skipped.push({
            path: rel,
            reason: 'limit-reached',
            detail: `more than ${MAX_TOOL_MODULES} tool modules: later plain-function tools and helpers stay unresolved`,
            detector: DETECTOR,
          });
        return undefined;
      }
      entry = this.load(rel);
      this.cache.set(rel, entry);
    }
    return entry;
  }
}
