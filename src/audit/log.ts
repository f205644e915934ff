import crypto from 'node:crypto';
import type { Sql } from '../db/db.ts';
import { json } from '../db/db.ts';
import { canonicalJson, sha256Hex } from '../pki/canonical.ts';
import type { AuditEventType } from './catalogue.ts';

export interface AuditInput {
  type: AuditEventType;
  actorRfc: string | null;
  objectType: string;
  objectId: string;
  signatureId?: string | null;
  data?: Record<string, unknown>;
  /**
   * When it happened, if not now: by default the window's clock through the handle (`tx.now()`, ctx.clock), never
   * the database's or the process's time, so no caller can stamp another time by forgetting to pass it.
   */
  at?: Date;
}

export interface StoredEvent {
  seq: number;
  id: string;
  occurred_at: Date;
  type: string;
  actor_rfc: string | null;
  object_type: string;
  object_id: string;
  signature_id: string | null;
  data: Record<string, unknown>;
  prev_hash: string;
  hash: string;
}

const GENESIS = '0'.repeat(64);

/** The hash covers every column but the hash itself, in canonical JSON, so any edit shows. */
export function eventHash(e: Omit<StoredEvent, 'hash'>): string {
  return sha256Hex(
    canonicalJson({
      seq: e.seq,
      id: e.id,
      occurredAt: e.occurred_at.toISOString(),
      type: e.type,
      actorRfc: e.actor_rfc,
      objectType: e.object_type,
      objectId: e.object_id,
      signatureId: e.signature_id,
      data: e.data,
      prevHash: e.prev_hash,
    }),
  );
}

/**
 * The chain's head as each open transaction left it: its first append reads and locks the head row, and the lock
 * holds until commit, so no one else can move it meanwhile and its next appends need not read it again. A failed
 * statement aborts the whole transaction (nested transactions join the outer one; there are no savepoints), so a
 * cached head is never one that was rolled back.
 */
const heads = new WeakMap<Sql, { seq: number; hash: string }>();

/**
 * Appends one event inside the caller's transaction. Locking the head row serialises appends
 * across processes, so the chain never forks; the lock lasts until the caller commits.
 */
export async function appendAudit(tx: Sql, input: AuditInput): Promise<{ seq: number; hash: string }> {
  // The root handle (a Db) commits each statement by itself: its head is read every time.
  const inTransaction = !('backend' in tx);
  const head =
    (inTransaction && heads.get(tx)) ||
    (await tx.one<{ seq: number; hash: string }>('select seq, hash from audit_head where id = 1 for update'));
  // Round-trip the data through JSON so the hash is computed over what jsonb will give back.
  const data = JSON.parse(json(input.data ?? {}));
  const event = {
    seq: head.seq + 1,
    id: crypto.randomUUID(),
    occurred_at: input.at ?? tx.now(),
    type: input.type,
    actor_rfc: input.actorRfc,
    object_type: input.objectType,
    object_id: input.objectId,
    signature_id: input.signatureId ?? null,
    data,
    prev_hash: head.hash,
  };
  const hash = eventHash(event);
  // The event and the head that points at it in one statement.
  await tx.query(
    `with event as (
       insert into audit_events (seq, id, occurred_at, type, actor_rfc, object_type, object_id, signature_id, data,
         prev_hash, hash)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       returning seq, hash)
     update audit_head set seq = event.seq, hash = event.hash from event where id = 1`,
    [
      event.seq,
      event.id,
      event.occurred_at,
      event.type,
      event.actor_rfc,
      event.object_type,
      event.object_id,
      event.signature_id,
      json(event.data),
      event.prev_hash,
      hash,
    ],
  );
  if (inTransaction) heads.set(tx, { seq: event.seq, hash });
  return { seq: event.seq, hash };
}

export interface AuditVerification {
  ok: boolean;
  events: number;
  headSeq: number;
  headHash: string;
  /** The first event that does not verify, and why. */
  failure?: { seq: number; reason: string };
}

/** Where a walk starts: after this event (seq 0 and the genesis hash for the whole chain). */
export interface ChainPoint {
  seq: number;
  hash: string;
}

/** Walks the whole chain in pages; detects edited, deleted, inserted or reordered events. */
export function verifyAudit(db: Sql, pageSize = 5000): Promise<AuditVerification> {
  return verifyAuditFrom(db, { seq: 0, hash: GENESIS }, pageSize);
}

/**
 * Walks the chain after `from`, which an earlier walk verified: the event at `from` is re-hashed and must
 * still carry its hash, but the events before it are not read again, so an edit to one of them goes
 * unnoticed here (only a walk from the start finds it). Stops at the head read first, so events
 * appended meanwhile are left for the next walk instead of looking like forgeries.
 */
export async function verifyAuditFrom(db: Sql, from: ChainPoint, pageSize = 5000): Promise<AuditVerification> {
  const head = await db.one<{ seq: number; hash: string }>('select seq, hash from audit_head where id = 1');
  let expectedSeq = from.seq + 1;
  let prevHash = from.hash;
  const fail = (seq: number, reason: string): AuditVerification => ({
    ok: false,
    events: expectedSeq - 1,
    headSeq: head.seq,
    headHash: head.hash,
    failure: { seq, reason },
  });
  if (from.seq > 0) {
    const start = await db.maybe<StoredEvent>('select * from audit_events where seq = $1', [from.seq]);
    if (!start) return fail(from.seq, `event ${from.seq} is missing`);
    if (start.hash !== from.hash || eventHash(start) !== start.hash)
      return fail(from.seq, 'content does not match its hash (altered)');
  }
  for (;;) {
    const rows = await db.query<StoredEvent>(
      'select * from audit_events where seq >= $1 and seq <= $2 order by seq limit $3',
      [expectedSeq, head.seq, pageSize],
    );
    for (const row of rows) {
      if (row.seq !== expectedSeq) return fail(expectedSeq, `event ${expectedSeq} is missing`);
      if (row.prev_hash !== prevHash) return fail(row.seq, 'does not link to the previous event');
      if (eventHash(row) !== row.hash) return fail(row.seq, 'content does not match its hash (altered)');
      prevHash = row.hash;
      expectedSeq++;
    }
    if (rows.length < pageSize) break;
  }
  const events = expectedSeq - 1;
  if (events !== head.seq || prevHash !== head.hash) {
    return fail(
      events + 1,
      `the chain ends at event ${events} but the head says ${head.seq} (events deleted at the end)`,
    );
  }
  // One statement, one snapshot: an append moves the head in the same transaction as its event.
  const beyond = await db.one<{ seq: number | null }>(
    'select min(seq) as seq from audit_events where seq > (select seq from audit_head where id = 1)',
  );
  if (beyond.seq !== null) return fail(Number(beyond.seq), `event ${beyond.seq} lies beyond the head (inserted)`);
  return { ok: true, events, headSeq: head.seq, headHash: head.hash };
}
