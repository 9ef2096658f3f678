// Dataset files in the repository (CSV/TSV/JSONL in data-like folders, or with telling names):
// labelled by column names and by a sample of their content (the runtime PII and secret detectors
// on the first rows). Only the first 64 KiB are read, whatever the file size.
import { posix } from 'node:path';
import { assetId, type Detector } from '@rampart/core';
import { findPii, findSecrets } from '@rampart/detectors';
import { labelsFromName, mergeLabels } from './sensitivity.js';

const DATA_EXT = /\.(csv|tsv|jsonl|ndjson)$/i;
const DATA_DIR = /(^|\/)(data|datasets?|training|train|eval|evals|fine[-_]?tun\w*|corpus|corpora)\//i;
const SAMPLE_BYTES = 64 * 1024;
const SAMPLE_ROWS = 50;

function columnsOf(first: string, ext: string): string[] {
  if (/jsonl|ndjson/i.test(ext)) {
    try {
      const o = JSON.parse(first) as unknown;
      return o && typeof o === 'object' && !Array.isArray(o) ? Object.keys(o) : [];
    } catch {
      return [];
    }
  }
  return first.split(ext.toLowerCase() === '.tsv' ? '\t' : ',').map((c) => c.trim().replace(/^"|"$/g, ''));
}

export const dataFilesDetector: Detector = {
  id: 'data-files',
  version: '1',
  description: 'Dataset files, labelled for sensitivity from column names and sampled content',
  applies: (f) => f.isText && DATA_EXT.test(f.path) && (DATA_DIR.test(f.path) || labelsFromName(f.path).length > 0),
  async analyze(file) {
    const bytes = await file.readRange(0, SAMPLE_BYTES);
    let text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
    if (file.size > SAMPLE_BYTES) text = text.slice(0, text.lastIndexOf('\n') + 1);
    const lines = text
      .split('\n')
      .filter((l) => l.trim() !== '')
      .slice(0, SAMPLE_ROWS + 1);
    if (lines.length === 0) return {};
    const ext = posix.extname(file.path);
    const columns = columnsOf(lines[0]!, ext);
    const byColumn = columns.flatMap((c) => labelsFromName(c));
    const sample = lines.slice(/jsonl|ndjson/i.test(ext) ? 0 : 1).join('\n');
    const pii = findPii(sample);
    const secrets = findSecrets(sample);
    const byContent = [...(pii.length >= 2 ? ['pii'] : []), ...(secrets.length > 0 ? ['credentials'] : [])];
    const labels = mergeLabels(labelsFromName(file.path), byColumn, byContent);
    return {
      assets: [
        {
          id: assetId('dataset', 'file', file.path),
          kind: 'dataset',
          name: file.path,
          locations: [{ path: file.path }],
          properties: {
            sourceType: 'file',
            format: ext.slice(1).toLowerCase(),
            bytes: file.size,
            ...(columns.length > 0 && columns.length <= 200 ? { columns: columns.slice(0, 50) } : {}),
            dataSensitivity: labels,
            sampledRows: lines.length - 1,
            piiMatchesInSample: pii.length,
          },
        },
      ],
    };
  },
};
