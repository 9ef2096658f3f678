// Decompression under our own limits: fflate does the inflating, we stop it as soon as the output
// passes the member cap, the remaining per-file budget or the compression-ratio limit (bombs).
import { LimitError, ParseError } from '@rampart/core';
import { Gunzip, Inflate, Unzlib } from 'fflate';
import type { RangeSource } from './ranges.js';

export interface InflateLimits {
  maxOutput: number;
  maxRatio: number;
  budget: { remaining: number };
}

export async function boundedInflate(
  src: RangeSource,
  start: number,
  length: number,
  kind: 'raw' | 'gzip' | 'zlib',
  limits: InflateLimits,
  label: string,
): Promise<Uint8Array> {
  const path = src.path;
  const cap = Math.min(limits.maxOutput, limits.budget.remaining);
  const chunks: Uint8Array[] = [];
  let out = 0;
  let failure: Error | undefined;
  const onData = (chunk: Uint8Array) => {
    out += chunk.length;
    if (out > 1024 * 1024 && out / Math.max(1, length) > limits.maxRatio) {
      failure = new LimitError(
        'maxCompressionRatio',
        `${path}: ${label} expands more than ${limits.maxRatio}x (decompression bomb?)`,
        { path },
      );
      throw failure;
    }
    if (out > cap) {
      const which = cap === limits.budget.remaining ? 'maxDecompressedBytes' : 'maxInflatedMember';
      failure = new LimitError(which, `${path}: ${label} decompresses past ${cap} bytes`, { path });
      throw failure;
    }
    chunks.push(chunk);
  };
  const stream = kind === 'raw' ? new Inflate(onData) : kind === 'gzip' ? new Gunzip(onData) : new Unzlib(onData);
  // Small input steps bound what one push can expand to (deflate tops out near 1032:1).
  const step = 64 * 1024;
  try {
    for (let s = 0; s < length; s += step) {
      const part = await src.readRange(start + s, start + Math.min(length, s + step));
      if (part.length === 0) break;
      stream.push(part, s + step >= length);
    }
  } catch (err) {
    if (failure) throw failure;
    throw new ParseError(
      `${path}: ${label} does not decompress (${err instanceof Error ? err.message : String(err)})`,
      { path, cause: err },
    );
  }
  limits.budget.remaining -= out;
  const data = new Uint8Array(out);
  let o = 0;
  for (const c of chunks) {
    data.set(c, o);
    o += c.length;
  }
  return data;
}
