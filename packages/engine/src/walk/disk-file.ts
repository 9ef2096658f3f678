// Disk-backed FileInput: reads the head once for sniffing, the whole file only when a detector
// asks (bounded by limits), and ranges for formats that read a header or stream in chunks.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { type FileInput, HEAD_BYTES, LimitError, type Limits, looksLikeText, ParseError } from '@rampart/core';

const decoder = new TextDecoder('utf-8', { fatal: true });

export interface DiskFile extends FileInput {
  /** Bytes actually read so far (stats). */
  readonly bytesRead: number;
  close(): Promise<void>;
}

export async function openDiskFile(abs: string, rel: string, limits: Limits): Promise<DiskFile> {
  // Synchronous calls on purpose: each worker thread owns its files, and the promise API's per-call
  // overhead dominated scanning of many small files (20,000 opens cost seconds).
  const fd = openSync(abs, 'r');
  let closed = false;
  try {
    const st = fstatSync(fd);
    const size = st.size;
    const headBuf = new Uint8Array(Math.min(HEAD_BYTES, size));
    const headRead = readSync(fd, headBuf, 0, headBuf.length, 0);
    const head = headBuf.subarray(0, headRead);
    let bytesRead = headRead;
    let whole: Uint8Array | undefined = size <= HEAD_BYTES && headRead === size ? head : undefined;
    let text: string | undefined;

    const tooLarge = () =>
      new LimitError(
        'maxFileBytes',
        `${rel}: ${size} bytes exceeds the ${limits.maxFileBytes}-byte limit for whole-file analysis`,
        {
          path: rel,
        },
      );

    const file: DiskFile = {
      path: rel,
      size,
      head,
      isText: looksLikeText(head),
      get bytesRead() {
        return bytesRead;
      },
      async bytes() {
        if (size > limits.maxFileBytes) throw tooLarge();
        if (whole) return whole;
        const buf = new Uint8Array(size);
        let off = 0;
        while (off < size) {
          const n = readSync(fd, buf, off, size - off, off);
          if (n === 0) break; // truncated while we read: analyse what is there
          off += n;
        }
        bytesRead += off;
        whole = off === size ? buf : buf.subarray(0, off);
        return whole;
      },
      async text() {
        if (text !== undefined) return text;
        if (head.includes(0)) throw new ParseError(`${rel}: binary content (NUL bytes), not text`, { path: rel });
        const b = await file.bytes();
        try {
          text = decoder.decode(b);
        } catch (cause) {
          throw new ParseError(`${rel}: not valid UTF-8`, { path: rel, cause });
        }
        return text;
      },
      async readRange(start: number, end: number) {
        const s = Math.max(0, Math.min(start, size));
        const e = Math.max(s, Math.min(end, size));
        if (whole) return whole.subarray(s, e);
        if (e - s > limits.maxFileBytes) {
          throw new LimitError('maxFileBytes', `${rel}: a ${e - s}-byte range exceeds the read limit`, { path: rel });
        }
        const buf = new Uint8Array(e - s);
        const n = readSync(fd, buf, 0, buf.length, s);
        bytesRead += n;
        return buf.subarray(0, n);
      },
      async close() {
        if (!closed) {
          closed = true;
          closeSync(fd);
        }
      },
    };
    return file;
  } catch (e) {
    closeSync(fd);
    throw e;
  }
}
