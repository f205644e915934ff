import type { ProcedureDefinition } from '../procedure.ts';
import { countriesField, customsOfficesField, goodsForm, importerFields, importPrefill } from './common.ts';

export const procedure: ProcedureDefinition = {
  code: 'SE-FOOTWEAR-NOTICE',
  version: 1,
  effectiveFrom: '2024-01-01',
  agency: 'SE',
  name: {
    es: 'Aviso automático de importación de calzado',
    en: 'Automatic import notice for footwear',
  },
  description: {
    es: 'Aviso previo a la importación definitiva de calzado y sus partes, que permite vigilar precios declarados y origen; se otorga en automático con la información completa.',
    en: 'Notice filed before the definitive import of footwear and its parts, used to monitor declared prices and origin; granted automatically when the information is complete.',
  },
  legalBasis: {
    es: 'Ley de Comercio Exterior y su reglamento (permisos automáticos); reglas y criterios de carácter general en materia de comercio exterior de la Secretaría de Economía.',
    en: 'Foreign Trade Law and its regulations (automatic licences); the Ministry of Economy general foreign-trade rules and criteria.',
  },
  flow: 'import',
  form: {
    type: 'object',
    required: ['importer', 'goods', 'customsOffices', 'originCountries', 'upperMaterial', 'declaredUnitPriceUsd'],
    additionalProperties: false,
    properties: {
      ...importerFields,
      goods: goodsForm,
      customsOffices: customsOfficesField,
      originCountries: countriesField,
      upperMaterial: { type: 'string', enum: ['leather', 'textile', 'rubber_or_plastics', 'other'] },
      declaredUnitPriceUsd: { type: 'number', exclusiveMinimum: 0, description: 'Declared price per pair in US dollars' },
      brand: { type: 'string', minLength: 1, maxLength: 100 },
    },
  },
  prefill: { ...importPrefill },
  requiredDocuments: [
    { type: 'commercial_invoice', name: { es: 'Factura comercial', en: 'Commercial invoice' } },
  ],
  responseDays: 1,
  silence: 'positive',
  autoApprove: true,
  fourEyes: false,
  officeBound: false,
  issues: { kind: 'notice', validityDays: 120, balances: true },
  fee: null,
};
