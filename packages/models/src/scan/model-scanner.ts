// Dispatches one file (or archive member, recursively) to the reader its content calls for, and
// collects what the readers report as findings, skipped entries and AI-BOM facts. Readers live
// beside this file: archives.ts (archives and compressed streams), formats.ts (model formats),
// json-configs.ts (Keras configs, tokenizer configs, chat templates). One place decides severity
// tiers: the rules do, through the rule id each finding names.
import {
  type DetectorContext,
  type DetectorOutput,
  describeError,
  emptyOutput,
  type FindingDraft,
  HEAD_BYTES,
  LimitError,
  ParseError,
  type Skipped,
} from '@rampart/core';
import { UnsupportedZipMethod } from '../archive/zip.js';
import { type ModelFormat, sniffFormat } from '../sniff.js';
import type { RangeSource } from '../util/ranges.js';
import { scanCompressed, scanSevenZip, scanTar, scanZip } from './archives.js';
import { scanGguf, scanHdf5, scanNumpy, scanOnnxTarget, scanPickleRange, scanSafetensors, scanTf } from './formats.js';
import { RULES } from './rule-ids.js';
import { MAX_ARCHIVE_DEPTH, MAX_FINDINGS } from './scan-limits.js';

export interface Target {
  src: RangeSource;
  size: number;
  /** Member path inside the scanned file, archives separated by "!"; undefined for the file itself. */
  member: string | undefined;
  depth: number;
  /** Format already known from the container (e.g. data.pkl in a torch zip). */
  format?: ModelFormat;
}

export interface Facts {
  format?: string;
  framework?: string;
  tensorCount?: number;
  parameterEstimate?: number;
  metadata?: Record<string, string | number | boolean>;
  /** Every global a pickle in the file imports (qualified), for the AI-BOM. */
  imports?: Set<string>;
}

/** The member path of `name` inside target `t` ("outer.zip!inner.pkl"). */
export function memberOf(t: Target, name: string): string {
  return `${t.member ? `${t.member}!` : ''}${name}`;
}

export class ModelScanner {
  readonly out: DetectorOutput = emptyOutput();
  readonly facts: Facts = {};
  readonly budget: { remaining: number };
  private inconclusiveSeen = false;

  constructor(
    readonly path: string,
    readonly ctx: DetectorContext,
    readonly detector: string,
  ) {
    this.budget = { remaining: ctx.limits.maxDecompressedBytes };
  }

  finding(
    ruleId: string,
    message: string,
    where: { member?: string | undefined; offset?: number | undefined },
    facts?: Record<string, unknown>,
    discriminator?: string,
  ): void {
    const d: FindingDraft = {
      ruleId,
      location: {
        path: this.path,
        ...(where.member ? { member: where.member } : {}),
        ...(where.offset !== undefined && where.offset >= 0 ? { offset: where.offset } : {}),
      },
      message,
      ...(facts ? { evidence: { facts } } : {}),
      ...(discriminator ? { discriminator } : {}),
    };
    if (this.out.findings.length < MAX_FINDINGS) this.out.findings.push(d);
  }

  /** A skipped entry for this file, attributed to this detector. */
  skip(reason: Skipped['reason'], detail: string): void {
    this.out.skipped.push({ path: this.path, reason, detail, detector: this.detector });
  }

  /** A limit or corrupt input: a medium finding (so CI gates notice) and an honest skipped entry. */
  inconclusive(reason: string, limit: boolean, member?: string, offset?: number): void {
    this.finding(
      RULES.inconclusive,
      `Model scan inconclusive: ${reason}`,
      { member, offset },
      { limit },
      `${member ?? ''}:${reason}`,
    );
    this.skip(limit ? 'limit-reached' : 'inconclusive', member ? `${member}: ${reason}` : reason);
    this.inconclusiveSeen = true;
  }

  get wasInconclusive(): boolean {
    return this.inconclusiveSeen;
  }

  /** Content that exists but cannot be read (encrypted, unsupported compression): never a pass. */
  unscannable(t: Target, why: string, reason: 'unsupported-format' | 'encrypted'): void {
    this.finding(
      RULES.unscannable,
      `Content cannot be scanned (${why}); it may hide a malicious model`,
      { member: t.member },
      { reason: why },
      `${t.member ?? ''}:${why}`,
    );
    this.skip(reason, t.member ? `${t.member}: ${why}` : why);
  }

  /** The first reader to name a fact wins (the outer file's format over a member's). */
  setFact<K extends keyof Facts>(k: K, v: Facts[K]): void {
    if (this.facts[k] === undefined) this.facts[k] = v;
  }

  /** Throws the limit that stops opening an archive nested too deep. */
  nestCheck(t: Target): void {
    if (t.depth >= MAX_ARCHIVE_DEPTH)
      throw new LimitError('maxDepth', `archives nested deeper than ${MAX_ARCHIVE_DEPTH}`);
  }

  async scan(t: Target): Promise<void> {
    if (this.ctx.signal.aborted) throw new LimitError('timeoutMs', `${this.path}: scan aborted`, { path: this.path });
    const head = await t.src.readRange(0, Math.min(t.size, HEAD_BYTES));
    const format = t.format ?? sniffFormat(head, t.size);
    if (!format) return;
    if (t.depth === 0) this.setFact('format', format);
    try {
      await this.scanFormat(t, format);
    } catch (e) {
      if (e instanceof LimitError) this.inconclusive(e.message, true, t.member);
      else if (e instanceof ParseError) this.inconclusive(e.message, false, t.member, e.offset);
      else if (e instanceof UnsupportedZipMethod) this.unscannable(t, e.message, 'unsupported-format');
      else {
        const d = describeError(e);
        this.out.errors.push({
          path: this.path,
          code: d.code,
          message: `${t.member ?? this.path}: ${d.message}`,
          detector: this.detector,
        });
        this.inconclusive(`internal error: ${d.message}`, false, t.member);
      }
    }
  }

  private async scanFormat(t: Target, format: ModelFormat): Promise<void> {
    switch (format) {
      case 'pickle':
      case 'torch-legacy':
        return scanPickleRange(this, t, 0, t.size);
      case 'zip':
        return scanZip(this, t);
      case 'tar':
        return scanTar(this, t);
      case 'gzip':
      case 'zlib':
        return scanCompressed(this, t, format);
      case '7z':
      case 'rar':
      case 'bzip2':
      case 'xz':
        return scanSevenZip(this, t, format);
      case 'numpy':
        return scanNumpy(this, t);
      case 'safetensors':
        return scanSafetensors(this, t);
      case 'gguf':
        return scanGguf(this, t);
      case 'hdf5':
        return scanHdf5(this, t);
      case 'onnx':
        return scanOnnxTarget(this, t);
      case 'tf-savedmodel':
        return scanTf(this, t);
    }
  }
}
