// Binary-classification metrics for the detector evaluation: ROC AUC (rank-based, ties averaged),
// recall at a fixed false-positive rate, and precision/recall/F1/FPR at an operating point.

export interface Scored {
  score: number;
  flagged: boolean;
  label: 0 | 1;
}

export function rocAuc(xs: readonly Scored[]): number {
  const s = [...xs].sort((a, b) => a.score - b.score);
  let rankSum = 0;
  let nPos = 0;
  for (let i = 0; i < s.length; ) {
    let j = i;
    while (j < s.length && s[j]!.score === s[i]!.score) j++;
    const avg = (i + j + 1) / 2;
    for (let k = i; k < j; k++) {
      if (s[k]!.label === 1) {
        rankSum += avg;
        nPos++;
      }
    }
    i = j;
  }
  const nNeg = s.length - nPos;
  if (nPos === 0 || nNeg === 0) return Number.NaN;
  return (rankSum - (nPos * (nPos + 1)) / 2) / (nPos * nNeg);
}

/** Recall when the threshold is set so that at most `fpr` of the negatives score above it. */
export function recallAtFpr(xs: readonly Scored[], fpr: number): number {
  const neg = xs
    .filter((x) => x.label === 0)
    .map((x) => x.score)
    .sort((a, b) => b - a);
  const pos = xs.filter((x) => x.label === 1);
  if (neg.length === 0 || pos.length === 0) return Number.NaN;
  const allowed = Math.floor(neg.length * fpr);
  const thr = neg[allowed] ?? Number.NEGATIVE_INFINITY; // strictly above the (allowed+1)-th negative
  return pos.filter((x) => x.score > thr).length / pos.length;
}

export interface OpPoint {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
  precision: number;
  recall: number;
  f1: number;
  fpr: number;
}

export function atOperatingPoint(xs: readonly Scored[]): OpPoint {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  for (const x of xs) {
    if (x.flagged && x.label === 1) tp++;
    else if (x.flagged) fp++;
    else if (x.label === 1) fn++;
    else tn++;
  }
  const precision = tp + fp === 0 ? Number.NaN : tp / (tp + fp);
  const recall = tp + fn === 0 ? Number.NaN : tp / (tp + fn);
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : Number.NaN;
  return { tp, fp, fn, tn, precision, recall, f1, fpr: fp + tn === 0 ? Number.NaN : fp / (fp + tn) };
}

export function percentile(xs: readonly number[], p: number): number {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}

export const fmt = (x: number, d = 3): string => (Number.isNaN(x) ? '–' : x.toFixed(d));
export const pct = (x: number): string => (Number.isNaN(x) ? '–' : `${(x * 100).toFixed(1)}%`);
