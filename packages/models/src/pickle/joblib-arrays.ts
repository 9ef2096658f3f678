// joblib's inline arrays: NumpyArrayWrapper + BUILD(state) is followed in the stream by the array's
// raw bytes (after optional alignment padding), or by a whole nested pickle for object arrays. The
// machine must know how many bytes to step over, computed from the wrapper's shape and dtype.
import type { PValue } from './values.js';

export interface PendingArray {
  /** Raw bytes that follow (-1: layout not understood). */
  bytes: number;
  object: boolean;
  padding: boolean;
}

/** Element sizes of numpy dtype strings ('<f8', '|u1', 'U10'...); undefined when unknown. */
function dtypeInfo(descr: string): { object: boolean; itemsize: number } | undefined {
  const m = /^[<>|=]?([a-zA-Z?])(\d*)$/.exec(descr);
  if (!m) return undefined;
  const kind = m[1]!;
  const n = m[2] === '' ? undefined : Number(m[2]);
  if (kind === 'O') return { object: true, itemsize: 8 };
  if (kind === '?' || (kind === 'b' && n === undefined)) return { object: false, itemsize: 1 };
  if (kind === 'U') return n === undefined ? undefined : { object: false, itemsize: 4 * n };
  return n === undefined ? undefined : { object: false, itemsize: n };
}

/** joblib.numpy_pickle.NumpyArrayWrapper + BUILD(state): how its inline data is laid out. */
export function joblibArray(target: PValue, state: PValue): PendingArray | undefined {
  if (
    target.k !== 'call' ||
    target.fn.k !== 'global' ||
    target.fn.name !== 'NumpyArrayWrapper' ||
    !target.fn.module.endsWith('numpy_pickle')
  )
    return undefined;
  const e = state.k === 'dict' ? state.entries : undefined;
  const shape = e?.get('shape');
  const dtype = e?.get('dtype');
  let descr: string | undefined;
  if (dtype?.k === 'call' && dtype.args.k === 'tuple' && dtype.args.items[0]?.k === 'str')
    descr = dtype.args.items[0].v;
  const info = descr === undefined ? undefined : dtypeInfo(descr);
  if (shape?.k !== 'tuple' || shape.items.length !== shape.length || info === undefined)
    return { bytes: -1, object: false, padding: false };
  let count = 1;
  for (const d of shape.items) {
    if (d.k !== 'num' || d.v === undefined || d.v < 0) return { bytes: -1, object: false, padding: false };
    count *= d.v;
  }
  const align = e?.get('numpy_array_alignment_bytes');
  // Object arrays are a nested pickle with no alignment padding; others are padded when aligned.
  return {
    bytes: count * info.itemsize,
    object: info.object,
    padding: !info.object && align !== undefined && align.k !== 'none',
  };
}
