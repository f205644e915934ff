import type { ProcedureDefinition } from '../procedure.ts';
import { countriesField, customsOfficesField, goodsForm, importerFields, importPrefill, professionalLicenceField } from './common.ts';

export const procedure: ProcedureDefinition = {
  code: 'COFEPRIS-CONTROLLED-SUBSTANCES-IMPORT',
  version: 1,
  effectiveFrom: '2024-01-01',
  agency: 'COFEPRIS',
  name: {
    es: 'Permiso de importación de estupefacientes, psicotrópicos y precursores químicos',
    en: 'Import permit for narcotics, psychotropics and chemical precursors',
  },
  description: {
    es: 'Permiso para importar materias primas o productos que son o contienen estupefacientes o psicotrópicos de uso médico, o precursores químicos, por establecimientos con licencia sanitaria y con cargo a sus previsiones anuales.',
    en: 'Permit for licensed establishments to import raw materials or products that are or contain narcotics or psychotropics for medical use, or chemical precursors, charged to their annual estimates.',
  },
  legalBasis: {
    es: 'Ley General de Salud y el Reglamento de Insumos para la Salud; la Convención Única de 1961 sobre Estupefacientes y el Convenio de 1971 sobre Sustancias Sicotrópicas de las Naciones Unidas.',
    en: 'General Health Law and the Regulations on Health Supplies; the UN Single Convention on Narcotic Drugs of 1961 and Convention on Psychotropic Substances of 1971.',
  },
  flow: 'import',
  form: {
    type: 'object',
    required: ['importer', 'goods', 'customsOffices', 'originCountries', 'controlledGroup', 'substances', 'establishmentLicence', 'responsiblePharmacistLicence', 'finalUse'],
    additionalProperties: false,
    properties: {
      ...importerFields,
      goods: goodsForm,
      customsOffices: customsOfficesField,
      originCountries: countriesField,
      controlledGroup: {
        type: 'string',
        enum: ['narcotic', 'psychotropic_group_ii', 'psychotropic_group_iii', 'psychotropic_group_iv', 'chemical_precursor'],
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
            inn: { type: 'string', minLength: 2, maxLength: 120, description: 'International non-proprietary name of the substance' },
            baseQuantityKg: { type: 'number', exclusiveMinimum: 0, description: 'Quantity expressed as the anhydrous base, in kilograms' },
          },
        },
      },
      establishmentLicence: { type: 'string', minLength: 3, maxLength: 40, description: 'Sanitary licence number of the establishment' },
      responsiblePharmacistLicence: professionalLicenceField,
      finalUse: { type: 'string', enum: ['medicine_manufacturing', 'research', 'analytical_reference_standard', 'distribution_to_licensed_establishments'] },
    },
  },
  prefill: { ...importPrefill },
  requiredDocuments: [
    { type: 'sanitary_licence', name: { es: 'Licencia sanitaria del establecimiento', en: 'Sanitary licence of the establishment' } },
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
};
