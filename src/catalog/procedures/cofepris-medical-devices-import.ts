import { defineProcedure } from '../define.ts';
import { countriesField, customsOfficesField, goodsForm, importerFields, importPrefill } from './_shared.ts';

export default defineProcedure({
  code: 'COFEPRIS-MEDICAL-DEVICES-IMPORT',
  version: 1,
  effectiveFrom: '2024-01-01',
  agency: 'COFEPRIS',
  name: {
    es: 'Permiso sanitario de importación de dispositivos médicos',
    en: 'Sanitary import permit for medical devices',
  },
  description: {
    es:
      'Permiso para importar equipo médico, prótesis, material de curación, agentes de diagnóstico y demás ' +
      'dispositivos médicos, con o sin registro sanitario según su uso.',
    en:
      'Permit to import medical equipment, prostheses, dressings, diagnostic agents and other medical devices, ' +
      'with or without a marketing authorisation depending on their use.',
  },
  legalBasis: {
    es:
      'Ley General de Salud y el Reglamento de Insumos para la Salud; acuerdo que identifica las mercancías ' +
      'sujetas a regulación sanitaria en su importación.',
    en:
      'General Health Law and the Regulations on Health Supplies; the agreement identifying the goods whose import ' +
      'is subject to sanitary regulation.',
  },
  flow: 'import',
  form: {
    type: 'object',
    required: ['importer', 'goods', 'customsOffices', 'originCountries', 'riskClass', 'purpose', 'refurbished'],
    additionalProperties: false,
    properties: {
      ...importerFields,
      goods: goodsForm,
      customsOffices: customsOfficesField,
      originCountries: countriesField,
      riskClass: { type: 'string', enum: ['I', 'II', 'III'] },
      purpose: {
        type: 'string',
        enum: ['commercialisation', 'own_use_by_health_facility', 'clinical_research', 'donation', 'exhibition'],
      },
      sanitaryRegistrations: {
        type: 'array',
        uniqueItems: true,
        items: { type: 'string', pattern: '^[0-9]{3,5}[A-Z][0-9]{4} SSA$' },
        description: 'Marketing authorisation numbers, e.g. 1234E2019 SSA (required for commercialisation)',
      },
      refurbished: {
        type: 'boolean',
        description: 'True for used or refurbished equipment, which needs a reconditioning certificate',
      },
    },
  },
  prefill: { ...importPrefill },
  requiredDocuments: [
    {
      type: 'technical_data_sheet',
      name: {
        es: 'Ficha técnica o instructivo del dispositivo',
        en: 'Device technical data sheet or instructions for use',
      },
    },
    {
      type: 'free_sale_certificate',
      name: {
        es: 'Certificado de libre venta del país de origen',
        en: 'Certificate of free sale from the country of origin',
      },
    },
    { type: 'fee_payment_receipt', name: { es: 'Comprobante de pago de derechos', en: 'Fee payment receipt' } },
  ],
  responseDays: 20,
  silence: 'negative',
  autoApprove: false,
  fourEyes: false,
  officeBound: false,
  issues: { kind: 'permit', validityDays: 180, balances: true },
  fee: null,
  trigger: 'goods',
  rules: [
    {
      hsPrefix: '9018',
      effectiveFrom: '2024-01-01',
      note: {
        es: 'Instrumentos y aparatos de medicina, cirugía, odontología y veterinaria.',
        en: 'Medical, surgical, dental and veterinary instruments and appliances.',
      },
    },
    {
      hsPrefix: '901920',
      effectiveFrom: '2024-01-01',
      note: {
        es: 'Aparatos de ozonoterapia, oxigenoterapia, aerosolterapia y respiración artificial.',
        en: 'Ozone, oxygen and aerosol therapy and artificial respiration apparatus.',
      },
    },
    {
      hsPrefix: '902110',
      effectiveFrom: '2024-01-01',
      note: { es: 'Artículos y aparatos de ortopedia y para fracturas.', en: 'Orthopaedic and fracture appliances.' },
    },
    {
      hsPrefix: '902121',
      effectiveFrom: '2024-01-01',
      note: { es: 'Dientes artificiales.', en: 'Artificial teeth.' },
    },
    {
      hsPrefix: '902131',
      effectiveFrom: '2024-01-01',
      note: { es: 'Prótesis articulares.', en: 'Artificial joints.' },
    },
    {
      hsPrefix: '902139',
      effectiveFrom: '2024-01-01',
      note: { es: 'Otros artículos y aparatos de prótesis.', en: 'Other artificial parts of the body.' },
    },
    {
      hsPrefix: '902140',
      effectiveFrom: '2024-01-01',
      note: {
        es: 'Audífonos, excepto sus partes y accesorios.',
        en: 'Hearing aids, excluding parts and accessories.',
      },
    },
    {
      hsPrefix: '902150',
      effectiveFrom: '2024-01-01',
      note: { es: 'Estimuladores cardiacos (marcapasos).', en: 'Pacemakers for stimulating heart muscles.' },
    },
    {
      hsPrefix: '902212',
      effectiveFrom: '2024-01-01',
      note: { es: 'Aparatos de tomografía computarizada.', en: 'Computed tomography apparatus.' },
    },
    {
      hsPrefix: '902213',
      effectiveFrom: '2024-01-01',
      note: { es: 'Aparatos de rayos X para uso odontológico.', en: 'X-ray apparatus for dental use.' },
    },
    {
      hsPrefix: '902214',
      effectiveFrom: '2024-01-01',
      note: {
        es: 'Aparatos de rayos X para uso médico, quirúrgico o veterinario.',
        en: 'X-ray apparatus for medical, surgical or veterinary use.',
      },
    },
    {
      hsPrefix: '902221',
      effectiveFrom: '2024-01-01',
      note: {
        es:
          'Aparatos que utilizan radiaciones alfa, beta o gamma, para uso médico. Si incluyen una fuente ' +
          'radiactiva, ésta requiere además el permiso de la CNSNS.',
        en:
          'Apparatus using alpha, beta or gamma radiation, for medical use. A radioactive source shipped with them ' +
          'also needs the CNSNS permit.',
      },
    },
    {
      hsPrefix: '300610',
      effectiveFrom: '2024-01-01',
      note: {
        es: 'Suturas quirúrgicas estériles, adhesivos tisulares y hemostáticos.',
        en: 'Sterile surgical sutures, tissue adhesives and haemostatics.',
      },
    },
  ],
  labels: {
    riskClass: {
      I: { es: 'Clase I (riesgo bajo)', en: 'Class I (low risk)' },
      II: { es: 'Clase II (riesgo moderado)', en: 'Class II (moderate risk)' },
      III: { es: 'Clase III (riesgo alto)', en: 'Class III (high risk)' },
    },
    purpose: {
      commercialisation: { es: 'Comercialización', en: 'Commercialisation' },
      own_use_by_health_facility: {
        es: 'Uso propio de un establecimiento de salud',
        en: 'Own use by a health facility',
      },
      clinical_research: { es: 'Investigación clínica', en: 'Clinical research' },
      donation: { es: 'Donación', en: 'Donation' },
      exhibition: { es: 'Exhibición', en: 'Exhibition' },
    },
  },
  example: {
    goods: [
      {
        hsCode: '901890',
        description: 'Bombas de infusión volumétricas',
        quantity: 20,
        unit: 'PCE',
        value: 50000,
        currency: 'USD',
        originCountry: 'DE',
        destinationCountry: 'MX',
        customsOffice: 'ANAM-TAMPS-NLD',
      },
    ],
    data: {
      riskClass: 'II',
      purpose: 'commercialisation',
      sanitaryRegistrations: ['1234E2019 SSA'],
      refurbished: false,
    },
  },
});
