import { defineProcedure } from '../define.ts';
import { countriesField, customsOfficesField, goodsForm, importerFields, importPrefill } from './_shared.ts';

export default defineProcedure({
  code: 'SE-USED-TYRES-IMPORT',
  version: 1,
  effectiveFrom: '2024-01-01',
  agency: 'SE',
  name: {
    es: 'Permiso previo de importación de llantas usadas',
    en: 'Prior import licence for used tyres',
  },
  description: {
    es:
      'Autorización para importar neumáticos usados destinados a renovado, reciclaje o uso ' +
      'directo, sujeta a que el importador acredite su manejo ambientalmente adecuado.',
    en:
      'Authorisation to import used pneumatic tyres for retreading, recycling or direct use, ' +
      'provided the importer shows they will be handled in an environmentally sound way.',
  },
  legalBasis: {
    es:
      'Ley de Comercio Exterior y su reglamento; acuerdo de la Secretaría de Economía que sujeta ' +
      'a permiso previo la importación de llantas usadas.',
    en:
      'Foreign Trade Law and its regulations; the Ministry of Economy agreement subjecting ' +
      'imports of used tyres to a prior licence.',
  },
  flow: 'import',
  form: {
    type: 'object',
    required: [
      'importer',
      'goods',
      'customsOffices',
      'originCountries',
      'intendedUse',
      'tyreCategory',
      'wasteManagementPlan',
    ],
    additionalProperties: false,
    properties: {
      ...importerFields,
      goods: goodsForm,
      customsOffices: customsOfficesField,
      originCountries: countriesField,
      intendedUse: { type: 'string', enum: ['retreading', 'recycling', 'direct_use'] },
      tyreCategory: { type: 'string', enum: ['passenger_car', 'light_truck', 'truck_bus', 'off_road', 'agricultural'] },
      wasteManagementPlan: {
        type: 'string',
        minLength: 5,
        maxLength: 40,
        description:
          'Registration number of the special-handling waste management plan that covers the tyres at end of life',
      },
    },
  },
  prefill: { ...importPrefill },
  requiredDocuments: [
    { type: 'commercial_invoice', name: { es: 'Factura comercial', en: 'Commercial invoice' } },
    {
      type: 'waste_management_plan',
      name: { es: 'Plan de manejo de residuos de manejo especial', en: 'Special-handling waste management plan' },
    },
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
      hsPrefix: '401220',
      effectiveFrom: '2024-01-01',
      note: { es: 'Neumáticos (llantas neumáticas) usados.', en: 'Used pneumatic tyres.' },
    },
  ],
  labels: {
    intendedUse: {
      retreading: { es: 'Renovado (recauchutado)', en: 'Retreading' },
      recycling: { es: 'Reciclaje', en: 'Recycling' },
      direct_use: { es: 'Uso directo', en: 'Direct use' },
    },
    tyreCategory: {
      passenger_car: { es: 'Automóvil', en: 'Passenger car' },
      light_truck: { es: 'Camioneta', en: 'Light truck' },
      truck_bus: { es: 'Camión o autobús', en: 'Truck or bus' },
      off_road: { es: 'Fuera de carretera', en: 'Off-road' },
      agricultural: { es: 'Agrícola', en: 'Agricultural' },
    },
  },
  example: {
    goods: [
      {
        hsCode: '401220',
        description: 'Llantas usadas para recauchutar',
        quantity: 300,
        unit: 'PCE',
        value: 4500,
        currency: 'USD',
        originCountry: 'US',
        destinationCountry: 'MX',
        customsOffice: 'ANAM-TAMPS-NLD',
      },
    ],
    data: { intendedUse: 'retreading', tyreCategory: 'passenger_car', wasteManagementPlan: 'PM-19-0042' },
  },
});
