// Maps audit records to OCSF (schema 1.3) events for SIEMs. Every gateway request is an
// "API Activity" (class_uid 6003, category 6 Application Activity): the client called an AI API
// through Rampart. The policy outcome uses the Security Control profile fields action_id and
// disposition_id; Rampart-specific data (decisions, detections, hash-chain position) goes under
// `unmapped.rampart`. Mapping table: docs/policy.md#ocsf.
import type { StoredAuditRecord } from './audit-types.js';

export const OCSF_VERSION = '1.3.0';
const CLASS_UID = 6003;
const ACTIVITY_OTHER = 99;

/** disposition_id values from the OCSF Security Control profile. */
const DISPOSITION: Record<string, [number, string]> = {
  allowed: [1, 'Allowed'],
  blocked: [2, 'Blocked'],
  redacted: [11, 'Corrected'],
  held: [14, 'Delayed'],
  error: [27, 'Error'],
};

/** severity_id: 1 Informational, 2 Low, 3 Medium, 4 High. */
const SEVERITY: Record<string, [number, string]> = {
  allowed: [1, 'Informational'],
  redacted: [3, 'Medium'],
  held: [3, 'Medium'],
  blocked: [4, 'High'],
  error: [2, 'Low'],
};

export function toOcsf(s: StoredAuditRecord): Record<string, unknown> {
  const r = s.record;
  const outcome = r.outcome ?? 'allowed';
  const [dispositionId, disposition] = DISPOSITION[outcome] ?? [99, 'Other'];
  const [severityId, severity] = SEVERITY[outcome] ?? [1, 'Informational'];
  const denied = outcome === 'blocked' || outcome === 'error';
  const action = r.decisions?.[0]?.action ?? r.kind ?? 'request';
  const reasons = (r.decisions ?? []).flatMap((d) => d.reasons);
  const event: Record<string, unknown> = {
    class_uid: CLASS_UID,
    class_name: 'API Activity',
    category_uid: 6,
    category_name: 'Application Activity',
    activity_id: ACTIVITY_OTHER,
    activity_name: action,
    type_uid: CLASS_UID * 100 + ACTIVITY_OTHER,
    type_name: `API Activity: ${action}`,
    time: Date.parse(s.ts),
    severity_id: severityId,
    severity,
    status_id: denied ? 2 : 1,
    status: denied ? 'Failure' : 'Success',
    action_id: denied ? 2 : 1,
    action: denied ? 'Denied' : 'Allowed',
    disposition_id: dispositionId,
    disposition,
    metadata: {
      version: OCSF_VERSION,
      product: { name: 'Rampart', vendor_name: 'Rampart', feature: { name: 'gateway' } },
      log_name: 'rampart-audit',
      sequence: s.seq,
      uid: r.requestId ?? `seq-${s.seq}`,
    },
    actor: {
      user: {
        uid: r.keyId ?? undefined,
        name: r.principal ?? undefined,
        groups: r.team ? [{ name: r.team }] : undefined,
      },
    },
    api: {
      operation: r.route ?? action,
      service: { name: r.model ?? undefined },
      request: { uid: r.requestId ?? undefined },
      response: r.status !== undefined ? { code: r.status, error: r.error } : undefined,
    },
    src_endpoint: {},
    duration: r.latencyMs,
    message: reasons.length > 0 ? reasons.join('; ') : undefined,
    unmapped: {
      rampart: {
        kind: r.kind ?? 'request',
        upstream: r.upstream,
        decisions: r.decisions,
        detections: r.detections,
        tokens: r.tokens,
        stream: r.stream,
        content_sha256: r.contentSha256,
        details: r.details,
        chain: { seq: s.seq, prev: s.prev, hash: s.hash },
      },
    },
  };
  return JSON.parse(JSON.stringify(event)) as Record<string, unknown>;
}
