import { defineProcedure } from '../define.ts';
import { countriesField, customsOfficesField, goodsForm, importerFields, importPrefill } from './_shared.ts';

export default defineProcedure({
  code: 'SENER-HYDROCARBONS-IMPORT',
  version: 1,
  effectiveFrom: '2024-01-01',
  agency: 'SENER',
  name: {
    es: 'Permiso previo de importación de hidrocarburos y petrolíferos',
    en: 'Prior import permit for hydrocarbons and petroleum products',
  },
  description: {
    es:
      'Permiso para importar petróleo crudo, gasolinas, diésel, turbosina, gas licuado de petróleo y demás ' +
      'petrolíferos, por un volumen y plazo determinados, a quien cuenta con los permisos de la cadena de ' +
      'suministro y las instalaciones de recepción.',
    en:
      'Permit to import crude oil, gasoline, diesel, jet fuel, liquefied petroleum gas and other petroleum ' +
      'products, for a set volume and term, granted to holders of the supply-chain permits and receiving ' +
      'facilities.',
  },
  legalBasis: {
    es:
      'Ley de Comercio Exterior; la legislación en materia de hidrocarburos; acuerdo que establece las ' +
      'mercancías cuya importación y exportación está sujeta a regulación por parte de la Secretaría ' +
      'de Energía.',
    en:
      'Foreign Trade Law; the hydrocarbons legislation; the agreement listing the goods whose import and ' +
      'export are regulated by the Ministry of Energy.',
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
      'transportMode',
      'supplyChainPermit',
      'receivingFacility',
    ],
    additionalProperties: false,
    properties: {
      ...importerFields,
      goods: goodsForm,
      customsOffices: customsOfficesField,
      originCountries: countriesField,
      productType: {
        type: 'string',
        enum: ['crude_oil', 'gasoline', 'diesel', 'jet_fuel', 'fuel_oil', 'lpg', 'other_petroleum_products'],
      },
      transportMode: { type: 'string', enum: ['marine', 'rail', 'road', 'pipeline'] },
      supplyChainPermit: {
        type: 'string',
        pattern: '^[A-Z]{1,3}/[0-9]{3,6}/[A-Z]{2,6}/[0-9]{4}$',
        description: 'Energy regulator permit for storage, distribution or marketing, e.g. PL/12345/COM/2019',
      },
      receivingFacility: {
        type: 'object',
        required: ['name', 'latitude', 'longitude'],
        additionalProperties: false,
        properties: {
          name: { type: 'string', minLength: 2, maxLength: 200 },
          latitude: { type: 'number', minimum: 14, maximum: 33 },
          longitude: { type: 'number', minimum: -119, maximum: -86 },
        },
      },
    },
  },
  prefill: { ...importPrefill },
  requiredDocuments: [
    {
      type: 'supply_chain_permit',
      name: {
        es: 'Permiso de almacenamiento, distribución o comercialización',
        en: 'Storage, distribution or marketing permit',
      },
    },
    { type: 'supply_contract', name: { es: 'Contrato de suministro', en: 'Supply contract' } },
    {
      type: 'product_specification',
      name: { es: 'Especificaciones fisicoquímicas del producto', en: 'Physical and chemical product specifications' },
    },
  ],
  responseDays: 12,
  silence: 'negative',
  autoApprove: false,
  fourEyes: false,
  officeBound: false,
  issues: { kind: 'permit', validityDays: 365, balances: true },
  fee: null,
  trigger: 'goods',
  rules: [
    {
      hsPrefix: '2709',
      effectiveFrom: '2024-01-01',
      note: { es: 'Aceites crudos de petróleo.', en: 'Crude petroleum oils.' },
    },
    {
      hsPrefix: '2710',
      effectiveFrom: '2024-01-01',
      note: {
        es:
          'Gasolinas, diésel, turbosina, combustóleo y demás aceites de petróleo. Los aceites usados que son ' +
          'residuos peligrosos requieren además la autorización de la SEMARNAT.',
        en:
          'Gasoline, diesel, jet fuel, fuel oil and other petroleum oils. Waste oils that are hazardous waste ' +
          'also need the SEMARNAT authorisation.',
      },
    },
    {
      hsPrefix: '271112',
      effectiveFrom: '2024-01-01',
      note: { es: 'Propano licuado (gas LP).', en: 'Liquefied propane (LPG).' },
    },
    {
      hsPrefix: '271113',
      effectiveFrom: '2024-01-01',
      note: { es: 'Butanos licuados (gas LP).', en: 'Liquefied butanes (LPG).' },
    },
  ],
  labels: {
    productType: {
      crude_oil: { es: 'Petróleo crudo', en: 'Crude oil' },
      gasoline: { es: 'Gasolina', en: 'Gasoline' },
      diesel: { es: 'Diésel', en: 'Diesel' },
      jet_fuel: { es: 'Turbosina', en: 'Jet fuel' },
      fuel_oil: { es: 'Combustóleo', en: 'Fuel oil' },
      lpg: { es: 'Gas licuado de petróleo', en: 'Liquefied petroleum gas' },
      other_petroleum_products: { es: 'Otros petrolíferos', en: 'Other petroleum products' },
    },
    transportMode: {
      marine: { es: 'Marítimo', en: 'Sea' },
      rail: { es: 'Ferrocarril', en: 'Rail' },
      road: { es: 'Autotransporte', en: 'Road' },
      pipeline: { es: 'Ducto', en: 'Pipeline' },
    },
  },
  example: {
    goods: [
      {
        hsCode: '271019',
        description: 'Diésel de ultra bajo azufre',
        quantity: 5000000,
        unit: 'LTR',
        value: 4000000,
        currency: 'USD',
        originCountry: 'US',
        destinationCountry: 'MX',
        customsOffice: 'ANAM-TAMPS-NLD',
      },
    ],
    data: {
      productType: 'diesel',
      transportMode: 'marine',
      supplyChainPermit: 'PL/12345/COM/2019',
      receivingFacility: { name: 'Terminal de almacenamiento Tuxpan', latitude: 20.96, longitude: -97.4 },
    },
  },
});
