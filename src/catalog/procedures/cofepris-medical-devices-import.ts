import type { ProcedureDefinition } from '../procedure.ts';
import { countriesField, customsOfficesField, goodsForm, importerFields, importPrefill } from './common.ts';

export const procedure: ProcedureDefinition = {
  code: 'COFEPRIS-MEDICAL-DEVICES-IMPORT',
  version: 1,
  effectiveFrom: '2024-01-01',
  agency: 'COFEPRIS',
  name: {
    es: 'Permiso sanitario de importación de dispositivos médicos',
    en: 'Sanitary import permit for medical devices',
  },
  description: {
    es: 'Permiso para importar equipo médico, prótesis, material de curación, agentes de diagnóstico y demás dispositivos médicos, con o sin registro sanitario según su uso.',
    en: 'Permit to import medical equipment, prostheses, dressings, diagnostic agents and other medical devices, with or without a marketing authorisation depending on their use.',
  },
  legalBasis: {
    es: 'Ley General de Salud y el Reglamento de Insumos para la Salud; acuerdo que identifica las mercancías sujetas a regulación sanitaria en su importación.',
    en: 'General Health Law and the Regulations on Health Supplies; the agreement identifying the goods whose import is subject to sanitary regulation.',
  },
  flow: 'import',
  form: {
    type: 'object',
    required: ['importer', 'goods', 'customsOffices', 'originCountries', 'riskClass', 'purpose', 'refurbished'],
    additionalProperties: false,
    properties: {
      ...importerFields,
      goods: goodsForm,
      customsOffices: customsOfficesField,
      originCountries: countriesField,
      riskClass: { type: 'string', enum: ['I', 'II', 'III'] },
      purpose: { type: 'string', enum: ['commercialisation', 'own_use_by_health_facility', 'clinical_research', 'donation', 'exhibition'] },
      sanitaryRegistrations: {
        type: 'array',
        uniqueItems: true,
        items: { type: 'string', pattern: '^[0-9]{3,5}[A-Z][0-9]{4} SSA$' },
        description: 'Marketing authorisation numbers, e.g. 1234E2019 SSA (required for commercialisation)',
      },
      refurbished: { type: 'boolean', description: 'True for used or refurbished equipment, which needs a reconditioning certificate' },
    },
  },
  prefill: { ...importPrefill },
  requiredDocuments: [
    { type: 'technical_data_sheet', name: { es: 'Ficha técnica o instructivo del dispositivo', en: 'Device technical data sheet or instructions for use' } },
    { type: 'free_sale_certificate', name: { es: 'Certificado de libre venta del país de origen', en: 'Certificate of free sale from the country of origin' } },
    { type: 'fee_payment_receipt', name: { es: 'Comprobante de pago de derechos', en: 'Fee payment receipt' } },
  ],
  responseDays: 20,
  silence: 'negative',
  autoApprove: false,
  fourEyes: false,
  officeBound: false,
  issues: { kind: 'permit', validityDays: 180, balances: true },
  fee: null,
};
