import { Type, type TSchema } from 'typebox';
import { ISSUED_KINDS, type IssuedKind } from '../catalog/procedure.ts';
import { AgencyCode, PermitNumber, ProcedureCode, Rfc, Uuid } from '../http/identifiers.ts';
import { Page } from '../http/pagination.ts';
import { PERMIT_STATUSES } from './status.ts';

/** What the permit routes answer; Fastify serialises through these, so only declared fields go out. */

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Instant = Type.String({ format: 'date-time' });
const Day = Type.String({ format: 'date' });
const Bilingual = Type.Object({ es: Type.String(), en: Type.String() });
const KIND = Type.Enum(Object.keys(ISSUED_KINDS) as IssuedKind[], { description: 'What the procedure issues' });
const STATUS = Type.Enum(PERMIT_STATUSES, {
  description: 'What a border officer needs to know: revoked, outside its dates, or with no balance left',
});

/** What is left of one permit line after customs declarations drew on it. */
export const PermitBalance = Type.Object(
  {
    line: Type.Integer({ minimum: 1 }),
    hsCode: Type.String(),
    unit: Type.String(),
    currency: Type.String(),
    authorisedQuantity: Type.Number(),
    remainingQuantity: Type.Number(),
    authorisedValue: Type.Number(),
    remainingValue: Type.Number(),
  },
  { title: 'PermitBalance' },
);

export const Permit = Type.Object(
  {
    number: PermitNumber,
    status: STATUS,
    kind: KIND,
    agency: AgencyCode,
    procedure: ProcedureCode,
    holder: Type.Object({ rfc: Rfc, legalName: Type.String() }),
    validFrom: Day,
    validTo: Day,
    approvedBy: Type.Union([Type.Literal('officer'), Type.Literal('automatic'), Type.Literal('silence')]),
    issuedAt: Instant,
    revokedAt: Nullable(Instant),
    revokeReason: Nullable(Type.String()),
    applicationId: Uuid,
    document: Type.Object(
      {},
      { additionalProperties: true, description: 'The permit as printed and sealed (goods, conditions, resolution)' },
    ),
    token: Type.String({ description: 'The offline token in the QR code (compact JWS)' }),
    verificationCode: Type.String({ description: 'The code printed on the permit for public verification' }),
    balances: Type.Array(PermitBalance),
  },
  { title: 'Permit' },
);

/** A permit in a list: enough to find it and see what is left, not the sealed document. */
export const PermitListItem = Type.Object(
  {
    number: PermitNumber,
    status: STATUS,
    kind: KIND,
    agency: AgencyCode,
    procedure: Type.Object({ code: ProcedureCode, name: Bilingual }),
    holder: Type.Object({ rfc: Rfc, legalName: Type.String() }),
    validFrom: Day,
    validTo: Day,
    issuedAt: Instant,
    balances: Type.Array(PermitBalance),
  },
  { title: 'PermitListItem' },
);
export const PermitPage = Page('Permit', PermitListItem);

/**
 * Public verification. By number alone: `exists` and a message. With the printed code or the QR token: `authentic`,
 * and when authentic the status, agency, procedure, masked holder and validity.
 */
export const PermitVerification = Type.Object(
  {
    number: Nullable(Type.String()),
    exists: Type.Optional(Type.Boolean({ description: 'Number alone: whether this window issued it' })),
    authentic: Type.Optional(
      Type.Boolean({ description: 'With code or token: whether they match a permit this window issued' }),
    ),
    message: Type.Optional(Type.String()),
    status: Type.Optional(STATUS),
    kind: Type.Optional(KIND),
    agency: Type.Optional(Type.Object({ code: AgencyCode, name: Bilingual })),
    procedure: Type.Optional(Type.Object({ code: ProcedureCode, name: Bilingual })),
    holder: Type.Optional(Type.String({ description: 'The holder RFC, masked' })),
    validFrom: Type.Optional(Day),
    validTo: Type.Optional(Day),
    issuedAt: Type.Optional(Instant),
    revokedAt: Type.Optional(Nullable(Instant)),
    goodsDigest: Type.Optional(Nullable(Type.String({ description: 'QR token: sha256 of the goods lines it covers' }))),
  },
  { title: 'PermitVerification' },
);

export const PermitPdf = Type.Unsafe<Uint8Array>({
  description: 'The permit, printable, with its QR code (application/pdf)',
  content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
});
