import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LimitError } from '@rampart/core';
import { deflateSync, zipSync } from 'fflate';
import { memoryRange } from '../util/ranges.js';
import { escapesRoot, openZipMember, readZipDirectory } from './zip.js';

const enc = new TextEncoder();

describe('zip reader', () => {
  it('lists members and reads stored and deflated data', async () => {
    const z = zipSync({
      'a/data.pkl': [enc.encode('hello'), { level: 0 }],
      'b.txt': [enc.encode('x'.repeat(1000)), { level: 9 }],
    });
    const src = memoryRange('t.zip', z);
    const dir = await readZipDirectory(src, z.length);
    assert.deepEqual(dir.entries.map((e) => e.name).sort(), ['a/data.pkl', 'b.txt']);
    for (const e of dir.entries) {
      const m = await openZipMember(src, z.length, e, { remaining: 1e9 });
      const data = await m.src.readRange(0, m.size);
      assert.equal(data.length, e.name === 'b.txt' ? 1000 : 5);
    }
  });
  it('finds the directory when data is prepended', async () => {
    const z = zipSync({ 'm.pkl': [enc.encode('abc'), { level: 0 }] });
    const pre = new Uint8Array(100 + z.length);
    pre.set(z, 100);
    const src = memoryRange('t.zip', pre);
    const dir = await readZipDirectory(src, pre.length);
    assert.equal(dir.shift, 100);
    const m = await openZipMember(src, pre.length, dir.entries[0]!, { remaining: 1e9 });
    assert.deepEqual(await m.src.readRange(0, 3), enc.encode('abc'));
  });
  it('stops a decompression bomb by ratio and by budget', async () => {
    const z = zipSync({ 'bomb.bin': [new Uint8Array(8 * 1024 * 1024), { level: 9 }] });
    const src = memoryRange('t.zip', z);
    const [e] = (await readZipDirectory(src, z.length)).entries;
    await assert.rejects(
      openZipMember(src, z.length, e!, { remaining: 1e9 }),
      (err: unknown) => err instanceof LimitError && err.limit === 'maxCompressionRatio',
    );
    const lax = { maxEntries: 10, maxCentralDirectory: 1e6, maxInflatedMember: 1e9, maxRatio: 1e9 };
    await assert.rejects(
      openZipMember(src, z.length, e!, { remaining: 1000 }, lax),
      (err: unknown) => err instanceof LimitError && err.limit === 'maxDecompressedBytes',
    );
  });
  it('rejects a file without an end record', async () => {
    const raw = deflateSync(enc.encode('not a zip'));
    await assert.rejects(readZipDirectory(memoryRange('t.zip', raw), raw.length), /end-of-central-directory/);
  });
  it('recognizes zip-slip names', () => {
    assert.equal(escapesRoot('../x'), true);
    assert.equal(escapesRoot('a/../../x'), true);
    assert.equal(escapesRoot('/etc/passwd'), true);
    assert.equal(escapesRoot('C:\\x'), true);
    assert.equal(escapesRoot('a/b..c/d'), false);
  });
});
