import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { memoryFile } from '@rampart/core';
import { type PickleScanOptions, scanPickle } from './scan-pickle.js';

const testdata = new URL('../../testdata/', import.meta.url).pathname;
const enc = new TextEncoder();

/** Tiny opcode assembler for tests: strings are raw opcode text, numbers are bytes. */
function P(...parts: Array<string | number | Uint8Array>): Uint8Array {
  const out: number[] = [];
  for (const p of parts) {
    if (typeof p === 'number') out.push(p);
    else if (typeof p === 'string') out.push(...enc.encode(p));
    else for (const x of p) out.push(x);
  }
  return new Uint8Array(out);
}
const sbu = (s: string) => P(0x8c, enc.encode(s).length, s);

async function scan(bytes: Uint8Array, opts: PickleScanOptions = {}) {
  return scanPickle(memoryFile('t.pkl', bytes), 0, bytes.length, opts);
}
const names = (r: Awaited<ReturnType<typeof scan>>) =>
  r.globals.map((g) => `${g.verdict}:${g.module}.${g.name}`).sort();

describe('pickle symbolic machine', () => {
  it('reports GLOBAL + REDUCE with the opcode offset and the call', async () => {
    const r = await scan(new Uint8Array(readFileSync(`${testdata}posix-system.pkl`)));
    assert.equal(r.inconclusive, undefined);
    assert.deepEqual(names(r), ['dangerous:posix.system']);
    assert.equal(r.globals[0]!.offset, 2);
    assert.equal(r.globals[0]!.called, true);
    assert.equal(r.globals[0]!.qualified, 'os.system');
  });

  it('resolves STACK_GLOBAL operands through the memo', async () => {
    // "os" and "system" are memoized, popped, then fetched back for STACK_GLOBAL.
    const b = P(
      0x80,
      4,
      sbu('os'),
      0x94,
      0x30,
      sbu('system'),
      0x94,
      0x30,
      0x68,
      0,
      0x68,
      1,
      0x93,
      sbu('id'),
      0x85,
      0x52,
      0x2e,
    );
    const r = await scan(b);
    assert.deepEqual(names(r), ['dangerous:os.system']);
  });

  it('decodes protocol 0 STRING escapes used as STACK_GLOBAL operands', async () => {
    const b = P("S'o\\x73'\n", "S'sys\\164em'\n", 0x93, "S'id'\n", 0x85, 0x52, '.');
    const r = await scan(b);
    assert.deepEqual(names(r), ['dangerous:os.system']);
  });

  it('handles INST, OBJ and NEWOBJ_EX as calls', async () => {
    const inst = await scan(P("(S'id'\nios\nsystem\n."));
    assert.deepEqual(names(inst), ['dangerous:os.system']);
    assert.equal(inst.globals[0]!.called, true);
    const obj = await scan(P("(csubprocess\nPopen\nS'id'\no."));
    assert.deepEqual(names(obj), ['dangerous:subprocess.Popen']);
    const ex = await scan(P(0x80, 4, sbu('builtins'), sbu('exec'), 0x93, sbu('1'), 0x85, '}', 0x92, '.'));
    assert.deepEqual(names(ex), ['dangerous:builtins.exec']);
  });

  it('scans every pickle in a stream, not just the first', async () => {
    const safe = P(0x80, 2, ']', '.');
    const evil = readFileSync(`${testdata}posix-system.pkl`);
    const r = await scan(P(safe, safe, new Uint8Array(evil)));
    assert.equal(r.pickles, 3);
    assert.deepEqual(names(r), ['dangerous:posix.system']);
  });

  it('stops quietly at trailing non-pickle bytes after a complete pickle', async () => {
    const r = await scan(P(0x80, 2, ']', '.', 0x00, 0x01, 0x02));
    assert.equal(r.inconclusive, undefined);
    assert.equal(r.trailingBytes, 3);
  });

  it('scans pickles nested in bytes handed to pickle.loads', async () => {
    const r = await scan(new Uint8Array(readFileSync(`${testdata}nested.pkl`)));
    const inner = r.globals.find((g) => g.name === 'system');
    assert.ok(inner, JSON.stringify(r.globals));
    assert.equal(inner.nestedDepth, 1);
    assert.deepEqual(names(r), ['dangerous:pickle.loads', 'dangerous:posix.system']);
  });

  it('follows torch.load(io.BytesIO(...)) nesting', async () => {
    const innerP = new Uint8Array(readFileSync(`${testdata}posix-system.pkl`));
    const b = P(
      0x80,
      4,
      sbu('torch'),
      sbu('load'),
      0x93,
      sbu('io'),
      sbu('BytesIO'),
      0x93,
      0x43,
      innerP.length,
      innerP,
      0x85,
      0x52,
      0x85,
      0x52,
      '.',
    );
    const r = await scan(b);
    assert.ok(r.globals.some((g) => g.qualified === 'os.system' && g.nestedDepth === 1));
  });

  it('treats dotted names that walk into a module as dangerous', async () => {
    const r = await scan(P(0x80, 4, sbu('pathlib'), sbu('os.system'), 0x93, '.'));
    assert.deepEqual(names(r), ['dangerous:pathlib.os.system']);
  });

  it('flags computed STACK_GLOBAL operands and writes to module attributes', async () => {
    const dyn = await scan(P(0x80, 4, sbu('builtins'), sbu('str'), 0x93, ')', 0x52, sbu('x'), 0x93, '.'));
    assert.ok(dyn.anomalies.some((a) => a.kind === 'dynamic-global'));
    const build = await scan(P(0x80, 4, sbu('torch'), sbu('_utils'), 0x93, '}', sbu('a'), sbu('b'), 's', 'b', '.'));
    assert.ok(build.anomalies.some((a) => a.kind === 'mutates-global'));
  });

  it('gives the same result when reading one tiny chunk at a time', async () => {
    const evil = new Uint8Array(readFileSync(`${testdata}nested.pkl`));
    const whole = await scan(evil);
    const chunked = await scan(evil, { chunkSize: 3 });
    assert.deepEqual(names(chunked), names(whole));
  });
});

describe('pickle limits and corrupt input are inconclusive, never safe', () => {
  it('truncated stream keeps what it saw', async () => {
    const b = readFileSync(`${testdata}posix-system.pkl`).subarray(0, 20);
    const r = await scan(new Uint8Array(b));
    assert.ok(r.inconclusive && !r.inconclusive.limit);
    assert.deepEqual(names(r), ['dangerous:posix.system']);
  });

  it('opcode limit', async () => {
    const b = P(0x80, 2, ']', ...Array.from({ length: 1000 }, () => 0x4e), '.');
    const r = await scan(b, { limits: { maxOpcodes: 100 } });
    assert.equal(r.inconclusive?.limit, true);
  });

  it('memo bomb', async () => {
    const b = P(0x80, 4, 0x4e, ...Array.from({ length: 5000 }, () => 0x94), '.');
    const r = await scan(b, { limits: { maxMemo: 1000 } });
    assert.match(r.inconclusive?.reason ?? '', /memo/);
  });

  it('deep MARK nesting', async () => {
    const b = P(0x80, 2, new Uint8Array(200_000).fill(0x28), '.');
    const r = await scan(b);
    assert.match(r.inconclusive?.reason ?? '', /MARK nesting/);
  });

  it('a 10 GB claimed BINBYTES8 length is a truncation, not an allocation', async () => {
    const len = [0x00, 0x00, 0x00, 0x80, 0x02, 0x00, 0x00, 0x00];
    const r = await scan(P(0x80, 4, 0x8e, ...len, 'abc'));
    assert.match(r.inconclusive?.reason ?? '', /truncated/);
  });

  it('unknown opcode and memo miss are corrupt', async () => {
    assert.match((await scan(P(0x80, 2, 0xff))).inconclusive?.reason ?? '', /unknown opcode/);
    assert.match((await scan(P(0x80, 2, 0x68, 7, '.'))).inconclusive?.reason ?? '', /memo key 7/);
  });

  it('nesting beyond the limit is inconclusive', async () => {
    let p: Uint8Array = new Uint8Array(readFileSync(`${testdata}posix-system.pkl`));
    for (let k = 0; k < 4; k++)
      p = P(
        0x80,
        4,
        sbu('pickle'),
        sbu('loads'),
        0x93,
        0x42,
        p.length & 0xff,
        (p.length >> 8) & 0xff,
        0,
        0,
        p,
        0x85,
        0x52,
        '.',
      );
    const r = await scan(p, { maxNestedDepth: 2 });
    assert.equal(r.inconclusive?.limit, true);
  });
});
