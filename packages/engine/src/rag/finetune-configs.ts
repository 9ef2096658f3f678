// Fine-tuning job configs (axolotl-style YAML: base_model + datasets): the model they produce, the
// base it is fine-tuned from and the datasets it is trained on, with sensitivity from their names.
import { type Asset, assetId, type Detector, ParseError, type Relation } from '@rampart/core';
import { parse } from 'yaml';
import { providerOfModel } from '../discovery/model-ids.js';
import { datasetId } from './rag-detector.js';
import { labelsFromName } from './sensitivity.js';

const looksLikeConfig = (head: string) => /^base_model\s*:/m.test(head) && /^datasets\s*:/m.test(head);

export const finetuneConfigDetector: Detector = {
  id: 'finetune-configs',
  version: '1',
  description: 'Fine-tuning job configurations (axolotl-style): base model, training datasets, output model',
  applies: (f) => f.isText && /\.ya?ml$/i.test(f.path) && looksLikeConfig(new TextDecoder().decode(f.head)),
  async analyze(file) {
    const text = await file.text();
    let cfg: Record<string, unknown>;
    try {
      cfg = (parse(text, { maxAliasCount: 100 }) ?? {}) as Record<string, unknown>;
    } catch (e) {
      throw new ParseError(`${file.path}: fine-tuning config does not parse: ${(e as Error).message.split('\n')[0]}`, {
        path: file.path,
      });
    }
    const base = typeof cfg.base_model === 'string' ? cfg.base_model : undefined;
    if (!base) return {};
    const outName =
      [cfg.hub_model_id, cfg.output_dir].find((x): x is string => typeof x === 'string') ??
      `${base} (fine-tuned by ${file.path})`;
    const loc = { path: file.path };
    const provider = providerOfModel(outName) ?? 'huggingface';
    const tuned: Asset = {
      id: assetId('model', provider, outName),
      kind: 'model',
      name: outName,
      provider,
      locations: [loc],
      properties: { fineTuned: true, adapter: String(cfg.adapter ?? 'full') },
    };
    const baseProvider = providerOfModel(base) ?? 'huggingface';
    const baseAsset: Asset = {
      id: assetId('model', baseProvider, base),
      kind: 'model',
      name: base,
      provider: baseProvider,
      locations: [loc],
      properties: {},
    };
    const assets: Asset[] = [tuned, baseAsset];
    const relations: Relation[] = [{ from: tuned.id, to: baseAsset.id, type: 'fine-tuned-from' }];
    for (const d of Array.isArray(cfg.datasets) ? cfg.datasets : []) {
      const p =
        typeof d === 'string'
          ? d
          : typeof (d as { path?: unknown })?.path === 'string'
            ? (d as { path: string }).path
            : undefined;
      if (!p) continue;
      const local = p.startsWith('.') || p.startsWith('/') || /\.(jsonl?|csv|parquet|tsv)$/i.test(p);
      const { id, name } = local ? datasetId(p, file.path) : { id: assetId('dataset', 'huggingface', p), name: p };
      assets.push({
        id,
        kind: 'dataset',
        name,
        locations: [loc],
        properties: {
          sourceType: local ? 'file' : 'hf-dataset',
          purpose: 'fine-tuning',
          dataSensitivity: labelsFromName(p),
        },
      });
      relations.push({ from: tuned.id, to: id, type: 'trained-on' });
    }
    return { assets, relations };
  },
};
