import { defineProcedure } from '../define.ts';
import {
  citesPurposeField,
  citesSpecimensField,
  countriesField,
  customsOfficesField,
  exporterFields,
  exportPrefill,
  goodsForm,
} from './_shared.ts';

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
  legalBasis: {
    es:
      'Convención sobre el Comercio Internacional de Especies Amenazadas de Fauna y Flora Silvestres (CITES); Ley ' +
      'General de Vida Silvestre y su reglamento.',
    en:
      'Convention on International Trade in Endangered Species of Wild Fauna and Flora (CITES); General Wildlife ' +
      'Law and its regulations.',
  },
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
    {
      type: 'legal_acquisition_evidence',
      name: { es: 'Documentos que acreditan la legal procedencia', en: 'Evidence of legal acquisition' },
    },
    {
      type: 'import_permit_destination',
      name: {
        es: 'Permiso de importación del país de destino (ejemplares del apéndice I)',
        en: 'Import permit from the destination country (Appendix I specimens)',
      },
    },
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
      hsPrefix: '0106',
      effectiveFrom: '2024-01-01',
      note: {
        es:
          'Otros animales vivos (primates, reptiles, aves, etc.); sólo los ejemplares de especies listadas en los ' +
          'apéndices de la CITES requieren el certificado.',
        en:
          'Other live animals (primates, reptiles, birds, etc.); only specimens of species listed in the CITES ' +
          'appendices need the certificate.',
      },
    },
    {
      hsPrefix: '060290',
      effectiveFrom: '2024-01-01',
      note: {
        es:
          'Demás plantas vivas, como cactáceas y orquídeas; sólo los ejemplares de especies listadas en los ' +
          'apéndices de la CITES requieren el certificado.',
        en:
          'Other live plants, such as cacti and orchids; only specimens of species listed in the CITES appendices ' +
          'need the certificate.',
      },
    },
    {
      hsPrefix: '4301',
      effectiveFrom: '2024-01-01',
      note: {
        es:
          'Peletería en bruto; sólo los ejemplares de especies listadas en los apéndices de la CITES requieren el ' +
          'certificado.',
        en: 'Raw furskins; only specimens of species listed in the CITES appendices need the certificate.',
      },
    },
    {
      hsPrefix: '9601',
      effectiveFrom: '2024-01-01',
      note: {
        es:
          'Marfil, concha, coral y demás materias animales para tallar, trabajados; sólo los ejemplares de ' +
          'especies listadas en los apéndices de la CITES requieren el certificado.',
        en:
          'Worked ivory, tortoiseshell, coral and other animal carving material; only specimens of species listed ' +
          'in the CITES appendices need the certificate.',
      },
    },
    {
      hsPrefix: '970522',
      effectiveFrom: '2024-01-01',
      note: {
        es:
          'Colecciones de especies extintas o en peligro, y sus partes; sólo los ejemplares de especies listadas ' +
          'en los apéndices de la CITES requieren el certificado.',
        en:
          'Collections of extinct or endangered species and parts thereof; only specimens of species listed in the ' +
          'CITES appendices need the certificate.',
      },
    },
  ],
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
