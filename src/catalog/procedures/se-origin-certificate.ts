import type { ProcedureDefinition } from '../procedure.ts';
import { countriesField, customsOfficesField, exporterFields, exportPrefill, goodsForm } from './common.ts';

export const procedure: ProcedureDefinition = {
  code: 'SE-ORIGIN-CERTIFICATE',
  version: 1,
  effectiveFrom: '2024-01-01',
  agency: 'SE',
  name: {
    es: 'Certificado de origen para exportar a un socio comercial',
    en: 'Certificate of origin for exports to a trade-agreement partner',
  },
  description: {
    es: 'Certificado expedido por la Secretaría de Economía que acredita que las mercancías exportadas son originarias de México, para que reciban el trato arancelario preferencial del tratado en el país de destino.',
    en: 'Certificate issued by the Ministry of Economy showing that the exported goods originate in Mexico, so that they receive the agreement’s preferential tariff treatment in the destination country.',
  },
  legalBasis: {
    es: 'Ley de Comercio Exterior; el tratado o acuerdo comercial aplicable y las reglas de origen y procedimientos aduaneros que lo acompañan; reglas de la Secretaría de Economía para la expedición de certificados de origen.',
    en: 'Foreign Trade Law; the applicable trade agreement with its rules of origin and customs procedures; the Ministry of Economy rules for issuing certificates of origin.',
  },
  flow: 'export',
  form: {
    type: 'object',
    required: ['exporter', 'goods', 'customsOffices', 'destinationCountries', 'tradeAgreement', 'originCriterion', 'invoiceNumbers'],
    additionalProperties: false,
    properties: {
      ...exporterFields,
      goods: goodsForm,
      customsOffices: customsOfficesField,
      destinationCountries: countriesField,
      tradeAgreement: { type: 'string', enum: ['mexico_japan_epa', 'pacific_alliance', 'mexico_colombia_fta', 'mexico_chile_fta', 'mexico_peru_aie', 'mexico_uruguay_fta', 'aladi'] },
      originCriterion: {
        type: 'string',
        enum: ['wholly_obtained', 'originating_materials_only', 'tariff_shift', 'regional_value_content'],
      },
      producerRfc: { type: 'string', pattern: '^[A-ZÑ&0-9]{12,13}$', description: 'RFC of the producer when it is not the exporter' },
      invoiceNumbers: { type: 'array', minItems: 1, uniqueItems: true, items: { type: 'string', minLength: 1, maxLength: 40 } },
    },
  },
  prefill: { ...exportPrefill },
  requiredDocuments: [
    { type: 'origin_determination', name: { es: 'Dictamen o cuestionario de determinación de origen', en: 'Origin determination ruling or questionnaire' } },
    { type: 'commercial_invoice', name: { es: 'Factura comercial', en: 'Commercial invoice' } },
  ],
  responseDays: 5,
  silence: 'positive',
  autoApprove: false,
  fourEyes: false,
  officeBound: true,
  issues: { kind: 'certificate_of_origin', validityDays: 365, balances: false },
  fee: null,
};
