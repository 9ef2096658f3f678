// Keras HDF5 (.h5) files keep the architecture as JSON in the root group's "model_config"
// attribute. Read with jsfive, a pure-JS HDF5 reader: attributes live in the root object header near
// the start of the file, so large files are first tried from a bounded prefix and reported as
// inconclusive when the reader needs more than the limit allows.
import { File } from 'jsfive';
import type { RangeSource } from '../util/ranges.js';

export interface Hdf5KerasReport {
  config: unknown;
  kerasVersion: string | undefined;
  problem: string | undefined;
  limited: boolean;
}

/** Whole files up to this size are handed to the reader; larger ones only by prefix. */
export const HDF5_MAX_WHOLE = 256 * 1024 * 1024;
const PREFIX = 16 * 1024 * 1024;

async function readPrefix(src: RangeSource, len: number): Promise<ArrayBuffer> {
  const out = new Uint8Array(len);
  const step = 4 * 1024 * 1024;
  for (let s = 0; s < len; s += step) out.set(await src.readRange(s, Math.min(len, s + step)), s);
  return out.buffer;
}

function attrText(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (v instanceof Uint8Array) return new TextDecoder().decode(v);
  if (Array.isArray(v) && typeof v[0] === 'string') return v[0];
  return undefined;
}

/**
 * jsfive reports odd attributes with console.warn/log, echoing bytes of the (hostile) file: silence
 * the console for the synchronous parse so file content never reaches logs or terminals.
 */
function quietly<T>(fn: () => T): T {
  const saved = { warn: console.warn, log: console.log };
  console.warn = () => {};
  console.log = () => {};
  try {
    return fn();
  } finally {
    console.warn = saved.warn;
    console.log = saved.log;
  }
}

export async function scanHdf5Keras(src: RangeSource, size: number): Promise<Hdf5KerasReport> {
  const r: Hdf5KerasReport = { config: undefined, kerasVersion: undefined, problem: undefined, limited: false };
  const whole = size <= HDF5_MAX_WHOLE;
  let attrs: Record<string, unknown>;
  const buffer = await readPrefix(src, whole ? size : Math.min(size, PREFIX));
  try {
    attrs = quietly(() => new File(buffer, src.path).attrs);
  } catch (e) {
    const why = e instanceof Error ? e.message.slice(0, 120) : String(e);
    if (whole) r.problem = `HDF5 root attributes unreadable (${why})`;
    else {
      r.problem = `root attributes lie beyond the first ${PREFIX} bytes of a ${size}-byte file (${why})`;
      r.limited = true;
    }
    return r;
  }
  const text = attrText(attrs.model_config);
  r.kerasVersion = attrText(attrs.keras_version);
  if (text === undefined) return r;
  try {
    r.config = JSON.parse(text);
  } catch {
    r.problem = 'model_config attribute is not valid JSON';
  }
  return r;
}
