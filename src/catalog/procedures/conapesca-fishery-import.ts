import { defineProcedure } from '../define.ts';
import { countriesField, customsOfficesField, goodsForm, importerFields, importPrefill } from './_shared.ts';

export default defineProcedure({
  code: 'CONAPESCA-FISHERY-IMPORT',
  version: 1,
  effectiveFrom: '2024-01-01',
  agency: 'CONAPESCA',
  name: {
    es: 'Permiso de importación de productos pesqueros y acuícolas',
    en: 'Import permit for fishery and aquaculture products',
  },
  description: {
    es:
      'Permiso para importar pescados, crustáceos, moluscos y sus preparaciones, así como organismos acuáticos ' +
      'vivos para acuacultura, que exige acreditar la legal procedencia de la captura o del cultivo.',
    en:
      'Permit to import fish, crustaceans, molluscs and their preparations, and live aquatic organisms for ' +
      'aquaculture; the importer must show the catch or farm of origin is legal.',
  },
  legalBasis: {
    es:
      'Ley General de Pesca y Acuacultura Sustentables y su reglamento; acuerdo que sujeta a regulación la ' +
      'importación de productos pesqueros y acuícolas.',
    en:
      'General Law on Sustainable Fisheries and Aquaculture and its regulations; the agreement subjecting imports ' +
      'of fishery and aquaculture products to regulation.',
  },
  flow: 'import',
  form: {
    type: 'object',
    required: [
      'importer',
      'goods',
      'customsOffices',
      'originCountries',
      'productForm',
      'productionMethod',
      'species',
      'catchDocument',
    ],
    additionalProperties: false,
    properties: {
      ...importerFields,
      goods: goodsForm,
      customsOffices: customsOfficesField,
      originCountries: countriesField,
      productForm: {
        type: 'string',
        enum: ['live', 'fresh_or_chilled', 'frozen', 'dried_salted_or_smoked', 'prepared_or_preserved'],
      },
      productionMethod: { type: 'string', enum: ['wild_capture', 'aquaculture'] },
      species: {
        type: 'array',
        minItems: 1,
        uniqueItems: true,
        items: { type: 'string', pattern: '^[A-Z][a-z]+ ([a-z-]+|spp\\.)$' },
        description: 'Scientific names, e.g. Thunnus albacares',
      },
      catchDocument: {
        type: 'string',
        minLength: 3,
        maxLength: 60,
        description: 'Number of the catch certificate or aquaculture origin document from the exporting country',
      },
    },
  },
  prefill: { ...importPrefill },
  requiredDocuments: [
    {
      type: 'catch_certificate',
      name: {
        es: 'Certificado de captura o de origen acuícola',
        en: 'Catch certificate or aquaculture origin document',
      },
    },
    { type: 'commercial_invoice', name: { es: 'Factura comercial', en: 'Commercial invoice' } },
  ],
  responseDays: 15,
  silence: 'negative',
  autoApprove: false,
  fourEyes: false,
  officeBound: false,
  issues: { kind: 'permit', validityDays: 90, balances: true },
  fee: null,
  trigger: 'goods',
  rules: [
    {
      hsPrefix: '03',
      effectiveFrom: '2024-01-01',
      note: {
        es: 'Pescados, crustáceos, moluscos y demás invertebrados acuáticos.',
        en: 'Fish, crustaceans, molluscs and other aquatic invertebrates.',
      },
    },
    {
      hsPrefix: '1604',
      effectiveFrom: '2024-01-01',
      note: {
        es: 'Preparaciones y conservas de pescado, incluido el atún enlatado.',
        en: 'Prepared or preserved fish, including canned tuna.',
      },
    },
    {
      hsPrefix: '1605',
      effectiveFrom: '2024-01-01',
      note: {
        es: 'Crustáceos y moluscos preparados o en conserva.',
        en: 'Crustaceans and molluscs, prepared or preserved.',
      },
    },
  ],
  labels: {
    productForm: {
      live: { es: 'Vivo', en: 'Live' },
      fresh_or_chilled: { es: 'Fresco o refrigerado', en: 'Fresh or chilled' },
      frozen: { es: 'Congelado', en: 'Frozen' },
      dried_salted_or_smoked: { es: 'Seco, salado o ahumado', en: 'Dried, salted or smoked' },
      prepared_or_preserved: { es: 'Preparado o en conserva', en: 'Prepared or preserved' },
    },
    productionMethod: {
      wild_capture: { es: 'Captura silvestre', en: 'Wild capture' },
      aquaculture: { es: 'Acuacultura', en: 'Aquaculture' },
    },
  },
  example: {
    goods: [
      {
        hsCode: '030342',
        description: 'Atún aleta amarilla congelado',
        quantity: 8000,
        unit: 'KGM',
        value: 36000,
        currency: 'USD',
        originCountry: 'EC',
        destinationCountry: 'MX',
        customsOffice: 'ANAM-TAMPS-NLD',
      },
    ],
    data: {
      productForm: 'frozen',
      productionMethod: 'wild_capture',
      species: ['Thunnus albacares'],
      catchDocument: 'EC-CC-2026-0815',
    },
  },
});
