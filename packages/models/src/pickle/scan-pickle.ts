// Scans a byte range that holds one or more pickles (a .pkl, a legacy torch file, a zip member)
// and the pickles nested inside them (bytes handed to pickle.loads / torch.load). Produces every
// imported global with its verdict and offset. Parse errors and limits make the result
// inconclusive, but what was seen before them is still reported.
import { type FileInput, LimitError, ParseError } from '@rampart/core';
import { ByteWindow } from '../util/byte-window.js';
import { memoryRange } from '../util/ranges.js';
import { DEFAULT_MACHINE_LIMITS, type MachineLimits, PickleMachine } from './machine.js';
import { classifyGlobal, type GlobalVerdict } from './policy.js';

export interface ScannedGlobal extends GlobalVerdict {
  module: string;
  name: string;
  offset: number;
  count: number;
  called: boolean;
  /** 0 for the file itself, 1 for a pickle inside a pickle... */
  nestedDepth: number;
}

export interface Inconclusive {
  reason: string;
  /** True when a safety limit (not corruption) stopped the scan. */
  limit: boolean;
  offset?: number;
}

export interface PickleReport {
  globals: ScannedGlobal[];
  anomalies: Array<{ kind: string; offset: number; detail: string; nestedDepth: number }>;
  /** Calls on computed callables, e.g. "builtins.getattr(os, 'system')". */
  indirectCalls: string[];
  pickles: number;
  opcodes: number;
  maxProto: number;
  /** A legacy torch.save file (first pickle is torch's magic number). */
  legacyTorch: boolean;
  /** Bytes after the last pickle that are not pickle data. */
  trailingBytes: number;
  inconclusive: Inconclusive | undefined;
}

export interface PickleScanOptions {
  limits?: Partial<MachineLimits>;
  /** Nested pickles deeper than this are inconclusive. */
  maxNestedDepth?: number;
  maxPickles?: number;
  signal?: AbortSignal;
  /** Read granularity (tests use tiny chunks to exercise refills at every boundary). */
  chunkSize?: number;
}

const TORCH_MAGIC = '1950a86a20f9469cfc6c';
/** Legacy torch files hold exactly five pickles; storage bytes follow. */
const LEGACY_TORCH_PICKLES = 5;

/** Byte values that start a pickle (any opcode can, but these are what real writers emit first). */
export function plausiblePickleStart(b: number | undefined): boolean {
  if (b === undefined) return false;
  return (
    b === 0x80 ||
    b === 0x28 ||
    b === 0x5d ||
    b === 0x7d ||
    b === 0x29 ||
    b === 0x63 ||
    b === 0x4e ||
    b === 0x4b ||
    b === 0x4a ||
    b === 0x49 ||
    b === 0x53 ||
    b === 0x56 ||
    b === 0x58 ||
    b === 0x55 ||
    b === 0x54 ||
    b === 0x6c ||
    b === 0x64 ||
    b === 0x46 ||
    b === 0x4c ||
    b === 0x4d ||
    b === 0x8a ||
    b === 0x8c ||
    b === 0x95 ||
    b === 0x69 ||
    b === 0x88 ||
    b === 0x89 ||
    b === 0x47 ||
    b === 0x42 ||
    b === 0x43
  );
}

export async function scanPickle(
  file: Pick<FileInput, 'readRange' | 'path'>,
  start: number,
  end: number,
  options: PickleScanOptions = {},
  depth = 0,
): Promise<PickleReport> {
  const limits = { ...DEFAULT_MACHINE_LIMITS, ...options.limits };
  const maxNested = options.maxNestedDepth ?? 4;
  const maxPickles = options.maxPickles ?? 10_000;
  const vm = new PickleMachine(limits, file.path, options.signal);
  const report: PickleReport = {
    globals: [],
    anomalies: [],
    indirectCalls: [],
    pickles: 0,
    opcodes: 0,
    maxProto: 0,
    legacyTorch: false,
    trailingBytes: 0,
    inconclusive: undefined,
  };
  const win = new ByteWindow(file, start, end, options.chunkSize);
  try {
    for (;;) {
      if (options.signal?.aborted) throw new LimitError('timeoutMs', `${file.path}: scan aborted`, { path: file.path });
      if (win.atEnd) break;
      if (vm.pickles > 0) {
        await win.ensure(1);
        const first = win.buf[win.pos - win.base];
        const cap = report.legacyTorch ? LEGACY_TORCH_PICKLES : maxPickles;
        if (vm.pickles >= cap || !plausiblePickleStart(first)) {
          if (vm.pickles >= maxPickles && !report.legacyTorch)
            throw new LimitError('pickle.maxPickles', `${file.path}: more than ${maxPickles} pickles in one stream`, {
              path: file.path,
            });
          report.trailingBytes = win.end - win.pos;
          break;
        }
      }
      const startPos = win.pos;
      try {
        const value = await vm.run(win);
        if (vm.pickles === 1 && value.k === 'num' && value.hex === TORCH_MAGIC) report.legacyTorch = true;
      } catch (e) {
        // Data after a complete pickle that fails at its first opcode is trailing bytes, not a pickle.
        if (e instanceof ParseError && vm.pickles > 0 && e.offset === startPos && !report.legacyTorch) {
          report.trailingBytes = win.end - startPos;
          break;
        }
        throw e;
      }
    }
  } catch (e) {
    if (e instanceof LimitError) report.inconclusive = { reason: e.message, limit: true };
    else if (e instanceof ParseError)
      report.inconclusive = {
        reason: e.message,
        limit: false,
        ...(e.offset === undefined ? {} : { offset: e.offset }),
      };
    else throw e;
  }
  report.pickles = vm.pickles;
  report.opcodes = vm.opcodes;
  report.maxProto = vm.maxProto;
  for (const g of vm.globals.values()) {
    report.globals.push({
      ...classifyGlobal(g.module, g.name),
      module: g.module,
      name: g.name,
      offset: g.offset,
      count: g.count,
      called: g.called,
      nestedDepth: depth,
    });
  }
  for (const a of vm.anomalies) report.anomalies.push({ ...a, nestedDepth: depth });
  report.indirectCalls.push(...vm.indirectCalls.keys());

  for (const n of vm.nested) {
    if (depth + 1 > maxNested) {
      report.inconclusive ??= { reason: `${file.path}: pickles nested deeper than ${maxNested}`, limit: true };
      break;
    }
    const src = n.data !== undefined ? memoryRange(file.path, n.data) : file;
    const s = n.data !== undefined ? 0 : n.offset;
    const inner = await scanPickle(src, s, s + n.length, options, depth + 1);
    const shift = n.data !== undefined ? Math.max(0, n.offset) : 0;
    for (const g of inner.globals) report.globals.push({ ...g, offset: g.offset + shift });
    report.anomalies.push(...inner.anomalies);
    report.indirectCalls.push(...inner.indirectCalls);
    report.opcodes += inner.opcodes;
    report.inconclusive ??= inner.inconclusive;
  }
  return report;
}
