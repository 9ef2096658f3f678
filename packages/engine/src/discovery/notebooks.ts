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
import { withTree } from '../lang/tree-sitter.js';
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

/** The Python lines of one code cell; IPython-only lines (magics, shell escapes) become blank. */
export function cellLines(c: Cell): string[] {
  const src = c.source.split(/\r?\n/);
  const cellMagic = /^\s*%%/.test(src[0] ?? '') && !/^\s*%%(?:time|timeit|capture)\b/.test(src[0] ?? '');
  // A shell escape or magic continued with a trailing backslash (`!pip install \` + package lines) goes on.
  let continued = false;
  return src.map((l) => {
    const ipython = continued || cellMagic || /^\s*[%!?]/.test(l) || /^\s*\w+\s*=\s*!/.test(l) || AUTOMAGIC.test(l);
    continued = ipython && l.trimEnd().endsWith('\\');
    return ipython ? '' : l;
  });
}

/**
 * IPython automagics written without `%` (`pip install -U x` in a cell): never valid Python, so
 * blanking them loses nothing, and the cell is no longer reported as inconclusive.
 */
const AUTOMAGIC = /^\s*(?:pip|conda|mamba)[ \t]+(?:install|uninstall|list|show|freeze|download)\b/;

/**
 * Join code cells into one Python text; IPython-only lines become blank so line numbers hold.
 * `blank` maps a cell number to the 0-based lines of that cell to leave out (invalid Python).
 */
export function joinCodeCells(
  cells: Cell[],
  blank: ReadonlyMap<number, ReadonlySet<number>> = new Map(),
): { text: string; starts: Array<{ line: number; cell: number }> } {
  const lines: string[] = [];
  const starts: Array<{ line: number; cell: number }> = [];
  for (const c of cells) {
    if (c.type !== 'code') continue;
    starts.push({ line: lines.length + 1, cell: c.number });
    const drop = blank.get(c.number);
    cellLines(c).forEach((l, i) => {
      lines.push(drop?.has(i) ? '' : l);
    });
  }
  return { text: lines.join('\n'), starts };
}

/** Syntax-tree nodes visited when looking for the errors of one cell (a cell is small; this bounds hostile ones). */
const MAX_ERROR_SCAN_NODES = 200_000;

/** 0-based rows of a Python text covered by ERROR or MISSING nodes; undefined when the text parses cleanly. */
async function errorRows(path: string, text: string): Promise<Set<number> | undefined> {
  return withTree(path, text, 'python', (tree) => {
    if (!tree.rootNode.hasError) return undefined;
    const rows = new Set<number>();
    const stack = [tree.rootNode];
    let seen = 0;
    while (stack.length > 0 && seen++ < MAX_ERROR_SCAN_NODES) {
      const n = stack.pop()!;
      if (n.type === 'ERROR' || n.isMissing) {
        for (let r = n.startPosition.row; r <= n.endPosition.row; r++) rows.add(r);
        continue;
      }
      if (!n.hasError) continue;
      for (const ch of n.children) if (ch) stack.push(ch);
    }
    // An error somewhere we could not pin down: leave the whole text out rather than guess.
    if (rows.size === 0 || seen > MAX_ERROR_SCAN_NODES) {
      const n = text.split('\n').length;
      for (let i = 0; i < n; i++) rows.add(i);
    }
    return rows;
  });
}

/** Lines of a bad cell tried one by one to give back to the analysis. */
const MAX_LINE_RETRIES = 20;

export interface BadCell {
  cell: number;
  /** 0-based lines of the cell left out of the analysis. */
  lines: Set<number>;
  /** The whole cell was left out (its errors could not be isolated to some lines). */
  whole: boolean;
}

/**
 * Parse each code cell on its own and find the ones that are not valid Python (an `<your-api-key>`
 * placeholder, a half-typed line). Their invalid lines are left out — the whole cell when leaving
 * out the lines does not make the rest parse — so one bad cell cannot hide the cells after it.
 */
export async function findBadCells(path: string, cells: Cell[]): Promise<BadCell[]> {
  const bad: BadCell[] = [];
  for (const c of cells) {
    if (c.type !== 'code') continue;
    const lines = cellLines(c);
    const rows = await errorRows(`${path}#cell${c.number}`, lines.join('\n'));
    if (!rows) continue;
    const without = (drop: ReadonlySet<number>) => lines.map((l, i) => (drop.has(i) ? '' : l)).join('\n');
    if (await errorRows(`${path}#cell${c.number}`, without(rows))) {
      bad.push({ cell: c.number, lines: new Set(lines.map((_, i) => i)), whole: true });
      continue;
    }
    // Error recovery often swallows a valid line next to the bad one: give back each line that
    // parses with the rest (a few tries per cell, only for cells that failed).
    for (const r of [...rows].sort((a, b) => a - b).slice(0, MAX_LINE_RETRIES)) {
      if (rows.size === 1) break;
      const trial = new Set(rows);
      trial.delete(r);
      if (!(await errorRows(`${path}#cell${c.number}`, without(trial)))) rows.delete(r);
    }
    bad.push({ cell: c.number, lines: rows, whole: false });
  }
  return bad;
}

/** "lines 2, 5-7" (1-based), for the report. */
function describeRows(rows: ReadonlySet<number>): string {
  const sorted = [...rows].sort((a, b) => a - b).map((r) => r + 1);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    parts.push(i === j ? `${sorted[i]}` : `${sorted[i]}-${sorted[j]}`);
    i = j + 1;
  }
  return `${sorted.length === 1 ? 'line' : 'lines'} ${parts.join(', ')}`;
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
  version: '2',
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
      try {
        let joined = joinCodeCells(cells);
        let model = await analyzeSource(`${file.path}#cells`, joined.text, true);
        if (model.hasErrors) {
          // Parse cell by cell: leave out only what is invalid and say so (inconclusive, not clean).
          const bad = await findBadCells(file.path, cells);
          if (bad.length > 0) {
            joined = joinCodeCells(cells, new Map(bad.map((b) => [b.cell, b.lines])));
            model = await analyzeSource(`${file.path}#cells`, joined.text, true);
            // One entry per notebook (the engine keeps one skipped entry per file, reason and detector).
            const parts = bad.map((b) =>
              b.whole ? `cell ${b.cell} (whole cell)` : `cell ${b.cell} (${describeRows(b.lines)})`,
            );
            out.skipped = [
              ...(out.skipped ?? []),
              {
                path: file.path,
                reason: 'inconclusive' as const,
                detail: `not valid Python, left out of the analysis (an unfilled placeholder?): ${parts.join(', ')}; the other cells were analysed`,
                detector: NOTEBOOK_DETECTOR_ID,
              },
            ];
          }
        }
        const { starts } = joined;
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
