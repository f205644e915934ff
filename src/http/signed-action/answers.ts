import { UUID } from '../../auth/challenges.ts';
import type { Sql } from '../../db/db.ts';
import { json } from '../../db/db.ts';
import { canonicalJson } from '../../pki/canonical.ts';
import type { Acknowledgement } from './acknowledgement.ts';

/** What every signed action answers. */
export interface SignedAnswer {
  data: unknown;
  acknowledgement: Acknowledgement;
  seal: string;
  replayed: boolean;
}

/** Keeps the sealed answer in the transaction that acted, so a committed action always has its answer. */
export async function storeAnswer(
  tx: Sql,
  opts: {
    challengeId: string;
    action: string;
    target: Record<string, string>;
    sessionId: string | null;
    signatureId: string;
    status: number;
    answer: Omit<SignedAnswer, 'replayed'>;
    now: Date;
  },
) {
  await tx.query(
    `insert into signed_answers (challenge_id, action, target, session_id, signature_id, status, answer, created_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      opts.challengeId,
      opts.action,
      json(opts.target),
      opts.sessionId,
      opts.signatureId,
      opts.status,
      json(opts.answer),
      opts.now,
    ],
  );
}

/**
 * The stored answer to the same signed request, if it was already acted on: same challenge, action, object
 * and session, and the very signature that was accepted (so only the holder of that signature gets it back).
 */
export async function storedAnswer(
  db: Sql,
  opts: {
    challengeId: string;
    action: string;
    target: Record<string, string>;
    sessionId: string | null;
    signature: string;
  },
): Promise<SignedAnswer | null> {
  if (!UUID.test(opts.challengeId)) return null;
  const row = await db.maybe<{
    action: string;
    target: Record<string, string>;
    session_id: string | null;
    signature: string;
    answer: Omit<SignedAnswer, 'replayed'>;
  }>(
    `select a.action, a.target, a.session_id, s.signature, a.answer
       from signed_answers a join signatures s on s.id = a.signature_id where a.challenge_id = $1`,
    [opts.challengeId],
  );
  const same =
    row &&
    row.action === opts.action &&
    row.session_id === opts.sessionId &&
    row.signature === opts.signature &&
    canonicalJson(row.target) === canonicalJson(opts.target);
  return same ? { ...row.answer, replayed: true } : null;
}
