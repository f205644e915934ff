import type { Sql } from '../db/db.ts';
import { json } from '../db/db.ts';
import { verifyAudit, verifyAuditFrom, type AuditVerification } from './log.ts';

/**
 * The public check costs only the events appended since the last verified one, whose seq and hash are kept
 * in the database (audit_checkpoint) so every process starts where any of them stopped. What it cannot see,
 * an edit to an event verified before, the full walk finds: the `audit-full-check` job runs it regularly
 * (and `ventanilla audit verify` on demand), and a failure it records is part of every public answer until
 * a later full walk passes.
 */

export interface PublicAuditVerification extends AuditVerification {
  /** Events this call walked: those after the checkpoint. */
  checked: number;
  /** The last full walk from the first event, if any ran. */
  fullCheck: { at: string; ok: boolean } | null;
}

interface Checkpoint {
  seq: number;
  hash: string;
  full_check_at: Date | null;
  full_check_failure: AuditVerification['failure'] | null;
}

async function advance(db: Sql, result: AuditVerification): Promise<void> {
  await db.query('update audit_checkpoint set seq = $1, hash = $2, verified_at = $3 where id = 1 and seq < $1', [
    result.headSeq,
    result.headHash,
    db.now(),
  ]);
}

export async function verifyAuditSinceCheckpoint(db: Sql): Promise<PublicAuditVerification> {
  const cp = await db.one<Checkpoint>(
    'select seq, hash, full_check_at, full_check_failure from audit_checkpoint where id = 1',
  );
  const result = await verifyAuditFrom(db, { seq: cp.seq, hash: cp.hash });
  if (result.ok) await advance(db, result);
  const fullCheck = cp.full_check_at
    ? { at: cp.full_check_at.toISOString(), ok: cp.full_check_failure === null }
    : null;
  const answer = { ...result, checked: Math.max(0, result.events - cp.seq), fullCheck };
  return result.ok && cp.full_check_failure ? { ...answer, ok: false, failure: cp.full_check_failure } : answer;
}

/** Walks the whole chain and records the outcome, which the public check reports from then on. */
export async function fullAuditCheck(db: Sql): Promise<AuditVerification> {
  const result = await verifyAudit(db);
  await db.query('update audit_checkpoint set full_check_at = $2, full_check_failure = $1 where id = 1', [
    result.ok ? null : json(result.failure),
    db.now(),
  ]);
  if (result.ok) await advance(db, result);
  return result;
}
