import crypto from 'node:crypto';
import { mexicoDate } from '../calendar/calendar.ts';
import type { Principal } from '../auth/principal.ts';
import { appendAudit } from '../audit/log.ts';
import type { Context } from '../context.ts';
import type { Sql } from '../db/db.ts';
import { json } from '../db/db.ts';
import { AppError, notFound } from '../errors.ts';
import type { PermitDocument } from '../permits/document.ts';
import { sealJws } from '../pki/window-key.ts';
import { requireCustomsOfficer } from '../registry/identity.ts';
import { checkDocuments, type DeclarationDocuments } from './declaration-documents.ts';
import {
  declarationHash,
  microsToDecimal,
  microsToNumber,
  normaliseDeclaration,
  numericToMicros,
  type Declaration,
} from './declaration-input.ts';
import { evaluateDeclaration, type PermitFacts, type PlannedDraw, type Reason } from './declaration-rules.ts';
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

/** What the window signs: the declaration as understood, the verdict, and the draws or the reasons. */
export interface ValidationResult {
  window: string;
  number: string;
  status: 'accepted' | 'refused';
  bodySha256: string;
  customsOffice: string;
  brokerPatent: string;
  traderRfc: string;
  flow: 'import' | 'export';
  date: string;
  lines: Array<{
    line: number;
    hsCode: string;
    quantity: number;
    unit: string;
    value: number;
    currency: string;
    requiredProcedures: string[];
    draws: Array<{
      permit: string;
      permitLine: number;
      quantity: number;
      value: number;
      remainingQuantity: number;
      remainingValue: number;
    }>;
  }>;
  reasons: Reason[];
  validatedAt: string;
  validatedBy: string;
}

export interface SubmitOutcome {
  status: 'accepted' | 'cancelled';
  replayed: boolean;
  result: ValidationResult;
  seal: string;
}

// Permit documents may write tariff items with dots ('9306.30.99'); declarations compare digits.
const digits = (code: string) => code.replace(/\D/g, '');

/**
 * Reads the permits a declaration names. With `lock`: permits FOR SHARE (a revocation waits for us) and their
 * lines FOR UPDATE in (permit id, line) order, so concurrent declarations queue on the balances they share and
 * never deadlock; the balances read then are the ones the draw will change.
 */
async function readPermits(tx: Sql, numbers: string[], lock: boolean): Promise<Map<string, PermitFacts>> {
  if (numbers.length === 0) return new Map();
  const permits = await tx.query<{
    id: string;
    number: string;
    procedure_code: string;
    holder_rfc: string;
    valid_from: string;
    valid_to: string;
    status: 'active' | 'revoked';
    document: PermitDocument;
  }>(
    `select id, number, procedure_code, holder_rfc, valid_from, valid_to, status, document from permits
      where number = any($1) order by id${lock ? ' for share' : ''}`,
    [numbers],
  );
  const lines =
    permits.length === 0
      ? []
      : await tx.query<{
          permit_id: string;
          line: number;
          hs_code: string;
          unit: string;
          currency: string;
          remaining_quantity: string;
          remaining_value: string;
        }>(
          `select permit_id, line, hs_code, unit, currency, remaining_quantity::text,
            remaining_value::text from permit_lines
      where permit_id = any($1) order by permit_id, line${lock ? ' for update' : ''}`,
          [permits.map((p) => p.id)],
        );
  return new Map(
    permits.map((p) => [
      p.number,
      {
        id: p.id,
        number: p.number,
        procedureCode: p.procedure_code,
        holderRfc: p.holder_rfc,
        validFrom: p.valid_from,
        validTo: p.valid_to,
        status: p.status,
        goods: (p.document.goods ?? []).map((g) => ({
          line: g.line,
          hsCode: digits(g.hsCode),
          originCountry: g.originCountry,
          destinationCountry: g.destinationCountry,
        })),
        lines: lines
          .filter((l) => l.permit_id === p.id)
          .map((l) => ({
            line: l.line,
            hsCode: digits(l.hs_code),
            unit: l.unit,
            currency: l.currency,
            remainingQuantity: numericToMicros(l.remaining_quantity),
            remainingValue: numericToMicros(l.remaining_value),
          })),
      },
    ]),
  );
}

/** One row per permit line, however many goods lines draw on it. */
function totalsByPermitLine(draws: PlannedDraw[]) {
  const totals = new Map<string, { permit_id: string; line: number; quantity: bigint; value: bigint }>();
  for (const d of draws) {
    const key = `${d.permitId}:${d.permitLine}`;
    const t = totals.get(key) ?? { permit_id: d.permitId, line: d.permitLine, quantity: 0n, value: 0n };
    t.quantity += d.quantity;
    t.value += d.value;
    totals.set(key, t);
  }
  return [...totals.values()].map((t) => ({
    ...t,
    quantity: microsToDecimal(t.quantity),
    value: microsToDecimal(t.value),
  }));
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
    const { reasons, draws, balancesAfter, required } = evaluation;
    const accepted = reasons.length === 0;
    const now = ctx.clock.now();
    const result: ValidationResult = {
      window: ctx.config.publicUrl,
      number: decl.number,
      status: accepted ? 'accepted' : 'refused',
      bodySha256: hash,
      customsOffice: decl.customsOffice,
      brokerPatent: decl.brokerPatent,
      traderRfc: decl.traderRfc,
      flow: decl.flow,
      date: decl.date,
      lines: decl.lines.map((l) => ({
        line: l.line,
        hsCode: l.hsCode,
        quantity: l.quantity,
        unit: l.unit,
        value: l.value,
        currency: l.currency,
        requiredProcedures: required.get(l.line) ?? [],
        draws: accepted
          ? draws
              .filter((d) => d.declarationLine === l.line)
              .map((d) => {
                const left = balancesAfter.get(`${d.permitId}:${d.permitLine}`)!;
                return {
                  permit: d.permit,
                  permitLine: d.permitLine,
                  quantity: microsToNumber(d.quantity),
                  value: microsToNumber(d.value),
                  remainingQuantity: microsToNumber(left.quantity),
                  remainingValue: microsToNumber(left.value),
                };
              })
          : [],
      })),
      reasons,
      validatedAt: now.toISOString(),
      validatedBy: principal.rfc,
    };
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
    // The balances, the declaration and its draws in one statement. The lines are locked and the evaluation
    // saw their balances: the condition on the update (and the table's CHECK) is only the backstop.
    const totals = totalsByPermitLine(draws);
    const written = await tx.one<{ drawn: number }>(
      `with drawn as (
         update permit_lines pl set remaining_quantity = pl.remaining_quantity - d.quantity,
           remaining_value = pl.remaining_value - d.value
           from jsonb_to_recordset($1::jsonb) as d(permit_id uuid, line int, quantity numeric, value numeric)
          where pl.permit_id = d.permit_id and pl.line = d.line and pl.remaining_quantity >= d.quantity and
            pl.remaining_value >= d.value
          returning 1
       ), declaration as (
         insert into customs_declarations (number, body_sha256, body, status, customs_office, broker_patent,
           trader_rfc, flow, declaration_date,
           result, seal, received_by_rfc, received_at)
         values ($2, $3, $4, 'accepted', $5, $6, $7, $8, $9, $10, $11, $12, $13)
         returning number
       ), recorded as (
         insert into permit_draws (declaration_number, draw, declaration_line, permit_id, permit_line, quantity,
           value, drawn_at)
         select (select number from declaration), x.draw, x.declaration_line, x.permit_id, x.permit_line, x.quantity,
           x.value, $13
           from jsonb_to_recordset($14::jsonb) as x(draw int, declaration_line int, permit_id uuid, permit_line int,
             quantity numeric, value numeric)
         returning 1
       )
       select (select count(*) from drawn)::int as drawn`,
      [
        json(totals),
        decl.number,
        hash,
        json(decl),
        decl.customsOffice,
        decl.brokerPatent,
        decl.traderRfc,
        decl.flow,
        decl.date,
        json(result),
        seal,
        principal.rfc,
        now,
        json(
          draws.map((d, i) => ({
            draw: i + 1,
            declaration_line: d.declarationLine,
            permit_id: d.permitId,
            permit_line: d.permitLine,
            quantity: microsToDecimal(d.quantity),
            value: microsToDecimal(d.value),
          })),
        ),
      ],
    );
    if (written.drawn !== totals.length)
      throw new Error(
        `declaration ${decl.number}: ${totals.length - written.drawn} permit lines changed under their lock`,
      );
    await appendAudit(tx, {
      type: 'customs.declaration_accepted',
      actorRfc: principal.rfc,
      objectType: 'customs_declaration',
      objectId: decl.number,
      data: {
        bodySha256: hash,
        trader: decl.traderRfc,
        customsOffice: decl.customsOffice,
        draws: draws.map((d) => ({
          line: d.declarationLine,
          permit: d.permit,
          permitLine: d.permitLine,
          quantity: microsToDecimal(d.quantity),
          value: microsToDecimal(d.value),
        })),
      },
    });
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

async function findDeclaration(db: Sql, number: string, lock = false) {
  return db.maybe<DeclarationRow>(`select * from customs_declarations where number = $1${lock ? ' for update' : ''}`, [
    number,
  ]);
}

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
  await tx.query(
    `select 1 from permit_lines pl
      where exists (select 1 from permit_draws d where d.declaration_number = $1 and d.returned_at is null and
        d.permit_id = pl.permit_id and d.permit_line = pl.line)
      order by pl.permit_id, pl.line for update`,
    [opts.number],
  );
  const restored = await tx.query<{
    permit_id: string;
    line: number;
    remaining_quantity: string;
    remaining_value: string;
  }>(
    `update permit_lines pl set remaining_quantity = pl.remaining_quantity + d.quantity,
      remaining_value = pl.remaining_value + d.value
       from (select permit_id, permit_line, sum(quantity) as quantity, sum(value) as value from permit_draws
              where declaration_number = $1 and returned_at is null group by permit_id, permit_line) d
      where pl.permit_id = d.permit_id and pl.line = d.permit_line
      returning pl.permit_id, pl.line, pl.remaining_quantity::text, pl.remaining_value::text`,
    [opts.number],
  );
  await tx.query('update permit_draws set returned_at = $2 where declaration_number = $1 and returned_at is null', [
    opts.number,
    opts.now,
  ]);
  const numbers = new Map(
    (
      await tx.query<{ id: string; number: string }>('select id, number from permits where id = any($1)', [
        restored.map((r) => r.permit_id),
      ])
    ).map((p) => [p.id, p.number]),
  );
  const balances = restored.map((r) => ({
    permit: numbers.get(r.permit_id)!,
    permitLine: r.line,
    remainingQuantity: Number(r.remaining_quantity),
    remainingValue: Number(r.remaining_value),
  }));
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

interface DrawRow {
  declaration_number: string;
  declaration_line: number;
  permit_number: string;
  permit_line: number;
  quantity: string;
  value: string;
  drawn_at: Date;
  returned_at: Date | null;
}

const drawView = (d: DrawRow) => ({
  declaration: d.declaration_number,
  declarationLine: d.declaration_line,
  permit: d.permit_number,
  permitLine: d.permit_line,
  quantity: Number(d.quantity),
  value: Number(d.value),
  drawnAt: d.drawn_at.toISOString(),
  returnedAt: d.returned_at?.toISOString() ?? null,
});

const DRAWS = `select d.declaration_number, d.declaration_line, p.number as permit_number, d.permit_line,
  d.quantity::text, d.value::text, d.drawn_at, d.returned_at
  from permit_draws d join permits p on p.id = d.permit_id`;

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
  const draws = row
    ? await db.query<DrawRow>(`${DRAWS} where d.declaration_number = $1 order by d.draw`, [number])
    : [];
  return {
    number,
    status: row?.status ?? ('refused' as const),
    declaration: row?.body ?? null,
    receivedAt: row?.received_at.toISOString() ?? null,
    receivedBy: row?.received_by_rfc ?? null,
    result: row?.result ?? null,
    seal: row?.seal ?? null,
    draws: draws.map(drawView),
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

/** The draws on one permit, newest first; returned ones (cancelled declarations) say when. */
export async function permitDraws(db: Sql, permitId: string) {
  const rows = await db.query<DrawRow>(
    `${DRAWS} where d.permit_id = $1 order by d.drawn_at desc, d.declaration_number, d.draw`,
    [permitId],
  );
  return rows.map(drawView);
}
