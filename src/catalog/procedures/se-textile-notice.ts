import { defineProcedure } from '../define.ts';
import { countriesField, customsOfficesField, goodsForm, importerFields, importPrefill } from './_shared.ts';

export default defineProcedure({
  code: 'SE-TEXTILE-NOTICE',
  version: 1,
  effectiveFrom: '2024-01-01',
  agency: 'SE',
  name: {
    es: 'Aviso automático de importación de productos textiles y de confección',
    en: 'Automatic import notice for textiles and apparel',
  },
  description: {
    es:
      'Aviso previo a la importación definitiva de hilados, tejidos, prendas de vestir y textiles para el ' +
      'hogar, para vigilar precios y origen; se otorga en automático con la información completa.',
    en:
      'Notice filed before the definitive import of yarns, fabrics, apparel and home textiles, used to monitor ' +
      'prices and origin; granted automatically when the information is complete.',
  },
  legalBasis: {
    es:
      'Ley de Comercio Exterior y su reglamento (permisos automáticos); reglas y criterios de carácter general ' +
      'en materia de comercio exterior de la Secretaría de Economía.',
    en:
      'Foreign Trade Law and its regulations (automatic licences); the Ministry of Economy general ' +
      'foreign-trade rules and criteria.',
  },
  flow: 'import',
  form: {
    type: 'object',
    required: [
      'importer',
      'goods',
      'customsOffices',
      'originCountries',
      'productType',
      'fibreComposition',
      'declaredUnitPriceUsd',
    ],
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
  trigger: 'goods',
  rules: [
    {
      hsPrefix: '61',
      effectiveFrom: '2024-01-01',
      note: {
        es: 'Prendas y complementos de vestir de punto.',
        en: 'Knitted or crocheted apparel and clothing accessories.',
      },
    },
    {
      hsPrefix: '62',
      effectiveFrom: '2024-01-01',
      note: {
        es: 'Prendas y complementos de vestir, excepto los de punto.',
        en: 'Apparel and clothing accessories, not knitted or crocheted.',
      },
    },
    {
      hsPrefix: '5208',
      effectiveFrom: '2024-01-01',
      note: {
        es: 'Tejidos de algodón de peso no superior a 200 g/m².',
        en: 'Woven cotton fabrics weighing not more than 200 g/m².',
      },
    },
    {
      hsPrefix: '5209',
      effectiveFrom: '2024-01-01',
      note: {
        es: 'Tejidos de algodón de peso superior a 200 g/m².',
        en: 'Woven cotton fabrics weighing more than 200 g/m².',
      },
    },
    {
      hsPrefix: '5407',
      effectiveFrom: '2024-01-01',
      note: { es: 'Tejidos de hilados de filamentos sintéticos.', en: 'Woven fabrics of synthetic filament yarn.' },
    },
    {
      hsPrefix: '5512',
      effectiveFrom: '2024-01-01',
      note: {
        es: 'Tejidos con 85 % o más de fibras sintéticas discontinuas.',
        en: 'Woven fabrics containing 85 % or more of synthetic staple fibres.',
      },
    },
    {
      hsPrefix: '5513',
      effectiveFrom: '2024-01-01',
      note: {
        es: 'Tejidos de fibras sintéticas discontinuas mezcladas con algodón, de peso ligero.',
        en: 'Light woven fabrics of synthetic staple fibres mixed with cotton.',
      },
    },
    {
      hsPrefix: '6302',
      effectiveFrom: '2024-01-01',
      note: { es: 'Ropa de cama, de mesa, de tocador y de cocina.', en: 'Bed, table, toilet and kitchen linen.' },
    },
  ],
  labels: {
    productType: {
      yarn: { es: 'Hilados', en: 'Yarn' },
      fabric: { es: 'Tejidos', en: 'Fabric' },
      apparel: { es: 'Prendas de vestir', en: 'Apparel' },
      home_textiles: { es: 'Textiles para el hogar', en: 'Home textiles' },
      other_made_up_articles: { es: 'Otros artículos confeccionados', en: 'Other made-up articles' },
    },
  },
  example: {
    goods: [
      {
        hsCode: '610910',
        description: 'Camisetas de punto de algodón',
        quantity: 3000,
        unit: 'PCE',
        value: 7500,
        currency: 'USD',
        originCountry: 'CN',
        destinationCountry: 'MX',
        customsOffice: 'ANAM-TAMPS-NLD',
      },
    ],
    data: { productType: 'apparel', fibreComposition: '100% algodón', declaredUnitPriceUsd: 2.5 },
  },
});
