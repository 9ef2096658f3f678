// Static-scan detector (`rampart scan`): AI-provider and service credentials in any text file,
// using the same patterns as the runtime secret check. Findings carry the redacted value only.
import { createHash } from 'node:crypto';
import type { Detector, DetectorOutput, FileInfo, FindingDraft } from '@rampart/core';
import { describeError } from '@rampart/core';
import { PROVIDER_LABELS } from './secret-patterns/labels.js';
import { findSecrets } from './secrets.js';

// Binary-ish and vendored paths where credential-shaped strings are noise.
const SKIP_PATH =
  /(?:^|\/)(?:node_modules|\.git|dist|vendor)\/|\.(?:min\.js|map|lock|svg|png|jpe?g|gif|ico|pdf|woff2?)$|(?:^|\/)package-lock\.json$/;

function lineCol(text: string, offset: number, lineStarts: number[]): { line: number; column: number } {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  void text;
  return { line: lo + 1, column: offset - lineStarts[lo]! + 1 };
}

export const secretsFileDetector: Detector = {
  id: 'secrets',
  // 2: 91 more providers (secret-patterns/), so cached results of version 1 are stale.
  version: '2',
  description: 'AI-provider keys, cloud and service tokens and private keys in text files (values redacted)',
  applies(file: FileInfo): boolean {
    return file.isText && file.size > 0 && !SKIP_PATH.test(file.path);
  },
  async analyze(file, ctx): Promise<Partial<DetectorOutput>> {
    if (file.size > ctx.limits.maxFileBytes) {
      return {
        skipped: [{ path: file.path, reason: 'limit-reached', detail: `larger than ${ctx.limits.maxFileBytes} bytes` }],
      };
    }
    let text: string;
    try {
      text = await file.text();
    } catch (e) {
      const { code, message } = describeError(e);
      return { errors: [{ path: file.path, code, message, detector: 'secrets' }] };
    }
    const lineStarts = [0];
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lineStarts.push(i + 1);
    const findings: FindingDraft[] = [];
    for (const m of findSecrets(text)) {
      if (ctx.signal.aborted) break;
      const { line, column } = lineCol(text, m.start, lineStarts);
      const name = PROVIDER_LABELS[m.provider] ?? m.provider;
      findings.push({
        ruleId: m.ruleId,
        location: { path: file.path, line, column },
        message: `${name} in ${file.path}:${line}: ${m.redacted}`,
        evidence: { snippet: m.redacted, facts: { provider: m.provider, kind: m.kind } },
        confidence: m.confidence,
        // Hash, never the value: distinguishes two keys on one line without storing either.
        discriminator: createHash('sha256').update(m.value).digest('hex').slice(0, 16),
      });
    }
    return { findings };
  },
};
