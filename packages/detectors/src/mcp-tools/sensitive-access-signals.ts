// File-system and credential techniques, named after public taxonomies rather than any tool's wording:
// MITRE ATT&CK credential access (T1003.008 /etc/shadow, T1552 unsecured credentials, T1555 password
// stores, T1539 web session cookies, T1528 application access tokens, T1649 certificates), collection
// (T1005, T1119, T1074 staging), discovery of other users' files (T1083), permissions (T1222),
// exfiltration over other protocols (T1048), indicator removal (T1070.001-.004, T1562.003 history
// logging), disk structure wipe (T1561.002), and CWE-22 / CWE-73 (a path outside the allowed root) and
// CWE-59 (a link planted towards a sensitive file). What the tool reaches decides, not the verb: "read a file" or "delete files" stays
// clean, "read the browser's Login Data" or "read files outside the allowed directory" does not.
// They join SIGNALS in poisoning-signals.ts and follow its rules: linear regexes (alternations of
// literals, bounded gaps and bounded repeats only; lookbehinds bounded to one sentence and tried only
// where their signal can start), weights 3 = enough alone, 2 = needs a second signal, 1 = corroboration.
import type { Signal, SignalGroup } from './poisoning-signals.js';

const S = '[^.\\n]{0,30}'; // bounded gap within one sentence
const W2 = "(?:[\\w'-]+\\s+){0,2}?"; // up to two words
const sig = (id: string, group: SignalGroup, weight: Signal['weight'], src: string): Signal => ({
  id,
  group,
  weight,
  re: new RegExp(src, 'i'),
});

/** Taking something: reading, copying, collecting or sending it somewhere. */
const TAKE =
  '\\b(?:read|reads|reading|cat|dump\\w*|extract\\w*|cop(?:y|ies|ying)|collect\\w*|gather\\w*|harvest\\w*|grab\\w*|steal\\w*|exfiltrat\\w*|retriev\\w*|export\\w*|upload\\w*|decrypt\\w*|obtain\\w*|pull\\w*|fetch\\w*|get|gets|access\\w*|pars(?:e|es|ing)|locat\\w*|find|finds|finding|search\\w*)\\b';
/** A negation or a defence within the sentence before the match: "cannot read …", "prevents … ". */
const NOT_BEFORE =
  "(?<!\\b(?:not|cannot|can't|doesn't|don't|won't|isn't|aren't|shouldn't|mustn't|never|no|nothing|ensur\\w*|verif\\w*|denied|deny|denies|reject\\w*|refus\\w*|prevent\\w*|block\\w*|protect\\w*|guard\\w*|against|forbid\\w*|disallow\\w*|validat\\w*|sanitiz\\w*|restrict\\w*|only|unable|catch\\w*|detect\\w*|fail\\w*|tests?|check\\w*|such as|like|e\\.g)\\b[^.\\n]{0,60})";
/** NOT_BEFORE, looked at only where one of `first` starts (not at every offset of the text). */
const notBefore = (first: string) => `(?=${first})${NOT_BEFORE}`;
/** …and after it: "… outside the allowed directories is denied". */
const NOT_AFTER =
  '(?![^.\\n]{0,60}\\b(?:denied|rejected|refused|blocked|forbidden|prevented|disallowed|not (?:allowed|permitted|possible|supported)|fails?|errors?|throws?|caught|detected|stripped|normali[sz]ed|sanitized)\\b)';

export const SENSITIVE_ACCESS_SIGNALS: readonly Signal[] = [
  // T1003.008 /etc/passwd and /etc/shadow; T1003.002 Security Account Manager: the operating system's
  // password hashes. (~/.ssh and /etc/shadow by path are read-sensitive-file's.)
  sig(
    'os-credential-file',
    'offensive',
    3,
    `${TAKE}${S}(?:\\/etc\\/g?shadow\\b|\\/etc\\/master\\.passwd\\b|\\/etc\\/security\\/(?:o?passwd|shadow)\\b|\\bshadow (?:password )?file\\b|\\bsystem32[\\\\/]config[\\\\/](?:sam|security|system)\\b|\\bsam (?:and|&) system hives?\\b|\\bsam (?:hive|database|file)\\b|\\bntlm hashes\\b|\\bunshadow\\b)`,
  ),
  // T1555.003 Credentials from Web Browsers, T1555.005 Password Managers, T1552.001 Credentials in Files,
  // T1528 application access tokens: files whose only content is someone's secrets.
  sig(
    'credential-store-file',
    'offensive',
    3,
    `${TAKE}${S}(?:\\bkey[34]\\.db\\b|\\blogins\\.json\\b|\\blogin data\\b|\\bcookies\\.sqlite\\b|\\.kdbx\\b|\\bkeepass (?:database|vault|file)s?\\b|\\.vault-token\\b|\\bapplication_default_credentials\\b|\\baccesstokens\\.json\\b|\\bcredentials\\.tfrc\\.json\\b|\\bfilezilla\\b|\\brecentservers\\.xml\\b|\\bsitemanager\\.xml\\b|\\bunattend(?:ed)?\\.xml\\b|\\bsysprep\\.(?:xml|inf)\\b|\\bputty (?:saved )?sessions\\b|\\bwinscp (?:saved )?sessions\\b|\\bwallet\\.dat\\b|\\b(?:crypto(?:currency)?|bitcoin|electrum|exodus|metamask) wallet (?:files|vaults?)\\b|\\bid_dsa\\b|\\.ppk\\b)`,
  ),
  // T1552 / T1555 by breadth: secrets taken from a whole host or from other accounts, whatever the
  // store is called ("… credentials for every repository on the machine", "… tokens of all users").
  sig(
    'credential-sweep',
    'offensive',
    3,
    `\\b(?:read|reads|dump\\w*|extract\\w*|cop(?:y|ies|ying)|collect\\w*|gather\\w*|harvest\\w*|grab\\w*|steal\\w*|exfiltrat\\w*|retriev\\w*|export\\w*|upload\\w*|decrypt\\w*|obtain\\w*|pull\\w*|fetch\\w*|get|gets|locat\\w*|find|finds|list|lists|return|returns)\\b[^.\\n]{0,40}\\b(?:credentials|passwords|secrets|tokens|private keys|ssh keys|api keys|logins|cookies|kubeconfigs?|kubeconfig files|\\.env files|env files|environment files)\\b[^.\\n]{0,60}\\b(?:on|across|from|of|in|throughout|for)\\s+(?:the\\s+|this\\s+)?(?:(?:every|all|each|other)\\s+(?:users?|user profiles?|profiles|home director(?:y|ies)|machines?|hosts?|workstations?)|(?:entire\\s+|whole\\s+)?(?:machine|host|disk|drives|file ?system|workstation))\\b`,
  ),
  // The same technique for files an administrator also opens (web.config, wp-config.php, .htpasswd,
  // client config with passwords): needs a second signal.
  sig(
    'credential-config-file',
    'offensive',
    2,
    `${TAKE}${S}(?:\\bweb\\.config\\b|\\bwp-config\\.php\\b|\\.htpasswd\\b|\\.my\\.cnf\\b|\\.pypirc\\b|\\.s3cfg\\b|\\.boto\\b|\\.config\\/gh\\b|\\.dockercfg\\b|\\.azure\\/|\\.config\\/gcloud\\b|\\.terraform\\.d\\b|\\.m2\\/settings\\.xml\\b|\\.gradle\\/gradle\\.properties\\b)`,
  ),
  // T1552.001 / .002 / .003: hunting through a whole host, its registry or its shell history for secrets.
  // Scanning a repository for hard-coded secrets is a defence, so repositories and code are not here.
  sig(
    'credential-hunt',
    'offensive',
    3,
    `\\b(?:search\\w*|scan\\w*|grep\\w*|find|finds|finding|locat\\w*|hunt\\w*|look\\w*|crawl\\w*|sweep\\w*|comb\\w*|trawl\\w*)\\s+(?:through\\s+|in\\s+|across\\s+|over\\s+)?${W2}(?:file ?systems?|disks?|drives|hard drives|home director(?:y|ies)|user (?:profiles|director(?:y|ies)|folders)|network shares|file shares|smb shares|registry|(?:shell|bash|zsh|powershell|command) history|history files|entire (?:system|host|machine))\\s+${W2}(?:for|containing|that contain)\\s+(?!${W2}(?:hard-?coded|leaked|exposed|committed|accidentally)\\b)${W2}(?:passwords?|credentials|secrets|private keys|ssh keys|api keys|access keys|tokens|connection strings)\\b|\\b(?:find\\w*|search\\w*|locat\\w*|collect\\w*|gather\\w*|harvest\\w*|enumerat\\w*)\\s+(?:and\\s+\\w+\\s+)?(?:all\\s+)?(?:the\\s+)?(?:\\.env|\\.pem|\\.key|\\.kdbx|\\.ppk|id_rsa|\\.npmrc|\\.git-credentials|credential|secret|password|private key) files\\s+(?:on|across|throughout|in)\\s+(?:the\\s+)?(?:entire\\s+|whole\\s+)?(?:machine|system|host|disk|drives|file ?system|home director(?:y|ies)|network)\\b|\\b(?:memory|ram)\\b[^.\\n]{0,40}\\b(?:to find|to extract|to recover|to locate|searching for|looking for)\\s+(?:\\w+\\s+)?(?:credentials|passwords|secrets|private keys|tokens|api keys)\\b|${TAKE}${S}\\b(?:credential|secret|password|private key|key|token|wallet) files\\s+(?:on|across|throughout|from)\\s+(?:the\\s+|this\\s+|every\\s+|all\\s+)?(?:entire\\s+|whole\\s+)?(?:machine|system|host|disk|drives|file ?system|home director(?:y|ies)|network|user accounts|users)\\b`,
  ),
  // T1539 / T1555.003 / T1185: what a browser keeps for its user, taken from its profile on disk
  // (automating a page and reading that page's cookies is another thing and is not matched).
  sig(
    'browser-profile-secrets',
    'offensive',
    3,
    `${TAKE}${S}(?:\\b(?:saved|stored|cached)\\s+(?:\\w+\\s+)?(?:passwords|credentials|logins|credit cards|cookies|session tokens)\\s+(?:from|of|in)\\s+(?:all\\s+|every\\s+|installed\\s+|the\\s+)?(?:user'?s?\\s+)?(?:microsoft\\s+|google\\s+|mozilla\\s+|apple\\s+)?(?:browsers?|chrome|chromium|firefox|edge|brave|opera|safari)\\b|\\b(?:chrome|chromium|firefox|edge|brave|opera|safari|browser)(?:'s)? (?:profiles?|user data) (?:\\w+\\s+)?(?:cookies|passwords|credentials|logins|autofill|tokens|local storage)\\b|\\b(?:cookies|passwords|credentials|logins|autofill data|session tokens)\\s+from\\s+(?:all\\s+|every\\s+|installed\\s+)?(?:the\\s+)?(?:user'?s\\s+)?(?:browser profiles?|installed browsers|(?:chrome|chromium|firefox|edge|brave|opera|safari)(?: profiles?)?)\\b|\\b(?:chrome|chromium|firefox|edge|brave|opera|safari|browser)(?:'s)? (?:cookie|password|login|credential)s? (?:database|store|file|db)\\b)`,
  ),
  // T1528 Steal Application Access Token / T1550.001: bearer tokens taken to be replayed elsewhere.
  // ("Dump" is left out: decoding and dumping a JWT is a debugging step.)
  sig(
    'token-theft',
    'offensive',
    3,
    `\\b(?:steal\\w*|harvest\\w*|exfiltrat\\w*|grab\\w*|sniff\\w*|siphon\\w*)\\s+(?:[\\w'-]+\\s+){0,3}?(?:oauth|refresh|access|session|bearer|auth|authentication|jwt|api|discord|slack|teams|github|gitlab|cloud|aws|azure|gcp|sso|saml)\\s+tokens?\\b|${TAKE}${S}\\b(?:tokens?|cookies|credentials|session data)\\b${S}(?:\\bleveldb\\b|\\bdesktop (?:app|client)s?(?:'s)? (?:local storage|storage|data|files)\\b|\\bappdata[\\\\/](?:roaming|local)\\b)`,
  ),
  // T1552.004 Private Keys / T1649 Steal or Forge Authentication Certificates: key material taken out of
  // its store, including keys the store marks as not exportable.
  sig(
    'private-key-theft',
    'offensive',
    3,
    `\\b(?:mark\\w*|make|makes|making|patch\\w*)\\s+(?:[\\w'-]+\\s+){0,2}?non-exportable\\s+(?:private\\s+)?keys?\\s+exportable\\b|\\bexport\\w*\\s+(?:[\\w'-]+\\s+){0,2}?non-exportable\\b|\\b(?:dump\\w*|grab\\w*|exfiltrat\\w*|harvest\\w*|steal\\w*)\\s+(?:[\\w'-]+\\s+){0,3}?(?:private keys?|keystores?|signing keys|\\.pfx files|\\.p12 files|\\.pem files|certificate private keys)\\b|\\b(?:cop(?:y|ies|ying)|collect\\w*|gather\\w*)\\s+(?:[\\w'-]+\\s+){0,3}?(?:ssh\\s+)?private keys?\\b`,
  ),
  // T1555.005 Password Managers, T1555.001 Keychain and the Linux keyrings: the store of every secret.
  sig(
    'password-manager-dump',
    'offensive',
    3,
    `\\b(?:dump\\w*|steal\\w*|exfiltrat\\w*|harvest\\w*|grab\\w*|crack\\w*)\\b${S}\\b(?:keepass|1password|lastpass|bitwarden|dashlane|keeper|password managers?|gnome[- ]keyring|kwallet|secret service|login keychain|keychain items|credential vault|windows vault)\\b|\\bmaster (?:password|key)s?\\b${S}\\b(?:from|in|out of)\\s+(?:the\\s+)?(?:process\\s+)?memory\\b|\\bexport\\w*\\s+(?:all|every|the entire|the whole)\\s+(?:\\w+\\s+)?(?:secrets|passwords|credentials|entries|items|vault)\\b${S}\\b(?:keepass|1password|lastpass|bitwarden|dashlane|keeper|password managers?|keychain|vault)\\b`,
  ),
  // CWE-59 / CWE-61 link following: a link planted so that a privileged or confined reader follows it
  // to a file it must not reach.
  sig(
    'sensitive-link',
    'offensive',
    3,
    `${notBefore('\\b(?:creat|mak|add|plant|plac)')}\\b(?:creat|mak|add|plant|plac)\\w*\\s+(?:a\\s+|an\\s+)?(?:symbolic links?|symlinks?|hard ?links?|junctions?|links?)\\b[^.\\n]{0,40}\\b(?:to|pointing (?:to|at)|targeting|at|into)\\s+(?:[\\w'-]+\\s+){0,2}?(?:\\/etc\\/|\\/root\\b|\\/proc\\/|\\/var\\/log\\b|\\/dev\\/|c:\\\\windows\\b|system32\\b|~\\/\\.ssh\\b|(?:sensitive|system|protected|privileged|root-owned|restricted|other users'?)\\s+(?:files?|director(?:y|ies)|paths|locations|data)\\b|outside (?:the\\s+)?(?:allowed|sandbox|workspace|root|project)\\b)${NOT_AFTER}`,
  ),
  // T1222 File and Directory Permissions Modification / CWE-732: opening files to every account, or
  // taking ownership of what belongs to the system. Administrators do both now and then: weight 2.
  sig(
    'weaken-permissions',
    'offensive',
    2,
    `${notBefore('\\b(?:world|chmod|grant|give|take|permission)')}(?:\\bworld[- ]writ(?:e?able)\\b|\\bchmod\\s+(?:-r\\s+)?(?:0?777|a\\+w|o\\+w|ugo\\+rwx|a\\+rwx)\\b|\\b(?:grant|give)\\w*\\s+everyone\\s+(?:full control|write (?:access|permissions?))\\b|\\btakeown\\b|\\btake ownership of\\s+(?:[\\w'-]+\\s+){0,2}?(?:system|protected|windows|root-owned|other users'?)\\b|\\bpermissions?\\s+(?:to|of|=)\\s+0?777\\b)${NOT_AFTER}`,
  ),
  // T1098 / T1136.001 / T1548.003: the account databases written directly, or their ownership taken.
  sig(
    'account-file-write',
    'offensive',
    3,
    `\\b(?:overwrit|modif|edit|append|writ|add|insert|replac|tamper|chang|chown)\\w*\\b${S}\\/etc\\/(?:passwd|g?shadow|sudoers(?:\\.d)?|group)\\b`,
  ),
  // T1485 Data Destruction: everything in a home directory or on a system, not one file.
  sig(
    'mass-delete',
    'offensive',
    3,
    `\\b(?:delet|remov|eras|wip)\\w*\\s+(?:every|all)\\s+(?:the\\s+)?(?:files?|data|documents)\\s+(?:in|on|under|from)\\s+(?:the\\s+)?(?:user'?s'?\\s+)?(?:home director(?:y|ies)|system|disks?|drives?|machine|host|root (?:directory|partition)|file ?system)\\b`,
  ),
  // T1070 as the stated goal: an action taken so that the activity leaves no trace.
  sig(
    'conceal-activity',
    'offensive',
    3,
    '\\bto (?:hide|conceal|cover|mask|erase|remove)\\s+(?:the\\s+|its\\s+|their\\s+|any\\s+|all\\s+)?(?:activity|activities|evidence|traces|tracks|footprints|presence)\\b(?! (?:notifications|feed|indicators?|status|bar|panel))',
  ),
  // Leaving the directory a tool was confined to (CWE-22 as an action).
  sig(
    'escape-confinement',
    'offensive',
    3,
    `${notBefore('\\b(?:escap|break)')}\\b(?:escap\\w*|break\\w* out)\\s+(?:of\\s+|from\\s+)?(?:the\\s+)?(?:workspace|sandbox|allowed (?:director(?:y|ies)|root|paths)|project (?:root|director(?:y|ies))|root director(?:y|ies)|chroot|jail|base director(?:y|ies))\\b(?!\\s+(?:names?|paths?|strings?|ids?|titles?|labels?|characters?)\\b)${NOT_AFTER}`,
  ),
  // CWE-22 path traversal / CWE-73: reaching outside the root a tool was given, as its stated purpose.
  sig(
    'outside-allowed-root',
    'offensive',
    3,
    `${notBefore('\\b(?:read|writ|access|open|list|delet|modif|overwrit|reach|retriev|download|brows|view|escap|travers)')}\\b(?:read|reads|reading|writ(?:e|es|ing)|access\\w*|open\\w*|list\\w*|delet\\w*|modif\\w*|overwrit\\w*|reach\\w*|retriev\\w*|download\\w*|brows\\w*|view\\w*|escap\\w*|travers\\w*)\\s+(?:to\\s+)?${W2}(?:files?|paths?|director(?:y|ies)|folders?|anything|data|locations?)?\\s*(?:outside|beyond|above)\\s+(?:of\\s+)?(?:the\\s+)?(?:allowed|permitted|configured|sandbox\\w*|workspace|project|web ?root|document root|base|root|designated|intended|restricted|approved|authori[sz]ed|chroot\\w*)\\b${NOT_AFTER}`,
  ),
  sig(
    'path-traversal',
    'offensive',
    3,
    `${notBefore('\\b(?:via|using|through|exploit|perform|leverag|abus|path|directory|read|retriev|fetch|download|get|access|includ|open|load|request|dump)')}(?:\\b(?:via|using|through|exploit\\w*|perform\\w*|leverag\\w*|abus\\w*)\\s+(?:a\\s+|an\\s+)?(?:path|directory|dir)[- ]traversal\\b|\\b(?:path|directory)[- ]traversal\\s+(?:to|for)\\s+(?:read|access|writ|reach|retriev|escap|get|download|overwrit)\\w*|\\b(?:read|reads|retriev\\w*|fetch\\w*|download\\w*|get|gets|access\\w*|includ\\w*|open\\w*|load\\w*|request\\w*|dump\\w*)\\s+(?:[\\w'-]+\\s+){0,2}?['"]?(?:[\\w-]+\\/){0,4}(?:\\.\\.[\\\\/]){2,8}(?:etc|windows|root|home|users|proc|var)\\b)${NOT_AFTER}`,
  ),
  // CWE-73: a file name under the caller's control, anywhere. Also what every file tool does inside its
  // root, so it needs a second signal; "arbitrary file read/write" is the vulnerability's own name.
  sig(
    'any-path',
    'offensive',
    2,
    `${notBefore('\\b(?:any|all|anywhere|entire|whole|complete|unrestricted|without|from|in|to|into)')}(?:\\b(?:any|all)\\s+(?:files?|paths?|director(?:y|ies)|locations?)\\s+(?:on|in|across|throughout)\\s+(?:the\\s+)?(?:entire\\s+|whole\\s+)?(?:system|host|machine|server|computer|file ?system|disk|os)\\b|\\banywhere on (?:the\\s+)?(?:system|host|machine|server|disk|file ?system|computer)\\b|\\b(?:entire|whole|complete)\\s+file ?system\\b|\\bunrestricted (?:file|file ?system|disk|path) access\\b|\\bwithout (?:any\\s+)?(?:path|directory|sandbox|file ?system|file access)\\s+restrictions?\\b|\\b(?:from|in|to|into)\\s+any\\s+(?:director(?:y|ies)|folders?|paths?|locations?)\\b|\\bany\\s+(?:file\\s+)?(?:path|file|location)\\s+(?:supplied|given|provided|passed|chosen)\\s+by\\s+(?:the\\s+)?(?:caller|user|client|model|agent)\\b|\\b(?:to|from|at)\\s+(?:an?\\s+)?arbitrary\\s+(?:locations?|paths?|director(?:y|ies))\\b)${NOT_AFTER}`,
  ),
  // Past the permissions that keep one account's files from another's (T1083 / T1005 beyond one's own).
  sig(
    'beyond-permissions',
    'offensive',
    2,
    `${notBefore('\\b(?:regardless|including|even|bypass|ignor|without)')}(?:\\bregardless of (?:file\\s+|their\\s+|its\\s+)?(?:permissions|ownership|access rights)\\b|\\b(?:including|even)\\s+(?:the\\s+)?(?:(?:system|protected|restricted|privileged|root-owned|hidden|other users'?)\\s+){1,2}(?:files|director(?:y|ies)|paths|folders)\\b|\\bbypass\\w*\\s+(?:the\\s+)?(?:file\\s+|os\\s+)?(?:permission|access|ownership|acl) checks\\b|\\bignor\\w*\\s+(?:the\\s+)?(?:configured\\s+)?(?:allowed|permitted|sandbox) (?:paths|directories|roots|folders)\\b|\\bwithout\\s+(?:any\\s+)?(?:sandbox|path|permission|access|directory|root)\\s+(?:checks|validation|restrictions)\\b)${NOT_AFTER}`,
  ),
  sig(
    'arbitrary-file-access',
    'offensive',
    3,
    `${notBefore('\\b(?:arbitrary|read|write|delete|overwrite|access|download|exfiltrat|to|from|at)')}(?:\\barbitrary (?:file|path) (?:reads?|writes?|access|deletion|download|upload|overwrite|inclusion|disclosure)\\b|\\b(?:read|write|delete|overwrite|access|download|exfiltrat)\\w*\\s+arbitrary (?:files|paths|locations)\\b|\\b(?:to|from|at)\\s+(?:an?\\s+)?arbitrary\\s+(?:locations?|paths?|director(?:y|ies)|files?)\\s+on\\s+(?:the\\s+)?(?:disk|system|host|file ?system|server|machine)\\b)${NOT_AFTER}`,
  ),
  // T1083 against other accounts: every user's home, or the administrator's.
  sig(
    'other-home-dirs',
    'offensive',
    2,
    `${TAKE}${S}(?:\\/home\\/\\*|\\/users\\/\\*|c:\\\\users\\\\\\*|\\/root\\/|\\ball (?:user )?home director(?:y|ies)\\b|\\bevery (?:user'?s )?home director(?:y|ies)\\b|\\ball user profiles\\b|\\bother users'?\\s+(?:home\\s+)?(?:director(?:y|ies)|files|folders|mailboxes)\\b|\\/(?:home|root)\\b(?!\\/\\w))`,
  ),
  // Where the operating system keeps what an agent's tools have no business touching: a weak
  // corroborator for the weight-2 signals above ("make world-writable" + /etc/passwd).
  sig(
    'system-path',
    'offensive',
    1,
    `${notBefore('[\\/~.]|\\b(?:system|protected|critical|core)')}(?:\\/etc\\/(?:passwd|g?shadow|sudoers|pam\\.d|crontab|ld\\.so\\.preload)\\b|\\/root(?:\\/|\\b)|\\/etc\\b(?!\\/(?:passwd|g?shadow|sudoers))|\\/proc\\/(?:\\d+|self|\\*|\\[?pid\\]?)\\/|\\/boot\\/|\\bsystem32\\b|~\\/\\.ssh\\/|\\.aws\\/credentials\\b|\\b(?:protected|critical|core)\\s+(?:system|os)\\s+(?:files|binaries|director(?:y|ies))\\b|\\bsystem (?:binaries|executables)\\b)${NOT_AFTER}`,
  ),
  // T1119 Automated Collection / T1005 Data from Local System: everything of a kind from a whole host.
  sig(
    'bulk-collection',
    'offensive',
    2,
    `\\b(?:collect\\w*|gather\\w*|harvest\\w*|cop(?:y|ies|ying)|archiv\\w*|compress\\w*|zip|zips|zipping|aggregat\\w*|sweep\\w*|grab\\w*|slurp\\w*)\\s+(?:up\\s+)?(?:all|every)\\s+(?:the\\s+)?(?:[\\w'-]+\\s+)?(?:documents|files|data|emails|photos|images|spreadsheets|pdfs|source code)\\s+(?:[\\w'-]+\\s+){0,3}?(?:from|on|across|in|under|throughout)\\s+(?:the\\s+|all\\s+|every\\s+|each\\s+)?(?:[\\w'-]+\\s+)?(?:system|disks?|drives?|machine|host|computer|home director(?:y|ies)|user (?:profiles|director(?:y|ies)|folders)|users|network shares|shares|mounted (?:drives|volumes)|removable (?:drives|media))\\b|\\b(?:archiv\\w*|compress\\w*|zip|zips|zipping|collect\\w*|cop(?:y|ies|ying)|exfiltrat\\w*|upload\\w*)\\s+(?:the\\s+)?(?:up\\s+)?(?:the\\s+)?(?:user'?s'?\\s+|victim'?s'?\\s+|all\\s+users'?\\s+)?(?:(?:documents|desktop|downloads|pictures|photos|mail|outlook)(?:,?\\s+and\\s+|,\\s*|\\s+)){1,4}(?:folders?|director(?:y|ies))\\b|\\b(?:search\\w*|scan\\w*|crawl\\w*|sweep\\w*)\\s+(?:all|every|each)\\s+(?:the\\s+)?(?:drives|disks|volumes|mounted drives|network shares|shares)\\s+for\\b`,
  ),
  // T1074 Data Staged: collected data put aside to leave later. Deploy pipelines stage builds too.
  sig(
    'data-staging',
    'offensive',
    2,
    `\\b(?:stag(?:e|es|ed|ing)|collect\\w*|gather\\w*|cop(?:y|ies|ying)|aggregat\\w*)\\b[^.\\n]{0,60}\\b(?:to|into|in)\\s+(?:a\\s+|the\\s+)?(?:hidden\\s+|temporary\\s+|temp\\s+|local\\s+)?staging\\s+(?:director(?:y|ies)|folders?|locations?|dir)\\b|\\bstaged?\\s+(?:[\\w'-]+\\s+)?for\\s+(?:later\\s+)?(?:exfil\\w*|extraction|pickup|retrieval|collection)\\b|\\b(?:collect\\w*|gather\\w*|cop(?:y|ies|ying)|mov(?:e|es|ing)|aggregat\\w*)\\b[^.\\n]{0,60}\\b(?:to|into|in)\\s+(?:a\\s+|the\\s+)?hidden\\s+(?:folders?|director(?:y|ies)|locations?|dir|shares?)\\b`,
  ),
  // T1048 Exfiltration Over Alternative Protocol: data carried inside DNS or ICMP.
  sig(
    'protocol-tunnel',
    'offensive',
    3,
    `\\b(?:dns|icmp) tunnel\\w*|\\b(?:send|sends|sending|transfer\\w*|encod\\w*|smuggl\\w*|tunnel\\w*|leak\\w*|exfiltrat\\w*|hid(?:e|es|ing))\\s+(?:[\\w'-]+\\s+){0,3}?(?:over|via|through|in|inside|within)\\s+(?:dns|icmp)\\s+(?:queries|requests|packets|records|lookups|traffic|txt records)\\b`,
  ),
  // T1070.001-.003: the records that say who logged in and what they ran.
  sig(
    'trace-wipe',
    'offensive',
    3,
    `\\b(?:clear|clears|clearing|wip(?:e|es|ing)|delet\\w*|eras\\w*|truncat\\w*|remov\\w*|purg\\w*|shred\\w*|scrub\\w*|zero\\w*|tamper\\w*|edit\\w*|modif\\w*|alter\\w*)\\b${S}(?:\\bwtmp\\b|\\bbtmp\\b|\\butmp\\b|\\blastlog\\b|\\bauth\\.log\\b|\\/var\\/log\\/secure\\b|\\blog(?:in|on) (?:records|history|entries)\\b|\\bsecurity event logs?\\b|\\bwindows event logs?\\b|\\bwevtutil\\b|\\bprefetch (?:files|folder|data)\\b|\\busn journal\\b|\\bshellbags\\b|\\bjump lists\\b|\\bamcache\\b|\\bshimcache\\b|\\bconsolehost_history\\b|\\.bash_history\\b|\\.zsh_history\\b|\\b(?:bash|zsh|powershell) history\\b)`,
  ),
  // T1562.003 Impair Command History Logging.
  sig(
    'history-evasion',
    'offensive',
    3,
    '\\bunset histfile\\b|\\bhistfile=\\/dev\\/null\\b|\\bhistsize=0\\b|\\bset \\+o history\\b|\\bdisabl\\w*\\s+(?:the\\s+)?(?:shell|bash|zsh|command|powershell) history(?: logging| recording)?\\b',
  ),
  // T1070.004 File Deletion as indicator removal: a tool that erases itself or the evidence it ran.
  sig(
    'self-delete',
    'offensive',
    3,
    '\\bself[- ]?(?:delet|destruct|eras)\\w*\\b(?! (?:messages?|notes?|links?|pastes?|secrets?|timers?))|\\b(?:delet|remov|eras)\\w*\\s+(?:itself|its own (?:binary|executable|files?|script|traces))\\b|\\b(?:delet|remov|eras|clean|wip)\\w*\\s+(?:up\\s+)?(?:all\\s+)?(?:traces|indicators|footprints|evidence) of (?:its|the|their) (?:execution|activity|presence|actions|access)\\b',
  ),
  // T1485 / T1561: overwriting so nothing can be recovered. Privacy tools shred files too: weight 2.
  sig(
    'secure-wipe',
    'offensive',
    2,
    "\\bshred\\w*\\b|\\bsecure(?:ly)?[- ](?:delet|eras|wip)\\w*|\\boverwrit\\w*\\s+(?:[\\w'-]+\\s+){0,3}?(?:with (?:random|zeros|zeroes)|multiple (?:passes|times))\\b",
  ),
  // Out of forensic reach (T1070 as a goal): corroborates shredding and wiping.
  sig(
    'forensic-evasion',
    'offensive',
    2,
    `\\b(?:recover\\w*|found|detect\\w*|analy[sz]\\w*|discover\\w*)\\s+by\\s+(?:\\w+\\s+)?forensic\\w*|\\b(?:evad\\w*|defeat\\w*|avoid\\w*|hinder\\w*|thwart\\w*|foil\\w*)\\s+(?:\\w+\\s+)?forensic\\w*`,
  ),
  // T1554 Compromise Host Software Binary: the system's own programs swapped for altered ones.
  sig(
    'host-binary-replace',
    'offensive',
    3,
    `\\b(?:replac|overwrit|swap|trojani[sz]|backdoor|modif)\\w*\\s+(?:the\\s+)?(?:legitimate\\s+)?(?:system|os|host|core|installed)\\s+(?:binaries|executables|libraries|utilities|commands|dlls)\\b`,
  ),
  // T1561.002 Disk Structure Wipe: the structures a disk boots and mounts from.
  sig(
    'disk-structure-wipe',
    'offensive',
    3,
    '\\b(?:overwrit|wip|eras|corrupt|zero|destroy)\\w*\\s+(?:the\\s+)?(?:mbr|master boot record|boot sectors?|partition tables?|volume boot records?|gpt headers?)\\b',
  ),
];
