import { defineProcedure } from '../define.ts';
import { countriesField, customsOfficesField, dateField, goodsForm, importerFields, importPrefill } from './_shared.ts';

export default defineProcedure({
  code: 'SE-STEEL-NOTICE',
  version: 1,
  effectiveFrom: '2024-01-01',
  agency: 'SE',
  name: {
    es: 'Aviso automático de importación de productos siderúrgicos',
    en: 'Automatic import notice for steel products',
  },
  description: {
    es:
      'Aviso que se presenta antes de la importación definitiva de productos de acero para fines de monitoreo ' +
      'estadístico; se otorga en automático si la información y el certificado de molino o de calidad están ' +
      'completos.',
    en:
      'Notice filed before the definitive import of steel products for statistical monitoring; granted ' +
      'automatically when the information and the mill or quality certificate are complete.',
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
      'meltCountry',
      'millName',
      'millCertificateNumber',
      'millCertificateDate',
    ],
    additionalProperties: false,
    properties: {
      ...importerFields,
      goods: goodsForm,
      customsOffices: customsOfficesField,
      originCountries: countriesField,
      meltCountry: {
        type: 'string',
        pattern: '^[A-Z]{2}$',
        description: 'Country where the steel was melted and poured',
      },
      millName: { type: 'string', minLength: 2, maxLength: 200 },
      millCertificateNumber: {
        type: 'string',
        minLength: 1,
        maxLength: 60,
        description: 'Mill or quality certificate number; S/N when it has none',
      },
      millCertificateDate: dateField,
    },
  },
  prefill: { ...importPrefill },
  requiredDocuments: [
    { type: 'mill_certificate', name: { es: 'Certificado de molino o de calidad', en: 'Mill or quality certificate' } },
    { type: 'commercial_invoice', name: { es: 'Factura comercial', en: 'Commercial invoice' } },
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
      hsPrefix: '72',
      effectiveFrom: '2024-01-01',
      note: {
        es:
          'Fundición, hierro y acero. La lista oficial es por fracción arancelaria, así que no todas las ' +
          'líneas del capítulo están sujetas (por ejemplo, la chatarra).',
        en:
          'Iron and steel. The official list is by tariff line, so not every line in the chapter is covered ' +
          '(scrap, for instance).',
      },
    },
    {
      hsPrefix: '73',
      effectiveFrom: '2024-01-01',
      note: {
        es:
          'Manufacturas de fundición, hierro o acero (tubos, perfiles, alambre, tornillería). La lista oficial ' +
          'es por fracción arancelaria.',
        en: 'Articles of iron or steel (tubes, structures, wire, fasteners). The official list is by tariff line.',
      },
    },
  ],
  example: {
    goods: [
      {
        hsCode: '720851',
        description: 'Placa de acero laminada en caliente',
        quantity: 120,
        unit: 'TNE',
        value: 96000,
        currency: 'USD',
        originCountry: 'CN',
        destinationCountry: 'MX',
        customsOffice: 'ANAM-TAMPS-NLD',
      },
    ],
    data: {
      meltCountry: 'CN',
      millName: 'Baosteel',
      millCertificateNumber: 'MC-2026-001',
      millCertificateDate: '2026-11-01',
    },
  },
});
