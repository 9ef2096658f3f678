// `rampart advisories import PATH`: read a full OSV export — a directory of .json (or the .yaml
// of the PyPA advisory database), a single record, or the export's .zip — into the local store.
// Bounded: record size, entry count and total decompressed bytes; symlinks are not followed.
import { lstat, readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { LimitError, ParseError, RampartError, UsageError } from '@rampart/core';
import { parse as parseYaml } from 'yaml';
import yauzl from 'yauzl';
import { type Advisory, toAdvisory } from './osv.js';
import { AdvisoryStore, type StoreMeta, writeStore } from './store.js';

export interface ImportLimits {
  /** Largest single record (a PyPI record with a long `versions` list is ~100 KB). */
  maxRecordBytes: number;
  maxRecords: number;
  maxTotalBytes: number;
}

export const DEFAULT_IMPORT_LIMITS: ImportLimits = {
  maxRecordBytes: 16 * 1024 * 1024,
  maxRecords: 2_000_000,
  maxTotalBytes: 4 * 1024 * 1024 * 1024,
};

export interface ImportReport {
  store: string;
  meta: StoreMeta;
  read: number;
  imported: number;
  /** Withdrawn records and records for ecosystems other than PyPI and npm. */
  ignored: number;
  errors: Array<{ path: string; message: string }>;
}

const RECORD_FILE = /\.(json|ya?ml)$/i;

function parseRecord(text: string, name: string): unknown {
  try {
    return /\.ya?ml$/i.test(name) ? parseYaml(text, { maxAliasCount: 50 }) : JSON.parse(text);
  } catch (cause) {
    throw new ParseError(`${name}: ${cause instanceof Error ? cause.message.split('\n')[0] : String(cause)}`, {
      path: name,
      cause,
    });
  }
}

type Sink = (name: string, text: string) => void;

async function readDir(dir: string, sink: Sink, limits: ImportLimits, depth = 0): Promise<void> {
  if (depth > 16) throw new LimitError('maxDepth', `${dir}: directories nested deeper than 16`);
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) await readDir(p, sink, limits, depth + 1);
    else if (e.isFile() && RECORD_FILE.test(e.name)) {
      const st = await lstat(p);
      if (st.size > limits.maxRecordBytes)
        throw new LimitError('maxRecordBytes', `${p}: ${st.size} bytes is too large`);
      sink(p, await readFile(p, 'utf8'));
    }
  }
}

async function readZip(path: string, sink: Sink, limits: ImportLimits): Promise<void> {
  const zip = await yauzl.openPromise(path, { lazyEntries: true, validateEntrySizes: true, strictFileNames: false });
  let total = 0;
  try {
    for await (const entry of zip.eachEntry()) {
      if (entry.fileName.endsWith('/') || !RECORD_FILE.test(entry.fileName)) continue;
      if (entry.uncompressedSize > limits.maxRecordBytes) {
        throw new LimitError(
          'maxRecordBytes',
          `${path}!${entry.fileName}: ${entry.uncompressedSize} bytes is too large`,
        );
      }
      total += entry.uncompressedSize;
      if (total > limits.maxTotalBytes)
        throw new LimitError('maxTotalBytes', `${path}: decompresses past ${limits.maxTotalBytes} bytes`);
      const stream = await zip.openReadStreamPromise(entry);
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        size += chunk.length;
        // yauzl checks the declared size too; this guards against a lying header either way.
        if (size > limits.maxRecordBytes)
          throw new LimitError('maxRecordBytes', `${path}!${entry.fileName}: too large`);
        chunks.push(chunk);
      }
      sink(`${basename(path)}!${entry.fileName}`, Buffer.concat(chunks).toString('utf8'));
    }
  } finally {
    zip.close();
  }
}

/** Import an OSV export into the store at `storeDir`, merging with what is there (same id: replaced). */
export async function importAdvisories(
  source: string,
  storeDir: string,
  options: { replace?: boolean; limits?: ImportLimits } = {},
): Promise<ImportReport> {
  const limits = options.limits ?? DEFAULT_IMPORT_LIMITS;
  const st = await lstat(source).catch((cause: unknown) => {
    throw new UsageError(`advisories import: cannot read ${source}`, { cause });
  });
  const byId = new Map<string, Advisory>();
  const report: Omit<ImportReport, 'meta'> = { store: storeDir, read: 0, imported: 0, ignored: 0, errors: [] };
  const store = new AdvisoryStore(storeDir);
  if (options.replace !== true) {
    // The store files each advisory per package; put the pieces back together by id.
    for await (const adv of store.all()) {
      const prev = byId.get(adv.id);
      byId.set(adv.id, prev === undefined ? adv : { ...prev, affected: [...prev.affected, ...adv.affected] });
    }
  }
  const sink: Sink = (name, text) => {
    report.read++;
    if (report.read > limits.maxRecords)
      throw new LimitError('maxRecords', `${source}: more than ${limits.maxRecords} records`);
    try {
      const adv = toAdvisory(parseRecord(text, name), name);
      if (adv === undefined) report.ignored++;
      else {
        byId.set(adv.id, adv);
        report.imported++;
      }
    } catch (e) {
      if (report.errors.length < 100)
        report.errors.push({ path: name, message: e instanceof Error ? e.message : String(e) });
    }
  };
  if (st.isDirectory()) await readDir(source, sink, limits);
  else if (st.isFile() && /\.zip$/i.test(source)) {
    await readZip(source, sink, limits).catch((cause: unknown) => {
      if (cause instanceof RampartError) throw cause;
      const msg = cause instanceof Error ? cause.message : String(cause);
      throw new ParseError(`${source}: not a readable zip archive: ${msg}`, { path: source, cause });
    });
  } else if (st.isFile() && RECORD_FILE.test(source)) {
    if (st.size > limits.maxRecordBytes)
      throw new LimitError('maxRecordBytes', `${source}: ${st.size} bytes is too large`);
    sink(source, await readFile(source, 'utf8'));
  } else throw new UsageError(`advisories import: ${source} is not a directory, a .zip, or an OSV .json/.yaml file`);
  const prior = (await store.meta())?.sources ?? [];
  const sources = options.replace === true ? [source] : [...prior.filter((s) => s !== source), source];
  const meta = await writeStore(storeDir, byId.values(), sources);
  return { ...report, meta };
}
