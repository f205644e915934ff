import { defineProcedure } from '../define.ts';
import { goodsForm, importerFields } from './_shared.ts';

export default defineProcedure({
  code: 'SEDENA-ARMS-IMPORT',
  version: 1,
  effectiveFrom: '2024-01-01',
  agency: 'SEDENA',
  name: {
    es: 'Permiso extraordinario para la importación de armas de fuego, municiones y explosivos',
    en: 'Extraordinary permit to import firearms, ammunition and explosives',
  },
  description: {
    es:
      'Autorización de la Defensa Nacional para introducir al país armas de fuego, sus ' +
      'partes, municiones o explosivos.',
    en:
      'Authorisation from the Ministry of Defence to bring firearms, their parts, ' +
      'ammunition or explosives into the country.',
  },
  legalBasis: {
    es:
      'Ley Federal de Armas de Fuego y Explosivos y su reglamento; acuerdo que sujeta ' +
      'estas mercancías a permiso previo.',
    en:
      'Federal Law on Firearms and Explosives and its regulations; the agreement ' +
      'subjecting these goods to a prior permit.',
  },
  flow: 'import',
  form: {
    type: 'object',
    required: ['importer', 'goods', 'customsOffices', 'originCountries', 'purpose', 'endUser', 'storageAddress'],
    additionalProperties: false,
    properties: {
      ...importerFields,
      goods: goodsForm,
      customsOffices: { type: 'array', items: { type: 'string' }, minItems: 1 },
      originCountries: { type: 'array', items: { type: 'string', pattern: '^[A-Z]{2}$' }, minItems: 1 },
      purpose: {
        type: 'string',
        enum: ['sport_shooting', 'hunting', 'collection', 'private_security', 'law_enforcement', 'industrial_use'],
      },
      endUser: { type: 'string', minLength: 3, maxLength: 300 },
      storageAddress: { type: 'string', minLength: 10, maxLength: 300 },
    },
  },
  prefill: {
    importer: 'trader.rfc',
    importerName: 'trader.legalName',
    importerAddress: 'trader.taxAddress',
    goods: 'operation.goods',
    customsOffices: 'operation.customsOffices',
    originCountries: 'operation.originCountries',
  },
  requiredDocuments: [
    { type: 'end_user_certificate', name: { es: 'Certificado de usuario final', en: 'End-user certificate' } },
    { type: 'commercial_invoice', name: { es: 'Factura comercial', en: 'Commercial invoice' } },
  ],
  responseDays: 20,
  silence: 'negative',
  autoApprove: false,
  fourEyes: true,
  officeBound: false,
  issues: { kind: 'permit', validityDays: 180, balances: true },
  fee: { amount: 3120, currency: 'MXN' },
  trigger: 'goods',
  rules: [
    {
      hsPrefix: '93',
      effectiveFrom: '2024-01-01',
      note: {
        es: 'Armas y municiones, sus partes y accesorios.',
        en: 'Arms and ammunition, their parts and accessories.',
      },
    },
    {
      hsPrefix: '3601',
      effectiveFrom: '2024-01-01',
      note: { es: 'Pólvoras propulsoras.', en: 'Propellent powders.' },
    },
    {
      hsPrefix: '3602',
      effectiveFrom: '2024-01-01',
      note: {
        es: 'Explosivos preparados, excepto las pólvoras propulsoras.',
        en: 'Prepared explosives, other than propellent powders.',
      },
    },
    {
      hsPrefix: '3603',
      effectiveFrom: '2024-01-01',
      note: {
        es: 'Mechas de seguridad, cordones detonantes, cebos, cápsulas fulminantes y detonadores.',
        en: 'Safety fuses, detonating cords, primers, percussion caps and detonators.',
      },
    },
    {
      hsPrefix: '3604',
      effectiveFrom: '2024-01-01',
      note: {
        es: 'Artículos para fuegos artificiales y pirotecnia.',
        en: 'Fireworks and other pyrotechnic articles.',
      },
    },
  ],
  labels: {
    purpose: {
      sport_shooting: { es: 'Tiro deportivo', en: 'Sport shooting' },
      hunting: { es: 'Cacería', en: 'Hunting' },
      collection: { es: 'Colección', en: 'Collection' },
      private_security: { es: 'Seguridad privada', en: 'Private security' },
      law_enforcement: { es: 'Seguridad pública', en: 'Law enforcement' },
      industrial_use: { es: 'Uso industrial', en: 'Industrial use' },
    },
  },
  example: {
    goods: [
      {
        hsCode: '930320',
        description: 'Escopetas deportivas calibre 12',
        quantity: 10,
        unit: 'PCE',
        value: 15000,
        currency: 'USD',
        originCountry: 'IT',
        destinationCountry: 'MX',
        customsOffice: 'ANAM-TAMPS-NLD',
      },
    ],
    data: {
      purpose: 'sport_shooting',
      endUser: 'Club de Tiro Monterrey A.C.',
      storageAddress: 'Av. Constitución 1500, Monterrey, N.L.',
    },
  },
});
