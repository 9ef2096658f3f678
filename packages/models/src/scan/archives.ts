// Archives and compressed streams: zip (torch, Keras, npz), tar, gzip/zlib and what 7-Zip opens
// (7z, rar, bzip2, xz). Lists members, reports entries and links that escape the extraction root,
// decompression bombs and what cannot be opened, then hands each model-like member back to the
// scanner, one archive level deeper.
import { HEAD_BYTES, LimitError, ParseError } from '@rampart/core';
import { openWith7zip } from '../archive/seven-zip.js';
import { readTarEntries } from '../archive/tar.js';
import {
  DEFAULT_ZIP_LIMITS,
  escapesRoot,
  openZipMember,
  readZipDirectory,
  UnsupportedZipMethod,
  type ZipEntry,
} from '../archive/zip.js';
import { type ModelFormat, plausibleModelMember, sniffFormat } from '../sniff.js';
import { boundedInflate } from '../util/bounded-inflate.js';
import { memoryRange, sliceRange } from '../util/ranges.js';
import { scanKerasJson, scanTokenizerConfig } from './json-configs.js';
import { type ModelScanner, memberOf, type Target } from './model-scanner.js';
import { RULES } from './rule-ids.js';
import { MAX_SEVEN_ZIP_INPUT } from './scan-limits.js';

/** A member's format by content; members named like pickles are scanned as pickles regardless. */
function sniffMember(name: string, head: Uint8Array, size: number): ModelFormat | undefined {
  const format = sniffFormat(head, size);
  if (format === undefined && plausibleModelMember(name, head)) return 'pickle';
  return format;
}

/** Zip-slip: an entry name that would be written outside the extraction directory. */
function reportEscape(s: ModelScanner, name: string, member: string, offset: number | undefined, suffix = ''): void {
  if (!escapesRoot(name)) return;
  s.finding(
    RULES.traversal,
    `Archive entry "${name}" escapes the extraction directory${suffix}`,
    { member, offset },
    { entry: name },
    name,
  );
}

export async function scanCompressed(s: ModelScanner, t: Target, kind: 'gzip' | 'zlib'): Promise<void> {
  s.nestCheck(t);
  let data: Uint8Array;
  try {
    data = await boundedInflate(
      t.src,
      0,
      t.size,
      kind,
      {
        maxOutput: DEFAULT_ZIP_LIMITS.maxInflatedMember,
        maxRatio: s.ctx.limits.maxCompressionRatio,
        budget: s.budget,
      },
      `${kind} stream`,
    );
  } catch (e) {
    // A binary that merely starts like a zlib header: not a model, nothing to report.
    if (kind === 'zlib' && e instanceof ParseError) {
      s.skip('unsupported-format', `${t.member ?? ''} zlib-like header but not a zlib stream`);
      return;
    }
    throw e;
  }
  return s.scan({
    src: memoryRange(t.src.path, data),
    size: data.length,
    member: memberOf(t, kind === 'gzip' ? '<gunzip>' : '<zlib>'),
    depth: t.depth + 1,
  });
}

export async function scanZip(s: ModelScanner, t: Target): Promise<void> {
  s.nestCheck(t);
  const dir = await readZipDirectory(t.src, t.size);
  const names = dir.entries.map((e) => e.name);
  const torchRoot = names.find((n) => /^[^/]+\/data\.pkl$/.test(n))?.split('/')[0];
  const isKeras =
    names.includes('config.json') && (names.includes('metadata.json') || names.some((n) => n.endsWith('.weights.h5')));
  const isNpz = names.length > 0 && names.every((n) => n.endsWith('.npy'));
  const isTorchScript =
    torchRoot !== undefined &&
    names.some((n) => n.startsWith(`${torchRoot}/code/`) || n === `${torchRoot}/constants.pkl`);
  if (t.depth === 0)
    s.setFact(
      'framework',
      torchRoot !== undefined
        ? isTorchScript
          ? 'torchscript'
          : 'pytorch'
        : isKeras
          ? 'keras'
          : isNpz
            ? 'numpy'
            : undefined,
    );
  if (torchRoot !== undefined) s.facts.tensorCount = 0;
  for (const e of dir.entries) {
    const member = memberOf(t, e.name);
    reportEscape(s, e.name, member, e.localOffset, ' (zip-slip)');
    if (e.isDir) continue;
    // Raw tensor storages of a torch zip are bytes, not a format: sniffing them would only guess.
    if (torchRoot !== undefined && /\/data\/[^/]+$/.test(e.name) && !e.name.endsWith('.pkl')) continue;
    await scanZipEntry(s, t, e, member, isKeras);
  }
}

async function scanZipEntry(s: ModelScanner, t: Target, e: ZipEntry, member: string, isKeras: boolean): Promise<void> {
  const encrypted = (e.flags & 0x41) !== 0;
  let opened: Awaited<ReturnType<typeof openZipMember>>;
  try {
    opened = await openZipMember(t.src, t.size, e, s.budget, {
      ...DEFAULT_ZIP_LIMITS,
      maxRatio: s.ctx.limits.maxCompressionRatio,
    });
  } catch (err) {
    if (err instanceof LimitError && err.limit === 'maxCompressionRatio') {
      s.finding(
        RULES.bomb,
        `Archive member ${e.name} is a decompression bomb candidate: ${err.message}`,
        { member },
        { csize: e.csize, usize: e.usize },
        e.name,
      );
      s.skip('limit-reached', `${member}: ${err.message}`);
      return;
    }
    if (encrypted && err instanceof ParseError)
      return s.unscannable({ ...t, member }, 'encrypted zip member', 'encrypted');
    if (err instanceof UnsupportedZipMethod) return s.unscannable({ ...t, member }, err.message, 'unsupported-format');
    if (err instanceof LimitError) return s.inconclusive(err.message, true, member);
    if (err instanceof ParseError) return s.inconclusive(err.message, false, member);
    throw err;
  }
  if (opened.localName !== undefined) {
    s.finding(
      RULES.mismatch,
      `Zip entry named "${e.name}" in the directory but "${opened.localName}" in its local header`,
      { member, offset: e.localOffset },
      { central: e.name, local: opened.localName },
      `local:${e.name}`,
    );
  }
  const head = await opened.src.readRange(0, Math.min(opened.size, HEAD_BYTES));
  const format = sniffMember(e.name, head, opened.size);
  if (encrypted && format === undefined) return s.unscannable({ ...t, member }, 'encrypted zip member', 'encrypted');
  if (isKeras && e.name === 'config.json') return scanKerasJson(s, opened.src, opened.size, member);
  if (/(^|\/)tokenizer_config\.json$/.test(e.name)) return scanTokenizerConfig(s, opened.src, opened.size, member);
  if (format === undefined) return;
  await s.scan({ src: opened.src, size: opened.size, member, depth: t.depth + 1, format });
}

export async function scanSevenZip(s: ModelScanner, t: Target, format: ModelFormat): Promise<void> {
  s.nestCheck(t);
  let r: Awaited<ReturnType<typeof openWith7zip>>;
  try {
    r = await openWith7zip(t.src, t.size, {
      maxInput: MAX_SEVEN_ZIP_INPUT,
      maxOutput: DEFAULT_ZIP_LIMITS.maxInflatedMember,
      maxEntries: DEFAULT_ZIP_LIMITS.maxEntries,
      maxRatio: s.ctx.limits.maxCompressionRatio,
      budget: s.budget,
    });
  } catch (e) {
    if (e instanceof LimitError && e.limit === 'maxCompressionRatio') {
      s.finding(
        RULES.bomb,
        `${format} container is a decompression bomb candidate: ${e.message}`,
        { member: t.member },
        { format },
        `${t.member ?? ''}:bomb`,
      );
      s.skip('limit-reached', e.message);
      return;
    }
    if (e instanceof ParseError)
      return s.unscannable(t, `${format} container that 7-Zip cannot open`, 'unsupported-format');
    throw e;
  }
  const extracted = new Set(r.files.map((f) => f.name));
  for (const e of r.entries) {
    const member = memberOf(t, e.name);
    reportEscape(s, e.name, member, undefined);
    if (e.isDir) continue;
    if (e.encrypted) s.unscannable({ ...t, member }, `encrypted ${format} member`, 'encrypted');
    else if (!extracted.has(e.name.replace(/\\/g, '/')))
      s.inconclusive(`${format} member ${e.name} could not be extracted`, false, member);
  }
  for (const f of r.files) {
    const member = memberOf(t, f.name);
    const src = memoryRange(`${t.src.path}:${f.name}`, f.data);
    const inner = sniffMember(f.name, f.data.subarray(0, HEAD_BYTES), f.data.length);
    if (inner !== undefined) await s.scan({ src, size: f.data.length, member, depth: t.depth + 1, format: inner });
  }
}

export async function scanTar(s: ModelScanner, t: Target): Promise<void> {
  s.nestCheck(t);
  const entries = await readTarEntries(t.src, t.size);
  for (const e of entries) {
    const member = memberOf(t, e.name);
    reportEscape(s, e.name, member, e.headerOffset);
    if ((e.type === '1' || e.type === '2') && (escapesRoot(e.linkName) || e.linkName.startsWith('/'))) {
      s.finding(
        RULES.traversal,
        `Archive link "${e.name}" points outside the extraction directory (${e.linkName})`,
        { member, offset: e.headerOffset },
        { entry: e.name, link: e.linkName },
        `link:${e.name}`,
      );
    }
    if (e.type !== '0' && e.type !== '\u0000' && e.type !== '7') continue;
    const src = sliceRange(t.src, `${t.src.path}:${e.name}`, e.dataOffset, e.dataOffset + e.size);
    const head = await src.readRange(0, Math.min(e.size, HEAD_BYTES));
    const format = sniffMember(e.name, head, e.size);
    if (format !== undefined) await s.scan({ src, size: e.size, member, depth: t.depth + 1, format });
  }
}
