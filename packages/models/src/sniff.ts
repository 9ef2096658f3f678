// Content identification of model and archive formats from their first bytes. Extensions are
// only used to say when a name lies about its content (itself a finding), never to pick a parser.
import { looksLikeText } from '@rampart/core';
import { LENGTH_PREFIX, type OperandShape, PICKLE_OPERANDS, PROTO } from './pickle/opcodes.js';

export type ModelFormat =
  | 'pickle'
  | 'torch-legacy'
  | 'zip'
  | 'tar'
  | 'gzip'
  | 'bzip2'
  | 'xz'
  | 'zlib'
  | '7z'
  | 'rar'
  | 'numpy'
  | 'hdf5'
  | 'gguf'
  | 'safetensors'
  | 'onnx'
  | 'tf-savedmodel';

const ascii = (h: Uint8Array, at: number, s: string) => {
  if (h.length < at + s.length) return false;
  for (let i = 0; i < s.length; i++) if (h[at + i] !== s.charCodeAt(i)) return false;
  return true;
};

const TORCH_LEGACY_PREFIX = [0x80, 0x02, 0x8a, 0x0a, 0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19];

// A structural walk of headerless (protocol 0/1) pickles. PROTO is left out: it only ever starts a
// pickle, and a file that starts with it is identified by its header.
const OPS: ReadonlyMap<number, OperandShape> = new Map([...PICKLE_OPERANDS].filter(([op]) => op !== PROTO));

/**
 * A headerless pickle is accepted only when its head walks as a valid opcode stream: at least three
 * opcodes with well-formed operands (identifier-like GLOBAL names, quoted STRINGs, in-bounds
 * lengths), ending at a STOP or running past the head of a larger file. Prose does not survive this.
 */
/** ( MARK consumers: POP_MARK, APPENDS, SETITEMS, DICT, LIST, TUPLE, INST, OBJ, ADDITEMS, FROZENSET. */
const MARK_CONSUMERS: ReadonlySet<number> = new Set([0x31, 0x65, 0x75, 0x64, 0x6c, 0x74, 0x69, 0x6f, 0x90, 0x91]);

/** Well-formed opcodes before a STOP that no prose produces by chance. */
const LONG_WALK = 6;

export function walksAsPickle(h: Uint8Array, size: number): boolean {
  let i = 0;
  let count = 0;
  let sawGlobal = false;
  const limit = Math.min(h.length, 4096);
  const line = (ident: boolean): boolean => {
    const nl = h.indexOf(0x0a, i);
    if (nl < 0 || nl - i > 256) return false;
    if (ident) {
      if (nl === i) return false;
      for (let k = i; k < nl; k++) {
        const c = h[k]!;
        const ok =
          (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f || c === 0x2e;
        if (!ok) return false;
      }
    }
    i = nl + 1;
    return true;
  };
  // Opcodes that pop to the last MARK: prose like "1. Title" starts with one and has no MARK before it.
  let marks = 0;
  while (i < limit) {
    const op = h[i]!;
    const arg = OPS.get(op);
    if (op === 0x28) marks++;
    else if (MARK_CONSUMERS.has(op) && --marks < 0) return sawGlobal;
    // A well-formed GLOBAL/INST import is distinctive enough: a corrupt tail does not make it data.
    if (arg === undefined) return sawGlobal;
    i++;
    if (typeof arg === 'number') i += arg;
    else if (arg === 'line') {
      if (op === 0x53 && h[i] !== 0x27 && h[i] !== 0x22) return false;
      if (!line(false)) return i >= h.length - 256 && size > h.length && count >= 3;
    } else if (arg === 'line2') {
      if (!line(true) || !line(true)) return false;
      sawGlobal = true;
    } else {
      const w = LENGTH_PREFIX[op]!;
      if (i + w > h.length) return count >= 3 && size > h.length;
      let n = 0;
      for (let k = w - 1; k >= 0; k--) n = n * 256 + h[i + k]!;
      if (n > size) return sawGlobal;
      i += w + n;
    }
    count++;
    // A STOP ends a pickle. A short walk (prose like "1.") must end the file or go on with another
    // pickle; a long well-formed walk or one that imported something stays a pickle whatever follows,
    // since loaders stop at STOP and appending junk must not hide a payload from the scanner.
    if (op === 0x2e)
      return (
        count >= 2 &&
        (sawGlobal ||
          count >= LONG_WALK ||
          i >= size ||
          i >= h.length ||
          (OPS.has(h[i]!) && walksAsPickle(h.subarray(i), size - i)))
      );
  }
  return count >= 3 && size > h.length;
}

function looksLikeSafetensors(h: Uint8Array, size: number): boolean {
  if (h.length < 10) return false;
  let n = 0;
  for (let i = 7; i >= 0; i--) n = n * 256 + h[i]!;
  if (n < 2 || n > size - 8) return false;
  // The header is a JSON object; writers may pad it with spaces.
  return h[8] === 0x7b && (h[9] === 0x22 || h[9] === 0x7d || h[9] === 0x20 || h[9] === 0x0a);
}

/** Reads a protobuf varint at i; returns [value, next] or undefined. Values beyond 2^53 are clamped. */
export function varintAt(h: Uint8Array, i: number): [number, number] | undefined {
  let v = 0;
  let mul = 1;
  for (let j = 0; j < 10; j++) {
    const b = h[i + j];
    if (b === undefined) return undefined;
    v += (b & 0x7f) * mul;
    mul *= 128;
    if ((b & 0x80) === 0) return [Math.min(v, Number.MAX_SAFE_INTEGER), i + j + 1];
  }
  return undefined;
}

/** ONNX ModelProto starts with ir_version (field 1, varint) then string/message fields of the model. */
function sniffProtobufModel(h: Uint8Array): 'onnx' | 'tf-savedmodel' | undefined {
  if (h[0] !== 0x08) return undefined;
  const v = varintAt(h, 1);
  if (!v || v[0] > 64) return undefined;
  const tag = h[v[1]];
  const len = varintAt(h, v[1] + 1);
  if (tag === undefined || !len) return undefined;
  // SavedModel: schema version then meta_graphs (field 2), a message whose first field is meta_info_def (0x0a).
  if (tag === 0x12 && h[len[1]] === 0x0a && len[0] > 64) return 'tf-savedmodel';
  // ONNX: producer_name(2) / producer_version(3) / domain(4) / model_version(5) / doc(6) / graph(7) / opset(8).
  if ([0x12, 0x1a, 0x22, 0x28, 0x32, 0x3a, 0x42].includes(tag)) return 'onnx';
  return undefined;
}

export function sniffFormat(head: Uint8Array, size: number): ModelFormat | undefined {
  const h = head;
  if (h.length < 4) return undefined;
  if (TORCH_LEGACY_PREFIX.every((b, i) => h[i] === b)) return 'torch-legacy';
  if (h[0] === 0x80 && h[1] !== undefined && h[1] <= 5 && h.length >= 3) return 'pickle';
  if (
    h[0] === 0x50 &&
    h[1] === 0x4b &&
    ((h[2] === 3 && h[3] === 4) || (h[2] === 5 && h[3] === 6) || (h[2] === 7 && h[3] === 8))
  )
    return 'zip';
  if (ascii(h, 0, '7z\xbc\xaf\x27\x1c')) return '7z';
  if (ascii(h, 0, 'Rar!\x1a\x07')) return 'rar';
  if (h[0] === 0x1f && h[1] === 0x8b) return 'gzip';
  if (ascii(h, 0, 'BZh')) return 'bzip2';
  if (ascii(h, 0, '\xfd7zXZ\x00')) return 'xz';
  // zlib (joblib's compress=N): a valid CMF/FLG header on binary content.
  if (h[0] === 0x78 && [0x01, 0x5e, 0x9c, 0xda].includes(h[1]!) && (0x7800 + h[1]!) % 31 === 0 && !looksLikeText(h))
    return 'zlib';
  if (ascii(h, 257, 'ustar')) return 'tar';
  if (ascii(h, 0, '\x93NUMPY')) return 'numpy';
  if (ascii(h, 0, '\x89HDF\r\n\x1a\n')) return 'hdf5';
  if (ascii(h, 0, 'GGUF')) return 'gguf';
  if (looksLikeSafetensors(h, size)) return 'safetensors';
  if (OPS.has(h[0]!) && walksAsPickle(h, size)) return 'pickle';
  return sniffProtobufModel(h);
}

/** Extensions each format legitimately uses; anything in EXT_CLAIMS that disagrees is a lie. */
const EXPECTED: Record<ModelFormat, string[]> = {
  pickle: ['pkl', 'pickle', 'pt', 'pth', 'bin', 'ckpt', 'joblib', 'dat', 'data', 'p', 'sav', 'model'],
  'torch-legacy': ['pt', 'pth', 'bin', 'ckpt', 'pkl', 'model', 'tar'],
  zip: ['zip', 'pt', 'pth', 'bin', 'ckpt', 'keras', 'npz', 'pkl', 'model', 'nemo', 'mar', 'jar', 'whl'],
  tar: ['tar', 'nemo', 'pt', 'pth'],
  gzip: ['gz', 'tgz', 'joblib', 'pkl'],
  bzip2: ['bz2', 'joblib', 'pkl'],
  xz: ['xz', 'joblib', 'pkl'],
  zlib: ['joblib', 'pkl', 'z', 'zlib', 'gz'],
  '7z': ['7z'],
  rar: ['rar'],
  numpy: ['npy'],
  hdf5: ['h5', 'hdf5', 'keras', 'hdf', 'weights'],
  gguf: ['gguf', 'bin'],
  safetensors: ['safetensors', 'bin', 'sft'],
  onnx: ['onnx', 'pb', 'bin', 'ort'],
  'tf-savedmodel': ['pb'],
};

/** Extensions that claim a specific format (model formats and the "safe" ones attackers borrow). */
const EXT_CLAIMS = new Set([
  'safetensors',
  'gguf',
  'onnx',
  'h5',
  'hdf5',
  'keras',
  'npy',
  'npz',
  'zip',
  '7z',
  'tar',
  'gz',
  'tgz',
  'json',
  'txt',
  'png',
  'jpg',
  'jpeg',
  'pkl',
  'pickle',
  'pt',
  'pth',
  'ckpt',
  'joblib',
  'pb',
]);

export function extensionOf(path: string): string {
  const base = path.slice(path.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
}

/** The claimed extension when it disagrees with the content, else undefined. */
export function lyingExtension(path: string, format: ModelFormat): string | undefined {
  const ext = extensionOf(path);
  if (ext === '' || !EXT_CLAIMS.has(ext)) return undefined;
  return EXPECTED[format].includes(ext) ? undefined : ext;
}

/** Archive members named like pickles are scanned as pickles even when their first byte is unusual. */
export function plausibleModelMember(name: string, head: Uint8Array): boolean {
  const ext = extensionOf(name);
  return (ext === 'pkl' || ext === 'pickle' || ext === 'joblib') && head.length > 0;
}
