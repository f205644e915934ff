import { defineProcedure } from '../define.ts';
import { countriesField, customsOfficesField, goodsForm, importerFields, importPrefill } from './_shared.ts';

export default defineProcedure({
  code: 'SENASICA-PHYTOSANITARY-IMPORT',
  version: 1,
  effectiveFrom: '2024-01-01',
  agency: 'SENASICA',
  name: {
    es: 'Certificado fitosanitario para importación',
    en: 'Phytosanitary import certificate',
  },
  description: {
    es:
      'Certificado que expide la oficina de inspección de sanidad agropecuaria del punto de entrada para plantas, ' +
      'frutas, hortalizas, granos y semillas que cumplen los requisitos fitosanitarios aplicables.',
    en:
      'Certificate issued by the agricultural health inspection office at the point of entry for plants, fruit, ' +
      'vegetables, grain and seeds that meet the applicable phytosanitary requirements.',
  },
  legalBasis: {
    es:
      'Ley Federal de Sanidad Vegetal y su reglamento; las normas oficiales mexicanas y los requisitos ' +
      'fitosanitarios aplicables por producto y país de origen.',
    en:
      'Federal Plant Health Law and its regulations; the Mexican official standards and the phytosanitary ' +
      'requirements that apply by product and country of origin.',
  },
  flow: 'import',
  form: {
    type: 'object',
    required: [
      'importer',
      'goods',
      'customsOffices',
      'originCountries',
      'productCategory',
      'requirementSheet',
      'originPhytosanitaryCertificate',
      'treatment',
    ],
    additionalProperties: false,
    properties: {
      ...importerFields,
      goods: goodsForm,
      customsOffices: customsOfficesField,
      originCountries: countriesField,
      productCategory: {
        type: 'string',
        enum: [
          'fresh_fruit',
          'fresh_vegetables',
          'grains_for_consumption',
          'seeds_for_sowing',
          'plants_for_planting',
          'cut_flowers',
          'dried_plant_products',
        ],
      },
      requirementSheet: {
        type: 'string',
        pattern: '^[0-9A-Z-]{3,30}$',
        description: 'Number of the phytosanitary requirement sheet that applies to the product and origin',
      },
      originPhytosanitaryCertificate: {
        type: 'string',
        minLength: 1,
        maxLength: 60,
        description: 'Number of the international phytosanitary certificate from the exporting country',
      },
      treatment: {
        type: 'string',
        enum: ['none', 'fumigation', 'cold_treatment', 'hot_water', 'irradiation', 'vapour_heat'],
      },
    },
  },
  prefill: { ...importPrefill },
  requiredDocuments: [
    {
      type: 'international_phytosanitary_certificate',
      name: {
        es: 'Certificado fitosanitario internacional del país de origen',
        en: 'International phytosanitary certificate from the country of origin',
      },
    },
    { type: 'fee_payment_receipt', name: { es: 'Comprobante de pago de derechos', en: 'Fee payment receipt' } },
  ],
  responseDays: 5,
  silence: 'positive',
  autoApprove: false,
  fourEyes: false,
  officeBound: true,
  issues: { kind: 'permit', validityDays: 30, balances: true },
  fee: { amount: 1900, currency: 'MXN' },
  trigger: 'goods',
  rules: [
    {
      hsPrefix: '06',
      effectiveFrom: '2024-01-01',
      note: { es: 'Plantas vivas, bulbos y flores cortadas.', en: 'Live plants, bulbs and cut flowers.' },
    },
    {
      hsPrefix: '07',
      effectiveFrom: '2024-01-01',
      note: { es: 'Hortalizas, raíces y tubérculos.', en: 'Vegetables, roots and tubers.' },
    },
    {
      hsPrefix: '08',
      effectiveFrom: '2024-01-01',
      note: { es: 'Frutas y frutos comestibles.', en: 'Edible fruit and nuts.' },
    },
    {
      hsPrefix: '10',
      effectiveFrom: '2024-01-01',
      note: { es: 'Cereales en grano.', en: 'Cereal grains.' },
    },
    {
      hsPrefix: '1201',
      effectiveFrom: '2024-01-01',
      note: { es: 'Habas (frijol) de soya.', en: 'Soya beans.' },
    },
    {
      hsPrefix: '1207',
      effectiveFrom: '2024-01-01',
      note: { es: 'Otras semillas y frutos oleaginosos.', en: 'Other oil seeds and oleaginous fruits.' },
    },
    {
      hsPrefix: '1209',
      effectiveFrom: '2024-01-01',
      note: { es: 'Semillas para siembra.', en: 'Seeds for sowing.' },
    },
  ],
  labels: {
    productCategory: {
      fresh_fruit: { es: 'Fruta fresca', en: 'Fresh fruit' },
      fresh_vegetables: { es: 'Hortalizas frescas', en: 'Fresh vegetables' },
      grains_for_consumption: { es: 'Granos para consumo', en: 'Grains for consumption' },
      seeds_for_sowing: { es: 'Semillas para siembra', en: 'Seeds for sowing' },
      plants_for_planting: { es: 'Plantas para plantar', en: 'Plants for planting' },
      cut_flowers: { es: 'Flores de corte', en: 'Cut flowers' },
      dried_plant_products: { es: 'Productos vegetales secos', en: 'Dried plant products' },
    },
    treatment: {
      none: { es: 'Sin tratamiento', en: 'No treatment' },
      fumigation: { es: 'Fumigación', en: 'Fumigation' },
      cold_treatment: { es: 'Tratamiento en frío', en: 'Cold treatment' },
      hot_water: { es: 'Inmersión en agua caliente', en: 'Hot-water immersion' },
      irradiation: { es: 'Irradiación', en: 'Irradiation' },
      vapour_heat: { es: 'Vapor caliente', en: 'Vapour heat' },
    },
  },
  example: {
    goods: [
      {
        hsCode: '080450',
        description: 'Mangos frescos',
        quantity: 18000,
        unit: 'KGM',
        value: 21000,
        currency: 'USD',
        originCountry: 'PE',
        destinationCountry: 'MX',
        customsOffice: 'ANAM-TAMPS-NLD',
      },
    ],
    data: {
      productCategory: 'fresh_fruit',
      requirementSheet: 'HRF-0804-PE',
      originPhytosanitaryCertificate: 'PE-2026-9981',
      treatment: 'hot_water',
    },
  },
});
