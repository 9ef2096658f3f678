// Dispatches one file (or archive member, recursively) to the parser its content calls for, and
// turns parser reports into findings and skipped entries. One place decides severity tiers:
// the rules do, through the rule id each finding names.
import {
  type DetectorContext,
  type DetectorOutput,
  describeError,
  emptyOutput,
  type FindingDraft,
  HEAD_BYTES,
  LimitError,
  ParseError,
} from '@rampart/core';
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
import { checkChatTemplate } from '../formats/chat-template.js';
import { readGguf } from '../formats/gguf.js';
import { checkKerasConfig } from '../formats/keras-config.js';
import { readNpyHeader } from '../formats/numpy.js';
import { scanOnnx } from '../formats/onnx.js';
import { checkSafetensors } from '../formats/safetensors.js';
import { scanTfGraph } from '../formats/tf-graph.js';
import { scanPickle } from '../pickle/scan-pickle.js';
import { type ModelFormat, plausibleModelMember, sniffFormat } from '../sniff.js';
import { boundedInflate } from '../util/bounded-inflate.js';
import { memoryRange, type RangeSource, sliceRange } from '../util/ranges.js';
import { pickleFindings } from './pickle-findings.js';
import { RULES } from './rule-ids.js';

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

const MAX_ARCHIVE_DEPTH = 4;

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
    if (this.out.findings.length < 500) this.out.findings.push(d);
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
    this.out.skipped.push({
      path: this.path,
      reason: limit ? 'limit-reached' : 'inconclusive',
      detail: member ? `${member}: ${reason}` : reason,
      detector: this.detector,
    });
    this.inconclusiveSeen = true;
  }

  get wasInconclusive(): boolean {
    return this.inconclusiveSeen;
  }

  private setFact<K extends keyof Facts>(k: K, v: Facts[K]): void {
    if (this.facts[k] === undefined) this.facts[k] = v;
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

  private unscannable(t: Target, why: string, reason: 'unsupported-format' | 'encrypted'): void {
    this.finding(
      RULES.unscannable,
      `Content cannot be scanned (${why}); it may hide a malicious model`,
      { member: t.member },
      { reason: why },
      `${t.member ?? ''}:${why}`,
    );
    this.out.skipped.push({
      path: this.path,
      reason,
      detail: t.member ? `${t.member}: ${why}` : why,
      detector: this.detector,
    });
  }

  private async scanFormat(t: Target, format: ModelFormat): Promise<void> {
    switch (format) {
      case 'pickle':
      case 'torch-legacy':
        return this.scanPickleTarget(t, 0, t.size);
      case 'zip':
        return this.scanZip(t);
      case 'tar':
        return this.scanTar(t);
      case 'gzip': {
        this.nestCheck(t);
        const data = await boundedInflate(
          t.src,
          0,
          t.size,
          'gzip',
          {
            maxOutput: DEFAULT_ZIP_LIMITS.maxInflatedMember,
            maxRatio: this.ctx.limits.maxCompressionRatio,
            budget: this.budget,
          },
          'gzip stream',
        );
        return this.scan({
          src: memoryRange(t.src.path, data),
          size: data.length,
          member: `${t.member ? `${t.member}!` : ''}<gunzip>`,
          depth: t.depth + 1,
        });
      }
      case 'zlib': {
        this.nestCheck(t);
        let data: Uint8Array;
        try {
          data = await boundedInflate(
            t.src,
            0,
            t.size,
            'zlib',
            {
              maxOutput: DEFAULT_ZIP_LIMITS.maxInflatedMember,
              maxRatio: this.ctx.limits.maxCompressionRatio,
              budget: this.budget,
            },
            'zlib stream',
          );
        } catch (e) {
          // A binary that merely starts like a zlib header: not a model, nothing to report.
          if (e instanceof ParseError) {
            this.out.skipped.push({
              path: this.path,
              reason: 'unsupported-format',
              detail: `${t.member ?? ''} zlib-like header but not a zlib stream`,
              detector: this.detector,
            });
            return;
          }
          throw e;
        }
        return this.scan({
          src: memoryRange(t.src.path, data),
          size: data.length,
          member: `${t.member ? `${t.member}!` : ''}<zlib>`,
          depth: t.depth + 1,
        });
      }
      case '7z':
      case 'rar':
      case 'bzip2':
      case 'xz':
        return this.scanSevenZip(t, format);
      case 'numpy':
        return this.scanNumpy(t);
      case 'safetensors':
        return this.scanSafetensors(t);
      case 'gguf':
        return this.scanGguf(t);
      case 'hdf5':
        return this.scanHdf5(t);
      case 'onnx':
        return this.scanOnnxTarget(t);
      case 'tf-savedmodel':
        return this.scanTf(t);
    }
  }

  private nestCheck(t: Target): void {
    if (t.depth >= MAX_ARCHIVE_DEPTH)
      throw new LimitError('maxDepth', `archives nested deeper than ${MAX_ARCHIVE_DEPTH}`);
  }

  async scanPickleTarget(t: Target, start: number, end: number): Promise<void> {
    const depthLimit = Math.min(8, this.ctx.limits.maxDepth);
    const r = await scanPickle(t.src, start, end, { maxNestedDepth: depthLimit, signal: this.ctx.signal });
    this.facts.imports ??= new Set();
    for (const g of r.globals) if (this.facts.imports.size < 200) this.facts.imports.add(`${g.module}.${g.name}`);
    if (r.legacyTorch) this.setFact('framework', 'pytorch');
    else if (r.globals.some((g) => g.module.includes('joblib'))) this.setFact('framework', 'joblib');
    else if (r.globals.some((g) => g.module.startsWith('sklearn'))) this.setFact('framework', 'scikit-learn');
    else if (r.globals.some((g) => g.module.startsWith('torch'))) this.setFact('framework', 'pytorch');
    const tensors = r.globals
      .filter((g) => g.module.startsWith('torch') && g.name.startsWith('_rebuild_tensor'))
      .reduce((a, g) => a + g.count, 0);
    if (tensors > 0) this.facts.tensorCount = (this.facts.tensorCount ?? 0) + tensors;
    for (const f of pickleFindings(r, t.member))
      this.finding(f.ruleId, f.message, { member: t.member, offset: f.offset }, f.facts, f.discriminator);
    if (r.inconclusive) this.inconclusive(r.inconclusive.reason, r.inconclusive.limit, t.member, r.inconclusive.offset);
  }

  private async scanZip(t: Target): Promise<void> {
    this.nestCheck(t);
    const dir = await readZipDirectory(t.src, t.size);
    const names = dir.entries.map((e) => e.name);
    const torchRoot = names.find((n) => /^[^/]+\/data\.pkl$/.test(n))?.split('/')[0];
    const isKeras =
      names.includes('config.json') &&
      (names.includes('metadata.json') || names.some((n) => n.endsWith('.weights.h5')));
    const isNpz = names.length > 0 && names.every((n) => n.endsWith('.npy'));
    const isTorchScript =
      torchRoot !== undefined &&
      names.some((n) => n.startsWith(`${torchRoot}/code/`) || n === `${torchRoot}/constants.pkl`);
    if (t.depth === 0)
      this.setFact(
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
    if (torchRoot !== undefined) this.facts.tensorCount = 0;
    const prefix = t.member ? `${t.member}!` : '';
    for (const e of dir.entries) {
      const member = `${prefix}${e.name}`;
      if (escapesRoot(e.name)) {
        this.finding(
          RULES.traversal,
          `Archive entry "${e.name}" escapes the extraction directory (zip-slip)`,
          { member, offset: e.localOffset },
          { entry: e.name },
          e.name,
        );
      }
      if (e.isDir) continue;
      // Raw tensor storages of a torch zip are bytes, not a format: sniffing them would only guess.
      if (torchRoot !== undefined && /\/data\/[^/]+$/.test(e.name) && !e.name.endsWith('.pkl')) continue;
      await this.scanZipEntry(t, e, member, isKeras);
    }
  }

  private async scanZipEntry(t: Target, e: ZipEntry, member: string, isKeras: boolean): Promise<void> {
    const encrypted = (e.flags & 0x41) !== 0;
    let opened: Awaited<ReturnType<typeof openZipMember>>;
    try {
      opened = await openZipMember(t.src, t.size, e, this.budget, {
        ...DEFAULT_ZIP_LIMITS,
        maxRatio: this.ctx.limits.maxCompressionRatio,
      });
    } catch (err) {
      if (err instanceof LimitError && err.limit === 'maxCompressionRatio') {
        this.finding(
          RULES.bomb,
          `Archive member ${e.name} is a decompression bomb candidate: ${err.message}`,
          { member },
          { csize: e.csize, usize: e.usize },
          e.name,
        );
        this.out.skipped.push({
          path: this.path,
          reason: 'limit-reached',
          detail: `${member}: ${err.message}`,
          detector: this.detector,
        });
        return;
      }
      if (encrypted && err instanceof ParseError)
        return this.unscannable({ ...t, member }, 'encrypted zip member', 'encrypted');
      if (err instanceof UnsupportedZipMethod)
        return this.unscannable({ ...t, member }, err.message, 'unsupported-format');
      if (err instanceof LimitError) return this.inconclusive(err.message, true, member);
      if (err instanceof ParseError) return this.inconclusive(err.message, false, member);
      throw err;
    }
    if (opened.localName !== undefined) {
      this.finding(
        RULES.mismatch,
        `Zip entry named "${e.name}" in the directory but "${opened.localName}" in its local header`,
        { member, offset: e.localOffset },
        { central: e.name, local: opened.localName },
        `local:${e.name}`,
      );
    }
    const head = await opened.src.readRange(0, Math.min(opened.size, HEAD_BYTES));
    let format = sniffFormat(head, opened.size);
    if (format === undefined && plausibleModelMember(e.name, head)) format = 'pickle';
    if (encrypted && format === undefined)
      return this.unscannable({ ...t, member }, 'encrypted zip member', 'encrypted');
    if (isKeras && e.name === 'config.json') return this.scanKerasJson(opened.src, opened.size, member);
    if (/(^|\/)tokenizer_config\.json$/.test(e.name)) return this.scanTokenizerConfig(opened.src, opened.size, member);
    if (format === undefined) return;
    await this.scan({ src: opened.src, size: opened.size, member, depth: t.depth + 1, format });
  }

  private async scanSevenZip(t: Target, format: ModelFormat): Promise<void> {
    this.nestCheck(t);
    let r: Awaited<ReturnType<typeof openWith7zip>>;
    try {
      r = await openWith7zip(t.src, t.size, {
        maxInput: 256 * 1024 * 1024,
        maxOutput: DEFAULT_ZIP_LIMITS.maxInflatedMember,
        maxEntries: DEFAULT_ZIP_LIMITS.maxEntries,
        maxRatio: this.ctx.limits.maxCompressionRatio,
        budget: this.budget,
      });
    } catch (e) {
      if (e instanceof LimitError && e.limit === 'maxCompressionRatio') {
        this.finding(
          RULES.bomb,
          `${format} container is a decompression bomb candidate: ${e.message}`,
          { member: t.member },
          { format },
          `${t.member ?? ''}:bomb`,
        );
        this.out.skipped.push({ path: this.path, reason: 'limit-reached', detail: e.message, detector: this.detector });
        return;
      }
      if (e instanceof ParseError)
        return this.unscannable(t, `${format} container that 7-Zip cannot open`, 'unsupported-format');
      throw e;
    }
    const prefix = t.member ? `${t.member}!` : '';
    const extracted = new Set(r.files.map((f) => f.name));
    for (const e of r.entries) {
      const member = `${prefix}${e.name}`;
      if (escapesRoot(e.name))
        this.finding(
          RULES.traversal,
          `Archive entry "${e.name}" escapes the extraction directory`,
          { member },
          { entry: e.name },
          e.name,
        );
      if (e.isDir) continue;
      if (e.encrypted) this.unscannable({ ...t, member }, `encrypted ${format} member`, 'encrypted');
      else if (!extracted.has(e.name.replace(/\\/g, '/')))
        this.inconclusive(`${format} member ${e.name} could not be extracted`, false, member);
    }
    for (const f of r.files) {
      const member = `${prefix}${f.name}`;
      const src = memoryRange(`${t.src.path}:${f.name}`, f.data);
      let inner = sniffFormat(f.data.subarray(0, HEAD_BYTES), f.data.length);
      if (inner === undefined && plausibleModelMember(f.name, f.data)) inner = 'pickle';
      if (inner !== undefined) await this.scan({ src, size: f.data.length, member, depth: t.depth + 1, format: inner });
    }
  }

  private async scanTar(t: Target): Promise<void> {
    this.nestCheck(t);
    const entries = await readTarEntries(t.src, t.size);
    const prefix = t.member ? `${t.member}!` : '';
    for (const e of entries) {
      const member = `${prefix}${e.name}`;
      if (escapesRoot(e.name))
        this.finding(
          RULES.traversal,
          `Archive entry "${e.name}" escapes the extraction directory`,
          { member, offset: e.headerOffset },
          { entry: e.name },
          e.name,
        );
      if ((e.type === '1' || e.type === '2') && (escapesRoot(e.linkName) || e.linkName.startsWith('/'))) {
        this.finding(
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
      let format = sniffFormat(head, e.size);
      if (format === undefined && plausibleModelMember(e.name, head)) format = 'pickle';
      if (format !== undefined) await this.scan({ src, size: e.size, member, depth: t.depth + 1, format });
    }
  }

  private async scanNumpy(t: Target): Promise<void> {
    const h = await readNpyHeader(t.src, t.size);
    if (t.depth === 0) this.setFact('framework', 'numpy');
    if (h.problems.length > 0) return this.inconclusive(h.problems.join('; '), false, t.member);
    if (h.shape && !h.isObject) {
      this.facts.tensorCount = (this.facts.tensorCount ?? 0) + 1;
      this.facts.parameterEstimate = (this.facts.parameterEstimate ?? 0) + h.shape.reduce((a, d) => a * d, 1);
    }
    if (h.isObject) await this.scanPickleTarget(t, h.dataOffset, t.size);
  }

  private async scanSafetensors(t: Target): Promise<void> {
    const r = await checkSafetensors(t.src, t.size);
    if (t.depth === 0) {
      this.setFact('framework', 'safetensors');
      this.facts.tensorCount = r.tensorCount;
      this.facts.parameterEstimate = r.parameterEstimate;
      if (Object.keys(r.metadata).length > 0) this.facts.metadata = r.metadata;
    }
    if (r.problems.length > 0) {
      this.finding(
        RULES.safetensorsHeader,
        `Invalid safetensors header: ${r.problems.slice(0, 3).join('; ')}`,
        { member: t.member, offset: 0 },
        { problems: r.problems.slice(0, 10) },
        t.member ?? '',
      );
      if (r.limited) this.inconclusive(r.problems[0] ?? 'header limit', true, t.member);
    }
  }

  private async scanGguf(t: Target): Promise<void> {
    const r = await readGguf(t.src, t.size);
    if (t.depth === 0) {
      this.setFact('framework', 'gguf');
      this.facts.tensorCount = r.tensorCount;
      this.facts.parameterEstimate = r.parameterEstimate;
      this.facts.metadata = { ...r.metadata, ggufVersion: r.version };
    }
    for (const tpl of r.chatTemplates) this.checkTemplate(tpl.value, tpl.key, t.member, tpl.offset);
    if (r.problems.length > 0) this.inconclusive(`GGUF: ${r.problems.slice(0, 3).join('; ')}`, r.limited, t.member);
  }

  checkTemplate(template: string, key: string, member: string | undefined, offset: number | undefined): void {
    const issues = checkChatTemplate(template);
    const ssti = issues.filter((i) => i.kind === 'ssti');
    const smuggled = issues.filter((i) => i.kind === 'smuggled-instruction');
    if (ssti.length > 0) {
      this.finding(
        RULES.templateSsti,
        `Chat template ${key} contains server-side template injection constructs: ${ssti
          .slice(0, 3)
          .map((i) => JSON.stringify(i.evidence))
          .join(', ')}`,
        { member, offset },
        { key, matches: ssti.slice(0, 5).map((i) => i.evidence) },
        `ssti:${key}`,
      );
    }
    if (smuggled.length > 0) {
      this.finding(
        RULES.templateInstructions,
        `Chat template ${key} injects instructions or links into every conversation: ${smuggled
          .slice(0, 2)
          .map((i) => JSON.stringify(i.evidence))
          .join(', ')}`,
        { member, offset },
        { key, matches: smuggled.slice(0, 5).map((i) => i.evidence) },
        `smuggled:${key}`,
      );
    }
  }

  private async readJson(src: RangeSource, size: number, member: string | undefined): Promise<unknown> {
    if (size > 64 * 1024 * 1024) throw new LimitError('maxFileBytes', `JSON member of ${size} bytes`);
    const text = new TextDecoder('utf-8').decode(await src.readRange(0, size));
    try {
      return JSON.parse(text);
    } catch {
      throw new ParseError(`${member ?? this.path}: not valid JSON`);
    }
  }

  async scanKerasJson(src: RangeSource, size: number, member: string | undefined): Promise<void> {
    const config = await this.readJson(src, size, member);
    this.reportKeras(checkKerasConfig(config), member);
  }

  reportKeras(issues: ReturnType<typeof checkKerasConfig>, member: string | undefined): void {
    for (const i of issues) {
      const rule = i.kind === 'lambda' ? RULES.kerasLambda : RULES.kerasCustom;
      this.finding(
        rule,
        i.message,
        { member },
        { layer: i.layer, className: i.className, ...(i.module ? { module: i.module } : {}) },
        `${i.kind}:${i.layer}:${i.className}`,
      );
    }
  }

  async scanTokenizerConfig(src: RangeSource, size: number, member: string | undefined): Promise<void> {
    const cfg = await this.readJson(src, size, member);
    const tpl = (cfg as { chat_template?: unknown } | null)?.chat_template;
    if (typeof tpl === 'string') this.checkTemplate(tpl, 'chat_template', member, undefined);
    else if (Array.isArray(tpl))
      for (const x of tpl) {
        const v = (x as { template?: unknown; name?: unknown } | null)?.template;
        if (typeof v === 'string')
          this.checkTemplate(v, `chat_template.${String((x as { name?: unknown }).name)}`, member, undefined);
      }
  }

  private async scanHdf5(t: Target): Promise<void> {
    if (t.depth === 0) this.setFact('framework', 'keras');
    const { scanHdf5Keras } = await import('../formats/hdf5-keras.js');
    const r = await scanHdf5Keras(t.src, t.size);
    if (r.config !== undefined) this.reportKeras(checkKerasConfig(r.config), t.member);
    if (r.problem) this.inconclusive(`HDF5: ${r.problem}`, r.limited, t.member);
  }

  private async scanOnnxTarget(t: Target): Promise<void> {
    const r = await scanOnnx(t.src, t.size);
    if (t.depth === 0) {
      this.setFact('framework', 'onnx');
      this.facts.tensorCount = r.initializers;
      this.facts.parameterEstimate = r.parameterEstimate;
      if (r.producer) this.facts.metadata = { producer: r.producer };
    }
    for (const x of r.externalPaths) {
      this.finding(
        RULES.onnxExternal,
        `ONNX tensor ${x.tensor} loads external data from "${x.location}", outside the model directory`,
        { member: t.member, offset: x.offset },
        { tensor: x.tensor, location: x.location },
        `${x.tensor}:${x.location}`,
      );
    }
    for (const d of r.customDomains) {
      this.finding(
        RULES.onnxCustomOp,
        `ONNX graph uses operators from custom domain "${d.domain}" (${d.ops.slice(0, 5).join(', ')}), which need native code to run`,
        { member: t.member },
        { domain: d.domain, ops: d.ops.slice(0, 20) },
        d.domain,
      );
    }
    for (const m of r.sizeMismatches) {
      this.finding(
        RULES.onnxSize,
        `ONNX tensor ${m.tensor}: ${m.detail}`,
        { member: t.member, offset: m.offset },
        { tensor: m.tensor },
        m.tensor,
      );
    }
    if (r.problem) this.inconclusive(`ONNX: ${r.problem}`, r.limited, t.member);
  }

  private async scanTf(t: Target): Promise<void> {
    if (t.depth === 0) this.setFact('framework', 'tensorflow');
    const r = await scanTfGraph(t.src, t.size);
    for (const op of r.dangerousOps) {
      this.finding(
        RULES.tfOp,
        `TensorFlow graph uses op ${op.op} (node ${op.node}), which ${op.why}`,
        { member: t.member, offset: op.offset },
        { op: op.op, node: op.node },
        `${op.op}:${op.node}`,
      );
    }
    if (r.problem) this.inconclusive(`TensorFlow graph: ${r.problem}`, r.limited, t.member);
  }
}
