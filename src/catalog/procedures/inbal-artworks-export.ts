import type { ProcedureDefinition } from '../procedure.ts';
import { countriesField, customsOfficesField, exporterFields, exportPrefill, goodsForm } from './common.ts';

export const procedure: ProcedureDefinition = {
  code: 'INBAL-ARTWORKS-EXPORT',
  version: 1,
  effectiveFrom: '2024-01-01',
  agency: 'INBAL',
  name: {
    es: 'Permiso para la exportación de obras de arte',
    en: 'Permit to export works of art',
  },
  description: {
    es: 'Permiso del INBAL para exportar en definitiva o temporalmente pinturas, dibujos, grabados, esculturas y otras obras de arte, en especial las declaradas monumento artístico o de artistas cuya obra está protegida.',
    en: 'INBAL permit to export, definitively or temporarily, paintings, drawings, prints, sculptures and other works of art, in particular those declared artistic monuments or by artists whose work is protected.',
  },
  legalBasis: {
    es: 'Ley Federal sobre Monumentos y Zonas Arqueológicos, Artísticos e Históricos y su reglamento.',
    en: 'Federal Law on Archaeological, Artistic and Historical Monuments and Zones and its regulations.',
  },
  flow: 'export',
  form: {
    type: 'object',
    required: ['exporter', 'goods', 'customsOffices', 'destinationCountries', 'artworks', 'exportMode'],
    additionalProperties: false,
    properties: {
      ...exporterFields,
      goods: goodsForm,
      customsOffices: customsOfficesField,
      destinationCountries: countriesField,
      artworks: {
        type: 'array',
        minItems: 1,
        items: {
          type: 'object',
          required: ['goodsLine', 'artist', 'title', 'technique'],
          additionalProperties: false,
          properties: {
            goodsLine: { type: 'integer', minimum: 1 },
            artist: { type: 'string', minLength: 2, maxLength: 200 },
            title: { type: 'string', minLength: 1, maxLength: 300 },
            year: { type: 'integer', minimum: 1500, maximum: 2100 },
            technique: { type: 'string', enum: ['painting', 'drawing', 'print', 'sculpture', 'photograph', 'mixed_media', 'other'] },
          },
        },
      },
      exportMode: { type: 'string', enum: ['definitive', 'temporary_exhibition', 'temporary_sale_on_consignment'] },
      declaredArtisticMonument: { type: 'boolean' },
    },
  },
  prefill: { ...exportPrefill },
  requiredDocuments: [
    { type: 'photographs', name: { es: 'Fotografías de cada obra', en: 'Photographs of each work' } },
    { type: 'authenticity_certificate', name: { es: 'Certificado de autenticidad o constancia del autor', en: 'Certificate of authenticity or statement by the artist' } },
  ],
  responseDays: 15,
  silence: 'negative',
  autoApprove: false,
  fourEyes: false,
  officeBound: false,
  issues: { kind: 'permit', validityDays: 90, balances: true },
  fee: null,
};
