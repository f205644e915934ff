/** Form fragments shared by procedures: the importer/exporter block and the goods lines, both prefilled. */
export const importerFields = {
  importer: { type: 'string', pattern: '^[A-ZÑ&0-9]{12,13}$' },
  importerName: { type: 'string', minLength: 1 },
  importerAddress: { type: 'object' },
} as const;

export const exporterFields = {
  exporter: { type: 'string', pattern: '^[A-ZÑ&0-9]{12,13}$' },
  exporterName: { type: 'string', minLength: 1 },
  exporterAddress: { type: 'object' },
} as const;

/** The goods lines of the operation that this procedure covers (those whose HS code its rules matched). */
export const goodsForm = {
  type: 'array',
  minItems: 1,
  items: {
    type: 'object',
    required: ['line', 'hsCode', 'description', 'quantity', 'unit', 'value', 'currency'],
    properties: {
      line: { type: 'integer', minimum: 1 },
      hsCode: { type: 'string', pattern: '^[0-9]{6,10}$' },
      description: { type: 'string', minLength: 1 },
      quantity: { type: 'number', exclusiveMinimum: 0 },
      unit: { type: 'string', minLength: 1 },
      value: { type: 'number', exclusiveMinimum: 0 },
      currency: { type: 'string', pattern: '^[A-Z]{3}$' },
      originCountry: { type: 'string', pattern: '^[A-Z]{2}$' },
      destinationCountry: { type: 'string', pattern: '^[A-Z]{2}$' },
      customsOffice: { type: 'string' },
    },
  },
} as const;

/** The customs offices of the operation (prefilled from operation.customsOffices). */
export const customsOfficesField = { type: 'array', items: { type: 'string' }, minItems: 1 } as const;

/** ISO 3166 alpha-2 countries: origin for imports, destination for exports (prefilled from the operation). */
export const countriesField = { type: 'array', items: { type: 'string', pattern: '^[A-Z]{2}$' }, minItems: 1 } as const;

/** A calendar date (YYYY-MM-DD). */
export const dateField = { type: 'string', format: 'date' } as const;

/** A Mexican professional licence number (cédula profesional), e.g. of the responsible pharmacist. */
export const professionalLicenceField = { type: 'string', pattern: '^[0-9]{7,8}$' } as const;

/** Prefill map of an import form built from importerFields, goodsForm, customsOfficesField and originCountries. */
export const importPrefill = {
  importer: 'trader.rfc',
  importerName: 'trader.legalName',
  importerAddress: 'trader.taxAddress',
  goods: 'operation.goods',
  customsOffices: 'operation.customsOffices',
  originCountries: 'operation.originCountries',
} as const;

/** Prefill map of an export form built from exporterFields, goodsForm, customsOfficesField and destinationCountries. */
export const exportPrefill = {
  exporter: 'trader.rfc',
  exporterName: 'trader.legalName',
  exporterAddress: 'trader.taxAddress',
  goods: 'operation.goods',
  customsOffices: 'operation.customsOffices',
  destinationCountries: 'operation.destinationCountries',
} as const;

/** UN numbers of dangerous goods, e.g. UN3480. */
export const unNumbersField = {
  type: 'array',
  minItems: 1,
  uniqueItems: true,
  items: { type: 'string', pattern: '^UN[0-9]{4}$' },
} as const;

/**
 * CRETIB hazard characteristics of a waste under the Mexican classification standard (Te/Th/Tt: environmental, acute,
 * chronic toxicity).
 */
export const cretibField = {
  type: 'array',
  minItems: 1,
  uniqueItems: true,
  items: { type: 'string', enum: ['C', 'R', 'E', 'T', 'Te', 'Th', 'Tt', 'I', 'B'] },
} as const;

/** The words for the CRETIB codes of cretibField. */
export const cretibLabels = {
  C: { es: 'C: corrosivo', en: 'C: corrosive' },
  R: { es: 'R: reactivo', en: 'R: reactive' },
  E: { es: 'E: explosivo', en: 'E: explosive' },
  T: { es: 'T: tóxico', en: 'T: toxic' },
  Te: { es: 'Te: tóxico ambiental', en: 'Te: environmentally toxic' },
  Th: { es: 'Th: tóxico agudo', en: 'Th: acutely toxic' },
  Tt: { es: 'Tt: tóxico crónico', en: 'Tt: chronically toxic' },
  I: { es: 'I: inflamable', en: 'I: flammable' },
  B: { es: 'B: biológico-infeccioso', en: 'B: biological-infectious' },
};
