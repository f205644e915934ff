import { defineProcedure } from '../define.ts';
import {
  citesPurposeField,
  citesSpecimensField,
  countriesField,
  customsOfficesField,
  goodsForm,
  importerFields,
  importPrefill,
} from './_shared.ts';

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
  legalBasis: {
    es:
      'Convención sobre el Comercio Internacional de Especies Amenazadas de Fauna y Flora Silvestres (CITES); Ley ' +
      'General de Vida Silvestre y su reglamento.',
    en:
      'Convention on International Trade in Endangered Species of Wild Fauna and Flora (CITES); General Wildlife ' +
      'Law and its regulations.',
  },
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
    {
      type: 'legal_acquisition_evidence',
      name: { es: 'Documentos que acreditan la legal procedencia', en: 'Evidence of legal acquisition' },
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
