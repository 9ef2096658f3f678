import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { crc32, deflateRawSync } from 'node:zlib';
import { LimitError, ParseError } from '@rampart/core';
import { AdvisoryDb } from './advisory-db.js';
import { DEFAULT_IMPORT_LIMITS, importAdvisories } from './import.js';
import { AdvisoryStore, defaultStoreDir } from './store.js';

const OSV_DIR = fileURLToPath(new URL('testdata/osv', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'rampart-adv-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

/** A minimal zip writer (deflate) so the test needs no zip tool. */
function makeZip(entries: Array<[string, string]>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of entries) {
    const raw = Buffer.from(text);
    const data = deflateRawSync(raw);
    const fname = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc32(raw), 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(raw.length, 22);
    local.writeUInt16LE(fname.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc32(raw), 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(raw.length, 24);
    central.writeUInt16LE(fname.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, fname, data);
    centrals.push(central, fname);
    offset += 30 + fname.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

test('store location honours RAMPART_HOME', () => {
  assert.equal(defaultStoreDir({ RAMPART_HOME: '/x/home' }), join('/x/home', 'advisories'));
  assert.match(defaultStoreDir({}), /\.rampart[/\\]advisories$/);
});

test('import a directory of OSV .json/.yaml: PyPI and npm kept, others ignored, bad records reported', async () => {
  const store = join(tmp, 'dir-store');
  const report = await importAdvisories(OSV_DIR, store);
  assert.equal(report.read, 5);
  assert.equal(report.imported, 3);
  assert.equal(report.ignored, 1, 'the withdrawn record');
  assert.equal(report.errors.length, 1);
  assert.match(report.errors[0]!.path, /broken\.json$/);
  assert.deepEqual(report.meta.counts, { PyPI: 2, npm: 1 });

  const s = new AdvisoryStore(store);
  const torch = await s.lookup('PyPI', 'torch');
  assert.deepEqual(
    torch.map((a) => [a.id, a.severity]),
    [['TEST-2026-0001', 'high']],
  );
  assert.equal(torch[0]!.affected.length, 1, 'only the PyPI package is filed under torch');
  const lc = await s.lookup('PyPI', 'langchain');
  assert.equal(lc[0]!.summary, 'Synthetic PyPA-style YAML record.');
  assert.equal((await s.lookup('npm', 'openai'))[0]!.severity, 'medium');
  assert.deepEqual(await s.lookup('PyPI', 'openai'), [], 'withdrawn records are not imported');
});

test('import a .zip export, merging into an existing store; same id replaced', async () => {
  const store = join(tmp, 'zip-store');
  await importAdvisories(OSV_DIR, store);
  const zip = join(tmp, 'all.zip');
  const updated = {
    id: 'TEST-2026-0001',
    summary: 'Updated range.',
    affected: [
      {
        package: { ecosystem: 'PyPI', name: 'torch' },
        ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '2.3.0' }] }],
      },
    ],
  };
  const fresh = {
    id: 'TEST-2026-0100',
    affected: [{ package: { ecosystem: 'PyPI', name: 'vllm' }, versions: ['0.2.0'] }],
  };
  writeFileSync(
    zip,
    makeZip([
      ['TEST-2026-0001.json', JSON.stringify(updated)],
      ['TEST-2026-0100.json', JSON.stringify(fresh)],
      ['README.txt', 'not a record'],
    ]),
  );
  const report = await importAdvisories(zip, store);
  assert.equal(report.imported, 2);
  assert.deepEqual(report.meta.counts, { PyPI: 3, npm: 1 });
  const s = new AdvisoryStore(store);
  assert.equal((await s.lookup('PyPI', 'torch'))[0]!.summary, 'Updated range.');
  assert.equal((await s.lookup('PyPI', 'langchain')).length, 1, 'earlier records survive a merge');
  const replaced = await importAdvisories(zip, store, { replace: true });
  assert.deepEqual(replaced.meta.counts, { PyPI: 2, npm: 0 });
});

test('import limits: an oversized zip member is refused, the old store stays', async () => {
  const store = join(tmp, 'limit-store');
  await importAdvisories(OSV_DIR, store);
  const zip = join(tmp, 'bomb.zip');
  writeFileSync(zip, makeZip([['big.json', `{"id":"X","pad":"${'0'.repeat(1_000_000)}"}`]]));
  await assert.rejects(
    importAdvisories(zip, store, { limits: { ...DEFAULT_IMPORT_LIMITS, maxRecordBytes: 100_000 } }),
    LimitError,
  );
  assert.equal((await new AdvisoryStore(store).meta())?.counts.PyPI, 2);
});

test('a corrupt or truncated zip is a ParseError naming the file', async () => {
  const zip = join(tmp, 'truncated.zip');
  writeFileSync(zip, makeZip([['a.json', '{"id":"A"}']]).subarray(0, 40));
  await assert.rejects(importAdvisories(zip, join(tmp, 'bad-store')), (e: unknown) => {
    assert.ok(e instanceof ParseError);
    assert.match(e.message, /truncated\.zip: not a readable zip archive/);
    return true;
  });
});

test('AdvisoryDb: curated set plus store, store wins on the same id', async () => {
  const store = join(tmp, 'db-store');
  await importAdvisories(OSV_DIR, store);
  const db = new AdvisoryDb({ storeDir: store });
  const lc = await db.lookup('PyPI', 'LangChain');
  assert.ok(
    lc.some((a) => a.id === 'TEST-2026-0004'),
    'from the store',
  );
  assert.ok(
    lc.some((a) => a.id === 'PYSEC-2023-18'),
    'from the curated set',
  );
  const curatedOnly = new AdvisoryDb({ storeDir: false });
  assert.ok((await curatedOnly.lookup('PyPI', 'torch')).some((a) => a.id === 'GHSA-53q9-r3pm-6pq6'));
});
