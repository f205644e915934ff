import { defineProcedure } from '../define.ts';
import {
  countriesField,
  customsOfficesField,
  goodsForm,
  importerFields,
  importPrefill,
  professionalLicenceField,
} from './_shared.ts';

export default defineProcedure({
  code: 'COFEPRIS-MEDICINES-IMPORT',
  version: 1,
  effectiveFrom: '2024-01-01',
  agency: 'COFEPRIS',
  name: {
    es: 'Permiso sanitario de importación de medicamentos con registro sanitario',
    en: 'Sanitary import permit for medicines with a marketing authorisation',
  },
  description: {
    es:
      'Permiso para importar medicamentos que no son ni contienen estupefacientes o ' +
      'psicotrópicos y que cuentan con registro sanitario vigente en México.',
    en:
      'Permit to import medicines that neither are nor contain narcotics or ' +
      'psychotropics and hold a current Mexican marketing authorisation (registro sanitario).',
  },
  legalBasis: {
    es:
      'Ley General de Salud y el Reglamento de Insumos para la Salud; acuerdo que ' +
      'identifica las mercancías sujetas a regulación sanitaria en su importación.',
    en:
      'General Health Law and the Regulations on Health Supplies; the agreement ' +
      'identifying the goods whose import is subject to sanitary regulation.',
  },
  flow: 'import',
  form: {
    type: 'object',
    required: [
      'importer',
      'goods',
      'customsOffices',
      'originCountries',
      'sanitaryRegistrations',
      'pharmaceuticalForm',
      'responsiblePharmacistLicence',
    ],
    additionalProperties: false,
    properties: {
      ...importerFields,
      goods: goodsForm,
      customsOffices: customsOfficesField,
      originCountries: countriesField,
      sanitaryRegistrations: {
        type: 'array',
        minItems: 1,
        uniqueItems: true,
        items: { type: 'string', pattern: '^[0-9]{3,6}(M[0-9]{4})? SSA( (I|II|III|IV|V|VI))?$' },
        description: 'Marketing authorisation numbers, e.g. 123M2015 SSA IV',
      },
      pharmaceuticalForm: {
        type: 'string',
        enum: ['tablet', 'capsule', 'injectable', 'oral_solution', 'suspension', 'topical', 'inhalation', 'other'],
      },
      responsiblePharmacistLicence: professionalLicenceField,
    },
  },
  prefill: { ...importPrefill },
  requiredDocuments: [
    {
      type: 'sanitary_registration',
      name: { es: 'Copia del registro sanitario', en: 'Copy of the marketing authorisation' },
    },
    {
      type: 'certificate_of_analysis',
      name: { es: 'Certificado analítico del lote', en: 'Batch certificate of analysis' },
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
      hsPrefix: '3003',
      effectiveFrom: '2024-01-01',
      note: {
        es:
          'Medicamentos sin dosificar ni acondicionar para la venta al por menor. Los que ' +
          'contienen estupefacientes o psicotrópicos requieren además el permiso de sustancias controladas.',
        en:
          'Medicaments not in measured doses or packed for retail sale. Those containing ' +
          'narcotics or psychotropics also need the controlled-substances permit.',
      },
    },
    {
      hsPrefix: '3004',
      effectiveFrom: '2024-01-01',
      note: {
        es:
          'Medicamentos dosificados o acondicionados para la venta al por menor. Los que ' +
          'contienen estupefacientes o psicotrópicos requieren además el permiso de sustancias controladas.',
        en:
          'Medicaments in measured doses or packed for retail sale. Those containing ' +
          'narcotics or psychotropics also need the controlled-substances permit.',
      },
    },
    {
      hsPrefix: '300212',
      effectiveFrom: '2024-01-01',
      note: { es: 'Antisueros y demás fracciones de la sangre.', en: 'Antisera and other blood fractions.' },
    },
    {
      hsPrefix: '300213',
      effectiveFrom: '2024-01-01',
      note: {
        es: 'Productos inmunológicos sin mezclar, sin dosificar.',
        en: 'Immunological products, unmixed, not in measured doses.',
      },
    },
    {
      hsPrefix: '300214',
      effectiveFrom: '2024-01-01',
      note: {
        es: 'Productos inmunológicos mezclados, sin dosificar.',
        en: 'Immunological products, mixed, not in measured doses.',
      },
    },
    {
      hsPrefix: '300215',
      effectiveFrom: '2024-01-01',
      note: {
        es: 'Productos inmunológicos dosificados o acondicionados para la venta al por menor.',
        en: 'Immunological products in measured doses or packed for retail sale.',
      },
    },
    {
      hsPrefix: '300241',
      effectiveFrom: '2024-01-01',
      note: { es: 'Vacunas para uso humano.', en: 'Vaccines for human medicine.' },
    },
  ],
  labels: {
    pharmaceuticalForm: {
      tablet: { es: 'Tabletas', en: 'Tablets' },
      capsule: { es: 'Cápsulas', en: 'Capsules' },
      injectable: { es: 'Inyectable', en: 'Injectable' },
      oral_solution: { es: 'Solución oral', en: 'Oral solution' },
      suspension: { es: 'Suspensión', en: 'Suspension' },
      topical: { es: 'Uso tópico', en: 'Topical' },
      inhalation: { es: 'Inhalación', en: 'Inhalation' },
      other: { es: 'Otra forma farmacéutica', en: 'Other pharmaceutical form' },
    },
  },
  example: {
    goods: [
      {
        hsCode: '300490',
        description: 'Paracetamol 500 mg, tabletas',
        quantity: 5000,
        unit: 'PCE',
        value: 12000,
        currency: 'USD',
        originCountry: 'DE',
        destinationCountry: 'MX',
        customsOffice: 'ANAM-TAMPS-NLD',
      },
    ],
    data: {
      sanitaryRegistrations: ['123M2015 SSA IV'],
      pharmaceuticalForm: 'tablet',
      responsiblePharmacistLicence: '12345678',
    },
  },
});
