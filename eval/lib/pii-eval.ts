// PII evaluation on presidio-research's synthetic sentences: per-entity precision, recall and
// F1, a predicted span counting as correct when it overlaps a gold span of the same entity.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findPii, type PiiEntity } from '@rampart/detectors';
import { DATA_ROOT } from './datasets.js';

const MAP: Record<string, PiiEntity> = {
  EMAIL_ADDRESS: 'EMAIL',
  PHONE_NUMBER: 'PHONE',
  CREDIT_CARD: 'CREDIT_CARD',
  IBAN_CODE: 'IBAN',
  US_SSN: 'US_SSN',
  IP_ADDRESS: 'IP_ADDRESS',
  STREET_ADDRESS: 'STREET_ADDRESS',
  ADDRESS: 'STREET_ADDRESS',
  PERSON: 'PERSON',
};

export interface PiiRow {
  entity: PiiEntity;
  gold: number;
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
}

interface Row {
  full_text: string;
  spans: Array<{ entity_type: string; start_position: number; end_position: number }>;
}

export function piiEval(file: 'data__synth_dataset_v2.json' | 'tests__data__generated_small.json'): {
  rows: PiiRow[];
  sentences: number;
  msPerSentence: number;
} {
  const data = JSON.parse(readFileSync(join(DATA_ROOT, 'secrets_pii/presidio-research', file), 'utf8')) as Row[];
  const counts = new Map<PiiEntity, { gold: number; tp: number; fp: number; fn: number }>();
  const c = (e: PiiEntity) => {
    let v = counts.get(e);
    if (!v) {
      v = { gold: 0, tp: 0, fp: 0, fn: 0 };
      counts.set(e, v);
    }
    return v;
  };
  let ms = 0;
  for (const r of data) {
    const t0 = performance.now();
    const pred = findPii(r.full_text);
    ms += performance.now() - t0;
    const gold = r.spans
      .map((s) => ({ e: MAP[s.entity_type], s: s.start_position, t: s.end_position }))
      .filter((g): g is { e: PiiEntity; s: number; t: number } => g.e !== undefined);
    for (const g of gold) {
      c(g.e).gold++;
      if (pred.some((p) => p.entity === g.e && p.start < g.t && g.s < p.end)) c(g.e).tp++;
      else c(g.e).fn++;
    }
    for (const p of pred) {
      if (!gold.some((g) => g.e === p.entity && p.start < g.t && g.s < p.end)) c(p.entity).fp++;
    }
  }
  const rows: PiiRow[] = [];
  for (const [entity, v] of [...counts].sort((a, b) => a[0].localeCompare(b[0]))) {
    // Precision counts predictions: tp + fp, where several predictions may cover one gold span.
    const precision = v.tp + v.fp === 0 ? Number.NaN : v.tp / (v.tp + v.fp);
    const recall = v.gold === 0 ? Number.NaN : v.tp / v.gold;
    const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : Number.NaN;
    rows.push({ entity, ...v, precision, recall, f1 });
  }
  return { rows, sentences: data.length, msPerSentence: ms / data.length };
}
