import { defineProcedure } from '../define.ts';
import { countriesField, customsOfficesField, goodsForm, importerFields, importPrefill } from './_shared.ts';

export default defineProcedure({
  code: 'CNSNS-RADIOACTIVE-IMPORT',
  version: 1,
  effectiveFrom: '2024-01-01',
  agency: 'CNSNS',
  name: {
    es: 'Permiso de importación de material radiactivo',
    en: 'Import permit for radioactive material',
  },
  description: {
    es:
      'Permiso para importar fuentes radiactivas selladas o abiertas y otros ' +
      'materiales radiactivos, que sólo se otorga a quien tiene licencia vigente para la práctica en que se usarán.',
    en:
      'Permit to import sealed or unsealed radioactive sources and other radioactive ' +
      'material, granted only to holders of a current licence for the practice in which they will be used.',
  },
  legalBasis: {
    es:
      'Ley reglamentaria de la Constitución en materia nuclear; Reglamento General de ' +
      'Seguridad Radiológica; acuerdo que sujeta a permiso la importación de material radiactivo.',
    en:
      'The law implementing the Constitution on nuclear matters; General Radiological ' +
      'Safety Regulations; the agreement subjecting imports of radioactive material to a permit.',
  },
  flow: 'import',
  form: {
    type: 'object',
    required: [
      'importer',
      'goods',
      'customsOffices',
      'originCountries',
      'radionuclides',
      'operatingLicence',
      'practice',
    ],
    additionalProperties: false,
    properties: {
      ...importerFields,
      goods: goodsForm,
      customsOffices: customsOfficesField,
      originCountries: countriesField,
      radionuclides: {
        type: 'array',
        minItems: 1,
        items: {
          type: 'object',
          required: ['goodsLine', 'nuclide', 'activityBq', 'sourceType'],
          additionalProperties: false,
          properties: {
            goodsLine: { type: 'integer', minimum: 1 },
            nuclide: {
              type: 'string',
              pattern: '^[A-Z][a-z]?-[0-9]{1,3}m?$',
              description: 'e.g. Cs-137, Ir-192, Tc-99m',
            },
            activityBq: { type: 'number', exclusiveMinimum: 0, description: 'Activity in becquerels' },
            sourceType: { type: 'string', enum: ['sealed', 'unsealed'] },
            sourceSerialNumber: { type: 'string', minLength: 1, maxLength: 40 },
          },
        },
      },
      operatingLicence: {
        type: 'string',
        minLength: 3,
        maxLength: 40,
        description: 'Number of the licence authorising the practice',
      },
      practice: {
        type: 'string',
        enum: [
          'industrial_radiography',
          'nuclear_gauging',
          'well_logging',
          'nuclear_medicine',
          'radiotherapy',
          'research',
          'other',
        ],
      },
    },
  },
  prefill: { ...importPrefill },
  requiredDocuments: [
    { type: 'operating_licence', name: { es: 'Licencia de operación vigente', en: 'Current operating licence' } },
    {
      type: 'source_certificate',
      name: { es: 'Certificado de la fuente emitido por el fabricante', en: 'Manufacturer’s source certificate' },
    },
    { type: 'fee_payment_receipt', name: { es: 'Comprobante de pago de derechos', en: 'Fee payment receipt' } },
  ],
  responseDays: 20,
  silence: 'negative',
  autoApprove: false,
  fourEyes: true,
  officeBound: false,
  issues: { kind: 'permit', validityDays: 180, balances: true },
  fee: null,
  trigger: 'goods',
  rules: [
    {
      hsPrefix: '2844',
      effectiveFrom: '2024-01-01',
      note: {
        es: 'Elementos e isótopos radiactivos y sus compuestos, incluidas las fuentes selladas.',
        en: 'Radioactive elements and isotopes and their compounds, including sealed sources.',
      },
    },
  ],
  labels: {
    'radionuclides.sourceType': {
      sealed: { es: 'Fuente sellada', en: 'Sealed source' },
      unsealed: { es: 'Fuente abierta (no sellada)', en: 'Unsealed source' },
    },
    practice: {
      industrial_radiography: { es: 'Radiografía industrial', en: 'Industrial radiography' },
      nuclear_gauging: { es: 'Medidores nucleares', en: 'Nuclear gauging' },
      well_logging: { es: 'Registro de pozos', en: 'Well logging' },
      nuclear_medicine: { es: 'Medicina nuclear', en: 'Nuclear medicine' },
      radiotherapy: { es: 'Radioterapia', en: 'Radiotherapy' },
      research: { es: 'Investigación', en: 'Research' },
      other: { es: 'Otra práctica', en: 'Other practice' },
    },
  },
  example: {
    goods: [
      {
        hsCode: '284443',
        description: 'Fuente sellada de cesio 137 para medidores nucleares',
        quantity: 2,
        unit: 'PCE',
        value: 18000,
        currency: 'USD',
        originCountry: 'CA',
        destinationCountry: 'MX',
        customsOffice: 'ANAM-TAMPS-NLD',
      },
    ],
    data: {
      radionuclides: [
        {
          goodsLine: 1,
          nuclide: 'Cs-137',
          activityBq: 3700000000,
          sourceType: 'sealed',
          sourceSerialNumber: 'CS-2026-0042',
        },
      ],
      operatingLicence: 'LO-A-2024-118',
      practice: 'nuclear_gauging',
    },
  },
});
