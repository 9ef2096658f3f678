// docker-compose files: services running AI servers or vector databases, their published ports
// (a port published without a host address listens on every interface) and environment.
import { type Detector, ParseError } from '@rampart/core';
import { isMap, isScalar, LineCounter, parseDocument } from 'yaml';
import { analyzeWorkloads, type Workload } from './workloads.js';

const COMPOSE_NAME = /(^|\/)(docker-)?compose(\.[\w-]+)?\.ya?ml$/;

function envMap(v: unknown): Map<string, string> {
  const m = new Map<string, string>();
  if (Array.isArray(v)) {
    for (const e of v) {
      const s = String(e);
      const i = s.indexOf('=');
      m.set(i < 0 ? s : s.slice(0, i), i < 0 ? '' : s.slice(i + 1));
    }
  } else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) m.set(k, x === null ? '' : String(x));
  return m;
}

function argList(v: unknown): string[] {
  if (Array.isArray(v)) return v.map(String);
  if (typeof v === 'string') return v.split(/\s+/).filter(Boolean);
  return [];
}

/** "8000:8000", "0.0.0.0:8000:8000", {published, host_ip}: exposed unless bound to loopback. */
export function publicPorts(ports: unknown): string[] {
  const out: string[] = [];
  for (const p of Array.isArray(ports) ? ports : []) {
    if (p && typeof p === 'object') {
      const host = String((p as { host_ip?: unknown }).host_ip ?? '0.0.0.0');
      if (
        (p as { published?: unknown }).published !== undefined &&
        !host.startsWith('127.') &&
        host !== 'localhost' &&
        host !== '::1'
      )
        out.push(`port ${(p as { published: unknown }).published} on ${host}`);
      continue;
    }
    const s = String(p).replace(/\/(tcp|udp)$/, '');
    const parts = s.split(':');
    if (parts.length === 1) continue; // container port only: Docker picks a random host port on all interfaces
    const host =
      parts.length >= 3
        ? parts
            .slice(0, -2)
            .join(':')
            .replace(/^\[|\]$/g, '')
        : '0.0.0.0';
    if (host.startsWith('127.') || host === 'localhost' || host === '::1') continue;
    out.push(`port ${parts[parts.length - 2]} published on ${host}`);
  }
  return out;
}

export const composeDetector: Detector = {
  id: 'iac-compose',
  version: '1',
  description: 'Self-hosted AI servers and vector databases in docker-compose files',
  applies: (f) => f.isText && COMPOSE_NAME.test(f.path),
  async analyze(file) {
    const text = await file.text();
    const lc = new LineCounter();
    const doc = parseDocument(text, { lineCounter: lc, uniqueKeys: false });
    if (doc.errors.length > 0)
      throw new ParseError(`${file.path}: compose file does not parse: ${doc.errors[0]!.message.split('\n')[0]}`, {
        path: file.path,
      });
    const services = doc.get('services', true);
    if (!isMap(services)) return {};
    const workloads: Workload[] = [];
    for (const pair of services.items) {
      const name = isScalar(pair.key) ? String(pair.key.value) : '';
      const svc = (isMap(pair.value) ? pair.value.toJSON() : {}) as Record<string, unknown>;
      if (typeof svc.image !== 'string') continue;
      const range = (pair.key as { range?: [number, number, number] } | null)?.range;
      const exposed = svc.network_mode === 'host' ? ['host network'] : publicPorts(svc.ports);
      workloads.push({
        name,
        image: svc.image,
        env: envMap(svc.environment),
        args: [...argList(svc.entrypoint), ...argList(svc.command)],
        path: file.path,
        ...(range ? { line: lc.linePos(range[0]).line } : {}),
        ...(exposed.length > 0 ? { exposedVia: exposed.join(', ') } : {}),
        source: 'docker-compose',
      });
    }
    return analyzeWorkloads(workloads);
  },
};
