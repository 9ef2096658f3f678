// Byte sources for nested content: a slice of a parent file (an archive member stored without
// compression) or bytes already in memory (an inflated member, a nested pickle).
import type { FileInput } from '@rampart/core';

export type RangeSource = Pick<FileInput, 'readRange' | 'path'>;

export function memoryRange(path: string, data: Uint8Array): RangeSource {
  return {
    path,
    async readRange(start: number, end: number) {
      const s = Math.max(0, Math.min(start, data.length));
      return data.subarray(s, Math.max(s, Math.min(end, data.length)));
    },
  };
}

/** [start, end) of `parent` seen as its own file starting at 0. */
export function sliceRange(parent: RangeSource, path: string, start: number, end: number): RangeSource {
  return {
    path,
    async readRange(s: number, e: number) {
      const a = start + Math.max(0, s);
      const b = Math.min(end, start + Math.max(0, e));
      return b > a ? parent.readRange(a, b) : new Uint8Array(0);
    },
  };
}
