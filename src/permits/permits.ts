import type { Principal } from '../auth/principal.ts';
import { appendAudit } from '../audit/log.ts';
import { mexicoDate } from '../calendar/calendar.ts';
import { applicantMayAct, loadApplication, officerRefusal } from '../applications/transition.ts';
import type { ProcedureDefinition } from '../catalog/procedure.ts';
import type { Context } from '../context.ts';
import type { Sql } from '../db/db.ts';
import { AppError, notFound } from '../errors.ts';
import { requireOfficerRole } from '../registry/identity.ts';
import { officerNeedsToKnow } from '../registry/need-to-know.ts';
import type { IssuedKind } from '../catalog/procedure.ts';
import type { PermitDocument } from './document.ts';
import { verifyPermitToken } from './token.ts';
import { jwks } from '../pki/window-key.ts';
import { normaliseVerificationCode, sameVerificationCode } from './verification-code.ts';
import { type PermitStatus, permitStatusSql } from './status.ts';

export interface PermitRow {
  id: string;
  number: string;
  application_id: string;
  agency_code: string;
  procedure_code: string;
  kind: IssuedKind;
  trader_id: string;
  holder_rfc: string;
  valid_from: string;
  valid_to: string;
  status: 'active' | 'revoked';
  approved_by: PermitDocument['approvedBy'];
  document: PermitDocument;
  token: string;
  verification_code: string;
  issued_at: Date;
  revoked_at: Date | null;
  revoke_reason: string | null;
}

export interface PermitBalance {
  line: number;
  hsCode: string;
  unit: string;
  currency: string;
  authorisedQuantity: number;
  remainingQuantity: number;
  authorisedValue: number;
  remainingValue: number;
}

export async function findPermit(db: Sql, number: string, lock = false): Promise<PermitRow | null> {
  return db.maybe<PermitRow>(`select * from permits where number = $1${lock ? ' for update' : ''}`, [number]);
}

/** A balance line as the database keeps it (numerics as text), in the answer's shape. */
export const balanceOf = (l: {
  line: number;
  hs_code: string;
  unit: string;
  currency: string;
  authorised_quantity: string | number;
  remaining_quantity: string | number;
  authorised_value: string | number;
  remaining_value: string | number;
}): PermitBalance => ({
  line: l.line,
  hsCode: l.hs_code,
  unit: l.unit,
  currency: l.currency,
  authorisedQuantity: Number(l.authorised_quantity),
  remainingQuantity: Number(l.remaining_quantity),
  authorisedValue: Number(l.authorised_value),
  remainingValue: Number(l.remaining_value),
});

/** The permit's status on `today` (the one rule, `permitStatusSql`) and its balances. */
export async function permitStatus(
  db: Sql,
  permit: PermitRow,
  today: string,
): Promise<{ status: PermitStatus; balances: PermitBalance[] }> {
  const { status } = await db.one<{ status: PermitStatus }>(
    `select ${permitStatusSql('p', '$2')} as status from permits p where p.id = $1`,
    [permit.id, today],
  );
  const lines = await db.query<Parameters<typeof balanceOf>[0]>(
    'select * from permit_lines where permit_id = $1 order by line',
    [permit.id],
  );
  return { status, balances: lines.map(balanceOf) };
}

/**
 * The holder's applicant side, the officers who handle the application that issued it, and customs
 * officers (ANAM) read a permit in full; anyone else is told it does not exist.
 */
export async function readPermit(ctx: Context, principal: Principal, number: string) {
  const permit = await findPermit(ctx.db, number);
  if (!permit) throw notFound('permit', number);
  const allowed =
    (await applicantMayAct(ctx.db, principal, await loadApplication(ctx.db, permit.application_id))) ||
    (await officerNeedsToKnow(ctx.db, principal, permit.trader_id, {
      kind: 'permit',
      applicationId: permit.application_id,
    }));
  if (!allowed) throw notFound('permit', number);
  return permit;
}

export async function permitView(ctx: Context, permit: PermitRow) {
  const { status, balances } = await permitStatus(ctx.db, permit, mexicoDate(ctx.clock.now()));
  return {
    number: permit.number,
    status,
    kind: permit.kind,
    agency: permit.agency_code,
    procedure: permit.procedure_code,
    holder: permit.document.holder,
    validFrom: permit.valid_from,
    validTo: permit.valid_to,
    approvedBy: permit.approved_by,
    issuedAt: permit.issued_at.toISOString(),
    revokedAt: permit.revoked_at?.toISOString() ?? null,
    revokeReason: permit.revoke_reason,
    applicationId: permit.application_id,
    document: permit.document,
    token: permit.token,
    verificationCode: permit.verification_code,
    balances,
  };
}

/** Masks all but the first four and the last character: enough to match a document, not to harvest RFCs. */
const maskRfc = (rfc: string) => `${rfc.slice(0, 4)}${'*'.repeat(rfc.length - 5)}${rfc.slice(-1)}`;

/**
 * Public verification. The number alone is sequential and guessable, so it says only whether it was issued;
 * the status, agency and validity need the QR token or the number with the code printed on the permit.
 * A wrong code gets the same answer as a number never issued.
 */
export async function verifyPermit(ctx: Context, q: { number?: string; code?: string; token?: string }) {
  let number = q.number;
  let tokenCheck: Awaited<ReturnType<typeof verifyPermitToken>> | null = null;
  if (q.token) {
    tokenCheck = await verifyPermitToken(q.token, jwks([ctx.windowKey]), ctx.clock.now());
    number = tokenCheck.claims.num;
  }
  const permit = number ? await findPermit(ctx.db, number) : null;
  if (!q.token && q.code === undefined) {
    return {
      number: number ?? null,
      exists: permit !== null,
      message: permit
        ? 'A permit with this number was issued by this window. For its status, give the verification code printed ' +
          'on it (?code=) or scan its QR code.'
        : 'No permit with this number was issued by this window.',
    };
  }
  if (!q.token && (!permit || !sameVerificationCode(permit.verification_code, normaliseVerificationCode(q.code!)))) {
    return {
      authentic: false,
      number: number ?? null,
      message:
        'No permit with this number and verification code was issued by this window: check both as printed on ' +
        'the permit, or scan its QR code.',
    };
  }
  if (!permit) {
    return {
      authentic: false,
      number: number ?? null,
      message: 'No permit with this number was issued by this window.',
    };
  }
  if (q.token && permit.token !== q.token) {
    return {
      authentic: false,
      number: number ?? null,
      message: 'The token is signed by the window but is not the one issued with this permit.',
    };
  }
  const { status } = await permitStatus(ctx.db, permit, mexicoDate(ctx.clock.now()));
  return {
    authentic: true,
    number: permit.number,
    status,
    kind: permit.kind,
    agency: { code: permit.agency_code, name: permit.document.agency.name },
    procedure: { code: permit.procedure_code, name: permit.document.procedure.name },
    holder: maskRfc(permit.holder_rfc),
    validFrom: permit.valid_from,
    validTo: permit.valid_to,
    issuedAt: permit.issued_at.toISOString(),
    revokedAt: permit.revoked_at?.toISOString() ?? null,
    goodsDigest: tokenCheck?.claims.gd ?? null,
  };
}

export async function checkRevocation(db: Sql, principal: Principal, number: string) {
  const permit = await findPermit(db, number);
  if (!permit) throw notFound('permit', number);
  const membership = await requireOfficerRole(db, principal, permit.agency_code, ['resolver', 'supervisor']);
  // Same rules as every action on the application: not on one's own case, not from another office when office-bound.
  const application = await loadApplication(db, permit.application_id);
  const { definition } = await db.one<{ definition: ProcedureDefinition }>(
    'select definition from procedure_versions where code = $1 and version = $2',
    [application.procedure_code, application.procedure_version],
  );
  const refused = await officerRefusal(db, { rfc: principal.rfc, ...membership }, application, definition);
  if (refused) throw refused;
  if (permit.status === 'revoked')
    throw new AppError(
      'permit.already_revoked',
      `Permit ${number} was revoked on ${permit.revoked_at!.toISOString()}.`,
      409,
    );
}

export async function revokePermit(
  tx: Sql,
  opts: { number: string; reason: string; principal: Principal; signatureId: string; now: Date },
) {
  await checkRevocation(tx, opts.principal, opts.number);
  const row = await tx.one<{ id: string }>(
    "update permits set status = 'revoked', revoked_at = $2, revoke_reason = $3, revoke_signature_id = $4 where " +
      "number = $1 and status = 'active' returning id",
    [opts.number, opts.now, opts.reason, opts.signatureId],
  );
  await appendAudit(tx, {
    type: 'permit.revoked',
    actorRfc: opts.principal.rfc,
    objectType: 'permit',
    objectId: opts.number,
    signatureId: opts.signatureId,
    data: { reason: opts.reason },
  });
  return row;
}
