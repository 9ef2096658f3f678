// Tool-argument constraints (recipient domains, path prefixes, URL hosts, numeric ranges, enums).
// Arguments are hostile model output: every check fails closed (a value of the wrong type, an
// unparsable address or a path that escapes with `..` is a violation), and walking is bounded.
import { posix } from 'node:path';
import type { ArgConstraint } from './policy-schema.js';

const MAX_VALUES = 256;
const MAX_STRING = 65_536;
/** One `@`, no whitespace, brackets, quotes or separators; a DNS-style domain. Linear: no nesting. */
const ADDRESS = /^[^\s<>()[\]\\,;:"@]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*$/;

/** Reads `a.b.c` from parsed JSON arguments without touching prototypes. */
export function readArg(args: unknown, path: string): unknown {
  let cur: unknown = args;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object' || Array.isArray(cur)) return undefined;
    if (!Object.hasOwn(cur, part)) return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

/** A scalar or an array of scalars, flattened one level (recipients lists, path lists). */
function values(v: unknown): unknown[] | undefined {
  if (Array.isArray(v)) return v.length <= MAX_VALUES ? v : undefined;
  return [v];
}

function hostMatches(host: string, allowed: string[]): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  return allowed.some((a) => {
    const x = a.toLowerCase();
    return x.startsWith('.') ? h.endsWith(x) && h.length > x.length : h === x;
  });
}

/** Addresses in one string: "a@x.com", "Name <a@x.com>", "a@x.com, b@y.org". */
function emailDomains(s: string): string[] | undefined {
  const out: string[] = [];
  for (const raw of s.split(/[,;]/)) {
    const part = raw.trim();
    if (part === '') continue;
    const angle = /<([^<>]*)>\s*$/.exec(part);
    const addr = (angle ? angle[1] : part)?.trim() ?? '';
    // Plain addresses only: quoted local parts, comments and IP literals fail closed.
    if (!ADDRESS.test(addr)) return undefined;
    out.push(addr.slice(addr.lastIndexOf('@') + 1));
  }
  return out.length > 0 ? out : undefined;
}

function pathAllowed(p: string, prefixes: string[]): boolean {
  if (p.includes('\0')) return false;
  // Relative paths and `..` are resolved against nothing: they cannot be proven inside a prefix.
  if (!p.startsWith('/')) return false;
  const norm = posix.normalize(p);
  return prefixes.some((pre) => {
    const base = posix.normalize(pre);
    const withSep = base.endsWith('/') ? base : `${base}/`;
    return norm === base.replace(/\/$/, '') || norm.startsWith(withSep);
  });
}

function urlAllowed(u: string, hosts: string[]): boolean {
  let url: URL;
  try {
    url = new URL(u);
  } catch {
    return false;
  }
  if (url.username || url.password) return false;
  return hostMatches(url.hostname, hosts);
}

/** Returns a human-readable reason for the first violated constraint, or undefined when all hold. */
export function checkConstraint(c: ArgConstraint, args: unknown): string | undefined {
  const raw = readArg(args, c.arg);
  if (raw === undefined || raw === null) return c.required ? `argument ${c.arg} is required` : undefined;
  const list = values(raw);
  if (!list) return `argument ${c.arg} has too many values`;
  for (const v of list) {
    if (typeof v === 'string' && v.length > MAX_STRING) return `argument ${c.arg} is too long`;
    if (c.maxLength !== undefined && typeof v === 'string' && v.length > c.maxLength) {
      return `argument ${c.arg} is longer than ${c.maxLength}`;
    }
    if (c.oneOf && !c.oneOf.includes(v as string | number | boolean)) {
      return `argument ${c.arg} is not one of the allowed values`;
    }
    if (c.min !== undefined || c.max !== undefined) {
      const n = typeof v === 'number' ? v : typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : Number.NaN;
      if (!Number.isFinite(n)) return `argument ${c.arg} is not a number`;
      if (c.min !== undefined && n < c.min) return `argument ${c.arg} is below ${c.min}`;
      if (c.max !== undefined && n > c.max) return `argument ${c.arg} exceeds ${c.max}`;
    }
    if (c.emailDomains) {
      if (typeof v !== 'string') return `argument ${c.arg} is not an e-mail address`;
      const domains = emailDomains(v);
      if (!domains) return `argument ${c.arg} is not a valid e-mail address`;
      const bad = domains.find((d) => !hostMatches(d, c.emailDomains ?? []));
      if (bad !== undefined) return `argument ${c.arg}: recipient domain ${bad} is not allowed`;
    }
    if (c.pathPrefixes) {
      if (typeof v !== 'string' || !pathAllowed(v, c.pathPrefixes)) {
        return `argument ${c.arg}: path is outside the allowed prefixes`;
      }
    }
    if (c.urlHosts) {
      if (typeof v !== 'string' || !urlAllowed(v, c.urlHosts)) return `argument ${c.arg}: URL host is not allowed`;
    }
  }
  return undefined;
}
