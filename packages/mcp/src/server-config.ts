// The normalised shape of one MCP server entry, whatever client config it came from, plus the
// package/version inference used by the unpinned-package check and the AI-BOM.

export type Transport = 'stdio' | 'sse' | 'http' | 'unknown';

export interface McpServerConfig {
  /** Key of the entry in its config file. */
  name: string;
  /** Client family the config belongs to, e.g. "cursor", "claude-desktop", "vscode". */
  client: string;
  /** Path of the config file (relative to the scan root, or absolute for user-level discovery). */
  configPath: string;
  /** 1-based line of the entry in the config file, when known. */
  line?: number;
  transport: Transport;
  command?: string;
  args: string[];
  url?: string;
  env: Record<string, string>;
  headers: Record<string, string>;
  cwd?: string;
  /** True when the config marks the server disabled. */
  disabled?: boolean;
}

export interface PackageRef {
  /** npm, pypi, oci or a local path. */
  ecosystem: 'npm' | 'pypi' | 'oci' | 'local';
  name: string;
  /** Undefined when no version is pinned; "latest" and the like are kept as given. */
  version?: string;
  /** The launcher that fetches it at start (npx, uvx, docker...). */
  launcher: string;
}

const NPM_LAUNCHERS = new Set(['npx', 'bunx', 'pnpx']);
const NPM_DLX = new Set(['pnpm', 'yarn', 'bun']);
const PY_LAUNCHERS = new Set(['uvx', 'pipx']);

/** Basename of a command without a Windows extension: "C:\\x\\npx.cmd" -> "npx". */
export function commandBase(command: string): string {
  const c = command.trim();
  // A path may contain spaces ("C:\\Program Files\\nodejs\\npx.cmd"); a bare command may carry args ("uv run").
  const first = /[\\/]/.test(c) ? c : (c.split(/\s+/)[0] ?? c);
  const base = first.split(/[\\/]/).pop() ?? first;
  return base.replace(/\.(cmd|exe|bat|ps1)$/i, '').toLowerCase();
}

/** Command plus args as one argv, splitting a command string like "uv run python". */
export function argv(server: McpServerConfig): string[] {
  if (server.command === undefined) return [];
  const cmd = server.command.trim();
  // Only split when the whole string has no path separators with spaces (e.g. "~/Library/Application Support/x").
  const split = /[\\/]/.test(cmd) ? [cmd] : cmd.split(/\s+/);
  return [...split, ...server.args];
}

function splitNpmSpec(spec: string): { name: string; version?: string } {
  const at = spec.startsWith('@') ? spec.indexOf('@', 1) : spec.indexOf('@');
  if (at <= 0) return { name: spec };
  return { name: spec.slice(0, at), version: spec.slice(at + 1) };
}

function splitPySpec(spec: string): { name: string; version?: string } {
  const scheme = spec.indexOf('://');
  if (scheme > 0) {
    // VCS URL: git+https://host/repo@<ref>
    const at = spec.lastIndexOf('@');
    return at > scheme ? { name: spec.slice(0, at), version: spec.slice(at + 1) } : { name: spec };
  }
  const m = /^([A-Za-z0-9_.\-[\],]+?)\s*(==|@|>=|~=)\s*(.+)$/.exec(spec);
  if (!m) return { name: spec };
  return { name: m[1]!, version: `${m[2] === '==' || m[2] === '@' ? '' : m[2]}${m[3]}` };
}

function splitImage(ref: string): { name: string; version?: string } {
  const digest = ref.indexOf('@sha256:');
  if (digest > 0) return { name: ref.slice(0, digest), version: ref.slice(digest + 1) };
  const slash = ref.lastIndexOf('/');
  const colon = ref.lastIndexOf(':');
  if (colon > slash) return { name: ref.slice(0, colon), version: ref.slice(colon + 1) };
  return { name: ref };
}

/** Options of `docker run` that take a value, so the image is found as the first free argument. */
const DOCKER_VALUE_OPTS = new Set([
  '-e',
  '--env',
  '-v',
  '--volume',
  '-p',
  '--publish',
  '--name',
  '--network',
  '--net',
  '-w',
  '--workdir',
  '-u',
  '--user',
  '--env-file',
  '--mount',
  '--entrypoint',
  '-l',
  '--label',
  '--platform',
  '--pull',
  '-h',
  '--hostname',
  '--cpus',
  '-m',
  '--memory',
  '--add-host',
  '--cap-add',
  '--cap-drop',
  '--device',
  '--security-opt',
  '--ulimit',
  '--restart',
  '--tmpfs',
  '--dns',
  '--ipc',
  '--pid',
  '--runtime',
  '--shm-size',
  '--gpus',
  '--init-path',
]);

/** The package a launcher fetches and runs, when the command is one of the known launchers. */
export function packageOf(server: McpServerConfig): PackageRef | undefined {
  const a = argv(server);
  if (a.length === 0) return undefined;
  const launcher = commandBase(a[0]!);
  let rest = a.slice(1);
  if (NPM_DLX.has(launcher)) {
    if (rest[0] !== 'dlx' && rest[0] !== 'x') return undefined;
    rest = rest.slice(1);
  }
  if (NPM_LAUNCHERS.has(launcher) || NPM_DLX.has(launcher)) {
    for (let i = 0; i < rest.length; i++) {
      const t = rest[i]!;
      if (t === '-p' || t === '--package') {
        const spec = rest[i + 1];
        if (spec) return { ecosystem: 'npm', launcher, ...splitNpmSpec(spec) };
      }
      if (t.startsWith('--package=')) return { ecosystem: 'npm', launcher, ...splitNpmSpec(t.slice(10)) };
      if (t.startsWith('-')) continue;
      return { ecosystem: 'npm', launcher, ...splitNpmSpec(t) };
    }
    return undefined;
  }
  if (PY_LAUNCHERS.has(launcher) || (launcher === 'uv' && rest[0] === 'tool' && rest[1] === 'run')) {
    if (launcher === 'uv') rest = rest.slice(2);
    if (launcher === 'pipx' && rest[0] === 'run') rest = rest.slice(1);
    for (let i = 0; i < rest.length; i++) {
      const t = rest[i]!;
      if (t === '--from') {
        const spec = rest[i + 1];
        if (spec) return { ecosystem: 'pypi', launcher, ...splitPySpec(spec) };
      }
      if (t === '--with' || t === '--python' || t === '--index-url' || t === '-p') {
        i++;
        continue;
      }
      if (t.startsWith('-')) continue;
      return { ecosystem: 'pypi', launcher, ...splitPySpec(t) };
    }
    return undefined;
  }
  if (launcher === 'docker' || launcher === 'podman') {
    if (rest[0] !== 'run') return undefined;
    for (let i = 1; i < rest.length; i++) {
      const t = rest[i]!;
      if (DOCKER_VALUE_OPTS.has(t)) {
        i++;
        continue;
      }
      if (t.startsWith('-')) continue;
      return { ecosystem: 'oci', launcher, ...splitImage(t) };
    }
  }
  return undefined;
}

/** Versions that do not pin anything: they move with every release. */
export function isMutableVersion(pkg: PackageRef): boolean {
  const v = pkg.version?.trim().toLowerCase();
  if (v === undefined || v === '') return true;
  if (pkg.ecosystem === 'oci') return !v.startsWith('sha256:');
  if (['latest', 'next', 'canary', 'beta', 'alpha', 'main', 'master', '*', 'x'].includes(v)) return true;
  // Ranges (^1.2.0, ~1.2, >=1) still float; an exact version or a commit-pinned git spec does not.
  return /^[\^~><*]|\s-\s|\|\||\.x$|^\d+$|^\d+\.\d+$/.test(v);
}
