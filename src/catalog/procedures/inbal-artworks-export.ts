import { defineProcedure } from '../define.ts';
import { countriesField, customsOfficesField, exporterFields, exportPrefill, goodsForm } from './_shared.ts';

export default defineProcedure({
  code: 'INBAL-ARTWORKS-EXPORT',
  version: 1,
  effectiveFrom: '2024-01-01',
  agency: 'INBAL',
  name: {
    es: 'Permiso para la exportación de obras de arte',
    en: 'Permit to export works of art',
  },
  description: {
    es:
      'Permiso del INBAL para exportar en definitiva o temporalmente pinturas, dibujos, grabados, esculturas y ' +
      'otras obras de arte, en especial las declaradas monumento artístico o de artistas cuya obra está ' +
      'protegida.',
    en:
      'INBAL permit to export, definitively or temporarily, paintings, drawings, prints, sculptures and other ' +
      'works of art, in particular those declared artistic monuments or by artists whose work is protected.',
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
            technique: {
              type: 'string',
              enum: ['painting', 'drawing', 'print', 'sculpture', 'photograph', 'mixed_media', 'other'],
            },
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
    {
      type: 'authenticity_certificate',
      name: {
        es: 'Certificado de autenticidad o constancia del autor',
        en: 'Certificate of authenticity or statement by the artist',
      },
    },
  ],
  responseDays: 15,
  silence: 'negative',
  autoApprove: false,
  fourEyes: false,
  officeBound: false,
  issues: { kind: 'permit', validityDays: 90, balances: true },
  fee: null,
  trigger: 'goods',
  rules: [
    {
      hsPrefix: '9701',
      effectiveFrom: '2024-01-01',
      note: {
        es:
          'Pinturas, dibujos, pasteles, collages y mosaicos hechos a mano. Las obras anteriores al siglo XX ' +
          'pueden ser monumentos históricos de competencia del INAH.',
        en:
          'Paintings, drawings, pastels, collages and mosaics executed by hand. Works older than the twentieth ' +
          'century may be historical monuments under INAH.',
      },
    },
    {
      hsPrefix: '9702',
      effectiveFrom: '2024-01-01',
      note: { es: 'Grabados, estampas y litografías originales.', en: 'Original engravings, prints and lithographs.' },
    },
    {
      hsPrefix: '9703',
      effectiveFrom: '2024-01-01',
      note: { es: 'Obras originales de estatuaria y escultura.', en: 'Original sculptures and statuary.' },
    },
  ],
  labels: {
    'artworks.technique': {
      painting: { es: 'Pintura', en: 'Painting' },
      drawing: { es: 'Dibujo', en: 'Drawing' },
      print: { es: 'Grabado o estampa', en: 'Print' },
      sculpture: { es: 'Escultura', en: 'Sculpture' },
      photograph: { es: 'Fotografía', en: 'Photograph' },
      mixed_media: { es: 'Técnica mixta', en: 'Mixed media' },
      other: { es: 'Otra técnica', en: 'Other technique' },
    },
    exportMode: {
      definitive: { es: 'Definitiva', en: 'Permanent' },
      temporary_exhibition: { es: 'Temporal, para exhibición', en: 'Temporary, for an exhibition' },
      temporary_sale_on_consignment: {
        es: 'Temporal, en consignación para venta',
        en: 'Temporary, on consignment for sale',
      },
    },
  },
  example: {
    goods: [
      {
        hsCode: '970191',
        description: 'Óleo sobre tela',
        quantity: 1,
        unit: 'PCE',
        value: 120000,
        currency: 'USD',
        originCountry: 'MX',
        destinationCountry: 'US',
        customsOffice: 'ANAM-TAMPS-NLD',
      },
    ],
    data: {
      artworks: [
        { goodsLine: 1, artist: 'María Izquierdo', title: 'Naturaleza viva', year: 1946, technique: 'painting' },
      ],
      exportMode: 'temporary_exhibition',
      declaredArtisticMonument: true,
    },
  },
});
