// Static checks on one server's launch configuration. Each returns FindingDrafts naming a rule in
// rules/mcp/; evidence never holds a raw secret.
import type { FindingDraft } from '@rampart/core';
import { secretInNamedValue, secretsInText } from './secrets.js';
import { redactUrl, serverAssetId } from './server-asset.js';
import { argv, commandBase, isMutableVersion, type McpServerConfig, packageOf } from './server-config.js';

function draft(s: McpServerConfig, ruleId: string, message: string, extra: Partial<FindingDraft> = {}): FindingDraft {
  return {
    ruleId,
    assetId: serverAssetId(s),
    location: { path: s.configPath, ...(s.line === undefined ? {} : { line: s.line }) },
    message,
    discriminator: `${s.name}\u0000${extra.discriminator ?? ''}`,
    ...(extra.evidence ? { evidence: extra.evidence } : {}),
    ...(extra.confidence === undefined ? {} : { confidence: extra.confidence }),
  };
}

const LOOPBACK = /^(?:localhost|127(?:\.\d{1,3}){3}|\[::1\]|::1|0\.0\.0\.0|host\.docker\.internal)$/i;

export function isLoopbackUrl(url: string): boolean {
  try {
    return LOOPBACK.test(new URL(url).hostname);
  } catch {
    return false;
  }
}

function checkUnpinned(s: McpServerConfig): FindingDraft[] {
  const pkg = packageOf(s);
  if (!pkg || !isMutableVersion(pkg)) return [];
  const how = pkg.version === undefined ? 'no version' : `mutable version "${pkg.version}"`;
  return [
    draft(
      s,
      'mcp-unpinned-package',
      `MCP server "${s.name}" runs ${pkg.ecosystem} package ${pkg.name} via ${pkg.launcher} with ${how}: every start may fetch different code`,
      {
        evidence: { facts: { package: pkg.name, launcher: pkg.launcher, version: pkg.version ?? null } },
      },
    ),
  ];
}

function checkSecrets(s: McpServerConfig): FindingDraft[] {
  const out: FindingDraft[] = [];
  const report = (where: string, redacted: string, kind: string) =>
    out.push(
      draft(s, 'mcp-secret-in-config', `MCP server "${s.name}" has a ${kind} in ${where} (${redacted})`, {
        evidence: { snippet: `${where}: ${redacted}`, facts: { where, kind } },
        discriminator: where,
      }),
    );
  for (const [k, v] of Object.entries(s.env)) {
    const h = secretInNamedValue(k, v);
    if (h) report(`env ${k}`, h.redacted, h.kind);
  }
  for (const [k, v] of Object.entries(s.headers)) {
    const h = secretInNamedValue(k, v);
    if (h) report(`header ${k}`, h.redacted, h.kind);
  }
  s.args.forEach((a, i) => {
    // "--api-key=VALUE" and "--api-key VALUE" both name the value.
    const eq = /^--?([A-Za-z][\w-]*)=(.+)$/.exec(a);
    const prev = s.args[i - 1];
    const named = eq
      ? secretInNamedValue(eq[1]!, eq[2]!)
      : prev?.startsWith('-')
        ? secretInNamedValue(prev.replace(/^-+/, ''), a)
        : undefined;
    const h = named ?? secretsInText(a)[0];
    if (h) report(`args[${i}]`, h.redacted, h.kind);
  });
  if (s.url !== undefined) {
    const hits = secretsInText(s.url);
    let userinfo = false;
    try {
      const u = new URL(s.url);
      userinfo = u.password !== '';
      for (const [k, v] of u.searchParams) {
        const h = secretInNamedValue(k, v);
        if (h) hits.push(h);
      }
    } catch {
      // not a URL: the text patterns above still apply
    }
    if (hits.length > 0 || userinfo) report('url', redactUrl(s.url), hits[0]?.kind ?? 'password');
  }
  return out;
}

function checkRemote(s: McpServerConfig): FindingDraft[] {
  if (s.url === undefined || isLoopbackUrl(s.url)) return [];
  const out: FindingDraft[] = [];
  const url = redactUrl(s.url);
  if (/^(?:http|ws):\/\//i.test(s.url)) {
    out.push(
      draft(s, 'mcp-plaintext-http', `MCP server "${s.name}" is reached over unencrypted ${url}`, {
        evidence: { facts: { url } },
      }),
    );
  }
  const headerNames = Object.keys(s.headers).map((h) => h.toLowerCase());
  const hasAuthHeader = headerNames.some((h) => /authorization|api[-_]?key|token|secret|auth/.test(h));
  let hasUrlCred = false;
  try {
    const u = new URL(s.url);
    hasUrlCred = u.password !== '' || [...u.searchParams.keys()].some((k) => /key|token|auth|secret/i.test(k));
  } catch {
    // unparsable URL: treat as no credential
  }
  const hasEnvAuth = Object.keys(s.env).some((k) => /token|key|secret|auth/i.test(k));
  if (!hasAuthHeader && !hasUrlCred && !hasEnvAuth) {
    out.push(
      draft(
        s,
        'mcp-remote-no-auth',
        `Remote MCP server "${s.name}" (${url}) is configured without any credential; unless it uses OAuth, anyone can reach its tools and it cannot tell clients apart`,
        {
          evidence: { facts: { url } },
        },
      ),
    );
  }
  return out;
}

/** Paths that hand a filesystem server the whole disk or a whole home directory. */
const BROAD_PATH =
  /^(?:\/|~\/?|\$HOME\/?|\$\{HOME\}\/?|%USERPROFILE%\\?|\/home\/[^/]+\/?|\/Users\/[^/]+\/?|\/root\/?|[A-Za-z]:\\?|[A-Za-z]:\\Users\\[^\\]+\\?|[A-Za-z]:\/Users\/[^/]+\/?)$/;

function checkFilesystem(s: McpServerConfig): FindingDraft[] {
  const pkg = packageOf(s);
  const ident = `${pkg?.name ?? ''} ${s.name} ${s.command ?? ''}`.toLowerCase();
  const a = argv(s);
  const out: FindingDraft[] = [];
  if (/filesystem|file-system|fs-mcp|mcp-fs|server-files/.test(ident)) {
    for (const arg of a.slice(1)) {
      if (BROAD_PATH.test(arg.trim())) {
        out.push(
          draft(
            s,
            'mcp-filesystem-broad-access',
            `Filesystem MCP server "${s.name}" is given ${arg}: the agent can read and write everything under it (SSH keys, cloud credentials, other projects)`,
            { discriminator: arg, evidence: { facts: { path: arg } } },
          ),
        );
      }
    }
  }
  // Containers: a bind mount of / or a home directory gives the same reach.
  const base = a[0] ? commandBase(a[0]) : '';
  if (base === 'docker' || base === 'podman') {
    for (let i = 0; i < a.length - 1; i++) {
      if (a[i] !== '-v' && a[i] !== '--volume') continue;
      const src = (a[i + 1] ?? '').split(':')[0] ?? '';
      if (BROAD_PATH.test(src)) {
        out.push(
          draft(s, 'mcp-filesystem-broad-access', `MCP server "${s.name}" mounts ${src} into its container`, {
            discriminator: `mount ${src}`,
            evidence: { facts: { mount: a[i + 1] } },
          }),
        );
      }
    }
  }
  return out;
}

const SHELL_PKG =
  /(?:^|[/@_-])(?:shell|terminal|exec|commands|bash|zsh|powershell|ssh|desktop-commander|run-command|code-runner)(?:[/_-]|$)/i;
const SHELLS = new Set(['bash', 'sh', 'zsh', 'fish', 'powershell', 'pwsh', 'cmd']);

function checkShell(s: McpServerConfig): FindingDraft[] {
  const pkg = packageOf(s);
  const a = argv(s);
  const base = a[0] ? commandBase(a[0]) : '';
  const names = [pkg?.name, ...(pkg ? [] : a.slice(0, 3))].filter((x): x is string => typeof x === 'string');
  const hit = names.find((n) => SHELL_PKG.test(n.replace(/\.(js|py|ts)$/, '')));
  if (hit) {
    return [
      draft(
        s,
        'mcp-shell-exec-server',
        `MCP server "${s.name}" (${hit}) gives the agent command execution on this machine`,
        { evidence: { facts: { package: hit } } },
      ),
    ];
  }
  // `bash -c "<inline script>"` launches: the config itself is a script.
  if (SHELLS.has(base) && a.some((x) => x === '-c' || x === '/c' || x === '-Command')) {
    return [
      draft(s, 'mcp-shell-exec-server', `MCP server "${s.name}" is launched through an inline ${base} script`, {
        evidence: { facts: { shell: base } },
      }),
    ];
  }
  return [];
}

const TEMP_PATH =
  /^(?:\/tmp\/|\/var\/tmp\/|\/dev\/shm\/|\/private\/tmp\/|\/private\/var\/folders\/|\/var\/folders\/|%TEMP%|%TMP%|\$TMPDIR|\$\{TMPDIR\}|[A-Za-z]:\\(?:Windows\\Temp|Temp)\\|[A-Za-z]:\\Users\\[^\\]+\\AppData\\Local\\Temp\\|~\/Downloads\/|\/Users\/[^/]+\/Downloads\/|\/home\/[^/]+\/Downloads\/)/i;

export interface LaunchPathOptions {
  /** Optional stat hook (user-level scans): true when the path or its directory is world-writable. */
  isWorldWritable?: (path: string) => boolean;
}

function checkLaunchPath(s: McpServerConfig, opts: LaunchPathOptions): FindingDraft[] {
  const a = argv(s);
  const cands = [a[0], ...a.slice(1).filter((x) => /\.(?:js|mjs|cjs|ts|py|sh|exe|jar|rb|pl)$/i.test(x)), s.cwd].filter(
    (x): x is string => typeof x === 'string' && x.length > 0,
  );
  for (const p of cands) {
    if (TEMP_PATH.test(p)) {
      return [
        draft(
          s,
          'mcp-insecure-launch-path',
          `MCP server "${s.name}" is launched from ${p}, a temporary or download directory any local process can write to`,
          { evidence: { facts: { path: p } } },
        ),
      ];
    }
    if (opts.isWorldWritable && /^(?:\/|[A-Za-z]:\\)/.test(p) && opts.isWorldWritable(p)) {
      return [
        draft(s, 'mcp-insecure-launch-path', `MCP server "${s.name}" is launched from ${p}, which is world-writable`, {
          evidence: { facts: { path: p, worldWritable: true } },
        }),
      ];
    }
  }
  return [];
}

export function checkServerConfig(s: McpServerConfig, opts: LaunchPathOptions = {}): FindingDraft[] {
  return [
    ...checkUnpinned(s),
    ...checkSecrets(s),
    ...checkRemote(s),
    ...checkFilesystem(s),
    ...checkShell(s),
    ...checkLaunchPath(s, opts),
  ];
}
