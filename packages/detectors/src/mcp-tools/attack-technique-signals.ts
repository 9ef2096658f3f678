// Offensive capability named by technique: signals taken from public attack taxonomies (MITRE ATT&CK
// enterprise techniques, ids in the comments) rather than from any one tool's wording. A tool that
// offers one of these to an agent gives it a capability against its own host or against third
// parties. They join SIGNALS in poisoning-signals.ts and follow its rules: linear regexes (alternations
// of literals and bounded gaps only), weights 3 = enough alone, 2 = needs corroboration, 1 = weak.
// `offensive` hits never add to the poisoning score and are dropped by the defensive-context guard.
import type { Signal, SignalGroup } from './poisoning-signals.js';

const S = '[^.\\n]{0,30}'; // bounded gap within one sentence
const sig = (id: string, group: SignalGroup, weight: Signal['weight'], src: string): Signal => ({
  id,
  group,
  weight,
  re: new RegExp(src, 'i'),
});

export const ATTACK_TECHNIQUE_SIGNALS: readonly Signal[] = [
  // TA0043 Reconnaissance: open-source intelligence on a target, and searching public code and paste
  // sites for its secrets (T1593.003, "GitHub dorking").
  // Threat-intelligence feeds are called OSINT too: those are about attackers, not targets.
  sig(
    'osint',
    'offensive',
    3,
    '\\b(?:osint|open[- ]source intelligence)\\b(?! (?:threat|feeds?|iocs?|indicators?|blocklists?))',
  ),
  sig(
    'public-secret-search',
    'offensive',
    3,
    // Not when the sentence says whose: scanning "your own" repositories for leaks is defence.
    `(?![^.\\n]{0,80}\\b(?:your|our|own)\\b)\\b(?:search|searches|searching|scan|scans|scanning|query|queries|crawl\\w*|scrap\\w*|mine|mining)\\s+(?:public\\s+)?(?:github|gitlab|bitbucket|pastebin|paste sites|public (?:code|repositories|repos|sources)|code search)\\s+(?:\\w+\\s+){0,2}?for\\s+(?:\\w+\\s+){0,2}?(?:sensitive|leaked|exposed|confidential|secret|secrets|credentials|passwords|api keys|tokens)\\b`,
  ),
  // T1590.002 DNS / T1596: subdomain discovery and zone transfers against a domain.
  sig(
    'dns-recon',
    'offensive',
    2,
    `\\benumerat\\w*${S}\\bsub-?domains\\b|\\bsub-?domains?\\s+(?:enumerat\\w*|brute\\w*|discover\\w*|takeover)\\b|\\bzone transfers?\\b|\\baxfr\\b`,
  ),
  // T1580 / T1526 against an outside organisation: enumerating what belongs to a domain or company.
  sig(
    'external-target-enum',
    'offensive',
    2,
    `\\benum(?:erat\\w*)?\\b${S}\\b(?:for|of|belonging to|owned by|associated with)\\s+(?:a\\s+|the\\s+|target\\s+|given\\s+)?(?:domain|organi[sz]ation|company|target)\\b`,
  ),
  // T1021 Remote Services / T1047 WMI: the remote host is what makes remote execution lateral movement.
  sig(
    'remote-host-target',
    'offensive',
    1,
    '\\bon (?:a |the |another |other )?remote (?:windows |linux |unix )?(?:hosts?|machines?|systems?|servers?|computers?|workstations?)\\b',
  ),
  // T1003 OS Credential Dumping, T1555 Credentials from Password Stores: stores that hold other
  // people's or the operating system's secrets.
  sig(
    'credential-store',
    'offensive',
    3,
    `\\b(?:read|reads|dump\\w*|extract\\w*|retriev\\w*|decrypt\\w*|steal\\w*|harvest\\w*|grab\\w*|export\\w*|recover\\w*|collect\\w*)\\b${S}\\b(?:gmsa|laps|ntds(?:\\.dit)?|sam (?:hive|database)|lsa secrets|dpapi|cached domain credentials|credential manager|(?:browser|chrome|firefox|edge|safari)(?:'s)? (?:saved |stored )?(?:passwords|credentials|logins)|saved browser passwords|wi-?fi (?:network )?(?:passwords|keys|psks?)|wireless (?:network )?(?:passwords|keys)|gpp passwords?|cpasswords?)\\b` +
      // T1558: tickets taken out of a logon session (listing your own with klist is not this).
      `|\\b(?:dump\\w*|extract\\w*|export\\w*|steal\\w*|harvest\\w*)\\b${S}\\b(?:kerberos tickets|tgts?|tgs tickets|service tickets)\\b`,
  ),
  sig(
    'ticket-roasting',
    'malicious',
    3,
    '\\b(?:as-?rep[- ]?roast\\w*|asreproast\\w*|dcsync|dcshadow|overpass[- ]the[- ]hash|skeleton key|golden saml|diamond tickets?|sapphire tickets?|shadow credentials|msds-keycredentiallink)\\b',
  ),
  // T1539 Steal Web Session Cookie; T1134 Access Token Manipulation.
  sig(
    'session-theft',
    'offensive',
    3,
    '\\b(?:steal\\w*|decrypt\\w*|dump\\w*|harvest\\w*|exfiltrat\\w*)\\s+(?:\\w+\\s+){0,2}?cookies\\b|\\b(?:access )?token (?:impersonation|theft|stealing|duplication)\\b|\\baccess token manipulation\\b',
  ),
  // T1621 MFA Request Generation, T1111 MFA Interception; T1056.003 / T1598 fake login prompts.
  sig(
    'mfa-attack',
    'malicious',
    3,
    '\\b(?:mfa|2fa|push) (?:fatigue|bombing|spamming|flooding)\\b|\\b(?:intercept\\w*|steal\\w*|phish\\w*|relay\\w*|bypass\\w*)\\s+(?:\\w+\\s+){0,2}?(?:otps?|one-time (?:passwords?|codes?)|(?:mfa|2fa|sms|totp) codes?)\\b',
  ),
  sig(
    'fake-login',
    'malicious',
    3,
    '\\b(?:fake|cloned|spoofed|counterfeit|lookalike)\\s+(?:\\w+\\s+){0,2}?(?:login|log-in|sign-?in|sso|authentication) (?:pages?|portals?|forms?|prompts?|dialogs?)\\b',
  ),
  // Whose secrets: other accounts' credentials are a target, one's own are configuration.
  sig(
    'others-secrets',
    'offensive',
    2,
    "\\b(?:other users'?|all users'?|every user'?s|another user'?s|each user'?s|other accounts'?)\\s+(?:\\w+\\s+)?(?:credentials|passwords|keys|tokens|sessions|home directories|mailboxes|browser data)\\b",
  ),
  // T1552.005 Cloud Instance Metadata API: instance credentials through the metadata endpoint.
  sig(
    'metadata-credentials',
    'offensive',
    3,
    '\\b169\\.254\\.169\\.254\\b|\\b(?:credentials|tokens?|keys) from (?:the )?(?:instance )?metadata (?:service|endpoint|api)\\b',
  ),
  // T1548.001 Setuid and Setgid; T1548.003 Sudo and Sudo Caching.
  // Finding setuid binaries is also an audit step (weight 2); setting the bit is the technique (3).
  sig('setuid', 'offensive', 2, '\\b(?:setuid|suid|setgid|sgid)\\b'),
  sig(
    'setuid-set',
    'offensive',
    3,
    '\\b(?:set|sets|setting|add|adds|adding|enable|enables|enabling|apply|applies)\\s+(?:the\\s+|a\\s+)?(?:setuid|suid|setgid|sgid)\\s+(?:bit|flag|permission)s?\\b|\\bchmod\\s+(?:[ugoa]*\\+s|[2467][0-7]{3})\\b',
  ),
  sig('sudoers', 'offensive', 2, '\\bsudoers\\b|\\bnopasswd\\b'),
  // T1098.004 SSH Authorized Keys; T1546.004 Unix shell configuration modification.
  sig(
    'persistence-file',
    'offensive',
    2,
    `\\b(?:add|adds|append\\w*|writ\\w*|inject\\w*|insert\\w*|modif\\w*|plant\\w*)\\b${S}(?:authorized_keys|\\.bashrc|\\.bash_profile|\\.zshrc|\\.profile\\b|rc\\.local|\\/etc\\/profile|login scripts?|logon scripts?)`,
  ),
  // T1574.006 Dynamic Linker Hijacking.
  sig('linker-hijack', 'offensive', 3, '\\bld_preload\\b|\\bld\\.so\\.preload\\b|\\bdyld_insert_libraries\\b'),
  // T1547.006 Kernel Modules and Extensions.
  sig(
    'kernel-module',
    'offensive',
    2,
    '\\b(?:load|loads|loading|insert|inserts|install|installs)\\s+(?:a\\s+|an\\s+|the\\s+)?(?:custom\\s+|unsigned\\s+)?(?:kernel modules?|kernel drivers?|kernel extensions?|lkm)\\b|\\binsmod\\b',
  ),
  // T1564.001 Hidden Files and Directories; T1222 permissions to keep files from being removed.
  sig(
    'hidden-artifact',
    'offensive',
    2,
    '\\b(?:create|creates|make|makes|write|writes)\\s+(?:a\\s+|an\\s+)?hidden\\s+(?:files?|director(?:y|ies)|folders?|partitions?|volumes?|users?|accounts?|services?|processes)\\b|\\bchattr\\s+\\+[ia]\\b|\\bimmutable (?:attribute|flag|bit)\\b',
  ),
  // T1070.006 Timestomp: timestamps made to lie.
  sig(
    'timestamp-forgery',
    'offensive',
    3,
    '\\b(?:backdat\\w*|forge|forges|forging|spoof\\w*|falsif\\w*)\\s+(?:the\\s+)?(?:file\\s+)?(?:timestamps?|mtime|atime|ctime|modification times?|access times?)\\b|\\btimestamps?\\s+to\\s+(?:match|mimic|hide|evade|avoid|blend|conceal|look)\\b',
  ),
  // T1006 Direct Volume Access; T1611 Escape to Host.
  sig(
    'raw-device-access',
    'offensive',
    2,
    '\\braw (?:disk|device|sectors?|volume|partition) (?:access|reads?|writes?)\\b|\\b(?:read|write|access)\\w*\\s+(?:\\w+\\s+){0,2}?raw (?:disk|device|sectors?|volume|partition)s?\\b|\\/dev\\/(?:k?mem|sd[a-z]|nvme\\d|hd[a-z]|disk\\d)\\b',
  ),
  sig(
    'host-escape',
    'offensive',
    3,
    "\\bmount\\w*\\s+(?:the\\s+)?host(?:'s)?\\s+(?:root\\s+)?(?:file ?system|disk|root)\\b|\\bbreak(?:ing)? out of (?:the |a )?(?:container|sandbox|chroot|jail)\\b",
  ),
  // T1078.001 Default Accounts; T1110 against a login: trying known passwords on someone's service.
  sig(
    'default-credentials',
    'offensive',
    2,
    `\\b(?:try|tries|trying|test|tests|testing|attempt\\w*|check\\w*)\\b${S}\\bdefault (?:credentials|passwords|logins)\\b`,
  ),
  // T1595.003 Wordlist scanning: finding what a site does not link to.
  sig(
    'content-discovery',
    'offensive',
    2,
    '\\b(?:director(?:y|ies)|dir|path|content|file)\\s+(?:brute[- ]?forc\\w*|bust\\w*|fuzz\\w*)\\b|\\b(?:find|discover|enumerat\\w*)\\w*\\s+(?:\\w+\\s+){0,2}?hidden (?:directories|paths|endpoints|files|pages|parameters)\\b',
  ),
];
