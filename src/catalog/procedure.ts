import { Type, type Static } from 'typebox';

/**
 * One procedure (trámite) of one agency, declared as data in its own file under procedures/ through
 * `defineProcedure()` (define.ts), which checks it when the file is imported.
 */

/** What an approval issues: the one list of kinds, with the title printed on the document. */
export const ISSUED_KINDS = {
  permit: { es: 'Permiso', en: 'Permit' },
  licence: { es: 'Licencia', en: 'Licence' },
  quota_certificate: { es: 'Certificado de cupo', en: 'Quota certificate' },
  certificate_of_origin: {
    es: 'Certificado de origen',
    en: 'Certificate of origin',
  },
  notice: { es: 'Aviso', en: 'Notice' },
} as const satisfies Record<string, { es: string; en: string }>;
export type IssuedKind = keyof typeof ISSUED_KINDS;

/** Where a prefilled form field comes from: the trader's registry profile or the operation. */
export const PREFILL_SOURCES = [
  'trader.rfc',
  'trader.legalName',
  'trader.taxAddress',
  'trader.contacts',
  'trader.programmes.immex',
  'trader.programmes.prosec',
  'trader.legalRepresentative',
  'operation.flow',
  'operation.customsOffices',
  'operation.goods',
  'operation.originCountries',
  'operation.destinationCountries',
  'operation.totalValueUsd',
  'operation.broker',
  'operation.edocuments',
  'operation.coves',
] as const;
export type PrefillSource = (typeof PREFILL_SOURCES)[number];

const Text = Type.Object(
  { es: Type.String({ minLength: 1 }), en: Type.String({ minLength: 1 }) },
  { additionalProperties: false },
);

export const ProcedureDefinitionSchema = Type.Object(
  {
    code: Type.String({
      pattern: '^[A-Z]+-[A-Z0-9-]+$',
      description: 'Agency prefix and a short name, e.g. SEDENA-ARMS-IMPORT',
    }),
    version: Type.Integer({ minimum: 1 }),
    effectiveFrom: Type.String({ format: 'date' }),
    agency: Type.String({ pattern: '^[A-Z]+$' }),
    name: Text,
    description: Text,
    /** The legal instrument in plain words; never invented article numbers. */
    legalBasis: Text,
    flow: Type.Union([Type.Literal('import'), Type.Literal('export')]),
    /** JSON Schema of the procedure's form (an object); prefilled fields are part of it. */
    form: Type.Object(
      { type: Type.Literal('object'), properties: Type.Record(Type.String(), Type.Any()) },
      { additionalProperties: true },
    ),
    /** form field -> where its value comes from. Every other form field is typed by the applicant. */
    prefill: Type.Record(Type.String(), Type.Enum(PREFILL_SOURCES)),
    requiredDocuments: Type.Array(
      Type.Object({ type: Type.String({ pattern: '^[a-z_]+$' }), name: Text }, { additionalProperties: false }),
    ),
    responseDays: Type.Integer({ minimum: 0, maximum: 120, description: 'Legal response time in business days' }),
    /** What the law says silence means once responseDays have passed. */
    silence: Type.Union([Type.Literal('positive'), Type.Literal('negative')]),
    /** Approved without a human when the form is complete and valid (automatic notices). */
    autoApprove: Type.Boolean(),
    /** One officer proposes, a different one signs the resolution. */
    fourEyes: Type.Boolean(),
    /** Handled by the agency office of the operation's customs office state, not centrally. */
    officeBound: Type.Boolean(),
    issues: Type.Object(
      {
        kind: Type.Enum(Object.keys(ISSUED_KINDS) as IssuedKind[]),
        validityDays: Type.Integer({ minimum: 1, maximum: 3660 }),
        balances: Type.Boolean({
          description: 'Carries authorised quantity/value balances drawn down by customs declarations',
        }),
      },
      { additionalProperties: false },
    ),
    fee: Type.Union([
      Type.Null(),
      Type.Object(
        { amount: Type.Number({ minimum: 0 }), currency: Type.Literal('MXN') },
        { additionalProperties: false },
      ),
    ]),
  },
  { additionalProperties: false },
);

/** A form is a JSON Schema object; ajv checks it at start and validates applications against it. */
export interface FormSchema {
  type: 'object';
  properties: Record<string, object>;
  required?: readonly string[];
  additionalProperties?: boolean;
}

export type ProcedureDefinition = Omit<Static<typeof ProcedureDefinitionSchema>, 'form'> & { form: FormSchema };

export type Flow = 'import' | 'export';
export type Text = { es: string; en: string };

/**
 * Which goods need a procedure: an HS prefix (chapter, heading or subheading of HS 2022) in the
 * procedure's flow, optionally for some countries, between two dates. Written in the procedure's file.
 */
export interface RuleSource {
  /** 2, 4 or 6 digits of HS 2022. */
  hsPrefix: string;
  /** ISO 3166 alpha-2 codes: of origin for imports, of destination for exports. */
  countries?: { only?: string[]; except?: string[] };
  /** First day the rule applies (YYYY-MM-DD). */
  effectiveFrom: string;
  /** Last day the rule applies (YYYY-MM-DD), when it has ended or is scheduled to end. */
  effectiveTo?: string;
  note: Text;
}

/** A rule of the matrix, as matched and cited (in previews, applications and declaration reasons). */
export interface RegulationRule extends RuleSource {
  /** Derived, stable: `CODE:hsPrefix@effectiveFrom`, e.g. 'SEDENA-ARMS-IMPORT:93@2024-01-01'. */
  id: string;
  flow: Flow;
  procedure: string;
}

/** An operation's goods line, as an applicant sends it (applications/schemas.ts GoodsLine). */
export interface ExampleGoodsLine {
  hsCode: string;
  description: string;
  quantity: number;
  unit: string;
  value: number;
  currency: string;
  originCountry: string;
  destinationCountry: string;
  customsOffice: string;
}

/**
 * How a procedure gets filed: 'goods' when goods lines match its rules, 'request' when the applicant
 * names it in the operation (`data.procedures`), e.g. a yearly report that no goods trigger.
 */
export type Trigger = 'goods' | 'request';

/** Everything a procedure file declares: its definition plus the parts that are not served as the definition. */
export interface ProcedureSource extends ProcedureDefinition {
  trigger: Trigger;
  rules: RuleSource[];
  /**
   * Coded form field (its path: 'purpose', 'specimens.source') -> code -> its words, for the portal and the permit.
   * Every code of every enum in the form needs one.
   */
  labels?: Record<string, Record<string, Text>>;
  /** A filing that must go through: goods that trigger it (none when filed on request) and the typed fields. */
  example: { goods: ExampleGoodsLine[]; data: Record<string, unknown> };
}

/**
 * A checked procedure file. `definition` is what is served and recorded per version (its hash must not
 * change once served); rules, labels and the example live beside it.
 */
export interface Procedure {
  definition: ProcedureDefinition;
  trigger: Trigger;
  rules: RegulationRule[];
  labels: Record<string, Record<string, Text>>;
  example: ProcedureSource['example'];
}
