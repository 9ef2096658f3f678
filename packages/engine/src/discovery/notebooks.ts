// Detector: Jupyter notebooks (.ipynb). The JSON is parsed once (size-capped by the engine's file
// limit, shape-checked); code cells are joined into one Python text — IPython magics and shell
// escapes blanked so line numbers hold — and parsed with the same source layer, then the same
// code-discovery analyses run on it with locations mapped back to "cell N", line within the cell.
// Cell outputs are checked for credentials (printed keys, tokens in tracebacks).
import {
  assetId,
  type Detector,
  type DetectorOutput,
  describeError,
  type FileInput,
  type FindingDraft,
  type Location,
  ParseError,
  type Relation,
} from '@rampart/core';
import { findSecrets } from '@rampart/detectors';
import { findAgents } from '../agents/agents-detector.js';
import { analyzeSource } from '../lang/index.js';
import { findRag } from '../rag/rag-detector.js';
import { record, type SourceRef } from './code-file.js';
import { findLlmClients } from './llm-clients.js';
import { findPrompts } from './prompts.js';
import { findUnsafe } from './unsafe-code.js';

export const NOTEBOOK_DETECTOR_ID = 'notebooks';
export const NOTEBOOK_RULES = { outputSecret: 'notebook-output-secret' } as const;

/** Cells and output text beyond these are not read (reported as limit-reached). */
const MAX_CELLS = 5_000;
const MAX_OUTPUT_CHARS = 2 * 1024 * 1024;

interface Cell {
  /** 1-based position among all cells, as Jupyter shows them. */
  number: number;
  type: string;
  source: string;
  outputs: string[];
}

const asText = (v: unknown): string =>
  typeof v === 'string' ? v : Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string').join('') : '';

/** Text of one output: streams, text/plain and other text-ish data, error tracebacks. */
function outputText(o: unknown): string {
  if (!o || typeof o !== 'object') return '';
  const out = o as Record<string, unknown>;
  const parts: string[] = [asText(out.text)];
  const data = out.data;
  if (data && typeof data === 'object') {
    for (const [mime, v] of Object.entries(data as Record<string, unknown>)) {
      if (mime.startsWith('text/') || mime === 'application/json')
        parts.push(typeof v === 'object' && !Array.isArray(v) ? JSON.stringify(v) : asText(v));
    }
  }
  if (Array.isArray(out.traceback))
    parts.push(asText(out.traceback.map((l) => (typeof l === 'string' ? `${l}\n` : ''))));
  if (typeof out.evalue === 'string') parts.push(out.evalue);
  return parts.join('\n');
}

/** Cells of an nbformat 4 (or legacy 3) notebook; throws on anything else. */
export function notebookCells(json: unknown): { cells: Cell[]; language: string; truncated: boolean } {
  if (!json || typeof json !== 'object' || Array.isArray(json))
    throw new Error('not a notebook: top level is not an object');
  const nb = json as Record<string, unknown>;
  const meta = (nb.metadata ?? {}) as Record<string, unknown>;
  const kernel = (meta.kernelspec ?? {}) as Record<string, unknown>;
  const info = (meta.language_info ?? {}) as Record<string, unknown>;
  const language = String(info.name ?? kernel.language ?? 'python').toLowerCase();
  let raw: unknown[];
  if (Array.isArray(nb.cells)) raw = nb.cells;
  else if (Array.isArray(nb.worksheets))
    raw = nb.worksheets.flatMap((w) =>
      w && typeof w === 'object' && Array.isArray((w as Record<string, unknown>).cells)
        ? ((w as Record<string, unknown>).cells as unknown[])
        : [],
    );
  else throw new Error('not a notebook: no "cells" array');
  const truncated = raw.length > MAX_CELLS;
  const cells: Cell[] = [];
  let outputBudget = MAX_OUTPUT_CHARS;
  raw.slice(0, MAX_CELLS).forEach((c, i) => {
    if (!c || typeof c !== 'object') return;
    const cell = c as Record<string, unknown>;
    const outputs: string[] = [];
    for (const o of Array.isArray(cell.outputs) ? cell.outputs : []) {
      if (outputBudget <= 0) break;
      const t = outputText(o).slice(0, outputBudget);
      outputBudget -= t.length;
      if (t) outputs.push(t);
    }
    cells.push({
      number: i + 1,
      type: String(cell.cell_type ?? ''),
      source: asText(cell.source ?? cell.input),
      outputs,
    });
  });
  return { cells, language, truncated: truncated || outputBudget <= 0 };
}

/** Join code cells into one Python text; IPython-only lines become blank so line numbers hold. */
export function joinCodeCells(cells: Cell[]): { text: string; starts: Array<{ line: number; cell: number }> } {
  const lines: string[] = [];
  const starts: Array<{ line: number; cell: number }> = [];
  for (const c of cells) {
    if (c.type !== 'code') continue;
    starts.push({ line: lines.length + 1, cell: c.number });
    const src = c.source.split(/\r?\n/);
    const cellMagic = /^\s*%%/.test(src[0] ?? '') && !/^\s*%%(?:time|timeit|capture)\b/.test(src[0] ?? '');
    for (const l of src) lines.push(cellMagic || /^\s*[%!?]/.test(l) || /^\s*\w+\s*=\s*!/.test(l) ? '' : l);
  }
  return { text: lines.join('\n'), starts };
}

export function cellRef(path: string, starts: Array<{ line: number; cell: number }>): SourceRef {
  return {
    path,
    locate(line: number): Location {
      let s = starts[0];
      for (const x of starts) {
        if (x.line > line) break;
        s = x;
      }
      return s ? { path, line: line - s.line + 1, member: `cell ${s.cell}` } : { path, line };
    },
  };
}

export const notebookDetector: Detector = {
  id: NOTEBOOK_DETECTOR_ID,
  version: '1',
  description:
    'Jupyter notebooks: code cells analysed as Python by the code-discovery detectors; outputs checked for credentials',
  applies: (file) => file.isText && /\.ipynb$/i.test(file.path),
  async analyze(file: FileInput) {
    const out: Partial<DetectorOutput> = {};
    let text: string;
    try {
      text = await file.text();
    } catch (e) {
      record(file.path, e, out, NOTEBOOK_DETECTOR_ID);
      return out;
    }
    let parsed: ReturnType<typeof notebookCells>;
    try {
      parsed = notebookCells(JSON.parse(text));
    } catch (e) {
      // JSON.parse is native and bounded by the file-size limit; absurd nesting throws RangeError here.
      const reason = describeError(e).message;
      record(
        file.path,
        new ParseError(`${file.path}: invalid notebook: ${reason}`, { path: file.path, cause: e }),
        out,
        NOTEBOOK_DETECTOR_ID,
      );
      return out;
    }
    const { cells, language } = parsed;
    if (parsed.truncated)
      out.skipped = [
        {
          path: file.path,
          reason: 'limit-reached',
          detail: `more than ${MAX_CELLS} cells or ${MAX_OUTPUT_CHARS} output characters; the rest was not analysed`,
          detector: NOTEBOOK_DETECTOR_ID,
        },
      ];
    const nbId = assetId('notebook', file.path);
    const codeCells = cells.filter((c) => c.type === 'code');
    out.assets = [
      {
        id: nbId,
        kind: 'notebook',
        name: file.path.split('/').pop() ?? file.path,
        locations: [{ path: file.path }],
        properties: {
          language,
          cells: cells.length,
          codeCells: codeCells.length,
          outputs: cells.reduce((n, c) => n + c.outputs.length, 0),
        },
      },
    ];
    out.relations = [];
    out.findings = [];
    if (language === 'python' || language === 'ipython' || language === 'python3') {
      const { text, starts } = joinCodeCells(cells);
      try {
        const model = await analyzeSource(`${file.path}#cells`, text, true);
        const ref = cellRef(file.path, starts);
        for (const part of [
          findLlmClients(model, ref),
          findUnsafe(model, ref),
          findPrompts(model, ref),
          findAgents(model, ref),
          findRag(model, ref),
        ]) {
          out.assets.push(...(part.assets ?? []));
          out.relations.push(...(part.relations ?? []));
          out.findings.push(...(part.findings ?? []));
        }
        const contained: Relation[] = (out.assets ?? [])
          .filter((a) => a.kind !== 'notebook')
          .map((a) => ({ from: nbId, to: a.id, type: 'contains' }));
        out.relations.push(...contained);
      } catch (e) {
        record(file.path, e, out, NOTEBOOK_DETECTOR_ID);
      }
    }
    for (const c of cells) {
      c.outputs.forEach((text, i) => {
        for (const s of findSecrets(text)) {
          const finding: FindingDraft = {
            ruleId: NOTEBOOK_RULES.outputSecret,
            assetId: nbId,
            location: { path: file.path, member: `cell ${c.number} output` },
            message: `output of cell ${c.number} shows a ${s.provider} credential (${s.redacted})`,
            evidence: { facts: { provider: s.provider, cell: c.number, output: i + 1 } },
            discriminator: `${c.number}:${i}:${s.redacted}`,
          };
          out.findings?.push(finding);
        }
      });
    }
    return out;
  },
};
