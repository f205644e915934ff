import type { ProcedureDefinition } from '../procedure.ts';
import { countriesField, customsOfficesField, goodsForm, importerFields, importPrefill } from './common.ts';

export const procedure: ProcedureDefinition = {
  code: 'SENASICA-ZOOSANITARY-IMPORT',
  version: 1,
  effectiveFrom: '2024-01-01',
  agency: 'SENASICA',
  name: {
    es: 'Certificado zoosanitario para importación',
    en: 'Zoosanitary import certificate',
  },
  description: {
    es: 'Certificado que expide la oficina de inspección de sanidad agropecuaria del punto de entrada para animales vivos, carne, productos y subproductos de origen animal que cumplen la hoja de requisitos zoosanitarios aplicable.',
    en: 'Certificate issued by the agricultural health inspection office at the point of entry for live animals, meat and other animal products that meet the applicable zoosanitary requirement sheet.',
  },
  legalBasis: {
    es: 'Ley Federal de Sanidad Animal y su reglamento; las normas oficiales mexicanas y las hojas de requisitos zoosanitarios aplicables por mercancía y país de origen.',
    en: 'Federal Animal Health Law and its regulations; the Mexican official standards and the zoosanitary requirement sheets that apply by commodity and country of origin.',
  },
  flow: 'import',
  form: {
    type: 'object',
    required: ['importer', 'goods', 'customsOffices', 'originCountries', 'commodityType', 'species', 'requirementSheet', 'originHealthCertificate'],
    additionalProperties: false,
    properties: {
      ...importerFields,
      goods: goodsForm,
      customsOffices: customsOfficesField,
      originCountries: countriesField,
      commodityType: { type: 'string', enum: ['live_animals', 'meat_and_offal', 'dairy_products', 'eggs', 'genetic_material', 'animal_by_products'] },
      species: { type: 'string', enum: ['bovine', 'porcine', 'ovine', 'caprine', 'equine', 'poultry', 'aquatic', 'pets', 'other'] },
      requirementSheet: {
        type: 'string',
        pattern: '^[0-9A-Z-]{3,30}$',
        description: 'Combination number of the zoosanitary requirement sheet (hoja de requisitos zoosanitarios)',
      },
      originHealthCertificate: {
        type: 'string',
        minLength: 1,
        maxLength: 60,
        description: 'Number of the international zoosanitary certificate issued by the exporting country',
      },
    },
  },
  prefill: { ...importPrefill },
  requiredDocuments: [
    { type: 'international_zoosanitary_certificate', name: { es: 'Certificado zoosanitario internacional del país de origen', en: 'International zoosanitary certificate from the country of origin' } },
    { type: 'fee_payment_receipt', name: { es: 'Comprobante de pago de derechos', en: 'Fee payment receipt' } },
  ],
  responseDays: 5,
  silence: 'negative',
  autoApprove: false,
  fourEyes: false,
  officeBound: true,
  issues: { kind: 'permit', validityDays: 30, balances: true },
  fee: { amount: 1900, currency: 'MXN' },
};
