import { Type, type Static } from 'typebox';
import {
  CountryCode,
  CurrencyCode,
  HsCode,
  PatentNumber,
  PedimentoNumber,
  PermitNumber,
  Rfc,
} from '../http/identifiers.ts';

const quantity = (description: string) =>
  Type.Number({ exclusiveMinimum: 0, maximum: 1e9, description: `${description} (at most 6 decimals)` });
const amount = (description: string) =>
  Type.Number({ exclusiveMinimum: 0, maximum: 1e12, description: `${description} (at most 6 decimals)` });
const documentNumbers = (description: string) =>
  Type.Array(Type.String({ minLength: 1, maxLength: 40 }), { maxItems: 100, description });

/** A permit a goods line clears under, and what it takes from the permit's balance. */
export const PermitUse = Type.Object(
  {
    number: PermitNumber,
    line: Type.Optional(
      Type.Integer({
        minimum: 1,
        description: 'The permit line to draw from; by default the first that matches HS code, unit and currency',
      }),
    ),
    quantity: Type.Optional(quantity("Quantity to draw, in the line's unit; default: the line's quantity")),
    value: Type.Optional(amount("Value to draw, in the line's currency; default: the line's value")),
  },
  { additionalProperties: false },
);

export const DeclarationLine = Type.Object(
  {
    hsCode: HsCode,
    quantity: quantity('Quantity declared'),
    unit: Type.String({ minLength: 1, maxLength: 12, description: 'e.g. KGM, LTR, PCE (UN/ECE Rec. 20)' }),
    value: amount('Value declared'),
    currency: CurrencyCode,
    originCountry: CountryCode,
    destinationCountry: CountryCode,
    permits: Type.Optional(Type.Array(PermitUse, { maxItems: 20 })),
  },
  { additionalProperties: false },
);

/** A customs declaration (pedimento) as a customs system sends it for validation against permits. */
export const DeclarationInput = Type.Object(
  {
    number: Type.String({
      pattern: '^[0-9]{2} ?[0-9]{2} ?[0-9]{4} ?[0-9]{7}$',
      description:
        "Pedimento number 'YY AA PPPP NNNNNNN': year, customs office key, broker patent, sequence; spaces optional",
    }),
    customsOffice: Type.String({
      minLength: 1,
      maxLength: 40,
      description: 'ANAM customs office code, e.g. ANAM-TAMPS-NLD (GET /api/v1/customs-offices)',
    }),
    brokerPatent: PatentNumber,
    /** The importer's (import) or exporter's (export) RFC: permits must be theirs. */
    traderRfc: Rfc,
    flow: Type.Union([Type.Literal('import'), Type.Literal('export')]),
    date: Type.String({
      format: 'date',
      description: 'Declaration date (YYYY-MM-DD): the rules and permit validity of this day apply',
    }),
    lines: Type.Array(DeclarationLine, { minItems: 1, maxItems: 200 }),
    coves: Type.Optional(documentNumbers('COVE numbers (electronic value vouchers)')),
    edocuments: Type.Optional(documentNumbers('eDocument numbers (digitised supporting documents)')),
  },
  {
    additionalProperties: false,
    examples: [
      {
        number: '26 47 3210 0000123',
        customsOffice: 'ANAM-CDMX-AICM',
        brokerPatent: '3210',
        traderRfc: 'FAR9501017R3',
        flow: 'import',
        date: '2026-03-02',
        lines: [
          {
            hsCode: '30049099',
            quantity: 1200,
            unit: 'PCE',
            value: 18000,
            currency: 'USD',
            originCountry: 'DE',
            destinationCountry: 'MX',
            permits: [{ number: 'COFEPRIS-2026-000123' }],
          },
        ],
        coves: ['COVE26A1B2C3D'],
      },
    ],
  },
);
export type DeclarationInput = Static<typeof DeclarationInput>;

export const DeclarationNumberParam = Type.Object({ number: PedimentoNumber });

export const CancellationData = Type.Object(
  { reason: Type.String({ minLength: 3, maxLength: 2000 }) },
  { additionalProperties: false },
);
