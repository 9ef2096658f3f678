// A stdio transport for inspecting untrusted MCP servers: spawns without a shell and with a
// minimal environment, bounds line and total output size, tolerates (and records) garbage on
// stdout, and kills the whole process on close. The SDK's own stdio transport has no size limits.
import { type ChildProcess, spawn } from 'node:child_process';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { type JSONRPCMessage, JSONRPCMessageSchema } from '@modelcontextprotocol/sdk/types.js';

export interface BoundedStdioOptions {
  command: string;
  args: string[];
  env: Record<string, string>;
  cwd?: string;
  /** Largest single JSON-RPC line. */
  maxMessageBytes: number;
  /** Largest total stdout before the server is killed. */
  maxTotalBytes: number;
  /** Non-JSON stdout lines tolerated before giving up. */
  maxGarbageLines: number;
}

/** Environment variables a stdio server gets from ours: enough to find binaries and a home dir. */
const PASS_THROUGH = [
  'PATH',
  'HOME',
  'USER',
  'LOGNAME',
  'SHELL',
  'TERM',
  'LANG',
  'LC_ALL',
  'TMPDIR',
  'TEMP',
  'TMP',
  'SystemRoot',
  'SYSTEMROOT',
  'windir',
  'COMSPEC',
  'PATHEXT',
  'APPDATA',
  'LOCALAPPDATA',
  'USERPROFILE',
  'HOMEDRIVE',
  'HOMEPATH',
  'ProgramFiles',
  'ProgramFiles(x86)',
  'NODE_PATH',
  'npm_config_cache',
  'npm_config_offline',
  'XDG_CACHE_HOME',
  'XDG_CONFIG_HOME',
];

export function minimalEnv(
  serverEnv: Record<string, string>,
  from: NodeJS.ProcessEnv = process.env,
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const k of PASS_THROUGH) {
    const v = from[k];
    if (v !== undefined) env[k] = v;
  }
  return { ...env, ...serverEnv };
}

export class BoundedStdioTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;
  private child: ChildProcess | undefined;
  private buf = '';
  private total = 0;
  private closed = false;
  /** Why the transport gave up, when it did (surfaced in the inspection failure reason). */
  failure: string | undefined;
  firstGarbage: string | undefined;
  garbageLines = 0;
  stderrTail = '';
  exitCode: number | null | undefined;

  constructor(private readonly opts: BoundedStdioOptions) {}

  start(): Promise<void> {
    return new Promise((resolve, reject) => {
      const child = spawn(this.opts.command, this.opts.args, {
        env: this.opts.env,
        stdio: ['pipe', 'pipe', 'pipe'],
        shell: false,
        windowsHide: true,
        detached: process.platform !== 'win32', // own process group, so close() kills grandchildren (npx -> node)
        ...(this.opts.cwd ? { cwd: this.opts.cwd } : {}),
      });
      this.child = child;
      child.on('error', (e) => {
        this.fail(`could not start: ${e.message}`);
        reject(e);
      });
      child.on('spawn', () => resolve());
      child.on('exit', (code, signal) => {
        this.exitCode = code;
        if (!this.closed)
          this.fail(
            `process exited (${signal ?? `code ${code}`})${this.stderrTail ? `; stderr: ${this.stderrTail.trim().slice(-300)}` : ''}`,
          );
      });
      child.stdin?.on('error', () => {}); // EPIPE when the server dies: reported through exit
      child.stderr?.setEncoding('utf8');
      child.stderr?.on('data', (d: string) => {
        this.stderrTail = (this.stderrTail + d).slice(-2000);
      });
      child.stdout?.setEncoding('utf8');
      child.stdout?.on('data', (d: string) => this.onData(d));
    });
  }

  private onData(chunk: string): void {
    if (this.closed) return;
    this.total += Buffer.byteLength(chunk);
    if (this.total > this.opts.maxTotalBytes) {
      this.fail(`server wrote more than ${this.opts.maxTotalBytes} bytes to stdout`);
      return;
    }
    this.buf += chunk;
    let nl = this.buf.indexOf('\n');
    while (nl >= 0) {
      const line = this.buf.slice(0, nl).replace(/\r$/, '');
      this.buf = this.buf.slice(nl + 1);
      this.onLine(line);
      if (this.closed) return;
      nl = this.buf.indexOf('\n');
    }
    if (Buffer.byteLength(this.buf) > this.opts.maxMessageBytes) {
      this.fail(`JSON-RPC message larger than ${this.opts.maxMessageBytes} bytes`);
    }
  }

  private onLine(line: string): void {
    if (line.trim() === '') return;
    if (Buffer.byteLength(line) > this.opts.maxMessageBytes) {
      this.fail(`JSON-RPC message larger than ${this.opts.maxMessageBytes} bytes`);
      return;
    }
    let msg: JSONRPCMessage | undefined;
    try {
      const r = JSONRPCMessageSchema.safeParse(JSON.parse(line));
      if (r.success) msg = r.data;
    } catch {
      // not JSON: counted as garbage below
    }
    if (!msg) {
      this.garbageLines++;
      this.firstGarbage ??= line.slice(0, 120);
      if (this.garbageLines > this.opts.maxGarbageLines) {
        this.fail(
          `stdout is not JSON-RPC (${this.garbageLines} bad lines, first: ${JSON.stringify(this.firstGarbage)})`,
        );
      }
      return;
    }
    this.onmessage?.(msg);
  }

  private fail(reason: string): void {
    this.failure ??= reason;
    this.onerror?.(new Error(reason));
    void this.close();
  }

  async send(message: JSONRPCMessage): Promise<void> {
    const stdin = this.child?.stdin;
    if (!stdin || this.closed || !stdin.writable) throw new Error(this.failure ?? 'transport closed');
    stdin.write(`${JSON.stringify(message)}\n`);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const child = this.child;
    if (child && child.exitCode === null && child.signalCode === null) {
      const kill = (sig: NodeJS.Signals) => {
        try {
          if (process.platform !== 'win32' && child.pid !== undefined) process.kill(-child.pid, sig);
          else child.kill(sig);
        } catch {
          // already gone
        }
      };
      child.stdin?.end();
      kill('SIGTERM');
      const t = setTimeout(() => kill('SIGKILL'), 1000);
      t.unref();
      child.once('exit', () => clearTimeout(t));
    }
    this.onclose?.();
  }
}
