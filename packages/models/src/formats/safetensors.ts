// safetensors header validation. Reads the 8-byte length and the JSON header only, so checking a
// 10 GB file costs the same as a 10 MB one. Mirrors the reference implementation's rules: header
// within the file and under a size limit, known dtypes, shape x dtype = byte extent, offsets in
// bounds, sorted without overlap or holes, and the data region ending exactly at end of file.
import type { RangeSource } from '../util/ranges.js';

export const DTYPE_BITS: Record<string, number> = {
  BOOL: 8,
  U8: 8,
  I8: 8,
  F8_E4M3: 8,
  F8_E5M2: 8,
  F8_E8M0: 8,
  I16: 16,
  U16: 16,
  F16: 16,
  BF16: 16,
  I32: 32,
  U32: 32,
  F32: 32,
  I64: 64,
  U64: 64,
  F64: 64,
  C64: 64,
  F4: 4,
  F6_E2M3: 6,
  F6_E3M2: 6,
};

export interface SafetensorsReport {
  problems: string[];
  /** A limit (not corruption) stopped the check. */
  limited: boolean;
  headerLength: number;
  tensorCount: number;
  parameterEstimate: number;
  metadata: Record<string, string>;
  dtypes: string[];
}

export const MAX_SAFETENSORS_HEADER = 100 * 1024 * 1024;

export async function checkSafetensors(
  src: RangeSource,
  size: number,
  maxHeader = MAX_SAFETENSORS_HEADER,
): Promise<SafetensorsReport> {
  const r: SafetensorsReport = {
    problems: [],
    limited: false,
    headerLength: 0,
    tensorCount: 0,
    parameterEstimate: 0,
    metadata: {},
    dtypes: [],
  };
  if (size < 8) {
    r.problems.push('file shorter than the 8-byte header length');
    return r;
  }
  const lenBytes = await src.readRange(0, 8);
  let n = 0;
  for (let i = 7; i >= 0; i--) n = n * 256 + lenBytes[i]!;
  r.headerLength = n;
  if (n > maxHeader) {
    r.problems.push(`declared header length ${n} exceeds the ${maxHeader}-byte limit`);
    r.limited = true;
    return r;
  }
  if (8 + n > size) {
    r.problems.push(`declared header length ${n} runs past the end of the ${size}-byte file`);
    return r;
  }
  const headerText = new TextDecoder('utf-8', { fatal: false }).decode(await src.readRange(8, 8 + n));
  let header: unknown;
  try {
    header = JSON.parse(headerText);
  } catch (e) {
    r.problems.push(`header is not valid JSON (${e instanceof Error ? e.message.slice(0, 80) : 'parse error'})`);
    return r;
  }
  if (header === null || typeof header !== 'object' || Array.isArray(header)) {
    r.problems.push('header is not a JSON object');
    return r;
  }
  const dataLen = size - 8 - n;
  const spans: Array<[number, number, string]> = [];
  const dtypes = new Set<string>();
  for (const [name, v] of Object.entries(header as Record<string, unknown>)) {
    if (name === '__metadata__') {
      if (v === null || typeof v !== 'object' || Array.isArray(v)) r.problems.push('__metadata__ is not an object');
      else
        for (const [k, mv] of Object.entries(v as Record<string, unknown>)) {
          if (typeof mv === 'string') r.metadata[k] = mv.length > 500 ? `${mv.slice(0, 500)}…` : mv;
          else r.problems.push(`__metadata__.${k} is not a string`);
        }
      continue;
    }
    if (r.problems.length > 20) break;
    const t = v as { dtype?: unknown; shape?: unknown; data_offsets?: unknown };
    if (t === null || typeof t !== 'object') {
      r.problems.push(`tensor ${name}: entry is not an object`);
      continue;
    }
    // Own keys only: a dtype named "constructor" is unknown, not Object.prototype's.
    const bits = typeof t.dtype === 'string' && Object.hasOwn(DTYPE_BITS, t.dtype) ? DTYPE_BITS[t.dtype] : undefined;
    if (bits === undefined) {
      r.problems.push(`tensor ${name}: unknown dtype ${JSON.stringify(t.dtype)}`);
      continue;
    }
    dtypes.add(t.dtype as string);
    const shape = t.shape;
    if (!Array.isArray(shape) || !shape.every((d) => Number.isSafeInteger(d) && d >= 0)) {
      r.problems.push(`tensor ${name}: shape is not a list of non-negative integers`);
      continue;
    }
    const offs = t.data_offsets;
    if (!Array.isArray(offs) || offs.length !== 2 || !offs.every((o) => Number.isSafeInteger(o) && o >= 0)) {
      r.problems.push(`tensor ${name}: data_offsets is not [begin, end]`);
      continue;
    }
    const [b, e] = offs as [number, number];
    const elems = (shape as number[]).reduce((a, d) => a * d, 1);
    const nbytes = Math.ceil((elems * bits) / 8);
    if (e < b) r.problems.push(`tensor ${name}: end offset before begin`);
    else if (e > dataLen) r.problems.push(`tensor ${name}: data [${b}, ${e}) beyond the ${dataLen}-byte data region`);
    else if (e - b !== nbytes)
      r.problems.push(`tensor ${name}: ${e - b} bytes stored but shape x dtype needs ${nbytes}`);
    spans.push([b, e, name]);
    r.tensorCount++;
    r.parameterEstimate += elems;
  }
  spans.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  let cursor = 0;
  for (const [b, e, name] of spans) {
    if (b < cursor) r.problems.push(`tensor ${name}: overlaps the previous tensor`);
    else if (b > cursor) r.problems.push(`tensor ${name}: ${b - cursor}-byte hole before it`);
    cursor = Math.max(cursor, e);
    if (r.problems.length > 20) break;
  }
  if (cursor < dataLen && r.problems.length === 0)
    r.problems.push(`${dataLen - cursor} bytes after the last tensor are not described by the header`);
  r.dtypes = [...dtypes].sort();
  return r;
}
