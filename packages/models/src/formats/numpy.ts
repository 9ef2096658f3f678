// NumPy .npy header: version, header dict (descr, fortran_order, shape). Object arrays ('O' dtype)
// are stored as a pickle right after the header, which the caller scans like any other pickle.
import { u16, u32 } from '../util/little-endian.js';
import type { RangeSource } from '../util/ranges.js';

export interface NpyHeader {
  dataOffset: number;
  descr: string;
  isObject: boolean;
  shape: number[] | undefined;
  problems: string[];
}

export async function readNpyHeader(src: RangeSource, size: number): Promise<NpyHeader> {
  const h = await src.readRange(0, Math.min(size, 12));
  const r: NpyHeader = { dataOffset: 0, descr: '', isObject: false, shape: undefined, problems: [] };
  if (h.length < 10) {
    r.problems.push('truncated .npy header');
    return r;
  }
  const major = h[6]!;
  const wide = major >= 2;
  const hlen = wide ? u32(h, 8) : u16(h, 8);
  const start = wide ? 12 : 10;
  if (hlen > 1024 * 1024 || start + hlen > size) {
    r.problems.push(`.npy header length ${hlen} is out of bounds`);
    return r;
  }
  const text = new TextDecoder('latin1').decode(await src.readRange(start, start + hlen));
  r.dataOffset = start + hlen;
  const descr = /['"]descr['"]\s{0,8}:\s{0,8}(['"][^'"]{0,64}['"]|\[)/.exec(text);
  r.descr = descr?.[1]?.replace(/['"]/g, '') ?? '';
  // Structured dtypes ('[') may hold object fields too: scan them as pickles when they say 'O'.
  r.isObject = r.descr === '|O' || r.descr === 'O' || (r.descr === '[' && /['"]\|?O['"]/.test(text));
  const shape = /['"]shape['"]\s{0,8}:\s{0,8}\(([0-9,\sL]{0,400})\)/.exec(text);
  if (shape)
    r.shape = shape[1]!
      .split(',')
      .map((s) => s.trim().replace(/L$/, ''))
      .filter((s) => s !== '')
      .map(Number);
  else r.problems.push('.npy header has no shape');
  return r;
}
