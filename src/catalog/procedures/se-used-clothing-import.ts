import { defineProcedure } from '../define.ts';
import { countriesField, customsOfficesField, goodsForm, importerFields, importPrefill } from './_shared.ts';

export default defineProcedure({
  code: 'SE-USED-CLOTHING-IMPORT',
  version: 1,
  effectiveFrom: '2024-01-01',
  agency: 'SE',
  name: {
    es: 'Permiso previo de importación de ropa usada',
    en: 'Prior import licence for used clothing',
  },
  description: {
    es:
      'Autorización para importar prendas de vestir y demás artículos textiles usados, ' +
      'por lo general destinados a donación a instituciones autorizadas o a reciclaje industrial.',
    en:
      'Authorisation to import worn clothing and other worn textile articles, usually ' +
      'for donation to authorised charities or for industrial recycling.',
  },
  legalBasis: {
    es:
      'Ley de Comercio Exterior y su reglamento; acuerdo de la Secretaría de Economía ' +
      'que sujeta a permiso previo la importación de ropa usada.',
    en:
      'Foreign Trade Law and its regulations; the Ministry of Economy agreement ' +
      'subjecting imports of used clothing to a prior licence.',
  },
  flow: 'import',
  form: {
    type: 'object',
    required: ['importer', 'goods', 'customsOffices', 'originCountries', 'intendedUse', 'fumigationCertificate'],
    additionalProperties: false,
    properties: {
      ...importerFields,
      goods: goodsForm,
      customsOffices: customsOfficesField,
      originCountries: countriesField,
      intendedUse: { type: 'string', enum: ['donation', 'industrial_recycling', 'sorting_for_reexport'] },
      doneeRfc: {
        type: 'string',
        pattern: '^[A-ZÑ&0-9]{12,13}$',
        description: 'RFC of the authorised charity receiving the goods, when intendedUse is donation',
      },
      fumigationCertificate: { type: 'string', minLength: 3, maxLength: 40 },
    },
  },
  prefill: { ...importPrefill },
  requiredDocuments: [
    {
      type: 'commercial_invoice',
      name: { es: 'Factura comercial o carta de donación', en: 'Commercial invoice or donation letter' },
    },
    {
      type: 'fumigation_certificate',
      name: { es: 'Certificado de fumigación o desinfección', en: 'Fumigation or disinfection certificate' },
    },
  ],
  responseDays: 15,
  silence: 'negative',
  autoApprove: false,
  fourEyes: false,
  officeBound: true,
  issues: { kind: 'licence', validityDays: 365, balances: true },
  fee: null,
  trigger: 'goods',
  rules: [
    {
      hsPrefix: '6309',
      effectiveFrom: '2024-01-01',
      note: {
        es: 'Artículos de prendería (ropa y demás artículos textiles usados).',
        en: 'Worn clothing and other worn textile articles.',
      },
    },
  ],
  labels: {
    intendedUse: {
      donation: { es: 'Donación', en: 'Donation' },
      industrial_recycling: { es: 'Reciclaje industrial', en: 'Industrial recycling' },
      sorting_for_reexport: { es: 'Clasificación para reexportación', en: 'Sorting for re-export' },
    },
  },
  example: {
    goods: [
      {
        hsCode: '630900',
        description: 'Ropa usada en pacas para reciclaje',
        quantity: 20000,
        unit: 'KGM',
        value: 8000,
        currency: 'USD',
        originCountry: 'US',
        destinationCountry: 'MX',
        customsOffice: 'ANAM-TAMPS-NLD',
      },
    ],
    data: { intendedUse: 'industrial_recycling', fumigationCertificate: 'FUM-2026-11' },
  },
});
