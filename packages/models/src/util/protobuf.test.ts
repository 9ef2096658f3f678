import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LimitError, ParseError } from '@rampart/core';
import { type PbField, PbReader } from './protobuf.js';
import { memoryRange } from './ranges.js';

const varint = (v: number): number[] => {
  const out: number[] = [];
  while (v >= 128) {
    out.push((v % 128) | 128);
    v = Math.floor(v / 128);
  }
  out.push(v);
  return out;
};
const key = (field: number, wire: number) => varint(field * 8 + wire);
const bytes = (...parts: number[][]) => Uint8Array.from(parts.flat());

async function walk(b: Uint8Array, fields: readonly number[], maxFields?: number) {
  const pb = new PbReader(memoryRange('m.pb', b), b.length, maxFields);
  const seen: PbField[] = [];
  await pb.message(b.length, 0, fields, (f) => {
    seen.push({ ...f });
  });
  return { seen, read: pb.fieldsRead };
}

describe('protobuf walker', () => {
  it('calls back only for the requested fields, with their values and payload ranges', async () => {
    const b = bytes(
      key(1, 0),
      varint(300),
      key(2, 2),
      [3, 97, 98, 99],
      key(3, 5),
      [1, 2, 3, 4],
      key(4, 1),
      [1, 2, 3, 4, 5, 6, 7, 8],
      key(2, 0),
      varint(7),
    );
    const { seen, read } = await walk(b, [2]);
    assert.equal(read, 5, 'every field is read and counted, wanted or not');
    assert.deepEqual(seen, [
      { field: 2, wire: 2, value: 0, start: 5, end: 8 },
      { field: 2, wire: 0, value: 7, start: 0, end: 0 },
    ]);
    assert.deepEqual((await walk(b, [1])).seen, [{ field: 1, wire: 0, value: 300, start: 0, end: 0 }]);
  });

  it('counts skipped fields against the field limit (a run of zero bytes is a million fields)', async () => {
    const zeros = new Uint8Array(2_000);
    assert.equal((await walk(zeros, [7])).read, 1_000);
    await assert.rejects(walk(zeros, [7], 999), LimitError);
  });

  it('rejects corrupt fields it was not asked about', async () => {
    await assert.rejects(
      walk(bytes(key(9, 2), [50, 1, 2]), [1]),
      (e) => e instanceof ParseError && /runs past/.test(e.message),
    );
    await assert.rejects(walk(bytes(key(9, 3)), [1]), (e) => e instanceof ParseError && /wire type 3/.test(e.message));
    await assert.rejects(
      walk(bytes(key(9, 0), [0x80, 0x80]), [1]),
      (e) => e instanceof ParseError && /truncated varint/.test(e.message),
    );
    await assert.rejects(
      walk(bytes(key(9, 5), [1, 2]), [1]),
      (e) => e instanceof ParseError && /fixed-size/.test(e.message),
    );
  });

  it('reads varints that straddle window refills', async () => {
    // 70,000 one-byte varint fields then a wanted field: the 64 KiB first window ends mid-stream.
    const b = bytes(...Array.from({ length: 35_000 }, () => [8, 1]), key(5, 0), varint(2 ** 40));
    const { seen, read } = await walk(b, [5]);
    assert.equal(read, 35_001);
    assert.deepEqual(seen, [{ field: 5, wire: 0, value: 2 ** 40, start: 0, end: 0 }]);
  });
});
