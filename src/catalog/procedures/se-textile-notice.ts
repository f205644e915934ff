import type { ProcedureDefinition } from '../procedure.ts';
import { countriesField, customsOfficesField, goodsForm, importerFields, importPrefill } from './common.ts';

export const procedure: ProcedureDefinition = {
  code: 'SE-TEXTILE-NOTICE',
  version: 1,
  effectiveFrom: '2024-01-01',
  agency: 'SE',
  name: {
    es: 'Aviso automático de importación de productos textiles y de confección',
    en: 'Automatic import notice for textiles and apparel',
  },
  description: {
    es: 'Aviso previo a la importación definitiva de hilados, tejidos, prendas de vestir y textiles para el hogar, para vigilar precios y origen; se otorga en automático con la información completa.',
    en: 'Notice filed before the definitive import of yarns, fabrics, apparel and home textiles, used to monitor prices and origin; granted automatically when the information is complete.',
  },
  legalBasis: {
    es: 'Ley de Comercio Exterior y su reglamento (permisos automáticos); reglas y criterios de carácter general en materia de comercio exterior de la Secretaría de Economía.',
    en: 'Foreign Trade Law and its regulations (automatic licences); the Ministry of Economy general foreign-trade rules and criteria.',
  },
  flow: 'import',
  form: {
    type: 'object',
    required: ['importer', 'goods', 'customsOffices', 'originCountries', 'productType', 'fibreComposition', 'declaredUnitPriceUsd'],
    additionalProperties: false,
    properties: {
      ...importerFields,
      goods: goodsForm,
      customsOffices: customsOfficesField,
      originCountries: countriesField,
      productType: { type: 'string', enum: ['yarn', 'fabric', 'apparel', 'home_textiles', 'other_made_up_articles'] },
      fibreComposition: { type: 'string', minLength: 3, maxLength: 200, description: 'e.g. 60% cotton, 40% polyester' },
      declaredUnitPriceUsd: { type: 'number', exclusiveMinimum: 0 },
    },
  },
  prefill: { ...importPrefill },
  requiredDocuments: [
    { type: 'commercial_invoice', name: { es: 'Factura comercial', en: 'Commercial invoice' } },
    { type: 'packing_list', name: { es: 'Lista de empaque', en: 'Packing list' } },
  ],
  responseDays: 1,
  silence: 'positive',
  autoApprove: true,
  fourEyes: false,
  officeBound: false,
  issues: { kind: 'notice', validityDays: 120, balances: true },
  fee: null,
};
