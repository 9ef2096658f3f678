// JSON configs and chat templates: a Keras config.json (Lambda layers, custom objects), a
// tokenizer_config.json's chat_template (one string or a list of named templates), and the checks
// on a template itself (server-side template injection, instructions smuggled into every chat).
import { LimitError, ParseError } from '@rampart/core';
import { checkChatTemplate } from '../formats/chat-template.js';
import { checkKerasConfig } from '../formats/keras-config.js';
import type { RangeSource } from '../util/ranges.js';
import type { ModelScanner } from './model-scanner.js';
import { RULES } from './rule-ids.js';
import { MAX_JSON_BYTES } from './scan-limits.js';

export function checkTemplate(
  s: ModelScanner,
  template: string,
  key: string,
  member: string | undefined,
  offset: number | undefined,
): void {
  const issues = checkChatTemplate(template);
  const ssti = issues.filter((i) => i.kind === 'ssti');
  const smuggled = issues.filter((i) => i.kind === 'smuggled-instruction');
  if (ssti.length > 0) {
    s.finding(
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
    s.finding(
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

async function readJson(s: ModelScanner, src: RangeSource, size: number, member: string | undefined): Promise<unknown> {
  if (size > MAX_JSON_BYTES) throw new LimitError('maxFileBytes', `JSON member of ${size} bytes`);
  const text = new TextDecoder('utf-8').decode(await src.readRange(0, size));
  try {
    return JSON.parse(text);
  } catch {
    throw new ParseError(`${member ?? s.path}: not valid JSON`);
  }
}

/** Findings for a parsed Keras model config (from config.json or an HDF5 model_config attribute). */
export function reportKeras(s: ModelScanner, config: unknown, member: string | undefined): void {
  for (const i of checkKerasConfig(config)) {
    const rule = i.kind === 'lambda' ? RULES.kerasLambda : RULES.kerasCustom;
    s.finding(
      rule,
      i.message,
      { member },
      { layer: i.layer, className: i.className, ...(i.module ? { module: i.module } : {}) },
      `${i.kind}:${i.layer}:${i.className}`,
    );
  }
}

export async function scanKerasJson(
  s: ModelScanner,
  src: RangeSource,
  size: number,
  member: string | undefined,
): Promise<void> {
  reportKeras(s, await readJson(s, src, size, member), member);
}

export async function scanTokenizerConfig(
  s: ModelScanner,
  src: RangeSource,
  size: number,
  member: string | undefined,
): Promise<void> {
  const cfg = await readJson(s, src, size, member);
  const tpl = (cfg as { chat_template?: unknown } | null)?.chat_template;
  if (typeof tpl === 'string') checkTemplate(s, tpl, 'chat_template', member, undefined);
  else if (Array.isArray(tpl))
    for (const x of tpl) {
      const v = (x as { template?: unknown; name?: unknown } | null)?.template;
      if (typeof v === 'string')
        checkTemplate(s, v, `chat_template.${String((x as { name?: unknown }).name)}`, member, undefined);
    }
}
