// A bounded zip reader: the central directory (with zip64 and prepended-data offsets), local
// headers, stored members as byte ranges of the parent (no copy) and deflated members inflated
// with fflate under our own limits (total output, compression ratio, member size). Encryption
// flags and unsupported methods are reported, not guessed at.
import { LimitError, ParseError } from '@rampart/core';
import { boundedInflate } from '../util/bounded-inflate.js';
import { u16, u32, u64 } from '../util/little-endian.js';
import { memoryRange, type RangeSource, sliceRange } from '../util/ranges.js';

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  csize: number;
  usize: number;
  localOffset: number;
  isDir: boolean;
}

export interface ZipDirectory {
  entries: ZipEntry[];
  /** Bytes before the archive proper (prepended data). */
  shift: number;
}

export interface ZipLimits {
  maxEntries: number;
  maxCentralDirectory: number;
  /** Largest member inflated into memory. */
  maxInflatedMember: number;
  maxRatio: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntries: 100_000,
  maxCentralDirectory: 64 * 1024 * 1024,
  maxInflatedMember: 512 * 1024 * 1024,
  maxRatio: 200,
};

const utf8 = new TextDecoder('utf-8');
const latin1 = new TextDecoder('latin1');

export async function readZipDirectory(
  src: RangeSource,
  size: number,
  limits: ZipLimits = DEFAULT_ZIP_LIMITS,
): Promise<ZipDirectory> {
  const path = src.path;
  const tailStart = Math.max(0, size - 65_557);
  const tail = await src.readRange(tailStart, size);
  let eocd = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail[i] === 0x50 && tail[i + 1] === 0x4b && tail[i + 2] === 5 && tail[i + 3] === 6) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ParseError(`${path}: zip end-of-central-directory record not found (truncated?)`, { path });
  let count = u16(tail, eocd + 10);
  let cdSize = u32(tail, eocd + 12);
  let cdOffset = u32(tail, eocd + 16);
  const eocdAbs = tailStart + eocd;
  let cdEnd = eocdAbs;
  // A zip64 end record sits before the locator; when present it ends the central directory.
  const loc = eocd - 20;
  if (loc >= 0 && u32(tail, loc) === 0x07064b50) {
    const z64 = u64(tail, loc + 8);
    const rec = await src.readRange(z64, z64 + 56);
    if (rec.length === 56 && u32(rec, 0) === 0x06064b50) {
      if (count === 0xffff) count = u64(rec, 32);
      if (cdSize === 0xffffffff) cdSize = u64(rec, 40);
      if (cdOffset === 0xffffffff) cdOffset = u64(rec, 48);
      cdEnd = z64;
    } else cdEnd = tailStart + loc;
  }
  if (count > limits.maxEntries)
    throw new LimitError('zip.maxEntries', `${path}: ${count} zip entries exceeds ${limits.maxEntries}`, { path });
  if (cdSize > limits.maxCentralDirectory)
    throw new LimitError('zip.maxCentralDirectory', `${path}: zip central directory of ${cdSize} bytes`, { path });
  // Data prepended to the archive shifts every offset (self-extracting and polyglot files).
  const shift = Math.max(0, cdEnd - (cdOffset + cdSize));
  const cd = await src.readRange(cdOffset + shift, cdOffset + shift + cdSize);
  const entries: ZipEntry[] = [];
  let p = 0;
  while (p + 46 <= cd.length && u32(cd, p) === 0x02014b50) {
    if (entries.length >= limits.maxEntries)
      throw new LimitError('zip.maxEntries', `${path}: more than ${limits.maxEntries} zip entries`, { path });
    const flags = u16(cd, p + 8);
    const method = u16(cd, p + 10);
    let csize = u32(cd, p + 20);
    let usize = u32(cd, p + 24);
    const nlen = u16(cd, p + 28);
    const xlen = u16(cd, p + 30);
    const clen = u16(cd, p + 32);
    let localOffset = u32(cd, p + 42);
    const nameBytes = cd.subarray(p + 46, p + 46 + nlen);
    const name = (flags & 0x800 ? utf8 : latin1).decode(nameBytes);
    // zip64 extra field: the 0xffffffff fields follow in a fixed order.
    let x = p + 46 + nlen;
    const xend = x + xlen;
    while (x + 4 <= xend && x + 4 <= cd.length) {
      const id = u16(cd, x);
      const sz = u16(cd, x + 2);
      if (id === 0x0001) {
        let q = x + 4;
        if (usize === 0xffffffff && q + 8 <= x + 4 + sz) {
          usize = u64(cd, q);
          q += 8;
        }
        if (csize === 0xffffffff && q + 8 <= x + 4 + sz) {
          csize = u64(cd, q);
          q += 8;
        }
        if (localOffset === 0xffffffff && q + 8 <= x + 4 + sz) localOffset = u64(cd, q);
      }
      x += 4 + sz;
    }
    entries.push({ name, method, flags, csize, usize, localOffset: localOffset + shift, isDir: name.endsWith('/') });
    p += 46 + nlen + xlen + clen;
  }
  if (entries.length === 0 && count > 0) throw new ParseError(`${path}: zip central directory is corrupt`, { path });
  return { entries, shift };
}

export interface OpenedMember {
  src: RangeSource;
  size: number;
  /** Offset of the member's data in the parent (stored members) for reporting. */
  dataOffset: number;
  /** Name in the local header, when it differs from the central directory. */
  localName: string | undefined;
}

export class UnsupportedZipMethod extends Error {}

/**
 * Open a member for reading. Stored members are byte ranges of the parent; deflated ones are
 * inflated into memory, stopping as soon as a limit (member size, ratio, remaining budget) is passed.
 */
export async function openZipMember(
  src: RangeSource,
  parentSize: number,
  e: ZipEntry,
  budget: { remaining: number },
  limits: ZipLimits = DEFAULT_ZIP_LIMITS,
): Promise<OpenedMember> {
  const path = src.path;
  const lh = await src.readRange(e.localOffset, e.localOffset + 30);
  if (lh.length < 30 || u32(lh, 0) !== 0x04034b50)
    throw new ParseError(`${path}: bad local header for zip member ${e.name}`, { path });
  const nlen = u16(lh, 26);
  const xlen = u16(lh, 28);
  const ln = await src.readRange(e.localOffset + 30, e.localOffset + 30 + nlen);
  const localName = latin1.decode(ln);
  const dataOffset = e.localOffset + 30 + nlen + xlen;
  if (dataOffset + e.csize > parentSize)
    throw new ParseError(`${path}: zip member ${e.name} runs past the end of the file`, { path });
  const differs = localName !== e.name && utf8.decode(ln) !== e.name ? localName : undefined;
  if (e.method === 0) {
    return {
      src: sliceRange(src, `${path}:${e.name}`, dataOffset, dataOffset + e.csize),
      size: e.csize,
      dataOffset,
      localName: differs,
    };
  }
  if (e.method !== 8) throw new UnsupportedZipMethod(`compression method ${e.method}`);
  const data = await boundedInflate(
    src,
    dataOffset,
    e.csize,
    'raw',
    { maxOutput: limits.maxInflatedMember, maxRatio: limits.maxRatio, budget },
    `zip member ${e.name}`,
  );
  return { src: memoryRange(`${path}:${e.name}`, data), size: data.length, dataOffset, localName: differs };
}

/** Absolute paths, drive letters and ".." segments escape the extraction directory (zip-slip). */
export function escapesRoot(name: string): boolean {
  if (name.startsWith('/') || name.startsWith('\\') || /^[A-Za-z]:/.test(name)) return true;
  return name.split(/[\\/]/).some((seg) => seg === '..');
}
