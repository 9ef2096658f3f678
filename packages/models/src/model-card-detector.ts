// Model cards: a Hugging Face style README.md (YAML front matter) or config.json next to model
// files. Emits a directory-level model asset with license, base model and datasets; the exported
// correlator copies those properties onto the model-file assets of the same directory.
import {
  type Asset,
  assetId,
  type Correlator,
  type Detector,
  type DetectorContext,
  type DetectorOutput,
  type FileInfo,
  type FileInput,
} from '@rampart/core';

export const MODEL_CARD_DETECTOR_ID = 'model-card';

const CARD_KEYS = [
  'license',
  'base_model',
  'datasets',
  'library_name',
  'pipeline_tag',
  'language',
  'model_name',
] as const;

function dirOf(p: string): string {
  const i = p.lastIndexOf('/');
  return i < 0 ? '.' : p.slice(0, i);
}

export function modelDirAssetId(dir: string): string {
  return assetId('model', 'dir', dir);
}

/** The small YAML subset model cards use: `key: value`, `key: [a, b]` and `key:` followed by `- item` lines. */
export function parseFrontMatter(text: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  if (!text.startsWith('---')) return out;
  const end = text.indexOf('\n---', 3);
  if (end < 0) return out;
  const lines = text.slice(3, end).split('\n').slice(0, 2000);
  let listKey: string | undefined;
  const clean = (s: string) => s.trim().replace(/^['"]|['"]$/g, '');
  for (const raw of lines) {
    const line = raw.replace(/\r$/, '');
    const item = /^\s{0,8}-\s{1,8}(.{1,300})$/.exec(line);
    if (item && listKey) {
      const cur = out[listKey];
      const arr = Array.isArray(cur) ? cur : [];
      if (arr.length < 50) arr.push(clean(item[1]!));
      out[listKey] = arr;
      continue;
    }
    const kv = /^([A-Za-z_][A-Za-z0-9_-]{0,60}):\s{0,8}(.{0,500})$/.exec(line);
    if (!kv) continue;
    const key = kv[1]!;
    const value = kv[2]!.trim();
    listKey = value === '' ? key : undefined;
    if (value.startsWith('[') && value.endsWith(']'))
      out[key] = value
        .slice(1, -1)
        .split(',')
        .map(clean)
        .filter((s) => s !== '')
        .slice(0, 50);
    else if (value !== '') out[key] = clean(value);
  }
  return out;
}

function isHfConfig(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && ('model_type' in v || 'architectures' in v || '_name_or_path' in v);
}

export const modelCardDetector: Detector = {
  id: MODEL_CARD_DETECTOR_ID,
  version: '1.0.0',
  description: 'Reads Hugging Face style model cards (README.md front matter, config.json) for AI-BOM provenance.',
  applies(file: FileInfo): boolean {
    const base = file.path.slice(file.path.lastIndexOf('/') + 1);
    if (!file.isText || file.size > 4 * 1024 * 1024) return false;
    if (/^readme\.md$/i.test(base)) return file.head[0] === 0x2d && file.head[1] === 0x2d && file.head[2] === 0x2d;
    return base === 'config.json' && file.head.includes(0x7b);
  },
  async analyze(file: FileInput, _ctx: DetectorContext): Promise<Partial<DetectorOutput>> {
    const text = await file.text();
    const props: Asset['properties'] = {};
    if (file.path.endsWith('.json')) {
      let cfg: unknown;
      try {
        cfg = JSON.parse(text);
      } catch {
        return {};
      }
      if (!isHfConfig(cfg)) return {};
      if (typeof cfg.model_type === 'string') props.modelType = cfg.model_type;
      if (Array.isArray(cfg.architectures))
        props.architectures = cfg.architectures.filter((a): a is string => typeof a === 'string').slice(0, 10);
      if (typeof cfg._name_or_path === 'string') props.nameOrPath = cfg._name_or_path;
      if (typeof cfg.torch_dtype === 'string') props.torchDtype = cfg.torch_dtype;
    } else {
      const fm = parseFrontMatter(text);
      for (const k of CARD_KEYS) if (fm[k] !== undefined) props[k === 'base_model' ? 'baseModel' : k] = fm[k]!;
      if (Object.keys(props).length === 0) return {};
    }
    const dir = dirOf(file.path);
    const asset: Asset = {
      id: modelDirAssetId(dir),
      kind: 'model',
      name: dir === '.' ? 'model' : dir.slice(dir.lastIndexOf('/') + 1),
      locations: [{ path: file.path }],
      properties: { ...props, directory: dir },
    };
    return { assets: [asset] };
  },
};

/** Copies model-card properties onto the model-file assets that sit in the same directory. */
export const modelCardCorrelator: Correlator = {
  id: 'model-card-provenance',
  version: '1.0.0',
  description: 'Attaches model-card metadata (license, base model, datasets) to model files in the same directory.',
  run(result) {
    const cards = new Map<string, Asset['properties']>();
    for (const a of result.assets)
      if (a.kind === 'model' && typeof a.properties.directory === 'string')
        cards.set(a.properties.directory, a.properties);
    const assets: Asset[] = [];
    for (const a of result.assets) {
      const loc = a.locations[0]?.path;
      if (a.kind !== 'model' || loc === undefined || a.properties.sha256 === undefined) continue;
      const card = cards.get(dirOf(loc));
      if (!card) continue;
      const { directory: _d, ...rest } = card;
      assets.push({ ...a, locations: [], properties: { ...rest, modelCard: modelDirAssetId(dirOf(loc)) } });
    }
    return { assets };
  },
};
