import type { ProcedureDefinition } from '../procedure.ts';
import { countriesField, customsOfficesField, dateField, goodsForm, importerFields, importPrefill } from './common.ts';

export const procedure: ProcedureDefinition = {
  code: 'COFEPRIS-FOOD-PRIOR-NOTICE',
  version: 1,
  effectiveFrom: '2024-01-01',
  agency: 'COFEPRIS',
  name: {
    es: 'Aviso sanitario previo de importación de alimentos',
    en: 'Prior sanitary notice of food import',
  },
  description: {
    es: 'Aviso que el importador presenta antes del arribo de alimentos y bebidas procesados; queda registrado en automático y la autoridad sanitaria puede verificar el producto después.',
    en: 'Notice the importer files before processed foods and beverages arrive; it is recorded automatically and the health authority may inspect the product afterwards.',
  },
  legalBasis: {
    es: 'Ley General de Salud y el Reglamento de Control Sanitario de Productos y Servicios; acuerdo que identifica las mercancías sujetas a regulación sanitaria en su importación.',
    en: 'General Health Law and the Regulations on Sanitary Control of Products and Services; the agreement identifying the goods whose import is subject to sanitary regulation.',
  },
  flow: 'import',
  form: {
    type: 'object',
    required: ['importer', 'goods', 'customsOffices', 'originCountries', 'foodCategory', 'storageConditions', 'manufacturer', 'estimatedArrivalDate', 'labellingCompliant'],
    additionalProperties: false,
    properties: {
      ...importerFields,
      goods: goodsForm,
      customsOffices: customsOfficesField,
      originCountries: countriesField,
      foodCategory: {
        type: 'string',
        enum: ['cereal_products', 'confectionery', 'preserved_foods', 'non_alcoholic_beverages', 'food_supplements', 'sauces_and_condiments', 'other_processed_foods'],
      },
      storageConditions: { type: 'string', enum: ['ambient', 'refrigerated', 'frozen'] },
      manufacturer: { type: 'string', minLength: 2, maxLength: 200 },
      estimatedArrivalDate: dateField,
      labellingCompliant: { type: 'boolean', const: true, description: 'The importer declares that the labels meet the Mexican labelling standard' },
    },
  },
  prefill: { ...importPrefill },
  requiredDocuments: [
    { type: 'product_label', name: { es: 'Etiqueta del producto en español', en: 'Product label in Spanish' } },
  ],
  responseDays: 0,
  silence: 'positive',
  autoApprove: true,
  fourEyes: false,
  officeBound: false,
  issues: { kind: 'notice', validityDays: 30, balances: false },
  fee: null,
};
