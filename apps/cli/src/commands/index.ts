// Every command group, listed once. Adding a command = its file + one line here.
import type { Command } from 'commander';
import { register as advisories } from './advisories.js';
import { register as approvals } from './approvals.js';
import { register as audit } from './audit.js';
import { register as baseline } from './baseline.js';
import { register as detect } from './detect.js';
import { register as gateway } from './gateway.js';
import { register as graph } from './graph.js';
import { register as mcp } from './mcp.js';
import { register as mcpProxy } from './mcp-proxy.js';
import { register as policy } from './policy.js';
import { register as rules } from './rules.js';
import { register as scan } from './scan.js';
import { register as scans } from './scans.js';

// biome-ignore format: one command per line keeps additions to one line each
export const COMMANDS: ReadonlyArray<(program: Command) => void> = [
  scan,
  scans,
  rules,
  baseline,
  detect,
  graph,
  mcp,
  advisories,
  policy,
  audit,
  approvals,
  gateway,
  mcpProxy,
];
