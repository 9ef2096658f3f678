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
/** Module texts read (not parsed) to find which ones import something. */
export const MAX_TEXT_READS = 5_000;
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

  private textsRead = 0;

  /**
   * Does the text of module `rel` match `re` (a cheap look before parsing)? Reads at most
   * MAX_TEXT_READS files of at most 1 MiB under the root; past that, false and a limit-reached entry.
   */
  mentions(rel: string, re: RegExp): boolean {
    if (!rel.endsWith('.py') || (this.walked && !this.walked.has(rel))) return false;
    if (this.textsRead >= MAX_TEXT_READS) {
      if (!this.skipped.some((s) => s.detail?.startsWith('more than') && s.detail.includes('modules read')))
        this.skipped.push({
          path: rel,
          reason: 'limit-reached',
          detail: `more than ${MAX_TEXT_READS} modules read to find imports: later ones were not looked at`,
          detector: DETECTOR,
        });
      return false;
    }
    this.textsRead++;
    try {
      const real = realpathSync(join(this.root, rel));
      if (real !== this.root && !real.startsWith(this.root + sep)) return false;
      const st = statSync(real);
      if (!st.isFile() || st.size > MAX_MODULE_BYTES) return false;
      return re.test(readFileSync(real, 'utf8'));
    } catch {
      return false;
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
