// MCP-specific poisoning heuristics: weighted phrase signals over the normalised text of a tool.
// Written from the published attack write-ups (Invariant tool poisoning / shadowing, Cisco's
// threat categories), then extended from the misses on the dev half of Cisco's labelled tools (see
// docs/benchmarks/mcp.md). Every regex is linear: alternations of literals and bounded gaps
// `[^.\n]{0,N}` only, no nested quantifiers.
//
// Groups: `poisoning` and `shadowing` are instructions aimed at the model; `malicious` is a capability
// with no legitimate use (stealing, ransomware, disabling defences); `offensive` is dual-use
// offensive-security capability (reconnaissance of targets, credential access, remote execution,
// anti-forensics) that a red-team toolkit may legitimately offer but an agent's everyday toolset
// should not. Offensive hits never add to the poisoning score: they only raise the lower-severity
// mcp-tool-offensive-capability finding (with malicious hits, they add up to that finding too).

import { ATTACK_TECHNIQUE_SIGNALS } from './attack-technique-signals.js';
import { SENSITIVE_ACCESS_SIGNALS } from './sensitive-access-signals.js';

export type SignalGroup = 'poisoning' | 'shadowing' | 'malicious' | 'offensive';

export interface Signal {
  id: string;
  group: SignalGroup;
  /** 3 = enough alone; 2 = needs one more signal; 1 = weak corroboration; negative = mitigating context. */
  weight: -3 | -2 | 1 | 2 | 3;
  re: RegExp;
}

const G = '[^.\\n]{0,60}'; // bounded gap within one sentence
const S = '[^.\\n]{0,30}';

const sig = (id: string, group: SignalGroup, weight: Signal['weight'], src: string): Signal => ({
  id,
  group,
  weight,
  re: new RegExp(src, 'i'),
});

const BASE_SIGNALS: readonly Signal[] = [
  // Hidden instruction blocks and chat-template spoofing.
  sig(
    'instruction-tag',
    'poisoning',
    3,
    '<\\s*/?\\s*(?:important|system|instructions?|secret|hidden|admin|critical|note_to_(?:ai|assistant|model|llm)|ai_instructions?|assistant_instructions?|context|mandatory|priority)\\s*>',
  ),
  sig(
    'bracket-directive',
    'poisoning',
    3,
    '\\[\\s*(?:system|inst|important|admin|hidden instructions?)\\s*\\]|<\\|im_start\\|>|<\\|system\\|>|<<sys>>',
  ),
  sig(
    'html-comment-directive',
    'poisoning',
    3,
    `<!--${G}(?:ignore|instruction|assistant|\\bai\\b|model|must|do not|always|never)`,
  ),
  // Concealment from the user.
  sig(
    'conceal-from-user',
    'poisoning',
    3,
    `(?:do not|don't|dont|never|must not|should not|shouldn't|without)\\s+(?:ever\\s+)?(?:tell|telling|inform|informing|mention|mentioning|notify|notifying|alert|alerting|reveal|revealing|disclose|disclosing|show|showing|let)${S}\\b(?:the user|users?|the human|anyone|them)\\b`,
  ),
  sig(
    'user-must-not-know',
    'poisoning',
    3,
    `\\b(?:the )?user (?:must|should|will|does|need) not (?:know|see|notice|be told|be aware|be informed|find out)`,
  ),
  sig(
    'hide-this',
    'poisoning',
    3,
    `\\b(?:hide|conceal|keep)\\s+(?:this|it|these|that)${S}\\b(?:from (?:the )?user|secret|hidden)`,
  ),
  sig(
    'gentle-deception',
    'poisoning',
    2,
    `(?:could|might|may|will) (?:even )?(?:upset|scare|worry|alarm|confuse) the user|mere implementation detail|the user (?:doesn't|does not) need to know`,
  ),
  sig(
    'stealth-word',
    'poisoning',
    1,
    // "Invalid values are silently ignored" describes behaviour, not concealment.
    '\\b(?:silently|secretly|covertly|stealthily|discreetly|surreptitiously|quietly)\\b(?! (?:ignored|ignores|skipped|skips|dropped|drops|discarded|truncated|fails?|failing|returns?|continues|retries|falls? back|no-?ops?))',
  ),
  // Overriding the agent's instructions.
  sig(
    'ignore-instructions',
    'poisoning',
    3,
    `\\b(?:ignore|disregard|forget|override|bypass|supersede)s?\\s+(?:all\\s+|any\\s+)?(?:of\\s+)?(?:the\\s+|your\\s+|my\\s+)?(?:previous|prior|above|earlier|other|original|existing|system|safety|initial)?\\s*(?:instructions|rules|guidelines|directions|prompts?|constraints|restrictions|policies|directives)`,
  ),
  sig(
    'you-are-now',
    'poisoning',
    2,
    `\\byou are now\\b|\\bnew (?:system )?instructions?\\s*:|\\bfrom now on\\b|developer mode|\\bjailbreak|\\bdan mode`,
  ),
  sig('system-prompt', 'poisoning', 1, '\\bsystem prompt\\b'),
  sig(
    'directive-label',
    'poisoning',
    3,
    '\\[\\s*(?:system|role|admin|hidden|secret|ai|assistant|model)?\\s*(?:directive|instructions?|override|command)\\s*\\]|\\b(?:override|system|role|hidden|secret) directive\\b|\\binstruction override\\b',
  ),
  sig('act-as', 'poisoning', 2, '\\bact as\\b|\\bpretend (?:to be|you are)\\b'),
  sig(
    'unrestricted-access',
    'poisoning',
    2,
    '\\byou (?:have|now have|are granted) (?:unrestricted|full|unlimited|root|admin) (?:access|privileges|permissions)',
  ),
  sig(
    'skip-safety',
    'poisoning',
    2,
    `\\b(?:skip|skips|skipping|disable|disables|bypass|bypasses|ignore|ignores)\\s+(?:all\\s+)?(?:the\\s+)?(?:data\\s+|input\\s+|security\\s+)?(?:validation|sanitization|sanitisation|security checks?|safety checks?|verification|confirmation)|\\bwithout (?:any\\s+)?(?:security\\s+|safety\\s+)?(?:validation|sanitization|checks|confirmation|verification)\\b|\\btrust (?:all|any) (?:commands|input|requests|instructions)`,
  ),
  // Instructions to read credentials or other files.
  sig(
    'read-sensitive-file',
    'poisoning',
    3,
    `\\b(?:read|cat|open|load|include|attach|send|pass|provide|extract|collect|upload|copy|access|dump|get|fetch|grab|append|concatenate|concantate)\\b[^\\n]{0,60}(?:~\\/|\\$home|%userprofile%)?(?:\\.ssh(?!\\/config\\b)|\\.cursor\\/|id_rsa|id_ed25519|id_ecdsa|\\.aws\\/credentials|\\.env\\b|mcp\\.json|\\.npmrc|\\.netrc|\\.git-credentials|\\.pgpass|\\/etc\\/passwd|\\/etc\\/shadow|\\.bash_history|\\.zsh_history|\\.kube\\/config|\\.docker\\/config|credentials\\.json|wallet\\.dat|keychain|\\.gnupg|cookies\\.sqlite|login data)`,
  ),
  sig(
    'sensitive-path',
    'poisoning',
    2,
    '(?:~\\/\\.ssh|\\bid_rsa\\b|\\.aws\\/credentials|~\\/\\.cursor|\\bmcp\\.json\\b|\\/etc\\/shadow|\\.git-credentials|\\.bash_history|wallet\\.dat|\\.gnupg)',
  ),
  sig(
    'collect-credentials',
    'poisoning',
    2,
    `\\b(?:read|send|pass|include|collect|extract|upload|provide|share|dump|gather|forward)\\b${S}\\b(?:all\\s+)?(?:the\\s+)?(?:user'?s\\s+)?(?:api keys|secret keys|private keys?|ssh keys?|passwords|credentials|session tokens|auth tokens|access tokens|cookies|seed phrases?|environment variables)\\b`,
  ),
  sig(
    'content-as-param',
    'poisoning',
    3,
    `\\bpass\\s+(?:its|the|their|this|that|all)?\\s*(?:full\\s+)?(?:content|contents|text|output|data)${S}\\bas\\b`,
  ),
  sig(
    'precondition',
    'poisoning',
    2,
    `\\b(?:before|prior to)\\s+(?:using|calling|invoking|executing|running)\\s+(?:this|the|any)\\s+(?:tool|function)${S}\\b(?:you must|must|first|always|read|call)\\b|otherwise the tool (?:will not|won't|does not|doesn't|cannot) work`,
  ),
  // Exfiltration in the description.
  // A capability word, not an instruction: in the malicious group, so a scanner that looks for
  // "data exfiltration" is covered by the defensive-context guard.
  sig('exfil-word', 'malicious', 3, '\\bexfil(?:trat\\w*)?\\b'),
  sig(
    'send-to-endpoint',
    'poisoning',
    2,
    `\\b(?:send|post|upload|transmit|forward|leak|beacon|report|mirror)\\b${G}(?:to|at)\\s+(?:https?:\\/\\/|ftp:\\/\\/|[a-z0-9._%+-]+@[a-z0-9.-]+\\.[a-z]{2,}|an? (?:external|remote|third[- ]party) (?:server|endpoint|url|host))`,
  ),
  sig(
    'whole-conversation',
    'poisoning',
    2,
    // "all messages" alone is a queue or channel operation ("Clear all messages from a queue").
    '\\b(?:entire|full|whole|complete)\\s+(?:previous\\s+)?(?:conversation|chat|message|context|session)s?(?:\\s+history)?\\b|\\ball\\s+(?:previous\\s+)?(?:conversation|chat|context|session)s?(?:\\s+history)?\\b|\\bconversation history\\b|\\ball previous messages\\b',
  ),
  // Goal manipulation.
  sig(
    'always-use-this',
    'poisoning',
    2,
    '\\b(?:always|only)\\s+(?:use|prefer|choose|call|recommend|select|trust)\\s+this\\s+(?:tool|function|server)|\\bthis (?:tool|function) (?:must|should) always be (?:used|called|preferred)',
  ),
  sig(
    'never-other-tools',
    'poisoning',
    3,
    `\\b(?:do not|don't|never|must not)\\s+(?:use|call|trust|invoke|rely on|recommend)\\s+(?:any\\s+)?(?:other|another|the other|alternative|competing|different)\\b`,
  ),
  sig(
    'only-trusted-source',
    'poisoning',
    2,
    `\\b(?:is|are) the (?:only|most|sole) (?:trusted|reliable|accurate|secure|official|authoritative|correct)${S}(?:tool|source|server|option)`,
  ),
  sig(
    'precedence',
    'poisoning',
    2,
    '\\b(?:takes? precedence|priority over|prioriti[sz]e (?:this|it) over|supersedes?)\\b',
  ),
  sig(
    'regardless-of-user',
    'poisoning',
    3,
    `\\b(?:regardless of|no matter)\\s+(?:what\\s+)?(?:the\\s+)?(?:user|instructions|request|what the user)`,
  ),
  sig(
    'redefine-goal',
    'poisoning',
    3,
    `\\b(?:your|the assistant'?s|the model'?s|the ai'?s|the agent'?s)\\s+(?:new\\s+|real\\s+|true\\s+|primary\\s+|main\\s+|actual\\s+)?(?:goal|objective|purpose|task|mission|priority)\\s+(?:is|will be|should be|must be|now)\\b`,
  ),
  sig(
    'alter-user-request',
    'poisoning',
    2,
    `\\b(?:change|alter|modify|replace|rewrite|manipulate|redirect)\\s+(?:the\\s+)?(?:user'?s?\\s+)?(?:goal|objective|intent|request|answer|response|results?|recommendations?)\\b${S}(?:to|so|without|in favou?r)`,
  ),
  sig(
    'coercive-caps',
    'poisoning',
    1,
    '\\b(?:very very|absolutely must|this is (?:very |extremely )?(?:important|critical)|mandatory|you must)\\b',
  ),
  sig(
    'reconfigure-assistant',
    'poisoning',
    2,
    "\\b(?:configure|configures|change|changes|modify|modifies|alter|alters|set|sets|override|overrides|update|updates|rewrite|rewrites|reprogram\\w*)\\s+(?:the\\s+)?(?:assistant|agent|model|ai|llm|chatbot)(?:'s)?\\s+(?:\\w+\\s+)?(?:behaviou?r|instructions|persona|personality|rules|goals?|objectives?|system prompt|guidelines|policies)\\b",
  ),
  sig(
    'override-toggle',
    'poisoning',
    1,
    '\\b(?:apply overrides|override (?:instructions|rules|policy|policies|safety|security|validation)|bypass (?:validation|safety|security|checks|auth\\w*)|skip (?:validation|checks|safety|security|auth\\w*)|trust mode|simulate privilege|unsafe mode|god mode|no sandbox)\\b',
  ),
  // Shadowing: rules for other tools or servers.
  sig(
    'when-available',
    'shadowing',
    3,
    `\\b(?:when|whenever|if|while)\\s+this\\s+(?:tool|server|function)\\s+is\\s+(?:available|present|loaded|enabled|installed|connected)`,
  ),
  sig(
    'side-effect-on',
    'shadowing',
    3,
    '\\bside[- ]effects? on\\b|\\b(?:modif(?:y|ies)|chang(?:e|es)|alter(?:s)?|override(?:s)?) the behaviou?r of\\b',
  ),
  sig(
    'other-tool-must',
    'shadowing',
    2,
    `\\b(?:the|any|all|every|other)\\s+[a-z0-9_.-]{2,40}\\s+(?:tool|function)s?\\s+(?:must|should|shall|needs? to|has to|will have to)\\b`,
  ),
  sig(
    'all-tools-must',
    'shadowing',
    3,
    '\\b(?:all|any|every)\\s+(?:other\\s+)?tools?\\s+(?:must|should|shall)\\b|\\bwhen (?:using|calling|invoking) (?:any|other|another) (?:tool|function)',
  ),
  sig(
    'redirect-recipient',
    'shadowing',
    3,
    `\\b(?:send|forward|redirect|bcc|cc|route)\\s+(?:all\\s+|every\\s+)?(?:the\\s+)?(?:e-?mails?|messages?|payments?|transfers?|requests?)${S}\\bto\\s+[a-z0-9._%+-]+@[a-z0-9.-]+\\.[a-z]{2,}`,
  ),
  sig('mcp-tool-ref', 'shadowing', 2, '\\bmcp_tool_[a-z0-9_]+|\\bfunctions\\.[a-z0-9_]+\\b'),
  sig(
    'instead-of-other',
    'shadowing',
    2,
    `\\b(?:instead of|rather than)\\s+(?:using|calling)\\s+(?:the\\s+)?[a-z0-9_.-]{2,40}\\s+(?:tool|function|server)`,
  ),
  // Overtly malicious capability.
  sig(
    'steal',
    'malicious',
    3,
    '\\b(?:steal|stealing|steals|harvest(?:s|ing)? (?:credentials|passwords|tokens|data|emails|keys)|siphon|pilfer)',
  ),
  sig(
    'malware',
    'malicious',
    3,
    '\\b(?:keylog\\w*|backdoor\\w*|reverse shell|bind shell|rootkit|ransomware|cryptojack\\w*|crypto ?min(?:er|ing)|botnet|spyware|trojan|malware|command[- ]and[- ]control|c2 (?:server|channel)|mimikatz|lsass)\\b',
  ),
  sig(
    'disable-security',
    'malicious',
    3,
    `\\b(?:disable|disabling|bypass|bypassing|evade|evading|circumvent|turn off|kill|tamper with|neutrali[sz]e)\\s+${S}(?:antivirus|anti-virus|defender|edr|firewall|security (?:controls?|software|monitoring|checks?|features?|tools?|policies)|logging|audit(?:ing| logs?)|authentication|2fa|mfa|detection|sandbox|safeguards|guardrails|content filter)`,
  ),
  sig(
    'cover-tracks',
    'malicious',
    3,
    `\\b(?:delete|wipe|clear|erase|tamper with|remove|scrub)\\s+${S}(?:audit (?:logs?|trails?)|security logs?|event logs?|evidence|traces|tracks)\\b|\\bcover (?:your|the|their|its) tracks\\b|\\buntraceable\\b`,
  ),
  sig(
    'privilege-escalation',
    'malicious',
    3,
    '\\bprivilege escalation\\b|\\bprivesc\\b|\\bescalat(?:e|es|ing) (?:its |their |the )?privileges?\\b|\\bgain (?:root|admin(?:istrator)?) (?:access|privileges)',
  ),
  sig(
    'without-consent',
    'malicious',
    3,
    `\\bwithout (?:the\\s+)?(?:user'?s?\\s+|their\\s+|owner'?s?\\s+)?(?:explicit\\s+)?(?:consent|permission|authori[sz]ation|approval|knowledge|awareness)`,
  ),
  sig(
    'attack-technique',
    'malicious',
    3,
    '\\b(?:brute[- ]?forc\\w*|credential stuffing|password spraying|phishing|session hijack\\w*|man[- ]in[- ]the[- ]middle|ddos|denial[- ]of[- ]service|self[- ]?(?:replicat|propagat)\\w*|dox(?:x)?ing)\\b',
  ),
  sig('deception-technique', 'malicious', 2, '\\b(?:spoof(?:ing|s)?|impersonat\\w*|stalk\\w*)\\b'),
  sig(
    'arbitrary-exec',
    'malicious',
    2,
    `\\b(?:execut\\w*|run|runs|eval\\w*)\\s+${S}\\b(?:arbitrary|untrusted|unsanitized|unvalidated|remote)\\s+(?:\\w+\\s+)?(?:code|commands?|scripts?|payloads?|shell)`,
  ),
  sig(
    'surveillance',
    'malicious',
    2,
    `\\b(?:track\\w*|monitor\\w*|record\\w*|logs?|logged|logging|captur\\w*|intercept\\w*)\\s+${S}(?:keystrokes|webcam|microphone|browsing history|private messages|communications|clipboard)`,
  ),
  sig(
    'ransom',
    'malicious',
    3,
    `\\bencrypt\\w*\\s+${S}(?:files|disk|drive)${G}(?:ransom|payment|bitcoin|decrypt)|\\bransom\\b`,
  ),
  sig(
    'persistence',
    'malicious',
    3,
    `\\b(?:persist\\w*|install\\w*)\\s+${S}(?:on startup|at boot|in (?:the )?(?:crontab|registry run key|launch agents?|startup folder))`,
  ),
  sig(
    'fraud',
    'malicious',
    2,
    '\\b(?:launder\\w*|money mules?|insider trading|fraudulent\\w*|counterfeit|forged|pump[- ]and[- ]dump|manipulat\\w* (?:the )?(?:market|prices?|stocks?|reviews|votes))\\b',
  ),
  sig(
    'sell-data',
    'malicious',
    3,
    `\\b(?:sell|leak|leaks|leaking|share)\\s+${S}(?:personal|private|user|customer|sensitive)\\s+(?:data|information|records|details)\\b`,
  ),
  sig(
    'disguise',
    'malicious',
    2,
    '\\b(?:disguis\\w*|masquerad\\w*|posing as|pretend(?:s|ing)? to be|appears? (?:legitimate|harmless|benign))\\b',
  ),
  sig('malicious-word', 'malicious', 3, '\\b(?:malicious(?:ly)?|nefarious|unauthori[sz]ed access)\\b'),
  // An API's request or response body is called its payload too.
  sig(
    'payload-word',
    'malicious',
    1,
    '(?<!\\b(?:response|request|json|webhook|event|message|api|http|xml|post|body|lambda|invocation|notification) )\\bpayloads?\\b',
  ),
  sig(
    'offensive-technique',
    'malicious',
    3,
    '\\b(?:shellcode|process hollowing|dll (?:search order )?hijack\\w*|com (?:object )?hijack\\w*|apc injection|code injection|pass[- ]the[- ](?:hash|ticket)|silver ticket|golden ticket|kerberoast\\w*|credential dump\\w*|hash dump\\w*|fork bomb|sandbox escape|container escape|steganograph\\w*|covert channel|alternate data streams?|rootkit|bootkit|dropper|webshell|web shell|hashcat|metasploit|meterpreter|cobalt strike|evilginx|lolbins?)\\b',
  ),
  sig(
    'attack-noun',
    'malicious',
    3,
    '\\b(?:injection|deserialization|race[- ]condition|symlink|dictionary|brute[- ]force|relay|replay|downgrade|side[- ]channel|poisoning|spoofing|phishing|smuggling|traversal|confusion|timing|collision) attacks?\\b|\\battack (?:on|against)\\b|\\b(?:exploit|exploits|exploiting) (?:a |the )?(?:\\w+ )?(?:vulnerabilit\\w*|flaw|bug|misconfiguration|weakness)',
  ),
  sig(
    'bypass-control',
    'malicious',
    3,
    `\\bbypass(?:es|ing)?\\s+${S}(?:amsi|uac|applocker|apparmor|selinux|whitelisting|allowlist\\w*|integrity|restrictions|protections?|security|hooks|filters?|scanning|edr|antivirus|sandbox|rate limit\\w*|captcha|licen[cs]e|paywall|access controls?|(?:file )?permissions|acls?)`,
  ),
  sig(
    'escape-jail',
    'malicious',
    3,
    '\\bescape (?:the |a |from )?(?:chroot|container|sandbox|jail|vm|virtual machine|hypervisor)',
  ),
  sig(
    'crack-forge',
    'malicious',
    3,
    '\\bcrack\\w*\\s+(?:the\\s+|a\\s+)?(?:password|hash|wpa|wep|encryption|licen[cs]e|pin)\\w*|\\b(?:forge|forges|forging|forged)\\s+(?:a\\s+|an\\s+|the\\s+)?(?:\\w+\\s+)?(?:token|ticket|saml|jwt|signature|certificate|cookie|session|request|identity)s?\\b|\\bdump\\w*\\s+(?:the\\s+)?(?:credentials|hashes|lsass|sam|passwords?|process memory|keychain)',
  ),
  sig(
    'hide-data',
    'malicious',
    3,
    '\\bhid(?:e|es|ing)\\s+(?:the\\s+)?(?:data|payloads?|content|files?|processes|malware|code|commands?|messages?)\\s+in\\b|\\b(?:inject|injects|injecting|insert|embed|embeds|plant)\\s+(?:a\\s+)?(?:malicious|backdoor\\w*|shellcode|payloads?|hidden)\\b',
  ),
  sig(
    'hijack',
    'malicious',
    3,
    '\\bhijack\\w*\\b|\\b(?:stolen|compromised)\\s+(?:data|credentials|accounts?|smtp|hosts?|servers?|machines?|tokens?)\\b',
  ),
  sig(
    'exhaust-resources',
    'malicious',
    3,
    '\\bexhaust\\w*\\s+(?:the\\s+|all\\s+)?(?:\\w+\\s+)?(?:memory|inodes|disk|cpu|process table|resources|connections|file descriptors|quota)',
  ),
  // Dual-use offensive-security capability (group `offensive`): a pentest toolkit offers these
  // legitimately; an agent that can call them can attack third parties. Reported apart, at lower
  // severity, and dropped by the defensive-context guard like the malicious group.
  sig(
    'offensive-phase',
    'offensive',
    3,
    '\\b(?:recon|reconnaissance|lateral movement|post[- ]exploitation|red[- ]team(?:ing)? (?:tool|operation|engagement)s?|(?:google |github )?dork(?:s|ing)?|wardriv\\w*)\\b',
  ),
  // Tools made for attacking (named alone is enough) and dual-use scanners (need corroboration).
  sig(
    'offensive-tool',
    'offensive',
    3,
    '\\b(?:bloodhound|sharphound|impacket|crackmapexec|netexec|rubeus|kerbrute|john the ripper|bettercap|aircrack(?:-ng)?|wifite|hcxdumptool|lazagne|secretsdump|powersploit|nishang|theharvester|responder\\.py|wmiexec|smbexec|evil-winrm|certipy|petitpotam|coercer|mitm6|ntlmrelayx|pypykatz|gpp-decrypt)\\b',
  ),
  sig(
    'scanner-tool',
    'offensive',
    2,
    '\\b(?:nmap|masscan|zmap|gobuster|dirbuster|dirb|ffuf|wfuzz|sqlmap|nikto|wpscan|shodan|censys|amass|subfinder|psexec)\\b',
  ),
  sig(
    'wireless-attack',
    'offensive',
    3,
    '\\b(?:pmkid|wpa2? handshakes?|deauth\\w*|evil twin|rogue access points?|probe requests)\\b',
  ),
  sig(
    'osint-people',
    'offensive',
    2,
    '\\bosint\\b|\\b(?:harvest|scrape|collect|gather)\\w*\\s+(?:\\w+\\s+){0,2}?(?:email addresses|phone numbers|employee names|social media profiles)',
  ),
  sig(
    'attack-abbreviation',
    'offensive',
    3,
    '\\b(?:xss|ssrf|xxe|lfi|rfi|idor|csrf|rce)\\s+(?:payloads?|attacks?|exploit\\w*|injection)\\b',
  ),
  sig(
    'remote-exec',
    'offensive',
    2,
    '\\b(?:execut\\w*|run|runs|spawn\\w*|launch\\w*)\\s+(?:\\w+\\s+){0,2}?(?:commands?|code|payloads?|processes|shell)\\s+(?:via|over|through|using|with)\\s+(?:wmi|winrm|psexec|smb|dcom|powershell remoting|rpc)\\b',
  ),
  sig(
    'other-process-memory',
    'offensive',
    2,
    "\\/proc\\/(?:\\[?pid\\]?|\\d+|\\*|<pid>|\\{pid\\})\\/(?:mem|environ|maps)\\b|\\bprocess(?:'s)? (?:memory|environ(?:ment)?)\\b|\\bproc environ\\b|\\b(?:ptrace|readprocessmemory|writeprocessmemory|virtualallocex|createremotethread)\\b",
  ),
  sig(
    'manipulate-security-object',
    'offensive',
    3,
    '\\bmanipulat\\w*\\s+(?:the\\s+|a\\s+)?(?:\\w+\\s+)?(?:namespaces?|acls?|access control lists?|permissions|privileges|tokens?|security descriptors?|audit polic\\w*|kernel|process memory)\\b',
  ),
  sig(
    'intercept-access',
    'offensive',
    3,
    '\\bintercept\\w*\\s+(?:\\w+\\s+){0,2}?(?:file access|file reads|keystrokes|credentials|communications|authentication|logins?|syscalls|system calls|api calls|sessions?|tokens?)\\b',
  ),
  sig(
    'anti-forensics',
    'offensive',
    2,
    '\\bwipe\\w*\\s+(?:the\\s+)?free space\\b|\\bdestroy\\w*\\s+(?:the\\s+)?deleted files\\b|\\banti[- ]forensic\\w*|\\btimestomp\\w*|\\b(?:clear|wipe|delete)\\w*\\s+(?:the\\s+)?(?:bash |shell |command )history\\b|\\bprevent (?:forensic |data )?recovery\\b|\\bunrecoverabl\\w*|\\bbeyond recovery\\b',
  ),
  sig(
    'sabotage',
    'offensive',
    3,
    '(?:^|[.:;!]\\s*|\\bto\\s+|\\band\\s+)corrupt(?:s|ing)?\\s+(?:the\\s+|all\\s+)?(?:\\w+\\s+)?(?:files?|file contents|data|database|backups|disk|records)\\b',
  ),
  sig(
    'network-scanning',
    'offensive',
    2,
    '\\b(?:port scan\\w*|scan\\w* (?:for )?open ports|on open ports|live hosts|host discovery|arp scan\\w*|banner grab\\w*|grab\\w* (?:the )?(?:service )?banners?|ping sweep|network sweep|os fingerprint\\w*|subdomain (?:enumeration|brute\\w*|discovery|takeover)|enumerat\\w* (?:the )?subdomains|(?:for|find) (?:exposed|vulnerable) (?:services|hosts|devices|endpoints|servers))\\b',
  ),
  sig(
    'credential-access',
    'offensive',
    2,
    '\\b(?:read|reads|dump|dumps|retriev\\w*|extract\\w*|decrypt\\w*)\\s+(?:the\\s+)?(?:\\w+\\s+)?(?:gmsa|laps|ntds(?:\\.dit)?|sam hive|lsa secrets|dpapi|kerberos tickets?|tgts?|keytabs?)\\b|\\bauthenticat\\w*\\s+(?:using|with)\\s+(?:an?\\s+|the\\s+)?(?:ntlm|nt|lm)\\s+hash\\w*',
  ),
  sig(
    'enumerate-infrastructure',
    'offensive',
    1,
    '\\benum(?:erat\\w*)?\\s+(?:the\\s+|all\\s+)?(?:\\w+\\s+){0,2}?(?:dns|subdomains?|hosts|services|shares|exports|users|accounts|buckets|permissions|resources|virtual hosts|vhosts|domains?|records|ports|smb|ldap|snmp|rpc|nfs|storage)\\b',
  ),
  sig(
    'targets-third-party',
    'offensive',
    1,
    '\\btarget (?:host|hosts|ip|ips|domain|network|subnet|range|pid|process|bssid|executable|application|user|account|spn|sp|system|machine|server)s?\\b|\\b(?:dc ip|domain sid|ntlm hash|password list|wordlist|listener (?:host|port)|lure path|victims?)\\b',
  ),
  sig(
    'defensive-context',
    'malicious',
    -3,
    "\\b(?:detect|detects|detecting|scan|scans|scanning|check|checks|identify|identifies|flag|flags|block|blocks|prevent|prevents|protect|protects|quarantine|analy[sz]e|report|reports)\\s+(?:[\\w'-]+\\s+){0,4}?(?:malicious|malware|phishing|threats?|attacks?|vulnerabilit\\w*|exploits?|injection|intrusions?)|\\b(?:attacks?|attempts|intrusions?|threats?)\\s+(?:are|is|were|get|gets)\\s+(?:detected|blocked|flagged|observed|reported)\\b" +
      // Defensive functions named as nouns ("malware signatures", "DDoS protection", "security trends"),
      // unless the sentence is about getting past them ("evade malware detection").
      // (The lookahead first: the lookbehind is then tried only where a defence noun starts.)
      '|\\b(?=(?:malware|injection|threat|intrusion|phishing|attack|vulnerability|exploit|fraud|spam|bot|ddos|abuse|exfiltration|spoofing|rug pull)\\s)(?<!\\b(?:bypass\\w*|evad\\w*|disabl\\w*|avoid\\w*|defeat\\w*|circumvent\\w*|tamper\\w*|kill\\w*|turn\\w* off|undetect\\w*|without)\\b[^.\\n]{0,40})\\b(?:malware|injection|threat|intrusion|phishing|attack|vulnerability|exploit|fraud|spam|bot|ddos|abuse|exfiltration|spoofing|rug pull)\\s+(?:detection|signatures?|scanning|scanner|protection|prevention|mitigation|analysis|trends|filtering|defen[cs]e)\\b' +
      '|\\bsecurity (?:trends|reports?|analytics|insights|posture|findings|alerts|grade)\\b' +
      // "prevents ... hosts that could capture credentials": the attack is what the tool stops.
      '|\\b(?:prevent|prevents|preventing|protects? against|guards? against|defends? against)\\b[^.\\n]{0,80}\\b(?:captur\\w*|steal\\w*|leak\\w*|exfiltrat\\w*|inject\\w*|hijack\\w*|attack\\w*|spoof\\w*)',
  ),
  sig(
    'credential-theft',
    'malicious',
    3,
    '\\b(?:harvest|harvests|harvesting|extract|extracts|extracting|steal|steals|capture|captures|capturing|sniff|sniffs|sniffing|intercept|intercepts|decrypt|decrypts|decrypting)\\s+(?:the\\s+|all\\s+)?(?:\\w+\\s+){0,3}?(?:api keys|credentials?|credential strings|passwords|secrets|private keys|ssh keys|access keys|secret keys|password hashes|ntlm hashes|session cookies|email addresses)\\b',
  ),
  sig(
    'exploit-verb',
    'malicious',
    3,
    '\\b(?:exploit|exploits|exploiting)\\s+(?:the\\s+|a\\s+|an\\s+)?(?:[\\w()-]+\\s+){0,3}?(?:vulnerab\\w*|flaw|bug|misconfiguration|weakness|policy|service|task|cve-\\d+)|\\bfor (?:potential |further )?exploitation\\b|\\baccount takeover\\b|\\bfor takeover\\b',
  ),
  sig(
    // A description that opens with "Exploit …" describes an exploit, whatever the object.
    'exploit-imperative',
    'malicious',
    3,
    '(?:^|[.:;!]\\s*)exploit(?:s)?\\s+(?:a\\s+|an\\s+|the\\s+)?[a-z0-9]',
  ),
  sig(
    'injection-class',
    'malicious',
    3,
    '\\b(?:sql|nosql|command|code|template|xpath|xslt|ognl|ldap|header|crlf|xxe|expression|os|dll|process) injection\\b|\\b(?:ssti|cmdi|sqli)\\b',
  ),
  sig(
    'network-poisoning',
    'malicious',
    3,
    '\\bpoison\\w*\\s+(?:the\\s+)?(?:llmnr|nbt-ns|mdns|dns|arp|cache|wpad)|\\bntlm relay\\b',
  ),
  sig(
    'destroy-data',
    'malicious',
    2,
    '\\b(?:wipe|destroy|corrupt|irreversibly delete|permanently destroy)\\s+(?:all\\s+)?(?:the\\s+)?(?:data|files?|file contents|disk|database|backups|system|deleted files)\\b',
  ),
];

/**
 * Every phrase signal: the MCP-specific ones above and the technique vocabulary of
 * attack-technique-signals.ts and sensitive-access-signals.ts.
 */
export const SIGNALS: readonly Signal[] = [...BASE_SIGNALS, ...ATTACK_TECHNIQUE_SIGNALS, ...SENSITIVE_ACCESS_SIGNALS];

/** Lowercased, NFKC-normalised, whitespace-collapsed text; invisible characters already removed. */
export function normaliseForMatching(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u2018\u2019\u0060\u00b4]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/\s+/g, ' ')
    .toLowerCase();
}
