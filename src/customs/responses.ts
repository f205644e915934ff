import { Type, type TSchema } from 'typebox';
import {
  AgencyCode,
  CountryCode,
  CurrencyCode,
  CustomsOfficeKey,
  HsPrefix,
  PatentNumber,
  PedimentoNumber,
  PermitNumber,
  ProcedureCode,
  Rfc,
  Uuid,
} from '../http/identifiers.ts';
import { Page } from '../http/pagination.ts';
import { PermitBalance } from '../permits/responses.ts';
import { REASON_CODES } from './declaration-rules.ts';

/** What the customs and quota routes answer; Fastify serialises through these, so only declared fields go out. */

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Instant = Type.String({ format: 'date-time' });
const Day = Type.String({ format: 'date' });

export const DeclarationReason = Type.Object(
  {
    code: Type.Enum(REASON_CODES, { description: 'Stable: customs systems act on it' }),
    line: Nullable(
      Type.Integer({ minimum: 1, description: 'The goods line (1-based); null for the declaration as a whole' }),
    ),
    message: Type.String(),
    procedure: Type.Optional(ProcedureCode),
    permit: Type.Optional(Type.String()),
    document: Type.Optional(Type.String()),
  },
  {
    title: 'DeclarationReason',
    additionalProperties: true,
    description: 'Why a declaration is refused; some reasons carry more details',
  },
);

const Draw = Type.Object({
  permit: PermitNumber,
  permitLine: Type.Integer(),
  quantity: Type.Number(),
  value: Type.Number(),
  remainingQuantity: Type.Number({ description: 'What the permit line has left after this draw' }),
  remainingValue: Type.Number(),
});

/**
 * What the window sealed (JWS `ventanilla-customs+jws`): the declaration as understood, the verdict, the draws or the
 * reasons.
 */
export const DeclarationValidation = Type.Object(
  {
    window: Type.String({ description: 'The window that validated it (its public URL)' }),
    number: PedimentoNumber,
    status: Type.Union([Type.Literal('accepted'), Type.Literal('refused')]),
    bodySha256: Type.String(),
    customsOffice: Type.String(),
    brokerPatent: PatentNumber,
    traderRfc: Rfc,
    flow: Type.Union([Type.Literal('import'), Type.Literal('export')]),
    date: Day,
    lines: Type.Array(
      Type.Object({
        line: Type.Integer(),
        hsCode: Type.String(),
        quantity: Type.Number(),
        unit: Type.String(),
        value: Type.Number(),
        currency: CurrencyCode,
        requiredProcedures: Type.Array(ProcedureCode),
        draws: Type.Array(Draw),
      }),
    ),
    reasons: Type.Array(DeclarationReason),
    validatedAt: Instant,
    validatedBy: Rfc,
  },
  { title: 'DeclarationValidation' },
);

export const DeclarationResult = Type.Object(
  {
    number: PedimentoNumber,
    status: Type.Union([Type.Literal('accepted'), Type.Literal('cancelled')], {
      description: 'A replayed declaration may have been cancelled since',
    }),
    replayed: Type.Boolean({ description: 'The same declaration was accepted before: nothing more was drawn' }),
    result: DeclarationValidation,
    seal: Type.String({ description: 'The result sealed by the window (compact JWS)' }),
  },
  { title: 'DeclarationResult' },
);

export const PermitDraw = Type.Object(
  {
    declaration: PedimentoNumber,
    declarationLine: Type.Integer(),
    permit: PermitNumber,
    permitLine: Type.Integer(),
    quantity: Type.Number(),
    value: Type.Number(),
    drawnAt: Instant,
    returnedAt: Nullable(Instant),
  },
  { title: 'PermitDraw' },
);

export const Declaration = Type.Object(
  {
    number: PedimentoNumber,
    status: Type.Union([Type.Literal('accepted'), Type.Literal('cancelled'), Type.Literal('refused')]),
    declaration: Nullable(
      Type.Object({}, { additionalProperties: true, description: 'The declaration as accepted (normalised)' }),
    ),
    receivedAt: Nullable(Instant),
    receivedBy: Nullable(Rfc),
    result: Nullable(DeclarationValidation),
    seal: Nullable(Type.String()),
    draws: Type.Array(PermitDraw),
    cancellation: Nullable(Type.Object({ at: Instant, by: Nullable(Rfc), reason: Nullable(Type.String()) })),
    refusals: Type.Array(
      Type.Object({
        at: Instant,
        by: Rfc,
        bodySha256: Type.String(),
        reasons: Type.Array(DeclarationReason),
        seal: Type.String(),
      }),
      { description: 'Refused attempts under this number' },
    ),
  },
  { title: 'Declaration' },
);

export const PermitDraws = Type.Object(
  {
    number: PermitNumber,
    status: Type.String(),
    balances: Type.Array(PermitBalance),
    draws: Type.Array(PermitDraw),
  },
  { title: 'PermitDraws' },
);

export const CustomsOffice = Type.Object(
  {
    key: CustomsOfficeKey,
    code: Type.String({
      description: "The window's code of the office, used in operations and declarations",
      examples: ['ANAM-CDMX-AICM'],
    }),
    name: Type.String(),
    state: Type.String(),
    city: Type.String(),
  },
  { title: 'CustomsOffice' },
);
export const CustomsOfficeList = Type.Object({ items: Type.Array(CustomsOffice) }, { title: 'CustomsOfficeList' });

export const Quota = Type.Object(
  {
    id: Uuid,
    name: Type.String(),
    agency: AgencyCode,
    procedure: ProcedureCode,
    hsCodes: Type.Array(HsPrefix),
    originCountries: Type.Array(CountryCode),
    period: Type.Object({ from: Day, to: Day }),
    status: Type.Union([Type.Literal('upcoming'), Type.Literal('open'), Type.Literal('closed')]),
    unit: Type.String(),
    allocationMethod: Type.Union([Type.Literal('first_come'), Type.Literal('assignment')]),
    total: Type.Number(),
    allocated: Type.Number({ description: 'Allocated to quota certificates' }),
    used: Type.Number({ description: 'Drawn by customs declarations from those certificates' }),
    remaining: Type.Number({ description: 'What can still be allocated' }),
    assigned: Nullable(Type.Number({ description: "assignment quotas: the sum of the traders' assignments" })),
    certificates: Type.Integer(),
  },
  { title: 'Quota' },
);
export const QuotaPage = Page('Quota', Quota);

export const QuotaAssignment = Type.Object(
  {
    traderRfc: Rfc,
    amount: Type.Number(),
    allocated: Type.Number(),
    remaining: Type.Number(),
    updatedAt: Instant,
  },
  { title: 'QuotaAssignment' },
);
export const QuotaAssignmentPage = Page('QuotaAssignment', QuotaAssignment);
