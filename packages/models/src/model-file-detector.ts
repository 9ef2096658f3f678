// The model-file detector: identifies model and archive formats by content, scans them without
// loading anything, flags extensions that lie about the content, and records each model file as an
// AI-BOM asset (sha256, format, framework, tensor count, parameter estimate).
import { createHash } from 'node:crypto';
import {
  type Asset,
  assetId,
  type Detector,
  type DetectorContext,
  type DetectorOutput,
  type FileInfo,
  type FileInput,
} from '@rampart/core';
import { checkTemplate, scanTokenizerConfig } from './scan/json-configs.js';
import { ModelScanner } from './scan/model-scanner.js';
import { RULES } from './scan/rule-ids.js';
import { lyingExtension, sniffFormat } from './sniff.js';

const CONTAINER_FORMATS: ReadonlySet<string> = new Set(['zip', 'tar', 'gzip', '7z', 'bzip2', 'xz', 'rar']);

export const MODEL_FILE_DETECTOR_ID = 'model-file';

/** Files above this size are not hashed by default (hashing reads every byte). Option: hashMaxBytes. */
export const DEFAULT_HASH_MAX_BYTES = 4 * 1024 * 1024 * 1024;

async function sha256(file: FileInput, signal: AbortSignal): Promise<string> {
  const h = createHash('sha256');
  const step = 4 * 1024 * 1024;
  for (let s = 0; s < file.size; s += step) {
    if (signal.aborted) throw new Error('aborted while hashing');
    h.update(await file.readRange(s, Math.min(file.size, s + step)));
  }
  return h.digest('hex');
}

function basename(p: string): string {
  return p.slice(p.lastIndexOf('/') + 1);
}

/** Chat templates also ship as plain files beside the weights (Hugging Face layout). */
const TEMPLATE_FILE = /(^|\/)(tokenizer_config\.json|chat_template\.jinja|chat_template\.json)$/;

function isTemplateFile(file: FileInfo): boolean {
  return file.isText && file.size <= 4 * 1024 * 1024 && TEMPLATE_FILE.test(file.path);
}

export const modelFileDetector: Detector = {
  id: MODEL_FILE_DETECTOR_ID,
  version: '1.0.0',
  description:
    'Scans model files (pickle, PyTorch, NumPy, joblib, Keras, TensorFlow, ONNX, GGUF, safetensors) and model archives by content, without loading them.',
  applies(file: FileInfo): boolean {
    return sniffFormat(file.head, file.size) !== undefined || isTemplateFile(file);
  },
  async analyze(file: FileInput, ctx: DetectorContext): Promise<Partial<DetectorOutput>> {
    const format = sniffFormat(file.head, file.size);
    if (format === undefined) {
      if (!isTemplateFile(file)) return {};
      const scanner = new ModelScanner(file.path, ctx, MODEL_FILE_DETECTOR_ID);
      if (file.path.endsWith('.jinja'))
        checkTemplate(scanner, await file.text(), 'chat_template', undefined, undefined);
      else await scanTokenizerConfig(scanner, file, file.size, undefined).catch(() => undefined);
      return { findings: scanner.out.findings };
    }
    const scanner = new ModelScanner(file.path, ctx, MODEL_FILE_DETECTOR_ID);
    if (file.size > ctx.limits.maxModelFileBytes) {
      scanner.inconclusive(
        `file of ${file.size} bytes exceeds the ${ctx.limits.maxModelFileBytes}-byte model limit`,
        true,
      );
    } else {
      await scanner.scan({ src: file, size: file.size, member: undefined, depth: 0 });
    }
    const lie = lyingExtension(file.path, format);
    if (lie !== undefined) {
      scanner.finding(
        RULES.mismatch,
        `File named .${lie} contains ${format} data: the extension hides what loading it does`,
        { offset: 0 },
        { extension: lie, content: format },
        'extension',
      );
    }
    const opts = (ctx.options[MODEL_FILE_DETECTOR_ID] ?? {}) as { hashMaxBytes?: number };
    const hashMax = typeof opts.hashMaxBytes === 'number' ? opts.hashMaxBytes : DEFAULT_HASH_MAX_BYTES;
    const f = scanner.facts;
    const properties: Asset['properties'] = {
      format: f.format ?? format,
      framework: f.framework ?? null,
      sizeBytes: file.size,
    };
    if (file.size <= hashMax) properties.sha256 = await sha256(file, ctx.signal);
    else properties.sha256 = null;
    if (f.tensorCount !== undefined) properties.tensorCount = f.tensorCount;
    if (f.parameterEstimate !== undefined) properties.parameterEstimate = f.parameterEstimate;
    if (f.metadata !== undefined) properties.metadata = f.metadata;
    if (f.imports !== undefined) properties.pickleImports = [...f.imports].sort().slice(0, 100);
    properties.scanVerdict =
      scanner.out.findings.length === 0 ? 'no-findings' : scanner.wasInconclusive ? 'inconclusive' : 'findings';
    // An archive with nothing model-like in it (a .docx, .vsdx, .jar…) is scanned but is not inventory.
    const containerOnly =
      CONTAINER_FORMATS.has(String(properties.format)) &&
      properties.framework === null &&
      f.imports === undefined &&
      f.tensorCount === undefined;
    if (containerOnly && scanner.out.findings.length === 0) return { ...scanner.out, assets: [] };
    const id = assetId('model', 'file', file.path);
    const asset: Asset = { id, kind: 'model', name: basename(file.path), locations: [{ path: file.path }], properties };
    for (const d of scanner.out.findings) d.assetId = id;
    return { ...scanner.out, assets: [asset] };
  },
};
