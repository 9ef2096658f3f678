// Incremental Server-Sent Events parser (WHATWG rules: \n, \r\n or \r line ends; "data" lines joined
// with \n; comments ignored). Bounded: an event larger than maxEventBytes is an error, not a buffer
// that grows forever.
import { LimitError } from '@rampart/core';

export interface SseEvent {
  event: string | undefined;
  data: string;
  /** Only when the parser keeps fields (`keepFields`): this event's `id` field, and its `retry` (ms). */
  id?: string;
  retry?: number;
}

/** Longest event id kept; a longer one (or one with NUL, which browsers ignore) is dropped. */
const MAX_ID = 1024;

export class SseParser {
  private buf = '';
  private event: string | undefined;
  private data: string[] = [];
  private size = 0;
  private id: string | undefined;
  private retry: number | undefined;
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });

  /**
   * keepFields: also report each event's `id` and `retry` fields, and events that carry only those
   * (a relay passes them on so clients can resume with Last-Event-ID).
   */
  constructor(
    private readonly maxEventBytes = 1024 * 1024,
    private readonly keepFields = false,
  ) {}

  /** Feeds raw bytes; returns the complete events they finish. Throws on invalid UTF-8 or an oversize event. */
  push(chunk: Uint8Array): SseEvent[] {
    this.buf += this.decoder.decode(chunk, { stream: true });
    const out: SseEvent[] = [];
    let start = 0;
    for (;;) {
      let nl = -1;
      let skip = 1;
      for (let i = start; i < this.buf.length; i++) {
        const c = this.buf.charCodeAt(i);
        if (c === 10) {
          nl = i;
          break;
        }
        if (c === 13) {
          // A lone \r at the very end may be the first half of \r\n: wait for more.
          if (i === this.buf.length - 1) break;
          nl = i;
          if (this.buf.charCodeAt(i + 1) === 10) skip = 2;
          break;
        }
      }
      if (nl === -1) break;
      this.line(this.buf.slice(start, nl), out);
      start = nl + skip;
    }
    this.buf = start === 0 ? this.buf : this.buf.slice(start);
    if (this.buf.length + this.size > this.maxEventBytes) {
      throw new LimitError('sse-event-bytes', `upstream SSE event exceeds ${this.maxEventBytes} bytes`);
    }
    return out;
  }

  /** End of stream: a trailing event without its blank line is dropped, as the spec says. */
  pending(): boolean {
    return this.buf.length > 0 || this.data.length > 0;
  }

  private line(line: string, out: SseEvent[]): void {
    if (line === '') {
      if (this.keepFields) {
        if (this.data.length > 0 || this.event !== undefined || this.id !== undefined || this.retry !== undefined) {
          const e: SseEvent = { event: this.event, data: this.data.join('\n') };
          if (this.id !== undefined) e.id = this.id;
          if (this.retry !== undefined) e.retry = this.retry;
          out.push(e);
        }
        this.id = undefined;
        this.retry = undefined;
      } else if (this.data.length > 0 || this.event !== undefined) {
        out.push({ event: this.event, data: this.data.join('\n') });
      }
      this.event = undefined;
      this.data = [];
      this.size = 0;
      return;
    }
    if (line.charCodeAt(0) === 58) return; // ":" comment / keep-alive
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.charCodeAt(0) === 32) value = value.slice(1);
    if (field === 'data') {
      this.data.push(value);
      this.size += value.length;
      if (this.size > this.maxEventBytes) {
        throw new LimitError('sse-event-bytes', `upstream SSE event exceeds ${this.maxEventBytes} bytes`);
      }
    } else if (field === 'event') {
      this.event = value;
    } else if (this.keepFields && field === 'id') {
      if (value.length <= MAX_ID && !value.includes('\u0000')) this.id = value;
    } else if (this.keepFields && field === 'retry') {
      if (/^[0-9]{1,9}$/.test(value)) this.retry = Number(value);
    }
  }
}

export function formatSse(data: string, event?: string): string {
  return event === undefined ? `data: ${data}\n\n` : `event: ${event}\ndata: ${data}\n\n`;
}
