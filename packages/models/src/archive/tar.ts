// A bounded tar reader (ustar, pax and GNU long names): lists members with their data ranges so
// they can be scanned in place, and reports names and links that escape the extraction root.
import { LimitError, ParseError } from '@rampart/core';
import type { RangeSource } from '../util/ranges.js';

export interface TarEntry {
  name: string;
  type: string;
  linkName: string;
  dataOffset: number;
  size: number;
  headerOffset: number;
}

const latin1 = new TextDecoder('latin1');
const utf8 = new TextDecoder('utf-8');

function field(b: Uint8Array, start: number, len: number): string {
  let end = start;
  while (end < start + len && b[end] !== 0) end++;
  return latin1.decode(b.subarray(start, end));
}

function octal(b: Uint8Array, start: number, len: number): number {
  // GNU base-256 for sizes of 8 GiB and more.
  if ((b[start]! & 0x80) !== 0) {
    let v = b[start]! & 0x7f;
    for (let i = 1; i < len; i++) v = v * 256 + b[start + i]!;
    return v;
  }
  const s = field(b, start, len).trim();
  if (s === '') return 0;
  if (!/^[0-7]+$/.test(s)) return Number.NaN;
  return Number.parseInt(s, 8);
}

function paxRecords(data: Uint8Array): Record<string, string> {
  const out: Record<string, string> = {};
  const text = utf8.decode(data);
  let p = 0;
  while (p < text.length) {
    const sp = text.indexOf(' ', p);
    if (sp < 0) break;
    const len = Number.parseInt(text.slice(p, sp), 10);
    if (!(len > 0)) break;
    const rec = text.slice(sp + 1, p + len - 1);
    const eq = rec.indexOf('=');
    if (eq > 0) out[rec.slice(0, eq)] = rec.slice(eq + 1);
    p += len;
  }
  return out;
}

export async function readTarEntries(src: RangeSource, size: number, maxEntries = 100_000): Promise<TarEntry[]> {
  const path = src.path;
  const entries: TarEntry[] = [];
  let off = 0;
  let longName: string | undefined;
  let longLink: string | undefined;
  let pax: Record<string, string> = {};
  while (off + 512 <= size) {
    const h = await src.readRange(off, off + 512);
    if (h.every((b) => b === 0)) break;
    let sum = 0;
    for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 32 : h[i]!;
    if (octal(h, 148, 8) !== sum)
      throw new ParseError(`${path}: tar header checksum mismatch at offset ${off}`, { path, offset: off });
    const entrySize = octal(h, 124, 12);
    if (Number.isNaN(entrySize))
      throw new ParseError(`${path}: bad tar size field at offset ${off}`, { path, offset: off });
    const type = String.fromCharCode(h[156] || 0x30);
    const dataOffset = off + 512;
    if (dataOffset + entrySize > size)
      throw new ParseError(`${path}: tar member at offset ${off} runs past the end of the file`, { path, offset: off });
    const next = dataOffset + Math.ceil(entrySize / 512) * 512;
    if (type === 'L' || type === 'K' || type === 'x') {
      if (entrySize > 1024 * 1024)
        throw new LimitError('tar.maxHeader', `${path}: tar extended header of ${entrySize} bytes`, { path });
      const data = await src.readRange(dataOffset, dataOffset + entrySize);
      if (type === 'L') longName = field(data, 0, data.length);
      else if (type === 'K') longLink = field(data, 0, data.length);
      else pax = paxRecords(data);
      off = next;
      continue;
    }
    if (type !== 'g') {
      const prefix = field(h, 345, 155);
      const base = field(h, 0, 100);
      const name = pax.path ?? longName ?? (prefix && field(h, 257, 6) === 'ustar' ? `${prefix}/${base}` : base);
      const linkName = pax.linkpath ?? longLink ?? field(h, 157, 100);
      if (entries.length >= maxEntries)
        throw new LimitError('tar.maxEntries', `${path}: more than ${maxEntries} tar entries`, { path });
      entries.push({ name, type, linkName, dataOffset, size: entrySize, headerOffset: off });
    }
    longName = undefined;
    longLink = undefined;
    pax = {};
    off = next;
  }
  return entries;
}
