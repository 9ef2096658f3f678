// A forward-only window over a byte range of a FileInput, filled chunk by chunk through readRange,
// so multi-gigabyte files are scanned in constant memory. Parsers index `buf` directly for speed and
// call `ensure` only when they are about to run past the bytes they hold.
import type { FileInput } from '@rampart/core';

export const DEFAULT_CHUNK = 4 * 1024 * 1024;

export class ByteWindow {
  /** Current bytes; buf[0] is at absolute offset `base`. */
  buf: Uint8Array = new Uint8Array(0);
  base = 0;
  /** Absolute read position. */
  pos: number;
  readonly end: number;
  /** Refill size: starts small and doubles while reading sequentially; a skip past the buffer resets it,
   * so skipping large payloads does not read megabytes that are skipped next. */
  private next = 64 * 1024;

  constructor(
    private readonly file: Pick<FileInput, 'readRange'>,
    start: number,
    end: number,
    private readonly chunk = DEFAULT_CHUNK,
  ) {
    this.pos = start;
    this.base = start;
    this.end = end;
  }

  /** Bytes held from `pos` on. */
  get available(): number {
    return this.base + this.buf.length - this.pos;
  }

  /**
   * Make at least `n` bytes from `pos` available, or everything up to `end`. Returns the count held.
   * Refills read from `pos`, so skipped bytes are never read.
   */
  async ensure(n: number): Promise<number> {
    if (this.available >= n) return n;
    const skipped = this.pos > this.base + this.buf.length;
    this.next = skipped ? 64 * 1024 : Math.min(this.chunk, this.next * 2);
    const want = Math.min(this.end, this.pos + Math.max(n, Math.min(this.next, this.chunk)));
    if (this.pos >= want) {
      this.base = this.pos;
      this.buf = new Uint8Array(0);
      return 0;
    }
    this.buf = await this.file.readRange(this.pos, want);
    this.base = this.pos;
    return Math.min(n, this.buf.length);
  }

  /** Move forward without reading (large payloads are skipped, not loaded). */
  skip(n: number): void {
    this.pos += n;
  }

  get atEnd(): boolean {
    return this.pos >= this.end;
  }
}
