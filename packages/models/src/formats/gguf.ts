// GGUF (v2/v3) header, metadata and tensor-info reader. Streams the metadata through a ByteWindow,
// keeps only scalar/string values that matter (general.*, tokenizer.chat_template), skips arrays
// by length, and checks counts and tensor extents against the real file size.

import { ByteWindow } from '../util/byte-window.js';
import { u32, u64 } from '../util/little-endian.js';
import type { RangeSource } from '../util/ranges.js';

export interface GgufReport {
  version: number;
  tensorCount: number;
  parameterEstimate: number;
  metadata: Record<string, string | number | boolean>;
  chatTemplates: Array<{ key: string; value: string; offset: number }>;
  problems: string[];
  limited: boolean;
}

/** [block size, bytes per block] of ggml tensor types whose size we can check. */
const GGML_TYPES: Record<number, [number, number]> = {
  0: [1, 4],
  1: [1, 2],
  2: [32, 18],
  3: [32, 20],
  6: [32, 22],
  7: [32, 24],
  8: [32, 34],
  9: [32, 36],
  10: [256, 84],
  11: [256, 110],
  12: [256, 144],
  13: [256, 176],
  14: [256, 210],
  15: [256, 292],
  16: [256, 66],
  17: [256, 74],
  18: [256, 98],
  19: [256, 50],
  20: [32, 18],
  21: [256, 110],
  22: [256, 82],
  23: [256, 136],
  24: [1, 1],
  25: [1, 2],
  26: [1, 4],
  27: [1, 8],
  28: [1, 8],
  29: [256, 56],
  30: [1, 2],
  34: [256, 54],
  35: [256, 66],
  39: [32, 17],
};

const SCALAR_SIZE: Record<number, number> = { 0: 1, 1: 1, 2: 2, 3: 2, 4: 4, 5: 4, 6: 4, 7: 1, 10: 8, 11: 8, 12: 8 };

export interface GgufLimits {
  maxKv: number;
  maxTensors: number;
  maxString: number;
  maxArray: number;
  maxDims: number;
}

export const DEFAULT_GGUF_LIMITS: GgufLimits = {
  maxKv: 1_000_000,
  maxTensors: 1_000_000,
  maxString: 64 * 1024 * 1024,
  maxArray: 50_000_000,
  maxDims: 8,
};

class Truncated extends Error {}
class Corrupt extends Error {}
class Limited extends Error {}

export async function readGguf(
  src: RangeSource,
  size: number,
  limits: GgufLimits = DEFAULT_GGUF_LIMITS,
): Promise<GgufReport> {
  const r: GgufReport = {
    version: 0,
    tensorCount: 0,
    parameterEstimate: 0,
    metadata: {},
    chatTemplates: [],
    problems: [],
    limited: false,
  };
  const win = new ByteWindow(src, 0, size);
  const need = async (n: number) => {
    if ((await win.ensure(n)) < n)
      throw new Truncated(`file ends at ${size} bytes inside the header (offset ${win.pos})`);
  };
  const at = () => win.pos - win.base;
  const readU32 = async () => {
    await need(4);
    const i = at();
    win.pos += 4;
    return u32(win.buf, i);
  };
  const readU64 = async () => {
    const lo = await readU32();
    const hi = await readU32();
    return hi * 0x100000000 + lo;
  };
  const utf8 = new TextDecoder('utf-8');
  const skip = async (n: number) => {
    if (win.pos + n > size) throw new Truncated(`a ${n}-byte value at offset ${win.pos} runs past the end of the file`);
    win.pos += n;
  };
  const str = async (keep: boolean): Promise<string> => {
    const len = await readU64();
    if (len > limits.maxString)
      throw new Limited(`string of ${len} bytes at offset ${win.pos - 8} exceeds ${limits.maxString}`);
    if (!keep) {
      await skip(len);
      return '';
    }
    await need(len);
    const s = utf8.decode(win.buf.subarray(at(), at() + len));
    win.pos += len;
    return s;
  };
  const value = async (type: number, keep: boolean): Promise<string | number | boolean | undefined> => {
    if (type === 8) return str(keep);
    if (type === 9) {
      const itemType = await readU32();
      const count = await readU64();
      if (count > limits.maxArray) throw new Limited(`array of ${count} items exceeds ${limits.maxArray}`);
      const fixed = SCALAR_SIZE[itemType];
      if (fixed !== undefined) await skip(fixed * count);
      else if (itemType === 8) for (let k = 0; k < count; k++) await str(false);
      else throw new Corrupt(`array of unsupported type ${itemType}`);
      return undefined;
    }
    const sz = SCALAR_SIZE[type];
    if (sz === undefined) throw new Corrupt(`unknown metadata value type ${type} at offset ${win.pos - 4}`);
    await need(sz);
    const b = win.buf;
    const i = at();
    win.pos += sz;
    if (type === 7) return b[i] !== 0;
    if (type === 4) return u32(b, i);
    if (type === 10) return u64(b, i);
    if (type === 0) return b[i]!;
    return undefined;
  };

  try {
    await need(4);
    win.pos += 4; // magic, checked by the sniffer
    r.version = await readU32();
    if (r.version !== 2 && r.version !== 3) {
      r.problems.push(`unsupported GGUF version ${r.version}`);
      return r;
    }
    const tensorCount = await readU64();
    const kvCount = await readU64();
    // Every KV takes at least 12 bytes and every tensor info at least 24: counts beyond that are lies.
    if (kvCount > limits.maxKv || kvCount * 12 > size)
      throw new Corrupt(`metadata count ${kvCount} impossible for a ${size}-byte file`);
    if (tensorCount > limits.maxTensors || tensorCount * 24 > size)
      throw new Corrupt(`tensor count ${tensorCount} impossible for a ${size}-byte file`);
    for (let k = 0; k < kvCount; k++) {
      const key = await str(true);
      const type = await readU32();
      const keep =
        key.startsWith('general.') || key.startsWith('tokenizer.chat_template') || key === 'general.alignment';
      const valueOffset = win.pos;
      const v = await value(type, keep);
      if (v === undefined) continue;
      if (key.startsWith('tokenizer.chat_template') && typeof v === 'string')
        r.chatTemplates.push({ key, value: v, offset: valueOffset });
      else if (keep) r.metadata[key] = typeof v === 'string' && v.length > 500 ? `${v.slice(0, 500)}…` : v;
    }
    r.tensorCount = tensorCount;
    const tensors: Array<{ name: string; bytes: number | undefined; offset: number }> = [];
    for (let t = 0; t < tensorCount; t++) {
      const name = await str(true);
      const nd = await readU32();
      if (nd > limits.maxDims) throw new Corrupt(`tensor ${name} has ${nd} dimensions`);
      let elems = 1;
      for (let d = 0; d < nd; d++) elems *= await readU64();
      const type = await readU32();
      const offset = await readU64();
      const bt = GGML_TYPES[type];
      tensors.push({ name, bytes: bt ? Math.ceil(elems / bt[0]) * bt[1] : undefined, offset });
      r.parameterEstimate += elems;
    }
    const alignment =
      typeof r.metadata['general.alignment'] === 'number' ? (r.metadata['general.alignment'] as number) : 32;
    const dataStart = alignment > 0 ? Math.ceil(win.pos / alignment) * alignment : win.pos;
    for (const t of tensors) {
      if (t.bytes !== undefined && dataStart + t.offset + t.bytes > size) {
        r.problems.push(
          `tensor ${t.name} data [${t.offset}, ${t.offset + t.bytes}) runs past the end of the file (truncated?)`,
        );
        if (r.problems.length > 10) break;
      }
    }
  } catch (e) {
    if (e instanceof Limited) {
      r.problems.push(e.message);
      r.limited = true;
    } else if (e instanceof Truncated || e instanceof Corrupt) r.problems.push(e.message);
    else throw e;
  }
  return r;
}
