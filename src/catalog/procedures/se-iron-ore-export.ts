import { defineProcedure } from '../define.ts';
import { countriesField, customsOfficesField, exporterFields, exportPrefill, goodsForm } from './_shared.ts';

export default defineProcedure({
  code: 'SE-IRON-ORE-EXPORT',
  version: 1,
  effectiveFrom: '2024-01-01',
  agency: 'SE',
  name: {
    es: 'Permiso previo de exportación de mineral de hierro',
    en: 'Prior export licence for iron ore',
  },
  description: {
    es:
      'Autorización para exportar minerales de hierro y sus concentrados, que exige acreditar el origen lícito del ' +
      'mineral mediante la concesión minera o la cadena de suministro.',
    en:
      'Authorisation to export iron ores and concentrates, which requires the exporter to show the lawful origin ' +
      'of the ore through the mining concession or the supply chain.',
  },
  legalBasis: {
    es:
      'Ley de Comercio Exterior y su reglamento; acuerdo de la Secretaría de Economía que sujeta a permiso previo ' +
      'la exportación de minerales de hierro.',
    en:
      'Foreign Trade Law and its regulations; the Ministry of Economy agreement subjecting exports of iron ore to ' +
      'a prior licence.',
  },
  flow: 'export',
  form: {
    type: 'object',
    required: [
      'exporter',
      'goods',
      'customsOffices',
      'destinationCountries',
      'mineConcessionTitles',
      'ironContentPercent',
      'supplyRole',
    ],
    additionalProperties: false,
    properties: {
      ...exporterFields,
      goods: goodsForm,
      customsOffices: customsOfficesField,
      destinationCountries: countriesField,
      mineConcessionTitles: {
        type: 'array',
        minItems: 1,
        uniqueItems: true,
        items: { type: 'string', pattern: '^[0-9]{5,7}$' },
        description: 'Title numbers of the mining concessions the ore comes from',
      },
      ironContentPercent: { type: 'number', minimum: 1, maximum: 72 },
      supplyRole: { type: 'string', enum: ['concession_holder', 'mine_operator', 'trader', 'beneficiation_plant'] },
    },
  },
  prefill: { ...exportPrefill },
  requiredDocuments: [
    { type: 'mining_concession_title', name: { es: 'Título de concesión minera', en: 'Mining concession title' } },
    {
      type: 'supply_contract',
      name: { es: 'Contrato de suministro o de explotación', en: 'Supply or operating contract' },
    },
    { type: 'assay_certificate', name: { es: 'Certificado de análisis del mineral', en: 'Ore assay certificate' } },
  ],
  responseDays: 15,
  silence: 'negative',
  autoApprove: false,
  fourEyes: false,
  officeBound: true,
  issues: { kind: 'licence', validityDays: 365, balances: true },
  fee: null,
  trigger: 'goods',
  rules: [
    {
      hsPrefix: '260111',
      effectiveFrom: '2024-01-01',
      note: {
        es: 'Minerales de hierro y sus concentrados, sin aglomerar.',
        en: 'Iron ores and concentrates, non-agglomerated.',
      },
    },
    {
      hsPrefix: '260112',
      effectiveFrom: '2024-01-01',
      note: {
        es: 'Minerales de hierro y sus concentrados, aglomerados (pellets).',
        en: 'Iron ores and concentrates, agglomerated (pellets).',
      },
    },
  ],
  labels: {
    supplyRole: {
      concession_holder: { es: 'Titular de la concesión minera', en: 'Mining concession holder' },
      mine_operator: { es: 'Operador de la mina', en: 'Mine operator' },
      trader: { es: 'Comercializador', en: 'Trader' },
      beneficiation_plant: { es: 'Planta de beneficio', en: 'Beneficiation plant' },
    },
  },
  example: {
    goods: [
      {
        hsCode: '260111',
        description: 'Mineral de hierro en trozos, sin aglomerar',
        quantity: 50000,
        unit: 'TNE',
        value: 4500000,
        currency: 'USD',
        originCountry: 'MX',
        destinationCountry: 'CN',
        customsOffice: 'ANAM-TAMPS-NLD',
      },
    ],
    data: { mineConcessionTitles: ['215432'], ironContentPercent: 62.5, supplyRole: 'concession_holder' },
  },
});
