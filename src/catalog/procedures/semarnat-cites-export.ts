import { defineProcedure } from '../define.ts';
import {
  citesLegalBasis,
  citesPurposeField,
  citesRules,
  citesSpecimensField,
  citesLabels,
  citesTerms,
  legalAcquisitionEvidence,
} from './_cites.ts';
import { countriesField, customsOfficesField, exporterFields, exportPrefill, goodsForm } from './_shared.ts';

export default defineProcedure({
  code: 'SEMARNAT-CITES-EXPORT',
  version: 1,
  effectiveFrom: '2024-01-01',
  agency: 'SEMARNAT',
  name: {
    es: 'Permiso CITES para la exportación o reexportación de ejemplares de vida silvestre',
    en: 'CITES permit for the export or re-export of wildlife specimens',
  },
  description: {
    es:
      'Permiso para exportar o reexportar ejemplares, partes y derivados de especies listadas en la CITES, que ' +
      'exige acreditar su legal procedencia y, para especímenes silvestres, que la exportación no perjudica la ' +
      'supervivencia de la especie.',
    en:
      'Permit to export or re-export specimens, parts and derivatives of CITES-listed species; the exporter must ' +
      'show legal acquisition and, for wild specimens, that the export is not detrimental to the survival of the ' +
      'species.',
  },
  legalBasis: citesLegalBasis,
  flow: 'export',
  form: {
    type: 'object',
    required: ['exporter', 'goods', 'customsOffices', 'destinationCountries', 'specimens', 'purpose', 'legalOrigin'],
    additionalProperties: false,
    properties: {
      ...exporterFields,
      goods: goodsForm,
      customsOffices: customsOfficesField,
      destinationCountries: countriesField,
      specimens: citesSpecimensField,
      purpose: citesPurposeField,
      legalOrigin: {
        type: 'string',
        enum: ['wildlife_management_unit', 'registered_breeding_facility', 'previously_imported', 'pre_convention'],
      },
      managementUnitRegistration: {
        type: 'string',
        minLength: 5,
        maxLength: 40,
        description: 'Registration of the wildlife management unit (UMA) or facility the specimens come from',
      },
    },
  },
  prefill: { ...exportPrefill },
  requiredDocuments: [
    legalAcquisitionEvidence,
    {
      type: 'import_permit_destination',
      name: {
        es: 'Permiso de importación del país de destino (ejemplares del apéndice I)',
        en: 'Import permit from the destination country (Appendix I specimens)',
      },
    },
  ],
  ...citesTerms,
  rules: citesRules(['0106', '060290', '4301', '9601', '970522']),
  labels: {
    ...citesLabels,
    legalOrigin: {
      wildlife_management_unit: {
        es: 'Unidad de manejo para la conservación de la vida silvestre (UMA)',
        en: 'Wildlife management unit (UMA)',
      },
      registered_breeding_facility: { es: 'Criadero registrado', en: 'Registered breeding facility' },
      previously_imported: { es: 'Importado legalmente con anterioridad', en: 'Previously imported legally' },
      pre_convention: { es: 'Preconvención', en: 'Pre-Convention' },
    },
  },
  example: {
    goods: [
      {
        hsCode: '010620',
        description: 'Cocodrilos de pantano vivos, criados en cautiverio',
        quantity: 4,
        unit: 'PCE',
        value: 6000,
        currency: 'USD',
        originCountry: 'MX',
        destinationCountry: 'US',
        customsOffice: 'ANAM-TAMPS-NLD',
      },
    ],
    data: {
      specimens: [{ goodsLine: 1, scientificName: 'Crocodylus moreletii', appendix: 'II', source: 'C' }],
      purpose: 'T',
      legalOrigin: 'registered_breeding_facility',
      managementUnitRegistration: 'SEMARNAT-UMA-IN-0123-CAM',
    },
  },
});
