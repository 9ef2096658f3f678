// Checks a Jinja chat template (GGUF tokenizer.chat_template, tokenizer_config.json) for server-side
// template injection (attribute walks to __class__, __globals__, os...) and for instructions
// smuggled into every conversation. Regexes are linear: alternations of literals, bounded gaps.

export interface TemplateIssue {
  kind: 'ssti' | 'smuggled-instruction';
  /** Character index in the template. */
  index: number;
  evidence: string;
}

const SSTI: RegExp[] = [
  /__(class|globals|builtins|subclasses|mro|bases?|init|import|getattribute|getattr|dict|code|func|self|loader|spec|reduce|reduce_ex)__/g,
  /\\x5f\\x5f|\\u005f\\u005f|\\137\\137/gi,
  /\|\s{0,8}attr\s{0,8}\(/g,
  /\b(lipsum|cycler|joiner|url_for|get_flashed_messages)\b\s{0,8}\./g,
  /\b(os|subprocess|sys|builtins|importlib)\s{0,8}\.\s{0,8}(popen|system|exec\w{0,8}|spawn\w{0,8}|modules|import_module|check_output|run|call)\b/g,
  /\b(popen|__import__|import_module|eval|exec|compile|getattr|setattr)\s{0,8}\(/g,
  /\bmro\s{0,8}\(\s{0,8}\)/g,
  /\[\s{0,8}['"]_{1,2}['"]\s{0,8}(~|\+|\*)/g,
];

// Literal phrases that tell the model to act against the user, hidden in text every prompt carries.
const SMUGGLED =
  /\b(ignore (all |any )?(the )?(previous|prior|above|earlier|user'?s?) (instructions|messages|prompts?|rules)|disregard (all |any )?(previous|prior|the user)|do not (tell|reveal|mention|disclose)( this)? to the user|without (telling|informing|notifying) the user|never (tell|reveal|mention) (this|that)|secretly|exfiltrate|send (all|the|every) (data|conversation|messages?|credentials|secrets?|keys?)|include (this|the following) (link|url)|(visit|go to|fetch|curl|wget) https?:\/\/)/gi;
const URL = /https?:\/\/[^\s'"<>{}|\\^`]{1,200}/g;

/** Literal text the template emits: outside {% %} / {{ }} / {# #}, plus quoted strings inside expressions. */
function literalSegments(t: string): Array<{ text: string; index: number }> {
  const out: Array<{ text: string; index: number }> = [];
  let i = 0;
  while (i < t.length) {
    const open = t.indexOf('{', i);
    const next = open < 0 ? t.length : open;
    if (next > i) out.push({ text: t.slice(i, next), index: i });
    if (open < 0) break;
    const kind = t[open + 1];
    if (kind !== '%' && kind !== '{' && kind !== '#') {
      out.push({ text: '{', index: open });
      i = open + 1;
      continue;
    }
    const closeTok = kind === '{' ? '}}' : `${kind}}`;
    const close = t.indexOf(closeTok, open + 2);
    const end = close < 0 ? t.length : close + 2;
    if (kind !== '#') {
      const inner = t.slice(open + 2, close < 0 ? t.length : close);
      const q = /'([^'\\]{0,4000})'|"([^"\\]{0,4000})"/g;
      for (const m of inner.matchAll(q)) out.push({ text: m[1] ?? m[2] ?? '', index: open + 2 + (m.index ?? 0) });
    }
    i = end;
  }
  return out;
}

export function checkChatTemplate(template: string): TemplateIssue[] {
  const issues: TemplateIssue[] = [];
  const t = template.length > 1_000_000 ? template.slice(0, 1_000_000) : template;
  for (const re of SSTI) {
    for (const m of t.matchAll(re)) {
      issues.push({ kind: 'ssti', index: m.index ?? 0, evidence: excerpt(t, m.index ?? 0) });
      if (issues.length > 20) return issues;
    }
  }
  for (const seg of literalSegments(t)) {
    for (const re of [SMUGGLED, URL]) {
      for (const m of seg.text.matchAll(re)) {
        issues.push({
          kind: 'smuggled-instruction',
          index: seg.index + (m.index ?? 0),
          evidence: excerpt(seg.text, m.index ?? 0),
        });
        if (issues.length > 40) return issues;
      }
    }
  }
  return issues;
}

function excerpt(s: string, at: number): string {
  return s
    .slice(Math.max(0, at - 30), at + 90)
    .replace(/\s+/g, ' ')
    .trim();
}
