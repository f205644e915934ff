import { defineProcedure } from '../define.ts';
import { countriesField, customsOfficesField, goodsForm, importerFields, importPrefill } from './_shared.ts';

export default defineProcedure({
  code: 'SE-FOOTWEAR-NOTICE',
  version: 1,
  effectiveFrom: '2024-01-01',
  agency: 'SE',
  name: {
    es: 'Aviso automático de importación de calzado',
    en: 'Automatic import notice for footwear',
  },
  description: {
    es:
      'Aviso previo a la importación definitiva de calzado y sus partes, que permite ' +
      'vigilar precios declarados y origen; se otorga en automático con la información completa.',
    en:
      'Notice filed before the definitive import of footwear and its parts, used to ' +
      'monitor declared prices and origin; granted automatically when the information is complete.',
  },
  legalBasis: {
    es:
      'Ley de Comercio Exterior y su reglamento (permisos automáticos); reglas y ' +
      'criterios de carácter general en materia de comercio exterior de la Secretaría de Economía.',
    en:
      'Foreign Trade Law and its regulations (automatic licences); the Ministry of ' +
      'Economy general foreign-trade rules and criteria.',
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
      declaredUnitPriceUsd: {
        type: 'number',
        exclusiveMinimum: 0,
        description: 'Declared price per pair in US dollars',
      },
      brand: { type: 'string', minLength: 1, maxLength: 100 },
    },
  },
  prefill: { ...importPrefill },
  requiredDocuments: [{ type: 'commercial_invoice', name: { es: 'Factura comercial', en: 'Commercial invoice' } }],
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
      hsPrefix: '6401',
      effectiveFrom: '2024-01-01',
      note: {
        es: 'Calzado impermeable con suela y parte superior de caucho o plástico.',
        en: 'Waterproof footwear with outer soles and uppers of rubber or plastics.',
      },
    },
    {
      hsPrefix: '6402',
      effectiveFrom: '2024-01-01',
      note: {
        es: 'Demás calzado con suela y parte superior de caucho o plástico.',
        en: 'Other footwear with outer soles and uppers of rubber or plastics.',
      },
    },
    {
      hsPrefix: '6403',
      effectiveFrom: '2024-01-01',
      note: { es: 'Calzado con parte superior de cuero natural.', en: 'Footwear with uppers of leather.' },
    },
    {
      hsPrefix: '6404',
      effectiveFrom: '2024-01-01',
      note: { es: 'Calzado con parte superior de materia textil.', en: 'Footwear with uppers of textile materials.' },
    },
    {
      hsPrefix: '6405',
      effectiveFrom: '2024-01-01',
      note: { es: 'Demás calzado.', en: 'Other footwear.' },
    },
    {
      hsPrefix: '6406',
      effectiveFrom: '2027-07-01',
      note: {
        es: 'Partes de calzado (cortes, plantillas, tacones): ampliación programada del aviso automático.',
        en: 'Parts of footwear (uppers, insoles, heels): scheduled extension of the automatic notice.',
      },
    },
  ],
  labels: {
    upperMaterial: {
      leather: { es: 'Cuero', en: 'Leather' },
      textile: { es: 'Textil', en: 'Textile' },
      rubber_or_plastics: { es: 'Caucho o plástico', en: 'Rubber or plastics' },
      other: { es: 'Otro material', en: 'Other material' },
    },
  },
  example: {
    goods: [
      {
        hsCode: '640399',
        description: 'Calzado con corte de cuero para caballero',
        quantity: 600,
        unit: 'PR',
        value: 13800,
        currency: 'USD',
        originCountry: 'CN',
        destinationCountry: 'MX',
        customsOffice: 'ANAM-TAMPS-NLD',
      },
    ],
    data: { upperMaterial: 'leather', declaredUnitPriceUsd: 23, brand: 'Norte' },
  },
});
