import crypto from 'node:crypto';
import { mexicoDate } from '../calendar/calendar.ts';
import type { Principal } from '../auth/principal.ts';
import { appendAudit } from '../audit/log.ts';
import type { Context } from '../context.ts';
import type { Sql } from '../db/db.ts';
import { json } from '../db/db.ts';
import { AppError, notFound } from '../errors.ts';
import { sealJws } from '../pki/window-key.ts';
import { requireCustomsOfficer } from '../registry/identity.ts';
import { checkDocuments, type DeclarationDocuments } from './declaration-documents.ts';
import { declarationHash, normaliseDeclaration, type Declaration } from './declaration-input.ts';
import { readPermits } from './declaration-permits.ts';
import { type ValidationResult, validationResult } from './declaration-result.ts';
import { evaluateDeclaration, type PermitFacts, type Reason } from './declaration-rules.ts';
import { declarationDraws, recordAcceptance } from './draw-down.ts';
import type { DeclarationInput } from './declaration-schemas.ts';
import { LOCK_CLASS } from '../db/locks.ts';

/** The JWS `typ` of the window's sealed validation results: a customs system keeps them as evidence. */
export const CUSTOMS_TYP = 'ventanilla-customs+jws';

interface DeclarationRow {
  number: string;
  body_sha256: string;
  body: Declaration;
  status: 'accepted' | 'cancelled';
  result: ValidationResult;
  seal: string;
  received_by_rfc: string;
  received_at: Date;
  cancelled_at: Date | null;
  cancelled_by_rfc: string | null;
  cancel_reason: string | null;
}

export interface SubmitOutcome {
  status: 'accepted' | 'cancelled';
  replayed: boolean;
  result: ValidationResult;
  seal: string;
}

/**
 * Validates a declaration against the regulation matrix, the permits it names and its COVEs and eDocuments,
 * and, when nothing is wrong, draws the permits down in the same transaction that records it: all lines or
 * none. The number is bound to the body's hash once accepted: the same body again gets the stored, sealed
 * result and draws nothing; another body is refused. A refusal is recorded (with its reasons and seal) but
 * binds nothing and draws nothing: the customs system may correct the declaration and send it again.
 *
 * A permit's balance is a hot row when many declarations draw on it, so the time it is locked is kept short:
 * what does not change meanwhile (regulation matrix, COVEs, eDocuments) is read before the transaction;
 * the permits are first read without locks, and a declaration that fails on that reading is refused without
 * locking a balance (as if it had come just before whatever changed them since). Only one that passes locks
 * its permit lines, is evaluated again on what it locked, and is written in one statement.
 */
export async function submitDeclaration(
  ctx: Context,
  principal: Principal,
  input: DeclarationInput,
  registers: DeclarationDocuments,
): Promise<SubmitOutcome> {
  await requireCustomsOfficer(ctx.db, principal);
  const decl = await normaliseDeclaration(ctx.db, input, mexicoDate(ctx.clock.now()));
  const hash = declarationHash(decl);
  const requirements = new Map(
    decl.lines.map((l) => [
      l.line,
      ctx.catalogue.requirements({
        flow: decl.flow,
        hsCode: l.hsCode,
        country: decl.flow === 'import' ? l.originCountry : l.destinationCountry,
        date: decl.date,
      }),
    ]),
  );
  const documentReasons = await checkDocuments(ctx.db, registers, decl);
  const permitNumbers = [...new Set(decl.lines.flatMap((l) => l.permits.map((p) => p.number)))];
  const evaluate = (permits: Map<string, PermitFacts>) => {
    const evaluation = evaluateDeclaration(decl, { permits, requirements: (line) => requirements.get(line.line)! });
    return { ...evaluation, reasons: [...evaluation.reasons, ...documentReasons] };
  };

  const outcome = await ctx.db.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1, $2)', [
      LOCK_CLASS.declarationNumber,
      Number(BigInt(decl.number) % 2147483647n),
    ]);
    const existing = await tx.maybe<DeclarationRow>('select * from customs_declarations where number = $1', [
      decl.number,
    ]);
    if (existing) {
      if (existing.body_sha256 !== hash) {
        throw new AppError(
          'declaration.number_reused',
          `Declaration ${decl.number} was ${existing.status} on ${existing.received_at.toISOString()} ` +
            `with different content; a number is used once.`,
          409,
          { number: decl.number, status: existing.status },
        );
      }
      return { status: existing.status, replayed: true, result: existing.result, seal: existing.seal };
    }
    let evaluation = evaluate(await readPermits(tx, permitNumbers, false));
    if (evaluation.reasons.length === 0 && permitNumbers.length > 0)
      evaluation = evaluate(await readPermits(tx, permitNumbers, true));
    const { reasons, draws } = evaluation;
    const accepted = reasons.length === 0;
    const now = ctx.clock.now();
    const result = validationResult(decl, evaluation, {
      window: ctx.config.publicUrl,
      bodySha256: hash,
      validatedAt: now,
      validatedBy: principal.rfc,
    });
    const seal = await sealJws(ctx.windowKey, result, CUSTOMS_TYP);

    if (!accepted) {
      await tx.query(
        `insert into customs_declaration_refusals (id, number, body_sha256, body, reasons, result, seal,
          received_by_rfc, received_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [crypto.randomUUID(), decl.number, hash, json(decl), json(reasons), json(result), seal, principal.rfc, now],
      );
      await appendAudit(tx, {
        type: 'customs.declaration_refused',
        actorRfc: principal.rfc,
        objectType: 'customs_declaration',
        objectId: decl.number,
        data: {
          bodySha256: hash,
          reasons: reasons.map((r) => ({
            code: r.code,
            line: r.line,
            ...(r.permit ? { permit: r.permit } : {}),
            ...(r.procedure ? { procedure: r.procedure } : {}),
          })),
        },
      });
      return { status: 'refused' as const, result, seal };
    }
    await recordAcceptance(tx, decl, draws, { bodySha256: hash, result, seal, receivedBy: principal.rfc, now });
    return { status: 'accepted' as const, replayed: false, result, seal };
  });
  if (outcome.status === 'refused') {
    throw new AppError(
      'declaration.refused',
      `Declaration ${decl.number} is refused: ${outcome.result.reasons.map((r) => r.message).join(' ')}`,
      422,
      { number: decl.number, reasons: outcome.result.reasons, result: outcome.result, seal: outcome.seal },
    );
  }
  return outcome;
}

/** The accepted (or since cancelled) declaration under a number; refusals are kept apart. */
export async function findDeclaration(db: Sql, number: string) {
  return db.maybe<DeclarationRow>('select * from customs_declarations where number = $1', [number]);
}

/** A declaration as customs sees it: its content, status, what it drew, and any refused attempts under its number. */
export async function readDeclaration(db: Sql, principal: Principal, number: string) {
  await requireCustomsOfficer(db, principal);
  const row = await findDeclaration(db, number);
  const refusals = await db.query<{
    received_at: Date;
    received_by_rfc: string;
    body_sha256: string;
    reasons: Reason[];
    seal: string;
  }>(
    'select received_at, received_by_rfc, body_sha256, reasons, seal from ' +
      'customs_declaration_refusals where number = $1 order by received_at, id',
    [number],
  );
  if (!row && refusals.length === 0) throw notFound('declaration', number);
  const draws = row ? await declarationDraws(db, number) : [];
  return {
    number,
    status: row?.status ?? ('refused' as const),
    declaration: row?.body ?? null,
    receivedAt: row?.received_at.toISOString() ?? null,
    receivedBy: row?.received_by_rfc ?? null,
    result: row?.result ?? null,
    seal: row?.seal ?? null,
    draws,
    cancellation: row?.cancelled_at
      ? { at: row.cancelled_at.toISOString(), by: row.cancelled_by_rfc, reason: row.cancel_reason }
      : null,
    refusals: refusals.map((r) => ({
      at: r.received_at.toISOString(),
      by: r.received_by_rfc,
      bodySha256: r.body_sha256,
      reasons: r.reasons,
      seal: r.seal,
    })),
  };
}
