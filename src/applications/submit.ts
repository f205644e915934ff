import crypto from 'node:crypto';
import type { Principal } from '../auth/principal.ts';
import { appendAudit } from '../audit/log.ts';
import type { Context } from '../context.ts';
import type { Sql } from '../db/db.ts';
import { json } from '../db/db.ts';
import { nextInSequence } from '../db/sequences.ts';
import { AppError } from '../errors.ts';
import type { VerifiedSigner } from '../pki/signature.ts';
import { reviewingOffice } from '../registry/agencies.ts';
import { brokerById } from '../registry/brokers.ts';
import { traderById } from '../registry/traders.ts';
import { addBusinessDays, mexicoDate } from '../calendar/calendar.ts';
import { noticeOfSubmission } from './notices.ts';
import { operationFor, type OperationRow } from './operations.ts';
import { planOperation, type PlannedApplication } from './plan.ts';

async function planFor(ctx: Context, db: Sql, op: OperationRow, date: string): Promise<PlannedApplication[]> {
  const trader = await traderById(db, op.trader_id);
  const broker = op.broker_id ? await brokerById(db, op.broker_id) : null;
  return planOperation(ctx.catalogue, {
    flow: op.flow,
    data: op.data,
    trader: trader.profile,
    brokerPatent: broker?.patent ?? null,
    date,
  });
}

/** What the applicant signs: the operation as it stands and exactly the applications it will file. */
export function signedContent(op: OperationRow, plan: PlannedApplication[]) {
  return {
    operation: { id: op.id, version: op.version, trader: op.trader_rfc, flow: op.flow, data: op.data },
    applications: plan.map((p) => ({
      procedure: p.procedure.code,
      version: p.procedure.version,
      agency: p.procedure.agency,
      lines: p.lines,
      form: p.form,
    })),
  };
}

/** A preview of the single submission: procedures, forms, what is prefilled, and what is still missing. */
export async function previewSubmission(ctx: Context, principal: Principal, operationId: string) {
  const op = await operationFor(ctx.db, principal, operationId);
  const plan = await planFor(ctx, ctx.db, op, mexicoDate(ctx.clock.now()));
  return plan.map((p) => ({
    procedure: {
      code: p.procedure.code,
      version: p.procedure.version,
      agency: p.procedure.agency,
      name: p.procedure.name,
    },
    lines: p.lines,
    because: p.rules,
    form: p.form,
    prefilledFields: p.prefilledFields,
    typedFields: p.typedFields,
    problems: p.problems,
  }));
}

/**
 * Checks the draft can be filed as it stands and returns the content to sign. The draft is locked (in the submit's
 * transaction, until it commits; alone, for the statement), so what is compared with the signature is what is filed.
 */
export async function submissionContent(ctx: Context, db: Sql, principal: Principal, operationId: string) {
  const op = await operationFor(db, principal, operationId, true);
  if (op.status !== 'draft')
    throw new AppError(
      'operation.already_submitted',
      `Operation ${operationId} was already submitted (folio ${op.folio}).`,
      409,
    );
  const plan = await planFor(ctx, db, op, mexicoDate(ctx.clock.now()));
  if (plan.length === 0) {
    throw new AppError(
      'operation.no_procedures',
      'These goods need no authorisation from any agency: there is nothing to file.',
      422,
    );
  }
  const invalid = plan.filter((p) => p.problems.length > 0);
  if (invalid.length > 0) {
    const detail = invalid
      .map((p) => `${p.procedure.code}: ${p.problems.map((x) => `${x.path} ${x.message}`).join('; ')}`)
      .join(' | ');
    throw new AppError('operation.forms_incomplete', `Some agency forms are incomplete: ${detail}`, 422, {
      procedures: invalid.map((p) => ({ procedure: p.procedure.code, problems: p.problems })),
    });
  }
  return signedContent(op, plan);
}

export type SubmissionContent = ReturnType<typeof signedContent>;

/** The acknowledgement of receipt (acuse): folio, time, trader, signer and the applications filed. */
export interface SubmitResult {
  acknowledgement: Record<string, unknown> & { folio: string };
  autoApprove: string[];
}

/**
 * Files the operation: one application per required procedure, all in the caller's transaction, which already
 * checked (submissionContent, locked) that the draft still yields what was signed. The signed-action pipeline
 * seals the acknowledgement; `keepSeal` stores that seal beside it for the PDF.
 */
export async function submitOperation(
  tx: Sql,
  ctx: Context,
  opts: {
    principal: Principal;
    operationId: string;
    signer: VerifiedSigner;
    signatureId: string;
    challengeId: string;
    now: Date;
  },
): Promise<SubmitResult> {
  const op = await operationFor(tx, opts.principal, opts.operationId, true);
  if (op.status !== 'draft')
    throw new AppError(
      'operation.already_submitted',
      `Operation ${op.id} was already submitted (folio ${op.folio}).`,
      409,
    );
  const now = opts.now;
  const today = mexicoDate(now);
  const plan = await planFor(ctx, tx, op, today);
  const applications = [];
  const autoApprove: string[] = [];
  for (const p of plan) {
    const id = crypto.randomUUID();
    // A procedure filed on request covers no goods line, so no customs office: it goes to the central office.
    const customsOffice = p.lines.length > 0 ? op.data.goods[p.lines[0]! - 1]!.customsOffice : null;
    const office = await reviewingOffice(tx, p.procedure.agency, p.procedure.officeBound, customsOffice);
    const dueDate = addBusinessDays(today, p.procedure.responseDays);
    await tx.query(
      `insert into applications (id, operation_id, procedure_code, procedure_version, agency_code, office_code,
         trader_id, status, form,
         prefilled_fields, typed_fields, matched_rules, submitted_at, due_date, updated_at)
       values ($1, $2, $3, $4, $5, $6, $7, 'submitted', $8, $9, $10, $11, $12, $13, $12)`,
      [
        id,
        op.id,
        p.procedure.code,
        p.procedure.version,
        p.procedure.agency,
        office,
        op.trader_id,
        json(p.form),
        p.prefilledFields,
        p.typedFields,
        json(p.rules),
        now,
        dueDate,
      ],
    );
    if (p.procedure.autoApprove) autoApprove.push(id);
    applications.push({
      id,
      procedureCode: p.procedure.code,
      procedureVersion: p.procedure.version,
      procedureName: p.procedure.name.es,
      agency: p.procedure.agency,
      office,
      dueDate,
      lines: p.lines,
      prefilledFields: p.prefilledFields,
      typedFields: p.typedFields,
    });
  }
  const trader = await traderById(tx, op.trader_id);
  // The folio counter and the audit head are the only rows every submission locks: take them last, hold them briefly.
  const folioNumber = await nextInSequence(tx, 'folio', Number(today.slice(0, 4)));
  const folio = `VU-${today.slice(0, 4)}-${String(folioNumber).padStart(8, '0')}`;
  const acknowledgement = {
    folio,
    receivedAt: now.toISOString(),
    operationId: op.id,
    trader: { rfc: op.trader_rfc, legalName: trader.legal_name },
    signedBy: { rfc: opts.signer.rfc, certificateSerial: opts.signer.serialNumber, signatureId: opts.signatureId },
    applications,
  };
  await tx.query(
    `update operations set status = 'submitted', folio = $2, submitted_at = $3, submit_signature_id = $4,
       submit_challenge_id = $5,
       acknowledgement = $6, updated_at = $3 where id = $1`,
    [op.id, folio, now, opts.signatureId, opts.challengeId, json(acknowledgement)],
  );
  await noticeOfSubmission(tx, ctx, {
    operationId: op.id,
    traderId: op.trader_id,
    folio,
    agencies: applications.map((a) => a.agency),
  });
  for (const a of applications) {
    await appendAudit(tx, {
      type: 'application.submitted',
      actorRfc: opts.signer.rfc,
      objectType: 'application',
      objectId: a.id,
      signatureId: opts.signatureId,
      data: {
        operation: op.id,
        folio,
        procedure: a.procedureCode,
        version: a.procedureVersion,
        agency: a.agency,
        office: a.office,
        dueDate: a.dueDate,
      },
    });
  }
  await appendAudit(tx, {
    type: 'operation.submitted',
    actorRfc: opts.signer.rfc,
    objectType: 'operation',
    objectId: op.id,
    signatureId: opts.signatureId,
    data: { folio, applications: applications.map((a) => a.id) },
  });
  return { acknowledgement, autoApprove };
}

/** Keeps the window's seal of the submit's answer beside the operation (its acknowledgement PDF prints it). */
export async function keepSeal(tx: Sql, operationId: string, seal: string) {
  await tx.query('update operations set acknowledgement_seal = $2 where id = $1', [operationId, seal]);
}
