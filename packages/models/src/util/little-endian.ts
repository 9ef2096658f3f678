// Little-endian unsigned integers read from a byte array. Values above 2^53 lose precision (they are
// only ever compared with file sizes and limits). Callers check bounds first.

export const u16 = (b: Uint8Array, i: number): number => b[i]! | (b[i + 1]! << 8);

export const u32 = (b: Uint8Array, i: number): number =>
  (b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16)) + b[i + 3]! * 0x1000000;

export const u64 = (b: Uint8Array, i: number): number => u32(b, i) + u32(b, i + 4) * 0x100000000;
