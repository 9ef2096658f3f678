// Phrase and structure layer for prompt injection and jailbreaks, in several languages. Runs on
// normalised text (lower case, accents folded). Each pattern has a weight: the probability-like
// evidence one hit gives. Gaps are bounded ([^\n]{0,N}) so every pattern is linear-time.
import { LiteralIndex } from './literal-index.js';

export interface PhrasePattern {
  id: string;
  type: 'prompt-injection' | 'jailbreak';
  weight: number;
  re: RegExp;
  /** When set, the pattern can only match if the text contains one of these. */
  hints?: string[];
  /**
   * When set, a match for which this returns true is not a hit and the search goes on (the
   * regex then carries the g flag). Past MAX_SKIPS skipped matches the next one counts: a limit
   * hit is never clean.
   */
  skip?: (match: string) => boolean;
}

const MAX_SKIPS = 32;

const G = '[^\\n]{0,40}?'; // short bounded gap inside one line
const W = '(?:[ \\t]+[^\\s]+){0,3}?[ \\t]+'; // up to three words between two key words
const W2 = '(?:[ \\t]+[^\\s]+){0,2}?[ \\t]+';

function p(
  id: string,
  type: PhrasePattern['type'],
  weight: number,
  src: string,
  explicit?: string[],
  skip?: (match: string) => boolean,
): PhrasePattern {
  const hints = explicit ?? leadingLiterals(src);
  // ASCII-only patterns run faster without the Unicode flag.
  const re = new RegExp(src, (/[^\x00-\x7f]/.test(src) ? 'u' : '') + (skip === undefined ? '' : 'g'));
  const pat: PhrasePattern = hints === undefined ? { id, type, weight, re } : { id, type, weight, re, hints };
  if (skip !== undefined) pat.skip = skip;
  return pat;
}

/**
 * Query keys of status badges (shields.io and the like: `?style=flat`, `?branch=main`,
 * `?logo=github`). A README shows dozens of these images; a query made only of such keys with
 * short plain values carries no data out, unlike `?q=…` or `?url=…` (a dynamic badge fetches its
 * url parameter). Found on whole real documents (docs/detector-eval.md, run 8).
 */
const BADGE_KEYS = new Set([
  'style',
  'logo',
  'logocolor',
  'label',
  'labelcolor',
  'color',
  'colora',
  'colorb',
  'branch',
  'maxage',
  'cacheseconds',
  'v',
  'event',
]);
const BADGE_VALUE = /^[a-z0-9_.%-]{0,40}$/i;
const IMAGE_QUERY = /\?([^\s)]*)$/;
/** True when an image URL's query is only badge styling (`md-image-query` skips those). */
export function badgeOnlyQuery(match: string): boolean {
  const q = IMAGE_QUERY.exec(match)?.[1];
  if (q === undefined || q === '') return false;
  const parts = q.split('&');
  if (parts.length > 8) return false;
  for (const kv of parts) {
    const eq = kv.indexOf('=');
    if (eq <= 0 || !BADGE_KEYS.has(kv.slice(0, eq).toLowerCase()) || !BADGE_VALUE.test(kv.slice(eq + 1))) return false;
  }
  return true;
}

/**
 * Literal words one of which must occur for the pattern to match: the alternatives of a leading
 * `\b(?:a|b|c)` group when they are plain text. `String.includes` over them is far cheaper
 * than running the regex on text that cannot match.
 */
function leadingLiterals(src: string): string[] | undefined {
  const m = /^(?:\\b)?\(\?:([^()]*)\)/.exec(src);
  if (m === null) return undefined;
  const alts = m[1]!.split('|');
  if (alts.some((a) => a === '' || !/^[\p{L}\p{N}' -]+$/u.test(a))) return undefined;
  return alts;
}

// "previous/above/prior … instructions/rules/prompt" as one reusable piece.
const PRIOR = '(?:previous|prior|above|earlier|preceding|former|original|initial|all|any|your|the|these|those|system)';
const RULES =
  '(?:instructions?|rules?|prompts?|directives?|guidelines?|constraints?|restrictions?|policies|programming)';
// Nouns that are instructions only sometimes ("disregard my previous message" is ordinary chat):
// weaker evidence, left to the classifier to confirm.
const SOFT_RULES = '(?:commands?|context|messages?|orders?)';

// Run 9: what follows the rule noun. "ignore the instructions on the shampoo bottle", "forget the
// rules of chess", "disregard my previous prompt about cakes": a qualifier names whose
// instructions they are, and an override attack does not (it names none, or "you"/"the system").
// Run 12 (NotInject-style proxy): a third party named after the noun counts too — "from my
// landlord", "that came with the printer", "my teacher gave". Each form starts with its own
// literal and alternates separators and words, so the pattern stays linear-time.
const OWNER = '(?:my|our|his|her|their|the|a|an)';
const QUALIFIER =
  '(?:[ \\t]+(?:(?:on|of|about|for|at|in)[ \\t]+[^\\s]+(?:[ \\t]+[^\\s]+)?' +
  `|from[ \\t]+${OWNER}[ \\t]+[^\\s]+` +
  `|(?:that|which)[ \\t]+came[ \\t]+with[ \\t]+${OWNER}[ \\t]+[^\\s]+` +
  '|(?:my|our|his|her|their)[ \\t]+[^\\s]+[ \\t]+(?:sent|gave|wrote|left|posted)))?';
// The qualifier at the end of a match, and the words that name whose instructions they are.
const QUALIFIER_TAIL =
  /[ \t](?:(?:on|of|about|for|at|in)[ \t]+([^\s]+(?:[ \t]+[^\s]+)?)|from[ \t]+((?:my|our|his|her|their|the|a|an)[ \t]+[^\s]+)|(?:that|which)[ \t]+came[ \t]+with[ \t]+((?:my|our|his|her|their|the|a|an)[ \t]+[^\s]+)|((?:my|our|his|her|their)[ \t]+[^\s]+)[ \t]+(?:sent|gave|wrote|left|posted))$/;
const OWN = /\b(?:my|our)\b/;
// Qualifier objects that keep the override reading: the model, its maker, the conversation, and
// what a jailbreak wants lifted ("ignore all previous instructions about safety").
const MODEL_WORDS =
  /\b(?:you|your|yours|me|us|system|prompts?|above|before|previous|prior|conversation|chat|session|ai|assistant|model|openai|anthropic|chatgpt|gpt|developers?|creators?|programming|training|safety|content|ethics|ethical|moral|morals|polic(?:y|ies)|filters?|filtering|censorship|restrictions?|limits?|limitations?|guidelines?|rules?|harm|harmful|legal|illegal)\b/;
/**
 * True when an "ignore … instructions" match is about someone's particular instructions, not the
 * model's: the user's own ("forget my earlier instructions about the word limit") or qualified
 * by a topic ("ignore the instructions on page 4", "forget the rules of chess"). Found on the
 * run-9 eval-only trigger-word list; such a match is weaker evidence (`ignore-specific`).
 */
export function specificInstructions(match: string): boolean {
  const q = QUALIFIER_TAIL.exec(match);
  const head = q === null ? match : match.slice(0, q.index);
  if (OWN.test(head)) return true;
  const owner = q === null ? undefined : (q[1] ?? q[2] ?? q[3] ?? q[4]);
  return owner !== undefined && !MODEL_WORDS.test(owner);
}

/**
 * True when a "reveal … password" match is about a password field, manager or reset, or the
 * user's own saved password ("the password I saved in Chrome"), not the secret the model guards.
 */
export function passwordThing(match: string): boolean {
  return /\bpasswords?[ \t]+(?:i|field|fields|manager|managers|reset|policy|policies|strength|hint|box|input|form|generator|requirements)$/.test(
    match,
  );
}

// "no restrictions on genre", "without any rules about rhyme": limits on a topic of the task, not
// on the model (run 9). What a jailbreak lifts limits on is the model or what it may say.
const TOPIC_QUALIFIER = '(?:[ \\t]+(?:on|about|regarding)[ \\t]+[^\\s]+(?:[ \\t]+[^\\s]+)?)?';
const SAYING_WORDS =
  /\b(?:what|anything|everything|all|any|output|outputs|answers?|responses?|replies|language|words|topics?|speech|[a-z]+ing)\b/;
/** True when a "no restrictions" match limits a topic of the task ("no restrictions on budget"). */
export function topicLimits(match: string): boolean {
  const q = /[ \t](?:on|about|regarding)[ \t]+([^\s]+(?:[ \t]+[^\s]+)?)$/.exec(match);
  return q !== null && !MODEL_WORDS.test(q[1]!) && !SAYING_WORDS.test(q[1]!);
}

const PRINT_VERB =
  '(?:print|reveal|show|repeat|output|display|leak|tell me|give me|write out|spell out|dump|share|disclose|recite)';

export const PHRASES: PhrasePattern[] = [
  // --- English: instruction override ---
  p(
    'ignore-previous',
    'prompt-injection',
    0.9,
    `\\b(?:ignore|disregard|forget|skip|bypass|override|overwrite|neglect|discard|drop)${W}${PRIOR}${W2}${RULES}\\b${QUALIFIER}`,
    undefined,
    specificInstructions,
  ),
  // The same words about particular or the user's own instructions (run 9): left to the classifier.
  p(
    'ignore-specific',
    'prompt-injection',
    0.45,
    `\\b(?:ignore|disregard|forget|skip|bypass|override|overwrite|neglect|discard|drop)${W}${PRIOR}${W2}${RULES}\\b${QUALIFIER}`,
    undefined,
    (m) => !specificInstructions(m),
  ),
  p(
    'ignore-previous-soft',
    'prompt-injection',
    0.45,
    `\\b(?:ignore|disregard|forget|skip|bypass|override|overwrite|neglect|discard|drop)${W}${PRIOR}${W2}${SOFT_RULES}\\b`,
  ),
  p(
    'new-instructions',
    'prompt-injection',
    0.6,
    `\\b(?:new|updated|real|actual|true|revised|following) (?:instructions?|task|directive|rules|orders)\\b${G}(?::|are|is|follow)`,
  ),
  p(
    'instead-do',
    'prompt-injection',
    0.45,
    `\\b(?:instead|rather)\\b${G}\\b(?:say|print|output|respond|reply|write|tell)\\b`,
  ),
  p(
    'stop-doing',
    'prompt-injection',
    0.5,
    `\\b(?:stop|cease)\\b${G}\\b(?:what you are doing|your current task|the task|summari[sz]ing|translating)\\b`,
  ),
  p(
    'do-not-follow',
    'prompt-injection',
    0.7,
    `\\b(?:do not|don't|never) (?:follow|obey|listen to|adhere to)\\b${G}\\b(?:${RULES}|${SOFT_RULES})\\b`,
  ),
  p(
    'print-prompt',
    'prompt-injection',
    0.85,
    `\\b${PRINT_VERB}\\b(?<!(?:\\bnever|\\bnot|n't|\\bnor) ${PRINT_VERB})${G}\\b(?:system prompt|initial prompt|original prompt|hidden prompt|instructions you (?:were|have been) given|your (?:instructions|prompt|rules|guidelines|system message)|pre-?prompt|the text above|everything above|words above|access code|passwords?(?:[ \\t]+[a-z]+)?|secret (?:key|code|word))`,
    // Negated ("never reveal your system prompt") is what system prompts say, not an attack.
    [
      'print',
      'reveal',
      'show',
      'repeat',
      'output',
      'display',
      'leak',
      'tell me',
      'give me',
      'write out',
      'spell out',
      'dump',
      'share',
      'disclose',
      'recite',
    ],
    passwordThing,
  ),
  p(
    'what-was-prompt',
    'prompt-injection',
    0.7,
    `\\bwhat (?:is|was|were) (?:your|the) (?:system prompt|initial instructions?|original instructions?|first instructions?|hidden instructions?)`,
    ['what '],
  ),
  p(
    'repeat-above',
    'prompt-injection',
    0.7,
    `\\b(?:repeat|rewrite|translate|summari[sz]e|output) (?:the |all )?(?:words|text|everything|instructions) (?:above|before|prior)`,
    ['repeat', 'rewrite', 'translate', 'summari', 'output'],
  ),
  p(
    'begin-with',
    'prompt-injection',
    0.45,
    `\\b(?:begin|start) (?:your (?:reply|response|answer)|with) (?:with )?["'\u201c]?(?:access granted|sure,? here|i have been pwned)`,
  ),
  p(
    'access-granted',
    'prompt-injection',
    0.55,
    `\\b(?:say|print|output|respond with|reply with|write)\\b${G}["'\u201c]?(?:access granted|i have been pwned|pwned|hacked)\\b`,
  ),
  p('you-are-now', 'jailbreak', 0.55, `\\byou are (?:now|no longer|going to (?:act|pretend)|about to immerse)\\b`, [
    'you are ',
  ]),
  p(
    'pretend-to-be',
    'jailbreak',
    0.4,
    `\\b(?:pretend|act as if|imagine) (?:you are|to be|you're)\\b${G}\\b(?:unrestricted|unfiltered|without (?:any )?(?:restrictions|limits|rules|filters|ethics)|evil|jailbroken|dan)\\b`,
  ),
  p(
    'dan',
    'jailbreak',
    0.8,
    `\\b(?:dan|do anything now|developer mode|dev mode|jailbreak(?:ed|ing)?|god mode|stan|dude mode|aim|evil confidant|anti-?gpt|betterdan)\\b${G}\\b(?:mode|enabled|prompt|persona|character|chatgpt|ai|model)\\b`,
    ['dan', 'do anything', 'mode', 'jailbreak', 'stan', 'dude', 'aim', 'evil', 'gpt'],
    // "what is a jailbreak prompt?" names the thing (run 9); a persona or mode is still a hit.
    (m) => /^jailbreak(?:ing)? prompts?$/.test(m),
  ),
  p(
    'no-restrictions',
    'jailbreak',
    0.6,
    `\\b(?:no|without|free (?:of|from)|not bound by|broken free of|freed from)\\b${G}\\b(?:restrictions|limitations|filters|censorship|guidelines|rules|ethical|moral|content polic(?:y|ies)|safety)\\b${TOPIC_QUALIFIER}`,
    ['no ', 'without', 'free ', 'not bound', 'broken free', 'freed'],
    topicLimits,
  ),
  p(
    'openai-policy',
    'jailbreak',
    0.5,
    `\\b(?:openai|anthropic|content|safety|usage)(?:'s)? (?:content )?polic(?:y|ies)\\b${G}\\b(?:ignore|don't apply|do not apply|no longer|bypass|violat)`,
  ),
  p(
    'stay-in-character',
    'jailbreak',
    0.5,
    `\\b(?:stay in character|remain in character|never break character|don't break character)\\b`,
  ),
  p(
    'two-responses',
    'jailbreak',
    0.45,
    `\\b(?:two|2) (?:different )?(?:responses|answers|paragraphs)\\b${G}\\b(?:normal|classic|filtered|jailbroken|unfiltered|developer)\\b`,
  ),
  p(
    'hypothetical-unethical',
    'jailbreak',
    0.35,
    `\\b(?:hypothetical|fictional) (?:scenario|world|story)\\b${G}\\b(?:no (?:laws|rules|ethics)|illegal|unethical)\\b`,
  ),
  p(
    'admin-override',
    'prompt-injection',
    0.5,
    `\\b(?:admin|administrator|developer|sudo|root|system|maintenance|debug|god) (?:mode|override|access|command|privileges?)\\b${G}\\b(?:enabled|activated|granted|on|unlocked)\\b`,
  ),
  p(
    'exfil-send',
    'prompt-injection',
    0.55,
    `\\b(?:send|forward|email|post|upload|exfiltrate|transmit|leak)\\b${G}\\b(?:conversation|chat history|user(?:'s)? (?:data|emails?|files|password|credentials)|api keys?|secrets?|credentials|passwords?|tokens?)\\b${G}\\b(?:to|at)\\b`,
  ),
  p(
    'tool-hijack',
    'prompt-injection',
    0.6,
    `\\b(?:call|invoke|use|run|execute)\\b${G}\\b(?:the )?(?:tool|function|plugin|command)\\b${G}\\b(?:delete|transfer|send_email|send|rm -rf|curl|wget|exec|shell|without (?:asking|confirmation|telling))(?![a-z])`,
  ),
  p(
    'ai-assistant-directive',
    'prompt-injection',
    0.55,
    `\\b(?:attention|note|important|message) (?:to|for) (?:the )?(?:ai|assistant|llm|language model|chatbot|agent|model)\\b`,
  ),
  p(
    'when-you-read',
    'prompt-injection',
    0.5,
    `\\b(?:if|when) (?:you are|you're) (?:an? )?(?:ai|llm|language model|assistant|agent)\\b${G}\\b(?:reading|processing|summari[sz]ing)?`,
  ),
  p(
    'do-not-tell-user',
    'prompt-injection',
    0.6,
    `\\b(?:do not|don't|never) (?:tell|inform|mention (?:this )?to|alert|notify|reveal (?:this )?to) (?:the )?user\\b`,
  ),
  // --- Spanish / Portuguese / French / Italian / German / Dutch / Polish / Turkish ---
  p(
    'es-ignora',
    'prompt-injection',
    0.85,
    `\\b(?:ignora|ignore|olvida|olvide|omite|descarta|ignorar)\\b${G}\\b(?:instrucciones|reglas|indicaciones|ordenes|instrucoes|regras)\\b`,
  ),
  p(
    'es-revela',
    'prompt-injection',
    0.75,
    `\\b(?:revela|muestra|mostra|repite|imprime|dime|revele)\\b${G}\\b(?:prompt del sistema|instrucciones (?:iniciales|originales|del sistema)|prompt do sistema|instrucoes (?:iniciais|originais|do sistema))`,
  ),
  p(
    'fr-ignore',
    'prompt-injection',
    0.85,
    `\\b(?:ignore[zr]?|oublie[zr]?|ne tiens pas compte)\\b (?:de |d')?(?:toutes |tous )?(?:les|tes|vos|ces|des|mes) ${G}\\b(?:instructions|regles|consignes|directives)\\b`,
    ['ignore', 'oublie', 'ne tiens'],
  ),
  p(
    'fr-revele',
    'prompt-injection',
    0.75,
    `\\b(?:revele[zr]?|affiche[zr]?|repete[zr]?|montre[zr]?|donne[zr]?-moi)\\b${G}\\b(?:prompt systeme|instructions (?:initiales|systeme|d'origine))`,
    ['revele', 'affiche', 'repete', 'montre', 'donne'],
  ),
  p(
    'it-ignora',
    'prompt-injection',
    0.85,
    `\\b(?:ignora|dimentica|trascura)\\b${G}\\b(?:istruzioni|regole|indicazioni)\\b`,
  ),
  p(
    'de-ignoriere',
    'prompt-injection',
    0.85,
    `\\b(?:ignoriere|ignorieren|vergiss|vergessen sie|missachte|missachten)\\b${G}\\b(?:anweisungen|regeln|anordnungen|vorgaben|instruktionen|befehle)\\b`,
  ),
  p(
    'de-zeige',
    'prompt-injection',
    0.75,
    `\\b(?:zeige|gib|wiederhole|verrate|nenne)\\b${G}\\b(?:systemprompt|system-prompt|systemanweisungen|anfangsanweisungen|urspr[u]nglichen anweisungen)`,
  ),
  p('nl-negeer', 'prompt-injection', 0.85, `\\b(?:negeer|vergeet)\\b${G}\\b(?:instructies|regels|aanwijzingen)\\b`),
  p(
    'pl-zignoruj',
    'prompt-injection',
    0.85,
    `\\b(?:zignoruj|ignoruj|zapomnij)\\b${G}\\b(?:instrukcje|polecenia|zasady|reguly)\\b`,
  ),
  p(
    'tr-yoksay',
    'prompt-injection',
    0.85,
    `\\b(?:yok say|gormezden gel|unut)\\b${G}\\b(?:talimatlari|kurallari|talimatlar)\\b|\\b(?:talimatlari|kurallari)\\b${G}\\b(?:yok say|gormezden gel|unut)`,
  ),
  p(
    'romance-no-restrictions',
    'jailbreak',
    0.5,
    `\\b(?:sin|sans|senza|ohne|sem|bez)\\b (?:ninguna |aucune |alcuna |jegliche |nenhuma )?(?:restricciones|restrictions|restrizioni|einschrankungen|restricoes|ograniczen|filtros|filtres|filtri|filter)\\b`,
  ),
  // --- Cyrillic, CJK, Arabic, Hindi, Korean, Japanese (no \\b for scripts without word spaces) ---
  p(
    'ru-ignore',
    'prompt-injection',
    0.85,
    `(?:игнорируй|игнорируйте|забудь|забудьте|проигнорируй|не обращай внимания на)[^\\n]{0,40}?(?:инструкци|правил|указани|команд)`,
  ),
  p(
    'ru-reveal',
    'prompt-injection',
    0.75,
    `(?:покажи|выведи|раскрой|повтори|напиши)[^\\n]{0,40}?(?:системн(?:ый|ые|ое) (?:промпт|инструкци|подсказк)|исходн(?:ые|ый) (?:инструкци|промпт))`,
  ),
  p('uk-ignore', 'prompt-injection', 0.85, `(?:ігноруй|ігноруйте|забудь)[^\\n]{0,40}?(?:інструкці|правил|вказівк)`),
  p(
    'zh-ignore',
    'prompt-injection',
    0.85,
    `(?:忽略|忽视|无视|忘记|忘掉|不要理会|不理会|無視|忽視|忘記)[^\\n]{0,20}?(?:指令|指示|说明|規則|规则|提示|命令|要求|設定|设定)`,
  ),
  p(
    'zh-reveal',
    'prompt-injection',
    0.75,
    `(?:显示|输出|告诉我|透露|重复|打印|泄露|顯示|輸出|告訴我)[^\\n]{0,20}?(?:系统提示|系統提示|初始指令|系统指令|系統指令|提示词|提示詞)`,
  ),
  p('zh-no-limits', 'jailbreak', 0.55, `(?:没有任何|不受任何|没有|無任何)[^\\n]{0,8}?(?:限制|约束|審查|审查|过滤)`),
  p(
    'ja-ignore',
    'prompt-injection',
    0.85,
    `(?:以前|前|上記|これまで|すべて|全て)?の?(?:指示|命令|ルール|指令|プロンプト)[^\\n]{0,12}?(?:を無視|を忘れ|に従わ)`,
  ),
  p(
    'ja-reveal',
    'prompt-injection',
    0.75,
    `(?:システムプロンプト|初期指示|システム指示)[^\\n]{0,15}?(?:を(?:表示|出力|教え|見せ|繰り返))`,
  ),
  p(
    'ko-ignore',
    'prompt-injection',
    0.85,
    `(?:이전|위의|모든|앞의)?[^\\n]{0,6}?(?:지시|지침|명령|규칙|지시사항)[^\\n]{0,10}?(?:을|를)?[^\\n]{0,4}?(?:무시|잊어)`,
  ),
  p(
    'ar-ignore',
    'prompt-injection',
    0.85,
    `(?:تجاهل|انس|اهمل|أهمل)[^\\n]{0,40}?(?:التعليمات|الأوامر|القواعد|التوجيهات|تعليمات)`,
  ),
  p(
    'hi-ignore',
    'prompt-injection',
    0.85,
    `(?:निर्देशों|निर्देश|नियमों|आदेशों)[^\\n]{0,40}?(?:को अनदेखा|को नजरअंदाज|भूल जाओ|भूल जाएं)|(?:अनदेखा करें|नजरअंदाज करें)[^\\n]{0,30}?(?:निर्देश|नियम)`,
    ['निर्देश', 'नियम', 'आदेश', 'अनदेखा', 'नजरअंदाज'],
  ),
];

/**
 * Structural markers: fake conversation turns and role delimiters, markdown/HTML exfiltration,
 * and tool-call JSON in places where only data is expected.
 */
export const STRUCTURES: PhrasePattern[] = [
  p(
    'fake-turn',
    'prompt-injection',
    0.7,
    `(?:^|\\n)[ \\t>#*]{0,6}(?:system|assistant|developer|###\\s?(?:system|instruction|assistant))[ \\t]{0,3}(?::|>|\\]|\\|)`,
    ['system', 'assistant', 'developer', '###'],
  ),
  p(
    'role-delimiter',
    'prompt-injection',
    0.85,
    `<\\|?(?:im_start|im_end|system|assistant|endoftext|start_header_id|end_header_id|eot_id|begin_of_text)\\|?>|\\[/?(?:inst|sys)\\]|<</?sys>>|<start_of_turn>|<end_of_turn>`,
    ['<', '['],
  ),
  p(
    'fake-system-tag',
    'prompt-injection',
    0.7,
    `<\\s{0,2}/?\\s{0,2}(?:system|system_prompt|sys|instructions?|admin|developer)(?:[ _-]{0,2}(?:message|prompt|override|note))?\\s{0,2}>`,
    ['<'],
  ),
  p(
    'end-of-context',
    'prompt-injection',
    0.6,
    `\\b(?:end of (?:document|context|user input|data|email|text)|---+ ?(?:end|new instructions|system))\\b`,
    ['end of', '---'],
  ),
  // Markdown/HTML images that carry a query string or a template slot: the zero-click exfiltration
  // channel. Character classes exclude the next delimiter, so there is one way to match.
  p(
    'md-image-query',
    'prompt-injection',
    0.4,
    `!\\[[^\\]\\n]{0,100}\\]\\(\\s{0,3}https?://[^\\s)?]{1,200}\\?[^\\s)]{1,400}`,
    ['!['],
    badgeOnlyQuery,
  ),
  p(
    'md-image-template',
    'prompt-injection',
    0.6,
    `!\\[[^\\]\\n]{0,100}\\]\\(\\s{0,3}https?://[^\\s){}$%<]{0,300}(?:\\{|\\$|%7b|<)`,
    ['!['],
  ),
  p(
    'html-img-query',
    'prompt-injection',
    0.4,
    `<img\\b[^>]{0,200}\\bsrc\\s{0,2}=\\s{0,2}["']?https?://[^"'>\\s?]{1,300}\\?`,
    ['<img'],
  ),
  p(
    'tool-call-json',
    'prompt-injection',
    0.5,
    `["'](?:tool_calls?|function_call|tool_use|tool_name|recipient_name)["']\\s{0,3}:`,
    ['tool_', 'function_call', 'recipient_name'],
  ),
  p('invoke-tag', 'prompt-injection', 0.6, `<(?:function_calls|invoke|tool_call|antml:invoke|use_tool)\\b`, ['<']),
];

export interface PhraseHit {
  pattern: PhrasePattern;
  index: number;
  length: number;
}

/** All phrase and structure hits in normalised text (first hit of each pattern). */
export function scanPhrases(text: string, set: readonly PhrasePattern[] = ALL_PATTERNS): PhraseHit[] {
  const hits: PhraseHit[] = [];
  const present =
    set === ALL_PATTERNS ? ALL_HINTS.present(text) : new LiteralIndex(set.flatMap((x) => x.hints ?? [])).present(text);
  for (const pat of set) {
    if (pat.hints !== undefined && !pat.hints.some((h) => present.has(h))) continue;
    if (pat.skip === undefined) {
      const m = pat.re.exec(text);
      if (m !== null) hits.push({ pattern: pat, index: m.index, length: m[0].length });
      continue;
    }
    pat.re.lastIndex = 0;
    for (let skipped = 0; ; skipped++) {
      const m = pat.re.exec(text);
      if (m === null) break;
      if (skipped < MAX_SKIPS && pat.skip(m[0])) continue;
      hits.push({ pattern: pat, index: m.index, length: m[0].length });
      break;
    }
  }
  return hits;
}

export const ALL_PATTERNS: readonly PhrasePattern[] = [...PHRASES, ...STRUCTURES];
const ALL_HINTS = new LiteralIndex(ALL_PATTERNS.flatMap((x) => x.hints ?? []));

/** Noisy-OR of hit weights, per detection type. */
export function combine(hits: readonly PhraseHit[], type: PhrasePattern['type']): number {
  let miss = 1;
  for (const h of hits) if (h.pattern.type === type) miss *= 1 - h.pattern.weight;
  return 1 - miss;
}
