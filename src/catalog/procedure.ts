import { Type, type Static } from 'typebox';

/**
 * One procedure (trámite) of one agency, declared as data. Every definition is checked at start
 * (see catalog/index.ts): a broken one stops the server with a message naming the file and field.
 */
export const ISSUED_KINDS = ['permit', 'licence', 'quota_certificate', 'certificate_of_origin', 'notice'] as const;
export type IssuedKind = (typeof ISSUED_KINDS)[number];

/** Where a prefilled form field comes from: the trader's registry profile or the operation. */
export const PREFILL_SOURCES = [
  'trader.rfc', 'trader.legalName', 'trader.taxAddress', 'trader.contacts', 'trader.programmes.immex', 'trader.programmes.prosec',
  'trader.legalRepresentative', 'operation.flow', 'operation.customsOffices', 'operation.goods', 'operation.originCountries',
  'operation.destinationCountries', 'operation.totalValueUsd', 'operation.broker', 'operation.edocuments', 'operation.coves',
] as const;
export type PrefillSource = (typeof PREFILL_SOURCES)[number];

const Text = Type.Object({ es: Type.String({ minLength: 1 }), en: Type.String({ minLength: 1 }) }, { additionalProperties: false });

export const ProcedureDefinitionSchema = Type.Object({
  code: Type.String({ pattern: '^[A-Z]+-[A-Z0-9-]+$', description: 'Agency prefix and a short name, e.g. SEDENA-ARMS-IMPORT' }),
  version: Type.Integer({ minimum: 1 }),
  effectiveFrom: Type.String({ format: 'date' }),
  agency: Type.String({ pattern: '^[A-Z]+$' }),
  name: Text,
  description: Text,
  /** The legal instrument in plain words; never invented article numbers. */
  legalBasis: Text,
  flow: Type.Union([Type.Literal('import'), Type.Literal('export')]),
  /** JSON Schema of the procedure's form (an object); prefilled fields are part of it. */
  form: Type.Object({ type: Type.Literal('object'), properties: Type.Record(Type.String(), Type.Any()) }, { additionalProperties: true }),
  /** form field -> where its value comes from. Every other form field is typed by the applicant. */
  prefill: Type.Record(Type.String(), Type.Enum(PREFILL_SOURCES)),
  requiredDocuments: Type.Array(Type.Object({ type: Type.String({ pattern: '^[a-z_]+$' }), name: Text }, { additionalProperties: false })),
  responseDays: Type.Integer({ minimum: 0, maximum: 120, description: 'Legal response time in business days' }),
  /** What the law says silence means once responseDays have passed. */
  silence: Type.Union([Type.Literal('positive'), Type.Literal('negative')]),
  /** Approved without a human when the form is complete and valid (automatic notices). */
  autoApprove: Type.Boolean(),
  /** One officer proposes, a different one signs the resolution. */
  fourEyes: Type.Boolean(),
  /** Handled by the agency office of the operation's customs office state, not centrally. */
  officeBound: Type.Boolean(),
  issues: Type.Object({
    kind: Type.Enum(ISSUED_KINDS),
    validityDays: Type.Integer({ minimum: 1, maximum: 3660 }),
    balances: Type.Boolean({ description: 'Carries authorised quantity/value balances drawn down by customs declarations' }),
  }, { additionalProperties: false }),
  fee: Type.Union([Type.Null(), Type.Object({ amount: Type.Number({ minimum: 0 }), currency: Type.Literal('MXN') }, { additionalProperties: false })]),
}, { additionalProperties: false });

/** A form is a JSON Schema object; ajv checks it at start and validates applications against it. */
export interface FormSchema {
  type: 'object';
  properties: Record<string, object>;
  required?: readonly string[];
  additionalProperties?: boolean;
}

export type ProcedureDefinition = Omit<Static<typeof ProcedureDefinitionSchema>, 'form'> & { form: FormSchema };
