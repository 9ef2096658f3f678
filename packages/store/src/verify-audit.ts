// Verifies the audit hash chain end to end. Detects:
// - an edited record (body hash mismatch, or index columns disagreeing with the hashed body),
// - a deleted record (gap in seq / broken prev link),
// - reordering (a body's seq or prev does not match its position),
// - truncation (head ahead of the last record) and a rewritten head (HMAC mismatch, when keyed),
// - rollback to an earlier state, against an expected head the operator anchored elsewhere.
// Without RAMPART_AUDIT_KEY or an anchored head, someone with write access to the database can
// rebuild a consistent chain after deleting its tail: that limit is inherent to unkeyed chains.
import { timingSafeEqual } from 'node:crypto';
import { chainHash, headMac } from './audit-log.js';
import { type AuditRecord, GENESIS_HASH } from './audit-types.js';
import type { StoreDb } from './db.js';

export type AuditProblemKind = 'edited' | 'missing' | 'reordered' | 'truncated' | 'head' | 'unsigned' | 'anchor';

export interface AuditProblem {
  seq: number | null;
  kind: AuditProblemKind;
  message: string;
}

export interface AuditVerification {
  ok: boolean;
  records: number;
  head: { seq: number; hash: string } | null;
  /** The head's HMAC was checked with a key. */
  signed: boolean;
  problems: AuditProblem[];
}

export interface VerifyOptions {
  /** HMAC key; default RAMPART_AUDIT_KEY. */
  hmacKey?: string;
  /** A head recorded earlier (e.g. from `rampart audit head`): the chain must still contain it. */
  expectHead?: { seq: number; hash: string };
  /** Stop collecting after this many problems. Default 100. */
  maxProblems?: number;
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export async function verifyAuditLog(store: StoreDb, opts: VerifyOptions = {}): Promise<AuditVerification> {
  const key = opts.hmacKey ?? (process.env.RAMPART_AUDIT_KEY || undefined);
  const max = opts.maxProblems ?? 100;
  const problems: AuditProblem[] = [];
  const report = (seq: number | null, kind: AuditProblemKind, message: string) => {
    if (problems.length < max) problems.push({ seq, kind, message });
  };

  let expected = 1;
  let prev = GENESIS_HASH;
  let records = 0;
  let anchorSeen = false;
  let after = 0;
  for (;;) {
    const rows = await store.db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '>', after)
      .orderBy('seq')
      .limit(1000)
      .execute();
    for (const r of rows) {
      records++;
      if (r.seq !== expected) {
        report(r.seq, 'missing', `records ${expected}..${r.seq - 1} are missing`);
      }
      let body: { seq?: unknown; ts?: unknown; prev?: unknown; record?: AuditRecord } | undefined;
      try {
        body = JSON.parse(r.body) as typeof body;
      } catch {
        report(r.seq, 'edited', 'stored body is not valid JSON');
      }
      if (body) {
        if (body.seq !== r.seq) report(r.seq, 'reordered', `body says seq ${String(body.seq)}, stored at ${r.seq}`);
        if (body.prev !== r.prev_hash) report(r.seq, 'edited', 'prev hash column differs from the hashed body');
        const rec = body.record ?? {};
        const cols: [string, unknown, unknown][] = [
          ['ts', r.ts, body.ts],
          ['kind', r.kind, rec.kind ?? 'request'],
          ['request_id', r.request_id, rec.requestId ?? null],
          ['key_id', r.key_id, rec.keyId ?? null],
          ['route', r.route, rec.route ?? null],
          ['model', r.model, rec.model ?? null],
          ['outcome', r.outcome, rec.outcome ?? null],
          ['revision', r.revision, rec.decisions?.[0]?.policyRevision ?? null],
        ];
        for (const [name, col, inBody] of cols) {
          if (col !== inBody) report(r.seq, 'edited', `column ${name} differs from the hashed body`);
        }
      }
      if (r.prev_hash !== prev && r.seq === expected) {
        report(r.seq, 'reordered', 'does not link to the previous record (reordered, or a record was replaced)');
      }
      if (!same(chainHash(r.prev_hash, r.body), r.hash)) report(r.seq, 'edited', 'content does not match its hash');
      if (opts.expectHead && r.seq === opts.expectHead.seq) {
        anchorSeen = true;
        if (r.hash !== opts.expectHead.hash) report(r.seq, 'anchor', 'record differs from the anchored head');
      }
      prev = r.hash;
      expected = r.seq + 1;
    }
    if (rows.length < 1000) break;
    after = rows[rows.length - 1]?.seq ?? after;
  }
  const last = expected - 1;

  const head = await store.db.selectFrom('audit_head').selectAll().where('id', '=', 1).executeTakeFirst();
  if (!head) {
    report(null, 'head', 'head row is missing');
  } else {
    if (head.seq > last) report(head.seq, 'truncated', `head is at ${head.seq} but the log ends at ${last}`);
    else if (head.seq < last)
      report(head.seq, 'head', `records after the head (${head.seq + 1}..${last}) were added outside the log`);
    else if (head.hash !== prev) report(head.seq, 'head', 'head hash does not match the last record');
    if (key) {
      if (head.seq > 0 && (head.mac === null || !same(head.mac, headMac(key, head.seq, head.hash)))) {
        report(head.seq, 'head', 'head signature is missing or wrong (rewritten or truncated with the key absent)');
      }
    } else if (head.mac !== null) {
      report(
        null,
        'unsigned',
        'the head is signed but no key was given (set RAMPART_AUDIT_KEY): signature not checked',
      );
    }
  }
  if (opts.expectHead && !anchorSeen && opts.expectHead.seq > 0) {
    report(opts.expectHead.seq, 'anchor', `anchored record ${opts.expectHead.seq} is no longer in the log`);
  }
  return {
    ok: problems.every((p) => p.kind === 'unsigned'),
    records,
    head: head ? { seq: head.seq, hash: head.hash } : null,
    signed: key !== undefined,
    problems,
  };
}
