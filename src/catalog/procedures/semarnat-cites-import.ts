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
import { countriesField, customsOfficesField, goodsForm, importerFields, importPrefill } from './_shared.ts';

export default defineProcedure({
  code: 'SEMARNAT-CITES-IMPORT',
  version: 1,
  effectiveFrom: '2024-01-01',
  agency: 'SEMARNAT',
  name: {
    es: 'Certificado CITES para la importación de ejemplares de vida silvestre',
    en: 'CITES certificate for the import of wildlife specimens',
  },
  description: {
    es:
      'Certificado o permiso para importar ejemplares, partes y derivados de especies de flora y fauna silvestres ' +
      'listadas en los apéndices de la CITES.',
    en:
      'Certificate or permit to import specimens, parts and derivatives of wild fauna and flora species listed in ' +
      'the CITES appendices.',
  },
  legalBasis: citesLegalBasis,
  flow: 'import',
  form: {
    type: 'object',
    required: ['importer', 'goods', 'customsOffices', 'originCountries', 'specimens', 'purpose', 'foreignPermitNumber'],
    additionalProperties: false,
    properties: {
      ...importerFields,
      goods: goodsForm,
      customsOffices: customsOfficesField,
      originCountries: countriesField,
      specimens: citesSpecimensField,
      purpose: citesPurposeField,
      foreignPermitNumber: {
        type: 'string',
        minLength: 3,
        maxLength: 40,
        description: 'Number of the CITES export permit or re-export certificate issued by the exporting country',
      },
    },
  },
  prefill: { ...importPrefill },
  requiredDocuments: [
    {
      type: 'foreign_cites_permit',
      name: {
        es: 'Permiso CITES de exportación o certificado de reexportación del país de origen',
        en: 'CITES export permit or re-export certificate from the exporting country',
      },
    },
    legalAcquisitionEvidence,
  ],
  ...citesTerms,
  rules: citesRules(['0106', '4301', '9601', '970522']),
  labels: citesLabels,
  example: {
    goods: [
      {
        hsCode: '430180',
        description: 'Pieles en bruto de lince',
        quantity: 50,
        unit: 'PCE',
        value: 10000,
        currency: 'USD',
        originCountry: 'CA',
        destinationCountry: 'MX',
        customsOffice: 'ANAM-TAMPS-NLD',
      },
    ],
    data: {
      specimens: [{ goodsLine: 1, scientificName: 'Lynx canadensis', appendix: 'II', source: 'W' }],
      purpose: 'T',
      foreignPermitNumber: 'CA-26-0042',
    },
  },
});
