import crypto from 'node:crypto';
import { appendAudit } from '../audit/log.ts';
import type { Approval, Context } from '../context.ts';
import type { Sql } from '../db/db.ts';
import { json } from '../db/db.ts';
import { nextInSequence } from '../db/sequences.ts';
import { agencyName } from '../registry/agencies.ts';
import { traderById } from '../registry/traders.ts';
import { addCalendarDays, mexicoDate } from '../calendar/calendar.ts';
import { originOfCertificate, type PermitDocument, type PermitGoodsLine } from './document.ts';
import { permitIssued } from './hooks.ts';
import { sealPermitToken } from './token.ts';
import { newVerificationCode } from './verification-code.ts';

/**
 * Issues the document an approval grants, in the approving transaction: a gapless number per agency
 * and year, the goods with their authorised balances, validity, and the token for the QR. It is the window's
 * approval hook (app.ts wireFlows), and runs the permit-issued hooks (quota charging) in the same transaction.
 */
export async function issuePermit(tx: Sql, ctx: Context, opts: Approval): Promise<{ id: string; number: string }> {
  const now = ctx.clock.now();
  const today = mexicoDate(now);
  const year = Number(today.slice(0, 4));
  const sequence = await nextInSequence(tx, `permit:${opts.procedure.agency}`, year);
  const number = `${opts.procedure.agency}-${year}-${String(sequence).padStart(6, '0')}`;
  const holder = await traderById(tx, opts.application.trader_id);
  const issuerName = await agencyName(tx, opts.procedure.agency);
  const goods = ((opts.application.form.goods ?? []) as PermitGoodsLine[]).map((g) => ({
    line: g.line,
    hsCode: g.hsCode,
    description: g.description,
    quantity: g.quantity,
    unit: g.unit,
    value: g.value,
    currency: g.currency,
    ...(g.originCountry ? { originCountry: g.originCountry } : {}),
    ...(g.destinationCountry ? { destinationCountry: g.destinationCountry } : {}),
  }));
  const document: PermitDocument = {
    number,
    kind: opts.procedure.issues.kind,
    procedure: { code: opts.procedure.code, name: opts.procedure.name },
    agency: { code: opts.procedure.agency, name: issuerName },
    holder: { rfc: holder.rfc, legalName: holder.legal_name },
    flow: opts.procedure.flow,
    goods,
    ...originOfCertificate(opts.procedure.issues.kind, opts.application.form),
    validFrom: today,
    validTo: addCalendarDays(today, opts.procedure.issues.validityDays - 1),
    conditions: opts.conditions,
    issuedAt: now.toISOString(),
    resolution: opts.resolution,
    approvedBy: opts.approvedBy,
    applicationId: opts.application.id,
    verificationUrl: `${ctx.config.publicUrl}/api/v1/verify/${number}`,
  };
  const token = await sealPermitToken(ctx.windowKey, document);
  const id = crypto.randomUUID();
  await tx.query(
    `insert into permits (id, number, application_id, agency_code, procedure_code, kind, trader_id, holder_rfc,
       valid_from, valid_to, status, approved_by, resolution_signature_id, document, token, issued_at,
       verification_code)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'active', $11, $12, $13, $14, $15, $16)`,
    [
      id,
      number,
      opts.application.id,
      opts.procedure.agency,
      opts.procedure.code,
      document.kind,
      opts.application.trader_id,
      holder.rfc,
      document.validFrom,
      document.validTo,
      opts.approvedBy,
      opts.resolution?.signatureId ?? null,
      json(document),
      token,
      now,
      newVerificationCode(),
    ],
  );
  if (opts.procedure.issues.balances && goods.length > 0) {
    await tx.query(
      `insert into permit_lines (permit_id, line, hs_code, unit, currency, authorised_quantity, authorised_value,
        remaining_quantity, remaining_value)
       select $1, line, hs_code, unit, currency, quantity, value, quantity, value
         from jsonb_to_recordset($2::jsonb) as x(line int, hs_code text, unit text, currency text, quantity numeric,
           value numeric)`,
      [
        id,
        json(
          goods.map((g) => ({
            line: g.line,
            hs_code: g.hsCode,
            unit: g.unit,
            currency: g.currency,
            quantity: g.quantity,
            value: g.value,
          })),
        ),
      ],
    );
  }
  await permitIssued(tx, ctx, {
    id,
    number,
    kind: document.kind,
    procedureCode: opts.procedure.code,
    traderId: opts.application.trader_id,
    goods,
    date: today,
  });
  await appendAudit(tx, {
    type: 'permit.issued',
    actorRfc: opts.resolution?.officerRfc ?? null,
    objectType: 'permit',
    objectId: number,
    signatureId: opts.resolution?.signatureId ?? null,
    at: now,
    data: {
      application: opts.application.id,
      approvedBy: opts.approvedBy,
      validFrom: document.validFrom,
      validTo: document.validTo,
    },
  });
  return { id, number };
}
