// Stored scan results: the full ScanResult JSON plus a small summary for listings and trends.
// Results are validated on the way out, so a hand-edited row fails loudly instead of feeding
// a report with a malformed result.
import { randomUUID } from 'node:crypto';
import { bySeverityDesc, RampartError, type ScanResult, ScanResultSchema, type Severity } from '@rampart/core';
import type { StoreDb } from './db.js';

export interface ScanSummary {
  id: string;
  createdAt: string;
  root: string | null;
  toolVersion: string;
  findings: number;
  maxSeverity: Severity | null;
  bySeverity: Record<string, number>;
  assets: number;
  errors: number;
  skipped: number;
  durationMs: number;
}

export class ScanStore {
  private readonly store: StoreDb;

  constructor(store: StoreDb) {
    this.store = store;
  }

  async save(result: ScanResult, opts: { id?: string; createdAt?: string } = {}): Promise<ScanSummary> {
    const id = opts.id ?? randomUUID();
    const severities = result.findings.map((f) => f.severity).sort(bySeverityDesc);
    const summary: ScanSummary = {
      id,
      createdAt: opts.createdAt ?? new Date().toISOString(),
      root: result.root ?? null,
      toolVersion: result.tool.version,
      findings: result.findings.length,
      maxSeverity: severities[0] ?? null,
      bySeverity: result.stats.bySeverity,
      assets: result.assets.length,
      errors: result.errors.length,
      skipped: result.skipped.length,
      durationMs: result.stats.durationMs,
    };
    await this.store.db
      .insertInto('scans')
      .values({
        id,
        created_at: summary.createdAt,
        root: summary.root,
        tool_version: summary.toolVersion,
        findings: summary.findings,
        max_severity: summary.maxSeverity,
        summary: JSON.stringify(summary),
        result: JSON.stringify(result),
      })
      .execute();
    return summary;
  }

  /** Newest first. */
  async list(opts: { limit?: number; root?: string } = {}): Promise<ScanSummary[]> {
    let q = this.store.db
      .selectFrom('scans')
      .select(['summary'])
      .orderBy('created_at', 'desc')
      .limit(opts.limit ?? 50);
    if (opts.root !== undefined) q = q.where('root', '=', opts.root);
    return (await q.execute()).map((r) => JSON.parse(r.summary) as ScanSummary);
  }

  async get(id: string): Promise<ScanResult | undefined> {
    const r = await this.store.db.selectFrom('scans').select(['result']).where('id', '=', id).executeTakeFirst();
    if (!r) return undefined;
    const parsed = ScanResultSchema.safeParse(JSON.parse(r.result));
    if (!parsed.success) throw new RampartError('E_STORE', `stored scan ${id} does not match the ScanResult schema`);
    return parsed.data;
  }

  async delete(id: string): Promise<boolean> {
    const r = await this.store.db.deleteFrom('scans').where('id', '=', id).executeTakeFirst();
    return Number(r.numDeletedRows) === 1;
  }
}
