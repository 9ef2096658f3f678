// Detector: prompts in code. System prompts and prompt templates passed to LLM SDKs and
// frameworks (system= / instructions= / {"role": "system"} / SystemMessage / ChatPromptTemplate /
// PromptTemplate) and module-level *_PROMPT constants become `prompt` assets. Prompts that embed
// credentials or internal URLs are findings (OWASP LLM07: anything in a system prompt can leak).
import { createHash } from 'node:crypto';
import {
  type Asset,
  assetId,
  type Detector,
  type DetectorOutput,
  type FileInput,
  type FindingDraft,
  redactIn,
  redactSecret,
} from '@rampart/core';
import { findSecrets } from '@rampart/detectors';
import { type AnalyzedSource, type CallSite, entry, type Value } from '../lang/index.js';
import { codeApplies, fileRef, hintPattern, loadSource, type SourceRef } from './code-file.js';
import { isPrivateEndpoint } from './model-ids.js';
import { matchProvider } from './provider-match.js';
import { PROVIDER_HINTS } from './providers.js';

export const PROMPTS_DETECTOR_ID = 'code-prompts';
export const PROMPT_RULES = { secret: 'prompt-embedded-secret', internalUrl: 'prompt-internal-url' } as const;

const HINTS = hintPattern([...PROVIDER_HINTS, 'prompt', 'SystemMessage']);

/** Keyword args that carry a system prompt on LLM SDK and agent calls. */
const SYSTEM_KEYS = new Set([
  'system',
  'system_prompt',
  'systemPrompt',
  'system_message',
  'systemMessage',
  'system_instruction',
  'systemInstruction',
  'instructions',
  'preamble',
]);
const TEMPLATE_KEYS = ['template', 'prompt'];
/** Prompt classes of the frameworks, matched on the resolved callee's last segments. */
const PROMPT_CLASSES =
  /(?:^|\.)(SystemMessage|SystemMessagePromptTemplate(?:\.from_template|\.fromTemplate)?|ChatPromptTemplate\.(?:from_messages|fromMessages|from_template|fromTemplate)|PromptTemplate(?:\.from_template|\.fromTemplate)?|RichPromptTemplate|ChatMessage)$/;
const FRAMEWORK_ROOTS =
  /^(?:langchain|langchain_core|langchain_community|@langchain\/|llama_index|llamaindex|@llamaindex\/|haystack|semantic_kernel|dspy|autogen|crewai)/;
/** Module-level names that hold prompts. */
const PROMPT_NAME =
  /(?:^|_)(?:SYSTEM_)?(?:PROMPT|INSTRUCTIONS?)(?:S)?(?:_|$)|(?:^|[a-z])(?:System)?Prompt(?:Template)?$/;

const PASSWORD = /\b(?:password|passwd|pwd|passphrase)\b\s{0,3}(?:is|=|:)\s{0,3}["'`]?([^\s"'`]{6,64})/i;
const URL = /\bhttps?:\/\/[^\s"'`<>)\]}]{1,200}/gi;

interface PromptText {
  text: string;
  line: number;
  role: 'system' | 'template';
  name?: string;
}

const MIN_PROMPT = 12;

function promptOf(v: Value | undefined, role: PromptText['role'], name?: string): PromptText | undefined {
  if (!v) return undefined;
  if ((v.kind === 'string' || v.kind === 'template') && v.value.trim().length >= MIN_PROMPT && /\s/.test(v.value))
    return { text: v.value, line: v.line, role, ...(name ? { name } : {}) };
  return undefined;
}

/** {"role": "system", "content": ...} dicts and ("system", "...") tuples nested in a value. */
function systemMessagesIn(v: Value, out: PromptText[], depth = 0): void {
  if (depth > 16) return;
  if (v.kind === 'dict') {
    const role = entry(v, 'role');
    if (role?.kind === 'string' && (role.value === 'system' || role.value === 'developer')) {
      const p = promptOf(entry(v, 'content'), 'system');
      if (p) out.push(p);
    }
    for (const e of v.entries) systemMessagesIn(e.value, out, depth + 1);
  } else if (v.kind === 'list') {
    const [a, b] = v.items;
    if (v.items.length === 2 && a?.kind === 'string' && (a.value === 'system' || a.value === 'developer')) {
      const p = promptOf(b, 'system');
      if (p) out.push(p);
      return;
    }
    for (const i of v.items) systemMessagesIn(i, out, depth + 1);
  }
}

function promptsOfCall(call: CallSite, out: PromptText[]): void {
  const isLlm = matchProvider(call.callee) !== undefined;
  const framework = FRAMEWORK_ROOTS.test(call.callee);
  if (isLlm || framework || /agent|assistant/i.test(call.callee)) {
    for (const [k, v] of Object.entries(call.kwargs)) {
      if (SYSTEM_KEYS.has(k)) {
        const p = promptOf(v, 'system');
        if (p) out.push(p);
      }
    }
  }
  if (framework && PROMPT_CLASSES.test(call.callee)) {
    const system = /SystemMessage/.test(call.callee);
    const role = system ? 'system' : 'template';
    const first = call.args[0];
    const p =
      promptOf(first, role) ??
      promptOf(call.kwargs.content, role) ??
      TEMPLATE_KEYS.map((k) => promptOf(call.kwargs[k], role)).find(Boolean);
    if (p) out.push(p);
  }
  if (isLlm || framework) {
    for (const v of [...call.args, ...Object.values(call.kwargs)]) systemMessagesIn(v, out);
  }
}

function internalUrls(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(URL)) if (isPrivateEndpoint(m[0])) out.push(m[0]);
  return out;
}

export function findPrompts(model: AnalyzedSource, ref: SourceRef): Partial<DetectorOutput> {
  const found: PromptText[] = [];
  // Named constants first, so a prompt defined once and passed by name keeps its name.
  for (const a of model.assignments) {
    if (a.scope !== -1) continue;
    const name = a.target.split('.').pop() ?? a.target;
    if (PROMPT_NAME.test(name)) {
      const p = promptOf(a.value, /system/i.test(name) ? 'system' : 'template', name);
      if (p && p.text.length >= 40) found.push(p);
    }
    systemMessagesIn(a.value, found);
  }
  for (const call of model.calls) promptsOfCall(call, found);
  const assets = new Map<string, Asset>();
  const findings: FindingDraft[] = [];
  const seen = new Set<string>();
  for (const p of found) {
    const key = `${p.line}\u0000${p.text}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const hash = createHash('sha256').update(p.text).digest('hex').slice(0, 16);
    const id = assetId('prompt', hash);
    const secrets = findSecrets(p.text).map((s) => s.value);
    const pw = PASSWORD.exec(p.text)?.[1];
    const password =
      pw && !/^[{<$[%]|^(?:x+|\*+|\.+)$|your|example|changeme|placeholder|redacted/i.test(pw) ? pw : undefined;
    const hide = (t: string) => {
      const r = redactIn(t, secrets);
      return password ? r.split(password).join('[redacted password]') : r;
    };
    const preview = hide(p.text.slice(0, 160)).replace(/\s+/g, ' ').trim();
    const variables = [
      ...new Set([...p.text.matchAll(/\{\{?\s{0,2}([A-Za-z_][A-Za-z0-9_]{0,40})\s{0,2}\}\}?/g)].map((m) => m[1]!)),
    ];
    const prev = assets.get(id);
    const loc = ref.locate(p.line);
    if (prev) prev.locations.push(loc);
    else
      assets.set(id, {
        id,
        kind: 'prompt',
        name: p.name ?? `${p.role} prompt: ${preview.slice(0, 48)}`,
        locations: [loc],
        properties: {
          role: p.role,
          length: p.text.length,
          preview,
          ...(variables.length ? { variables: variables.slice(0, 20) } : {}),
        },
      });
    if (secrets.length > 0 || password) {
      const what = [...secrets.map(redactSecret), ...(password ? ['a password'] : [])].join(', ');
      findings.push({
        ruleId: PROMPT_RULES.secret,
        assetId: id,
        location: loc,
        message: `a ${p.role} prompt embeds a credential (${what})`,
        evidence: { snippet: preview.slice(0, 200) },
      });
    }
    const urls = internalUrls(p.text);
    if (urls.length > 0) {
      findings.push({
        ruleId: PROMPT_RULES.internalUrl,
        assetId: id,
        location: loc,
        message: `a ${p.role} prompt names internal endpoint(s): ${urls.slice(0, 3).map(hide).join(', ')}`,
        evidence: { facts: { urls: urls.slice(0, 5).map(hide) } },
      });
    }
  }
  return { assets: [...assets.values()], findings };
}

export const promptsDetector: Detector = {
  id: PROMPTS_DETECTOR_ID,
  version: '1',
  description:
    'System prompts and prompt templates in Python and JS/TS; flags prompts that embed credentials or internal URLs',
  applies: (file) => codeApplies(file, HINTS),
  async analyze(file: FileInput) {
    const out: Partial<DetectorOutput> = {};
    const model = await loadSource(file, HINTS, out, PROMPTS_DETECTOR_ID);
    if (!model) return out;
    return { ...out, ...findPrompts(model, fileRef(file.path)) };
  },
};
