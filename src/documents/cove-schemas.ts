import { Type, type Static } from 'typebox';
import { CountryCode, CurrencyCode, PatentNumber, Rfc } from '../http/identifiers.ts';

/**
 * COVE (Comprobante de Valor Electrónico): the digital value record of an invoice, filed once
 * and signed with the e.firma before the goods are declared. These schemas check shape only;
 * cove.ts checks meaning (RFC check digits, ISO codes, totals, who may file).
 */
const text = (maxLength: number, description?: string) => Type.String({ minLength: 1, maxLength, description });

export const COVE_NUMBER_PATTERN = '^COVE[0-9A-HJKMNP-TV-Z]{9}$';
export const CoveNumber = Type.String({
  pattern: COVE_NUMBER_PATTERN,
  description: "'COVE' and 9 random Crockford base32 characters",
  examples: ['COVE4X7K2M9QZ'],
});

export const CoveAddress = Type.Object(
  {
    street: text(200),
    exteriorNumber: Type.Optional(text(40)),
    interiorNumber: Type.Optional(text(40)),
    neighbourhood: Type.Optional(text(120, 'Colonia')),
    city: Type.Optional(text(120, 'Localidad or city')),
    municipality: Type.Optional(text(120, 'Municipio or county; required in Mexico')),
    state: Type.Optional(text(120, 'State or province; required in Mexico')),
    postalCode: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9 -]{2,12}$', description: '5 digits in Mexico' })),
    country: CountryCode,
  },
  { additionalProperties: false },
);

export const CoveParty = Type.Object(
  {
    taxId: Type.String({
      minLength: 1,
      maxLength: 40,
      pattern: '^[A-Za-z0-9Ññ&][A-Za-z0-9Ññ& ./-]*$',
      description: 'The RFC when the party is in Mexico (check digit verified), otherwise its foreign tax id',
    }),
    name: text(254, 'Legal name or full name'),
    address: CoveAddress,
  },
  { additionalProperties: false },
);
export type CoveParty = Static<typeof CoveParty>;

export const CoveSpecifics = Type.Object(
  {
    brand: Type.Optional(text(120)),
    model: Type.Optional(text(120)),
    subModel: Type.Optional(text(120)),
    serialNumber: Type.Optional(text(120)),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const CoveGoodsLine = Type.Object(
  {
    description: text(1000, 'Generic description of the goods as on the invoice'),
    quantity: Type.Number({ exclusiveMinimum: 0 }),
    unit: Type.String({
      pattern: '^[A-Z0-9]{1,3}$',
      description: 'Unit of measure, UN/ECE Rec. 20 code (e.g. C62, KGM, LTR)',
    }),
    currency: CurrencyCode,
    unitValue: Type.Number({ exclusiveMinimum: 0 }),
    total: Type.Number({ exclusiveMinimum: 0, description: 'quantity × unitValue, within 0.01' }),
    usdValue: Type.Number({ exclusiveMinimum: 0, description: 'The line total in US dollars' }),
    specifics: Type.Optional(
      Type.Array(CoveSpecifics, {
        minItems: 1,
        maxItems: 1000,
        description: 'Brand, model, sub-model, serial number where applicable',
      }),
    ),
  },
  { additionalProperties: false },
);
export type CoveGoodsLine = Static<typeof CoveGoodsLine>;

const coveFields = {
  operationType: Type.Union([Type.Literal('import'), Type.Literal('export')]),
  invoiceNumber: Type.String({
    minLength: 1,
    maxLength: 50,
    pattern: '^\\S(.*\\S)?$',
    description: 'The original invoice number',
  }),
  invoiceDate: Type.String({ format: 'date' }),
  certificateOfOrigin: Type.Boolean({ description: 'The goods travel with a certificate of origin' }),
  authorizedExporterNumber: Type.Optional(
    text(50, "Only with a certificate of origin: the exporter's certification (authorised exporter) number"),
  ),
  invoiceTotal: Type.Optional(
    Type.Number({ exclusiveMinimum: 0, description: 'When given, the sum of the line totals (one currency)' }),
  ),
  notes: Type.Optional(text(1000)),
  issuer: CoveParty,
  recipient: CoveParty,
  goods: Type.Array(CoveGoodsLine, { minItems: 1, maxItems: 1000 }),
  consultRfcs: Type.Optional(Type.Array(Rfc, { maxItems: 50, description: 'RFCs allowed to consult the COVE' })),
  brokerPatents: Type.Optional(
    Type.Array(PatentNumber, {
      maxItems: 20,
      description: 'Brokers allowed to use the COVE (a filing broker is always added)',
    }),
  ),
};

export const CoveInput = Type.Object(coveFields, { additionalProperties: false });
export type CoveInput = Static<typeof CoveInput>;

export const CoveAmendmentInput = Type.Object(
  {
    ...coveFields,
    reason: text(500, 'Why the COVE is amended'),
  },
  { additionalProperties: false },
);
export type CoveAmendmentInput = Static<typeof CoveAmendmentInput>;

/** What is signed and stored: the input normalised (RFCs upper-case, lists deduplicated, filing broker listed). */
export type CoveContent = Omit<CoveInput, 'consultRfcs' | 'brokerPatents'> & {
  consultRfcs: string[];
  brokerPatents: string[];
};
