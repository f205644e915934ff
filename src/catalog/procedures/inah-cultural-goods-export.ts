import { defineProcedure } from '../define.ts';
import { countriesField, customsOfficesField, dateField, exporterFields, exportPrefill, goodsForm } from './_shared.ts';

export default defineProcedure({
  code: 'INAH-CULTURAL-GOODS-EXPORT',
  version: 1,
  effectiveFrom: '2024-01-01',
  agency: 'INAH',
  name: {
    es: 'Permiso para la exportación de monumentos arqueológicos, históricos o paleontológicos',
    en: 'Permit to export archaeological, historical or palaeontological monuments',
  },
  description: {
    es:
      'Permiso para sacar del país bienes culturales de competencia del INAH. Los monumentos ' +
      'arqueológicos son propiedad de la Nación y sólo pueden salir de forma temporal, por ' +
      'ejemplo para exposiciones; los históricos pueden exportarse en definitiva si el INAH lo ' +
      'autoriza.',
    en:
      'Permit to take cultural goods under INAH’s remit out of the country. Archaeological ' +
      'monuments belong to the Nation and may only leave temporarily, for example for ' +
      'exhibitions; historical monuments may be exported definitively if INAH authorises it.',
  },
  legalBasis: {
    es: 'Ley Federal sobre Monumentos y Zonas Arqueológicos, Artísticos e Históricos y su reglamento.',
    en: 'Federal Law on Archaeological, Artistic and Historical Monuments and Zones and its regulations.',
  },
  flow: 'export',
  form: {
    type: 'object',
    required: [
      'exporter',
      'goods',
      'customsOffices',
      'destinationCountries',
      'monumentCategory',
      'exportMode',
      'registerNumbers',
    ],
    additionalProperties: false,
    properties: {
      ...exporterFields,
      goods: goodsForm,
      customsOffices: customsOfficesField,
      destinationCountries: countriesField,
      monumentCategory: { type: 'string', enum: ['archaeological', 'historical', 'paleontological'] },
      exportMode: { type: 'string', enum: ['temporary_exhibition', 'temporary_research_or_restoration', 'definitive'] },
      registerNumbers: {
        type: 'array',
        minItems: 1,
        uniqueItems: true,
        items: { type: 'string', minLength: 3, maxLength: 40 },
        description: 'Public register numbers of the pieces (one per piece)',
      },
      returnDate: { ...dateField, description: 'Date the pieces return to Mexico (required for a temporary export)' },
    },
  },
  prefill: { ...exportPrefill },
  requiredDocuments: [
    {
      type: 'register_certificate',
      name: {
        es: 'Constancia de inscripción en el registro público de monumentos',
        en: 'Certificate of entry in the public register of monuments',
      },
    },
    { type: 'photographs', name: { es: 'Fotografías de cada pieza', en: 'Photographs of each piece' } },
    { type: 'insurance_policy', name: { es: 'Póliza de seguro clavo a clavo', en: 'Nail-to-nail insurance policy' } },
  ],
  responseDays: 30,
  silence: 'negative',
  autoApprove: false,
  fourEyes: true,
  officeBound: false,
  issues: { kind: 'permit', validityDays: 90, balances: true },
  fee: null,
  trigger: 'goods',
  rules: [
    {
      hsPrefix: '970510',
      effectiveFrom: '2024-01-01',
      note: {
        es:
          'Colecciones y piezas de interés arqueológico, etnográfico o histórico. Los monumentos ' +
          'arqueológicos sólo salen en forma temporal.',
        en:
          'Collections and pieces of archaeological, ethnographic or historical interest. ' +
          'Archaeological monuments may only leave temporarily.',
      },
    },
    {
      hsPrefix: '970529',
      effectiveFrom: '2024-01-01',
      note: {
        es:
          'Piezas de interés paleontológico (la subpartida también incluye colecciones zoológicas, ' +
          'botánicas y mineralógicas que no son de su competencia).',
        en:
          'Pieces of palaeontological interest (the subheading also covers zoological, botanical and ' +
          'mineralogical collections outside INAH’s remit).',
      },
    },
    {
      hsPrefix: '970531',
      effectiveFrom: '2024-01-01',
      note: {
        es: 'Piezas de interés numismático de más de cien años.',
        en: 'Pieces of numismatic interest more than one hundred years old.',
      },
    },
    {
      hsPrefix: '9706',
      effectiveFrom: '2024-01-01',
      note: {
        es: 'Antigüedades de más de cien años, que pueden ser monumentos históricos.',
        en: 'Antiques more than one hundred years old, which may be historical monuments.',
      },
    },
  ],
  labels: {
    monumentCategory: {
      archaeological: { es: 'Monumento arqueológico', en: 'Archaeological monument' },
      historical: { es: 'Monumento histórico', en: 'Historical monument' },
      paleontological: { es: 'Vestigio paleontológico', en: 'Palaeontological remains' },
    },
    exportMode: {
      temporary_exhibition: { es: 'Temporal, para exhibición', en: 'Temporary, for an exhibition' },
      temporary_research_or_restoration: {
        es: 'Temporal, para investigación o restauración',
        en: 'Temporary, for research or restoration',
      },
      definitive: { es: 'Definitiva', en: 'Permanent' },
    },
  },
  example: {
    goods: [
      {
        hsCode: '970510',
        description: 'Vasija prehispánica de cerámica para exposición',
        quantity: 1,
        unit: 'PCE',
        value: 25000,
        currency: 'USD',
        originCountry: 'MX',
        destinationCountry: 'US',
        customsOffice: 'ANAM-TAMPS-NLD',
      },
    ],
    data: {
      monumentCategory: 'archaeological',
      exportMode: 'temporary_exhibition',
      registerNumbers: ['RPMZA-0001234'],
      returnDate: '2027-06-30',
    },
  },
});
