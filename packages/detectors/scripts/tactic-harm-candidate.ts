// Run-11 candidate, NOT adopted (docs/detector-eval.md, run-11 tuning log): a tactic-and-harm
// structure check for user prompts. Kept as a script so the rejection can be reproduced
// (`rewrite-eval.ts --tactic-harm`); the detector does not use it. An adversarial rewrite
// wraps a harmful request in a tactic: a fictional or hypothetical frame, a character or persona,
// a research or novel pretext, a forced affirmative opening, refusal suppression, "legal where I
// live". Either part alone is ordinary (people write fiction; a plain harmful request is content
// safety, not injection, and stays unflagged); the two close together are the jailbreak. Reads
// the detector's normalised view (lower case). Every regex is a bounded alternation or has bounded
// gaps inside one line, and at most MAX_HITS matches of each part are looked at: linear time.

/** Tactic markers: the wrapper of an adversarial rewrite. */
const TACTIC = new RegExp(
  [
    // Fictional or hypothetical framing.
    '\\bhypothetical(?:ly)?\\b',
    '\\b(?:purely|entirely|strictly|just) (?:theoretical|fictional|in theory)\\b',
    '\\bthought experiment\\b',
    '\\b(?:fictional|imaginary|made-up|alternate|parallel) (?:world|universe|country|reality|history|setting|scenario)\\b',
    '\\bfor the sake of argument\\b',
    '\\bfor (?:purely )?(?:hypothetical|research|educational|academic|fictional) purposes\\b',
    "\\bimagine (?:you are|you're|that you are|yourself as|being) (?:an?|the)\\b",
    // Character or persona that answers anything.
    '\\b(?:role-?play|play the role|take on the (?:persona|role|identity)|assume the (?:identity|persona|role)|stay in character|in character)\\b',
    "\\b(?:never|doesn't|does not|won't|will not) (?:says? no|refuses?|turns? (?:anything|a question|anyone) down|holds? (?:anything )?back)\\b",
    "\\b(?:nothing is|nothing's) (?:forbidden|off limits|off-limits|taboo)\\b",
    // Research, novel, training pretexts ("for my thriller novel", "as part of a research paper").
    '\\bfor (?:my|a|an|our) (?:[a-z-]+ ){0,2}(?:novel|screenplay|script|research paper|thesis|dissertation|study|training|class|course|story)\\b',
    // Continued stories.
    '\\b(?:continue|finish|complete) (?:this|the|my) (?:story|chapter|paragraph|dialogue|scene|guide)\\b',
    // Forced affirmative opening.
    "\\b(?:begin|start|open)(?:s|ning)? (?:your |the )?(?:reply|response|answer)? ?(?:with|by (?:saying|writing|replying with))\\b[^\\n]{0,12}[\"'\\u201c\\u2018](?:sure|certainly|of course|absolutely|yes|happy to|great question|here is|here's)",
    '\\b(?:first (?:words|line|sentence)|response must begin|reply must start)\\b',
    // Refusal suppression.
    "\\b(?:do not|don't|never|without)(?: any)? (?:apologi[sz]e|apologi[sz]ing|refuse|refusing|lecture|lecturing|moraliz|moralis|warn(?:ing)?s?|disclaimers?|caveats?|mention(?:ing)? (?:ethics|morality|legality))\\b",
    '\\b(?:no|skip the) (?:warnings|disclaimers|caveats|moral (?:speech|lecture)|safety notes)\\b',
    "\\brefus(?:ing|al) (?:is not|isn't) an option\\b",
    // Ethical or legal justification.
    '\\b(?:legal|allowed|permitted) (?:where i live|in my (?:country|state|region|jurisdiction))\\b',
    '\\b(?:where i live|in my (?:country|state|region|jurisdiction))[^\\n]{0,30}\\b(?:legal|allowed|not a crime)\\b',
    '\\b(?:refusing|withholding)(?: me| information| this)?\\b[^\\n]{0,40}\\b(?:harm|paternalistic|unethical|failure)\\b',
  ].join('|'),
  'g',
);

/** Harmful-request vocabulary: what a jailbreak wants and a content filter would refuse. */
const HARM = new RegExp(
  [
    '\\b(?:bombs?|explosives?|detonat\\w*|napalm|thermite|molotov|anfo|nitroglycerin|black powder|dynamite)\\b',
    '\\b(?:nerve agent|sarin|vx|ricin|anthrax|toxic gas|chemical weapons?|bioweapons?)\\b',
    '\\b(?:poison(?:ing|s)?|overdose|lethal dose|untraceable|undetectable|undetected)\\b',
    '\\b(?:meth(?:amphetamine)?|crystal meth|fentanyl|heroin|cocaine|mdma|ghb|chloroform|opioids)\\b',
    "\\b(?:launder(?:ing)?|counterfeit|forgery|fake (?:id|ids|passport|licen[cs]e|doctor's note))\\b",
    '\\b(?:phishing|ransomware|malware|keylogger|botnet|ddos|spyware)\\b',
    '\\b(?:hack(?:ing)? into|break into|steal(?:ing)?|stolen|shoplift(?:ing)?|skimm(?:er|ing)|hotwire|pick (?:a|the) lock)\\b',
    '\\b(?:stalk(?:ing)?|harass(?:ing|ment)?|blackmail|extort(?:ion)?|dox(?:x)?(?:ing)?)\\b',
    '\\b(?:kill(?:ing)?|murder|dispose of (?:a|the) body|hurt (?:someone|people|them|him|her)|cut (?:myself|herself|himself))\\b',
    '\\b(?:guns?|firearms?|handguns?|rifles?|silencer|ghost gun|fully automatic)\\b',
    '\\b(?:without (?:getting|being) caught|without (?:them|her|him|anyone) (?:knowing|noticing))\\b',
    '\\b(?:extremist|manifesto|propaganda|slurs?|hate speech|terroris[mt]s?|racist|sexist|violence|violent)\\b',
    '\\b(?:evade taxes|tax evasion|identity theft|insurance fraud|scam (?:call|script))\\b',
  ].join('|'),
  'g',
);

/** At most this many matches of each part are compared (a long text cannot make it quadratic). */
const MAX_HITS = 16;
/** A tactic and a harmful request count together when they start within this many characters. */
const NEAR = 400;
/** Evidence of a tactic next to a harmful request (noisy-OR with the other layers). */
export const TACTIC_HARM_WEIGHT = 0.6;

export interface TacticHarm {
  score: number;
  tactic: string;
  harm: string;
  start: number;
  end: number;
}

function matches(re: RegExp, text: string): Array<{ at: number; s: string }> {
  const out: Array<{ at: number; s: string }> = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null && out.length < MAX_HITS; m = re.exec(text)) {
    out.push({ at: m.index, s: m[0] });
    if (m[0].length === 0) re.lastIndex++;
  }
  return out;
}

/** The first tactic marker with a harmful request near it, or undefined. */
export function scoreTacticHarm(text: string): TacticHarm | undefined {
  const tactics = matches(TACTIC, text);
  if (tactics.length === 0) return undefined;
  const harms = matches(HARM, text);
  for (const t of tactics)
    for (const h of harms)
      if (Math.abs(t.at - h.at) <= NEAR)
        return {
          score: TACTIC_HARM_WEIGHT,
          tactic: t.s,
          harm: h.s,
          start: Math.min(t.at, h.at),
          end: Math.max(t.at + t.s.length, h.at + h.s.length),
        };
  return undefined;
}
