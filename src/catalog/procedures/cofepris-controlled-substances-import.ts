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
  code: 'COFEPRIS-CONTROLLED-SUBSTANCES-IMPORT',
  version: 1,
  effectiveFrom: '2024-01-01',
  agency: 'COFEPRIS',
  name: {
    es: 'Permiso de importación de estupefacientes, psicotrópicos y precursores químicos',
    en: 'Import permit for narcotics, psychotropics and chemical precursors',
  },
  description: {
    es:
      'Permiso para importar materias primas o productos que son o contienen estupefacientes o psicotrópicos ' +
      'de uso médico, o precursores químicos, por establecimientos con licencia sanitaria y con cargo a sus ' +
      'previsiones anuales.',
    en:
      'Permit for licensed establishments to import raw materials or products that are or contain narcotics or ' +
      'psychotropics for medical use, or chemical precursors, charged to their annual estimates.',
  },
  legalBasis: {
    es:
      'Ley General de Salud y el Reglamento de Insumos para la Salud; la Convención Única de 1961 sobre ' +
      'Estupefacientes y el Convenio de 1971 sobre Sustancias Sicotrópicas de las Naciones Unidas.',
    en:
      'General Health Law and the Regulations on Health Supplies; the UN Single Convention on Narcotic Drugs ' +
      'of 1961 and Convention on Psychotropic Substances of 1971.',
  },
  flow: 'import',
  form: {
    type: 'object',
    required: [
      'importer',
      'goods',
      'customsOffices',
      'originCountries',
      'controlledGroup',
      'substances',
      'establishmentLicence',
      'responsiblePharmacistLicence',
      'finalUse',
    ],
    additionalProperties: false,
    properties: {
      ...importerFields,
      goods: goodsForm,
      customsOffices: customsOfficesField,
      originCountries: countriesField,
      controlledGroup: {
        type: 'string',
        enum: [
          'narcotic',
          'psychotropic_group_ii',
          'psychotropic_group_iii',
          'psychotropic_group_iv',
          'chemical_precursor',
        ],
      },
      substances: {
        type: 'array',
        minItems: 1,
        items: {
          type: 'object',
          required: ['goodsLine', 'inn', 'baseQuantityKg'],
          additionalProperties: false,
          properties: {
            goodsLine: { type: 'integer', minimum: 1 },
            inn: {
              type: 'string',
              minLength: 2,
              maxLength: 120,
              description: 'International non-proprietary name of the substance',
            },
            baseQuantityKg: {
              type: 'number',
              exclusiveMinimum: 0,
              description: 'Quantity expressed as the anhydrous base, in kilograms',
            },
          },
        },
      },
      establishmentLicence: {
        type: 'string',
        minLength: 3,
        maxLength: 40,
        description: 'Sanitary licence number of the establishment',
      },
      responsiblePharmacistLicence: professionalLicenceField,
      finalUse: {
        type: 'string',
        enum: [
          'medicine_manufacturing',
          'research',
          'analytical_reference_standard',
          'distribution_to_licensed_establishments',
        ],
      },
    },
  },
  prefill: { ...importPrefill },
  requiredDocuments: [
    {
      type: 'sanitary_licence',
      name: { es: 'Licencia sanitaria del establecimiento', en: 'Sanitary licence of the establishment' },
    },
    { type: 'annual_estimate_approval', name: { es: 'Previsión anual autorizada', en: 'Approved annual estimate' } },
    { type: 'proforma_invoice', name: { es: 'Factura proforma', en: 'Proforma invoice' } },
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
      hsPrefix: '293911',
      effectiveFrom: '2024-01-01',
      note: {
        es: 'Alcaloides del opio y sus derivados (p. ej. morfina, codeína, buprenorfina).',
        en: 'Opium alkaloids and their derivatives (e.g. morphine, codeine, buprenorphine).',
      },
    },
    {
      hsPrefix: '293919',
      effectiveFrom: '2024-01-01',
      note: { es: 'Otros alcaloides del opio y sus derivados.', en: 'Other opium alkaloids and their derivatives.' },
    },
    {
      hsPrefix: '293333',
      effectiveFrom: '2024-01-01',
      note: {
        es: 'Fentanilo, petidina, bromazepam y demás sustancias de la subpartida.',
        en: 'Fentanyl, pethidine, bromazepam and the other substances of the subheading.',
      },
    },
    {
      hsPrefix: '293336',
      effectiveFrom: '2024-01-01',
      note: {
        es: 'ANPP (4-anilino-N-fenetilpiperidina), precursor del fentanilo.',
        en: 'ANPP (4-anilino-N-phenethylpiperidine), a fentanyl precursor.',
      },
    },
    {
      hsPrefix: '293337',
      effectiveFrom: '2024-01-01',
      note: {
        es: 'NPP (N-fenetil-4-piperidona), precursor del fentanilo.',
        en: 'NPP (N-phenethyl-4-piperidone), a fentanyl precursor.',
      },
    },
    {
      hsPrefix: '293391',
      effectiveFrom: '2024-01-01',
      note: {
        es: 'Benzodiazepinas (alprazolam, clonazepam, diazepam y similares).',
        en: 'Benzodiazepines (alprazolam, clonazepam, diazepam and similar).',
      },
    },
    {
      hsPrefix: '293353',
      effectiveFrom: '2024-01-01',
      note: {
        es: 'Barbitúricos (fenobarbital, pentobarbital y similares).',
        en: 'Barbiturates (phenobarbital, pentobarbital and similar).',
      },
    },
    {
      hsPrefix: '292214',
      effectiveFrom: '2024-01-01',
      note: { es: 'Dextropropoxifeno y sus sales.', en: 'Dextropropoxyphene and its salts.' },
    },
    {
      hsPrefix: '292244',
      effectiveFrom: '2024-01-01',
      note: { es: 'Tilidina y sus sales.', en: 'Tilidine and its salts.' },
    },
    {
      hsPrefix: '293961',
      effectiveFrom: '2024-01-01',
      note: {
        es: 'Ergometrina y sus sales, precursor químico.',
        en: 'Ergometrine and its salts, a chemical precursor.',
      },
    },
    {
      hsPrefix: '293962',
      effectiveFrom: '2024-01-01',
      note: {
        es: 'Ergotamina y sus sales, precursor químico.',
        en: 'Ergotamine and its salts, a chemical precursor.',
      },
    },
  ],
  labels: {
    controlledGroup: {
      narcotic: { es: 'Estupefaciente', en: 'Narcotic' },
      psychotropic_group_ii: { es: 'Psicotrópico del grupo II', en: 'Psychotropic, group II' },
      psychotropic_group_iii: { es: 'Psicotrópico del grupo III', en: 'Psychotropic, group III' },
      psychotropic_group_iv: { es: 'Psicotrópico del grupo IV', en: 'Psychotropic, group IV' },
      chemical_precursor: { es: 'Precursor químico', en: 'Chemical precursor' },
    },
    finalUse: {
      medicine_manufacturing: { es: 'Fabricación de medicamentos', en: 'Medicine manufacturing' },
      research: { es: 'Investigación', en: 'Research' },
      analytical_reference_standard: { es: 'Estándar analítico de referencia', en: 'Analytical reference standard' },
      distribution_to_licensed_establishments: {
        es: 'Distribución a establecimientos autorizados',
        en: 'Distribution to licensed establishments',
      },
    },
  },
  example: {
    goods: [
      {
        hsCode: '293911',
        description: 'Fosfato de codeína, base anhidra',
        quantity: 25,
        unit: 'KGM',
        value: 40000,
        currency: 'USD',
        originCountry: 'IN',
        destinationCountry: 'MX',
        customsOffice: 'ANAM-TAMPS-NLD',
      },
    ],
    data: {
      controlledGroup: 'narcotic',
      substances: [{ goodsLine: 1, inn: 'codeine', baseQuantityKg: 25 }],
      establishmentLicence: 'LS-09-2019-001',
      responsiblePharmacistLicence: '12345678',
      finalUse: 'medicine_manufacturing',
    },
  },
});
