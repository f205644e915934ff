import type { Principal } from '../auth/principal.ts';
import { appendAudit } from '../audit/log.ts';
import type { Sql } from '../db/db.ts';
import { AppError, notFound } from '../errors.ts';
import { requireCustomsOfficer } from '../registry/identity.ts';
import { findDeclaration } from './declarations.ts';
import { returnDraws } from './draw-down.ts';

/** Preconditions of a cancellation: a customs officer, and an accepted declaration. */
export async function checkCancellation(db: Sql, principal: Principal, number: string) {
  await requireCustomsOfficer(db, principal);
  const row = await findDeclaration(db, number);
  if (!row) throw notFound('declaration', number);
  if (row.status === 'cancelled') {
    throw new AppError(
      'declaration.already_cancelled',
      `Declaration ${number} was cancelled on ${row.cancelled_at!.toISOString()}.`,
      409,
    );
  }
}

/**
 * Cancels an accepted declaration and gives back what it drew. The declaration row is taken by a conditional
 * update (a concurrent cancellation finds nothing to do), then the permit lines are locked in the same order
 * as declarations lock them.
 */
export async function cancelDeclaration(
  tx: Sql,
  opts: { number: string; reason: string; principal: Principal; signatureId: string; now: Date },
) {
  await checkCancellation(tx, opts.principal, opts.number);
  const row = await tx.maybe<{ number: string }>(
    `update customs_declarations set status = 'cancelled', cancelled_at = $2, cancelled_by_rfc = $3,
      cancel_reason = $4, cancel_signature_id = $5
      where number = $1 and status = 'accepted' returning number`,
    [opts.number, opts.now, opts.principal.rfc, opts.reason, opts.signatureId],
  );
  if (!row)
    throw new AppError('declaration.already_cancelled', `Declaration ${opts.number} was cancelled meanwhile.`, 409);
  const balances = await returnDraws(tx, opts.number, opts.now);
  await appendAudit(tx, {
    type: 'customs.declaration_cancelled',
    actorRfc: opts.principal.rfc,
    objectType: 'customs_declaration',
    objectId: opts.number,
    signatureId: opts.signatureId,
    data: { reason: opts.reason, restored: balances },
  });
  return { number: opts.number, status: 'cancelled' as const, restored: balances };
}
