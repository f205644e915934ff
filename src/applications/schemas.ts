import { Type, type Static } from 'typebox';
import { CountryCode, CurrencyCode, HsCode, ProcedureCode, Rfc } from '../http/identifiers.ts';

export const GoodsLine = Type.Object(
  {
    hsCode: HsCode,
    description: Type.String({ minLength: 1, maxLength: 500 }),
    quantity: Type.Number({ exclusiveMinimum: 0 }),
    unit: Type.String({ minLength: 1, maxLength: 12, description: 'e.g. KGM, LTR, PCE (UN/ECE Rec. 20)' }),
    value: Type.Number({ exclusiveMinimum: 0 }),
    currency: CurrencyCode,
    originCountry: CountryCode,
    destinationCountry: CountryCode,
    customsOffice: Type.String({
      minLength: 1,
      maxLength: 40,
      description: 'ANAM customs office code, e.g. ANAM-TAMPS-NLD (GET /api/v1/customs-offices)',
    }),
  },
  { additionalProperties: false },
);
export type GoodsLine = Static<typeof GoodsLine>;

export const OperationData = Type.Object(
  {
    /** Empty only when `procedures` names what to file (a report that no goods trigger). */
    goods: Type.Array(GoodsLine, { maxItems: 200 }),
    edocuments: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 40 }), { maxItems: 100 })),
    coves: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 40 }), { maxItems: 100 })),
    /** Procedures filed on request rather than because of goods, e.g. SE-IMMEX-ANNUAL-REPORT. */
    procedures: Type.Optional(
      Type.Array(Type.String({ pattern: '^[A-Z]+-[A-Z0-9-]+$' }), { maxItems: 20, uniqueItems: true }),
    ),
    /** Per procedure code, the fields the applicant types (everything else is prefilled). */
    procedureData: Type.Optional(Type.Record(ProcedureCode, Type.Record(Type.String(), Type.Unknown()))),
  },
  { additionalProperties: false },
);
export type OperationData = Static<typeof OperationData>;

export const NewOperation = Type.Object(
  {
    traderRfc: Rfc,
    flow: Type.Union([Type.Literal('import'), Type.Literal('export')]),
    data: OperationData,
  },
  {
    additionalProperties: false,
    examples: [
      {
        traderRfc: 'FAR9501017R3',
        flow: 'import',
        data: {
          goods: [
            {
              hsCode: '30049099',
              description: 'Medicamentos para uso humano',
              quantity: 1200,
              unit: 'PCE',
              value: 18000,
              currency: 'USD',
              originCountry: 'DE',
              destinationCountry: 'MX',
              customsOffice: 'ANAM-CDMX-AICM',
            },
          ],
        },
      },
    ],
  },
);
export type NewOperation = Static<typeof NewOperation>;

export const OperationUpdate = Type.Object(
  {
    expectedVersion: Type.Integer({ minimum: 1 }),
    data: OperationData,
  },
  { additionalProperties: false },
);
