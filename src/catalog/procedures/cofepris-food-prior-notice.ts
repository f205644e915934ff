import { defineProcedure } from '../define.ts';
import { countriesField, customsOfficesField, dateField, goodsForm, importerFields, importPrefill } from './_shared.ts';

export default defineProcedure({
  code: 'COFEPRIS-FOOD-PRIOR-NOTICE',
  version: 1,
  effectiveFrom: '2024-01-01',
  agency: 'COFEPRIS',
  name: {
    es: 'Aviso sanitario previo de importación de alimentos',
    en: 'Prior sanitary notice of food import',
  },
  description: {
    es:
      'Aviso que el importador presenta antes del arribo de alimentos y bebidas procesados; queda ' +
      'registrado en automático y la autoridad sanitaria puede verificar el producto después.',
    en:
      'Notice the importer files before processed foods and beverages arrive; it is recorded ' +
      'automatically and the health authority may inspect the product afterwards.',
  },
  legalBasis: {
    es:
      'Ley General de Salud y el Reglamento de Control Sanitario de Productos y Servicios; ' +
      'acuerdo que identifica las mercancías sujetas a regulación sanitaria en su importación.',
    en:
      'General Health Law and the Regulations on Sanitary Control of Products and Services; the ' +
      'agreement identifying the goods whose import is subject to sanitary regulation.',
  },
  flow: 'import',
  form: {
    type: 'object',
    required: [
      'importer',
      'goods',
      'customsOffices',
      'originCountries',
      'foodCategory',
      'storageConditions',
      'manufacturer',
      'estimatedArrivalDate',
      'labellingCompliant',
    ],
    additionalProperties: false,
    properties: {
      ...importerFields,
      goods: goodsForm,
      customsOffices: customsOfficesField,
      originCountries: countriesField,
      foodCategory: {
        type: 'string',
        enum: [
          'cereal_products',
          'confectionery',
          'preserved_foods',
          'non_alcoholic_beverages',
          'food_supplements',
          'sauces_and_condiments',
          'other_processed_foods',
        ],
      },
      storageConditions: { type: 'string', enum: ['ambient', 'refrigerated', 'frozen'] },
      manufacturer: { type: 'string', minLength: 2, maxLength: 200 },
      estimatedArrivalDate: dateField,
      labellingCompliant: {
        type: 'boolean',
        const: true,
        description: 'The importer declares that the labels meet the Mexican labelling standard',
      },
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
  trigger: 'goods',
  rules: [
    {
      hsPrefix: '1806',
      effectiveFrom: '2024-01-01',
      note: {
        es: 'Chocolate y demás preparaciones alimenticias que contengan cacao.',
        en: 'Chocolate and other food preparations containing cocoa.',
      },
    },
    {
      hsPrefix: '1901',
      effectiveFrom: '2024-01-01',
      note: {
        es: 'Extracto de malta y preparaciones alimenticias de harina, incluidas las fórmulas infantiles.',
        en: 'Malt extract and food preparations of flour, including infant formula.',
      },
    },
    {
      hsPrefix: '1904',
      effectiveFrom: '2024-01-01',
      note: {
        es: 'Productos a base de cereales inflados o tostados.',
        en: 'Prepared foods obtained by swelling or roasting cereals.',
      },
    },
    {
      hsPrefix: '1905',
      effectiveFrom: '2024-01-01',
      note: { es: 'Productos de panadería, pastelería y galletería.', en: 'Bread, pastry, cakes and biscuits.' },
    },
    {
      hsPrefix: '2103',
      effectiveFrom: '2024-01-01',
      note: { es: 'Salsas, condimentos y sazonadores compuestos.', en: 'Sauces, mixed condiments and seasonings.' },
    },
    {
      hsPrefix: '2106',
      effectiveFrom: '2024-01-01',
      note: {
        es: 'Preparaciones alimenticias no expresadas en otra parte, incluidos suplementos alimenticios.',
        en: 'Food preparations not elsewhere specified, including food supplements.',
      },
    },
    {
      hsPrefix: '2202',
      effectiveFrom: '2024-01-01',
      note: {
        es: 'Bebidas no alcohólicas con adición de azúcar o edulcorantes.',
        en: 'Non-alcoholic beverages containing added sugar or sweeteners.',
      },
    },
  ],
  labels: {
    foodCategory: {
      cereal_products: { es: 'Productos de cereales', en: 'Cereal products' },
      confectionery: { es: 'Confitería', en: 'Confectionery' },
      preserved_foods: { es: 'Conservas alimenticias', en: 'Preserved foods' },
      non_alcoholic_beverages: { es: 'Bebidas no alcohólicas', en: 'Non-alcoholic beverages' },
      food_supplements: { es: 'Suplementos alimenticios', en: 'Food supplements' },
      sauces_and_condiments: { es: 'Salsas y condimentos', en: 'Sauces and condiments' },
      other_processed_foods: { es: 'Otros alimentos procesados', en: 'Other processed foods' },
    },
    storageConditions: {
      ambient: { es: 'Temperatura ambiente', en: 'Ambient temperature' },
      refrigerated: { es: 'Refrigeración', en: 'Refrigerated' },
      frozen: { es: 'Congelación', en: 'Frozen' },
    },
  },
  example: {
    goods: [
      {
        hsCode: '190590',
        description: 'Galletas saladas empacadas',
        quantity: 1200,
        unit: 'KGM',
        value: 6000,
        currency: 'USD',
        originCountry: 'US',
        destinationCountry: 'MX',
        customsOffice: 'ANAM-TAMPS-NLD',
      },
    ],
    data: {
      foodCategory: 'cereal_products',
      storageConditions: 'ambient',
      manufacturer: 'Midwest Bakers Inc.',
      estimatedArrivalDate: '2026-12-15',
      labellingCompliant: true,
    },
  },
});
