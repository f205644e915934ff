import { defineProcedure } from '../define.ts';
import { countriesField, customsOfficesField, goodsForm, importerFields, importPrefill } from './_shared.ts';

export default defineProcedure({
  code: 'SENASICA-ZOOSANITARY-IMPORT',
  version: 1,
  effectiveFrom: '2024-01-01',
  agency: 'SENASICA',
  name: {
    es: 'Certificado zoosanitario para importación',
    en: 'Zoosanitary import certificate',
  },
  description: {
    es:
      'Certificado que expide la oficina de inspección de sanidad agropecuaria del punto de entrada para animales ' +
      'vivos, carne, productos y subproductos de origen animal que cumplen la hoja de requisitos zoosanitarios ' +
      'aplicable.',
    en:
      'Certificate issued by the agricultural health inspection office at the point of entry for live animals, ' +
      'meat and other animal products that meet the applicable zoosanitary requirement sheet.',
  },
  legalBasis: {
    es:
      'Ley Federal de Sanidad Animal y su reglamento; las normas oficiales mexicanas y las hojas de requisitos ' +
      'zoosanitarios aplicables por mercancía y país de origen.',
    en:
      'Federal Animal Health Law and its regulations; the Mexican official standards and the zoosanitary ' +
      'requirement sheets that apply by commodity and country of origin.',
  },
  flow: 'import',
  form: {
    type: 'object',
    required: [
      'importer',
      'goods',
      'customsOffices',
      'originCountries',
      'commodityType',
      'species',
      'requirementSheet',
      'originHealthCertificate',
    ],
    additionalProperties: false,
    properties: {
      ...importerFields,
      goods: goodsForm,
      customsOffices: customsOfficesField,
      originCountries: countriesField,
      commodityType: {
        type: 'string',
        enum: ['live_animals', 'meat_and_offal', 'dairy_products', 'eggs', 'genetic_material', 'animal_by_products'],
      },
      species: {
        type: 'string',
        enum: ['bovine', 'porcine', 'ovine', 'caprine', 'equine', 'poultry', 'aquatic', 'pets', 'other'],
      },
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
    {
      type: 'international_zoosanitary_certificate',
      name: {
        es: 'Certificado zoosanitario internacional del país de origen',
        en: 'International zoosanitary certificate from the country of origin',
      },
    },
    { type: 'fee_payment_receipt', name: { es: 'Comprobante de pago de derechos', en: 'Fee payment receipt' } },
  ],
  responseDays: 5,
  silence: 'negative',
  autoApprove: false,
  fourEyes: false,
  officeBound: true,
  issues: { kind: 'permit', validityDays: 30, balances: true },
  fee: { amount: 1900, currency: 'MXN' },
  trigger: 'goods',
  rules: [
    {
      hsPrefix: '01',
      effectiveFrom: '2024-01-01',
      note: {
        es: 'Animales vivos (los de especies listadas en la CITES requieren además el certificado CITES).',
        en: 'Live animals (species listed in CITES also need the CITES certificate).',
      },
    },
    {
      hsPrefix: '02',
      effectiveFrom: '2024-01-01',
      note: { es: 'Carne y despojos comestibles.', en: 'Meat and edible offal.' },
    },
    {
      hsPrefix: '0402',
      effectiveFrom: '2024-01-01',
      note: { es: 'Leche y nata concentradas o en polvo.', en: 'Milk and cream, concentrated or in powder.' },
    },
    {
      hsPrefix: '0406',
      effectiveFrom: '2024-01-01',
      note: { es: 'Quesos y requesón.', en: 'Cheese and curd.' },
    },
    {
      hsPrefix: '0407',
      effectiveFrom: '2024-01-01',
      note: {
        es: 'Huevo con cascarón, incluido el fértil para incubar.',
        en: 'Birds’ eggs in shell, including hatching eggs.',
      },
    },
    {
      hsPrefix: '0504',
      effectiveFrom: '2024-01-01',
      note: { es: 'Tripas, vejigas y estómagos de animales.', en: 'Guts, bladders and stomachs of animals.' },
    },
    {
      hsPrefix: '051110',
      effectiveFrom: '2024-01-01',
      note: { es: 'Semen de bovino.', en: 'Bovine semen.' },
    },
    {
      hsPrefix: '0408',
      effectiveFrom: '2024-02-01',
      effectiveTo: '2025-01-31',
      note: {
        es:
          'Medida temporal de emergencia por influenza aviar para huevo sin cascarón y yemas; concluyó y se ' +
          'conserva para consultas históricas.',
        en:
          'Temporary avian-influenza emergency measure for eggs not in shell and egg yolks; it has ended and is ' +
          'kept for historical look-ups.',
      },
    },
  ],
  labels: {
    commodityType: {
      live_animals: { es: 'Animales vivos', en: 'Live animals' },
      meat_and_offal: { es: 'Carne y despojos', en: 'Meat and offal' },
      dairy_products: { es: 'Productos lácteos', en: 'Dairy products' },
      eggs: { es: 'Huevo', en: 'Eggs' },
      genetic_material: { es: 'Material genético', en: 'Genetic material' },
      animal_by_products: { es: 'Subproductos de origen animal', en: 'Animal by-products' },
    },
    species: {
      bovine: { es: 'Bovinos', en: 'Cattle' },
      porcine: { es: 'Porcinos', en: 'Pigs' },
      ovine: { es: 'Ovinos', en: 'Sheep' },
      caprine: { es: 'Caprinos', en: 'Goats' },
      equine: { es: 'Equinos', en: 'Horses' },
      poultry: { es: 'Aves', en: 'Poultry' },
      aquatic: { es: 'Especies acuáticas', en: 'Aquatic species' },
      pets: { es: 'Animales de compañía', en: 'Pets' },
      other: { es: 'Otra especie', en: 'Other species' },
    },
  },
  example: {
    goods: [
      {
        hsCode: '040690',
        description: 'Queso madurado de vaca',
        quantity: 2000,
        unit: 'KGM',
        value: 18000,
        currency: 'USD',
        originCountry: 'FR',
        destinationCountry: 'MX',
        customsOffice: 'ANAM-TAMPS-NLD',
      },
    ],
    data: {
      commodityType: 'dairy_products',
      species: 'bovine',
      requirementSheet: '0406-01-FR',
      originHealthCertificate: 'FR-ZS-0001',
    },
  },
});
