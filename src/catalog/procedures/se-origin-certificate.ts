import { defineProcedure } from '../define.ts';
import { countriesField, customsOfficesField, exporterFields, exportPrefill, goodsForm } from './_shared.ts';

export default defineProcedure({
  code: 'SE-ORIGIN-CERTIFICATE',
  version: 1,
  effectiveFrom: '2024-01-01',
  agency: 'SE',
  name: {
    es: 'Certificado de origen para exportar a un socio comercial',
    en: 'Certificate of origin for exports to a trade-agreement partner',
  },
  description: {
    es:
      'Certificado expedido por la Secretaría de Economía que acredita que las mercancías exportadas son ' +
      'originarias de México, para que reciban el trato arancelario preferencial del tratado en el país de ' +
      'destino.',
    en:
      'Certificate issued by the Ministry of Economy showing that the exported goods originate in Mexico, so ' +
      'that they receive the agreement’s preferential tariff treatment in the destination country.',
  },
  legalBasis: {
    es:
      'Ley de Comercio Exterior; el tratado o acuerdo comercial aplicable y las reglas de origen y ' +
      'procedimientos aduaneros que lo acompañan; reglas de la Secretaría de Economía para la expedición de ' +
      'certificados de origen.',
    en:
      'Foreign Trade Law; the applicable trade agreement with its rules of origin and customs procedures; the ' +
      'Ministry of Economy rules for issuing certificates of origin.',
  },
  flow: 'export',
  form: {
    type: 'object',
    required: [
      'exporter',
      'goods',
      'customsOffices',
      'destinationCountries',
      'tradeAgreement',
      'originCriterion',
      'invoiceNumbers',
    ],
    additionalProperties: false,
    properties: {
      ...exporterFields,
      goods: goodsForm,
      customsOffices: customsOfficesField,
      destinationCountries: countriesField,
      tradeAgreement: {
        type: 'string',
        enum: [
          'mexico_japan_epa',
          'pacific_alliance',
          'mexico_colombia_fta',
          'mexico_chile_fta',
          'mexico_peru_aie',
          'mexico_uruguay_fta',
          'aladi',
        ],
      },
      originCriterion: {
        type: 'string',
        enum: ['wholly_obtained', 'originating_materials_only', 'tariff_shift', 'regional_value_content'],
      },
      producerRfc: {
        type: 'string',
        pattern: '^[A-ZÑ&0-9]{12,13}$',
        description: 'RFC of the producer when it is not the exporter',
      },
      invoiceNumbers: {
        type: 'array',
        minItems: 1,
        uniqueItems: true,
        items: { type: 'string', minLength: 1, maxLength: 40 },
      },
    },
  },
  prefill: { ...exportPrefill },
  requiredDocuments: [
    {
      type: 'origin_determination',
      name: {
        es: 'Dictamen o cuestionario de determinación de origen',
        en: 'Origin determination ruling or questionnaire',
      },
    },
    { type: 'commercial_invoice', name: { es: 'Factura comercial', en: 'Commercial invoice' } },
  ],
  responseDays: 5,
  silence: 'positive',
  autoApprove: false,
  fourEyes: false,
  officeBound: true,
  issues: { kind: 'certificate_of_origin', validityDays: 365, balances: false },
  fee: null,
  trigger: 'goods',
  rules: [
    {
      hsPrefix: '84',
      countries: { only: ['JP', 'CO', 'PE', 'CL', 'UY'] },
      effectiveFrom: '2024-01-01',
      note: {
        es:
          'Máquinas y aparatos mecánicos exportados con trato preferencial a socios cuyos tratados exigen un ' +
          'certificado expedido por la autoridad; sólo si el exportador pide la preferencia.',
        en:
          'Machinery and mechanical appliances exported with preferential treatment to partners whose ' +
          'agreements require a government-issued certificate; only when the exporter claims the preference.',
      },
    },
    {
      hsPrefix: '85',
      countries: { only: ['JP', 'CO', 'PE', 'CL', 'UY'] },
      effectiveFrom: '2024-01-01',
      note: {
        es:
          'Máquinas y aparatos eléctricos exportados con trato preferencial a socios cuyos tratados exigen un ' +
          'certificado expedido por la autoridad; sólo si el exportador pide la preferencia.',
        en:
          'Electrical machinery and equipment exported with preferential treatment to partners whose ' +
          'agreements require a government-issued certificate; only when the exporter claims the preference.',
      },
    },
    {
      hsPrefix: '87',
      countries: { only: ['JP', 'CO', 'PE', 'CL', 'UY'] },
      effectiveFrom: '2024-01-01',
      note: {
        es:
          'Vehículos automóviles, sus partes y accesorios exportados con trato preferencial a socios cuyos ' +
          'tratados exigen un certificado expedido por la autoridad; sólo si el exportador pide la preferencia.',
        en:
          'Motor vehicles, their parts and accessories exported with preferential treatment to partners whose ' +
          'agreements require a government-issued certificate; only when the exporter claims the preference.',
      },
    },
  ],
  labels: {
    originCriterion: {
      wholly_obtained: { es: 'Totalmente obtenido', en: 'Wholly obtained (WO)' },
      originating_materials_only: {
        es: 'Producido exclusivamente con materiales originarios',
        en: 'Produced exclusively from originating materials (PE)',
      },
      tariff_shift: {
        es: 'Regla específica: cambio de clasificación arancelaria',
        en: 'Product-specific rule: change in tariff classification (PSR)',
      },
      regional_value_content: {
        es: 'Regla específica: valor de contenido regional',
        en: 'Product-specific rule: regional value content (PSR)',
      },
    },
    tradeAgreement: {
      mexico_japan_epa: {
        es: 'Acuerdo de Asociación Económica México-Japón',
        en: 'Mexico-Japan Economic Partnership Agreement',
      },
      pacific_alliance: {
        es: 'Protocolo Comercial de la Alianza del Pacífico',
        en: 'Pacific Alliance Trade Protocol',
      },
      mexico_colombia_fta: { es: 'TLC México-Colombia', en: 'Mexico-Colombia Free Trade Agreement' },
      mexico_chile_fta: { es: 'TLC México-Chile', en: 'Mexico-Chile Free Trade Agreement' },
      mexico_peru_aie: {
        es: 'Acuerdo de Integración Comercial México-Perú',
        en: 'Mexico-Peru Trade Integration Agreement',
      },
      mexico_uruguay_fta: { es: 'TLC México-Uruguay', en: 'Mexico-Uruguay Free Trade Agreement' },
      aladi: { es: 'ALADI', en: 'Latin American Integration Association (LAIA)' },
    },
  },
  example: {
    goods: [
      {
        hsCode: '870323',
        description: 'Automóviles de turismo, motor de 1 500 a 3 000 cm³',
        quantity: 40,
        unit: 'PCE',
        value: 960000,
        currency: 'USD',
        originCountry: 'MX',
        destinationCountry: 'JP',
        customsOffice: 'ANAM-TAMPS-NLD',
      },
    ],
    data: {
      tradeAgreement: 'mexico_japan_epa',
      originCriterion: 'regional_value_content',
      invoiceNumbers: ['FAC-2026-0815'],
    },
  },
});
