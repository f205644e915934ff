import { defineProcedure } from '../define.ts';
import {
  countriesField,
  cretibField,
  cretibLabels,
  customsOfficesField,
  goodsForm,
  importerFields,
  importPrefill,
  unNumbersField,
} from './_shared.ts';

export default defineProcedure({
  code: 'SEMARNAT-HAZARDOUS-WASTE-IMPORT',
  version: 1,
  effectiveFrom: '2024-01-01',
  agency: 'SEMARNAT',
  name: {
    es: 'Autorización para la importación de residuos peligrosos',
    en: 'Authorisation to import hazardous waste',
  },
  description: {
    es:
      'Autorización para importar residuos peligrosos únicamente para su reciclaje o ' +
      'aprovechamiento en instalaciones autorizadas; no se autoriza su importación para ' +
      'disposición final.',
    en:
      'Authorisation to import hazardous waste solely for recycling or recovery at authorised ' +
      'facilities; imports for final disposal are not authorised.',
  },
  legalBasis: {
    es:
      'Ley General para la Prevención y Gestión Integral de los Residuos y su reglamento; ' +
      'Convenio de Basilea sobre el control de los movimientos transfronterizos de desechos ' +
      'peligrosos.',
    en:
      'General Law for the Prevention and Comprehensive Management of Waste and its regulations; ' +
      'Basel Convention on the Control of Transboundary Movements of Hazardous Wastes.',
  },
  flow: 'import',
  form: {
    type: 'object',
    required: [
      'importer',
      'goods',
      'customsOffices',
      'originCountries',
      'unNumbers',
      'hazardCharacteristics',
      'recoveryOperation',
      'facilityAuthorisation',
    ],
    additionalProperties: false,
    properties: {
      ...importerFields,
      goods: goodsForm,
      customsOffices: customsOfficesField,
      originCountries: countriesField,
      unNumbers: unNumbersField,
      hazardCharacteristics: cretibField,
      recoveryOperation: {
        type: 'string',
        enum: ['R1', 'R2', 'R3', 'R4', 'R5', 'R6', 'R7', 'R8', 'R9', 'R10', 'R11', 'R12', 'R13'],
        description: 'Basel Convention recovery operation',
      },
      facilityAuthorisation: {
        type: 'string',
        minLength: 5,
        maxLength: 40,
        description: 'SEMARNAT authorisation number of the recycling facility that will receive the waste',
      },
    },
  },
  prefill: { ...importPrefill },
  requiredDocuments: [
    {
      type: 'facility_authorisation',
      name: { es: 'Autorización de la planta de reciclaje', en: 'Recycling facility authorisation' },
    },
    {
      type: 'insurance_policy',
      name: {
        es: 'Póliza de seguro o garantía por daños ambientales',
        en: 'Environmental liability insurance or bond',
      },
    },
    { type: 'waste_analysis', name: { es: 'Análisis CRETIB del residuo', en: 'CRETIB analysis of the waste' } },
  ],
  responseDays: 30,
  silence: 'negative',
  autoApprove: false,
  fourEyes: false,
  officeBound: false,
  issues: { kind: 'permit', validityDays: 365, balances: true },
  fee: null,
  trigger: 'goods',
  rules: [
    {
      hsPrefix: '2620',
      effectiveFrom: '2024-01-01',
      note: {
        es:
          'Cenizas y residuos con metales (zinc, plomo, cobre, arsénico, cadmio); sólo los lotes ' +
          'clasificados como residuo peligroso requieren la autorización.',
        en:
          'Ash and residues containing metals (zinc, lead, copper, arsenic, cadmium); only lots ' +
          'classified as hazardous waste need the authorisation.',
      },
    },
    {
      hsPrefix: '7112',
      effectiveFrom: '2024-01-01',
      note: {
        es:
          'Desperdicios y desechos de metales preciosos, para recuperación; sólo los lotes ' +
          'clasificados como residuo peligroso requieren la autorización.',
        en:
          'Waste and scrap of precious metals, for recovery; only lots classified as hazardous waste ' +
          'need the authorisation.',
      },
    },
    {
      hsPrefix: '382541',
      effectiveFrom: '2024-01-01',
      note: {
        es:
          'Disolventes orgánicos halogenados de desecho; sólo los lotes clasificados como residuo ' +
          'peligroso requieren la autorización.',
        en: 'Halogenated waste organic solvents; only lots classified as hazardous waste need the authorisation.',
      },
    },
    {
      hsPrefix: '382549',
      effectiveFrom: '2024-01-01',
      note: {
        es:
          'Otros disolventes orgánicos de desecho; sólo los lotes clasificados como residuo peligroso ' +
          'requieren la autorización.',
        en: 'Other waste organic solvents; only lots classified as hazardous waste need the authorisation.',
      },
    },
    {
      hsPrefix: '382550',
      effectiveFrom: '2024-01-01',
      note: {
        es:
          'Desechos de soluciones decapantes, fluidos hidráulicos, líquidos de frenos y ' +
          'anticongelantes; sólo los lotes clasificados como residuo peligroso requieren la ' +
          'autorización.',
        en:
          'Wastes of metal pickling liquors, hydraulic fluids, brake fluids and anti-freeze; only ' +
          'lots classified as hazardous waste need the authorisation.',
      },
    },
    {
      hsPrefix: '382561',
      effectiveFrom: '2024-01-01',
      note: {
        es:
          'Desechos de la industria química con componentes orgánicos; sólo los lotes clasificados ' +
          'como residuo peligroso requieren la autorización.',
        en:
          'Chemical-industry wastes mainly containing organic constituents; only lots classified as ' +
          'hazardous waste need the authorisation.',
      },
    },
    {
      hsPrefix: '382569',
      effectiveFrom: '2024-01-01',
      note: {
        es:
          'Otros desechos de la industria química; sólo los lotes clasificados como residuo peligroso ' +
          'requieren la autorización.',
        en: 'Other chemical-industry wastes; only lots classified as hazardous waste need the authorisation.',
      },
    },
    {
      hsPrefix: '854911',
      effectiveFrom: '2024-01-01',
      note: {
        es:
          'Acumuladores de plomo-ácido usados, para recuperar el plomo; sólo los lotes clasificados ' +
          'como residuo peligroso requieren la autorización.',
        en:
          'Spent lead-acid accumulators, for lead recovery; only lots classified as hazardous waste ' +
          'need the authorisation.',
      },
    },
  ],
  labels: {
    hazardCharacteristics: cretibLabels,
    recoveryOperation: {
      R1: { es: 'Uso como combustible o para generar energía', en: 'Use as a fuel or other means to generate energy' },
      R2: { es: 'Recuperación o regeneración de disolventes', en: 'Solvent reclamation or regeneration' },
      R3: {
        es: 'Reciclado de sustancias orgánicas que no se usan como disolventes',
        en: 'Recycling of organic substances not used as solvents',
      },
      R4: { es: 'Reciclado de metales y compuestos metálicos', en: 'Recycling of metals and metal compounds' },
      R5: { es: 'Reciclado de otras materias inorgánicas', en: 'Recycling of other inorganic materials' },
      R6: { es: 'Regeneración de ácidos o bases', en: 'Regeneration of acids or bases' },
      R7: {
        es: 'Recuperación de componentes usados para reducir la contaminación',
        en: 'Recovery of components used for pollution abatement',
      },
      R8: { es: 'Recuperación de componentes de catalizadores', en: 'Recovery of components from catalysts' },
      R9: { es: 'Regeneración u otra reutilización de aceites usados', en: 'Re-refining or other reuse of used oil' },
      R10: {
        es: 'Tratamiento de suelos en beneficio de la agricultura o la ecología',
        en: 'Land treatment benefiting agriculture or ecology',
      },
      R11: { es: 'Uso de residuos de las operaciones R1 a R10', en: 'Use of residues from operations R1 to R10' },
      R12: {
        es: 'Intercambio para someterlos a las operaciones R1 a R11',
        en: 'Exchange for any of operations R1 to R11',
      },
      R13: {
        es: 'Acumulación para cualquiera de las operaciones R1 a R12',
        en: 'Accumulation for any of operations R1 to R12',
      },
    },
  },
  example: {
    goods: [
      {
        hsCode: '854911',
        description: 'Acumuladores de plomo-ácido usados',
        quantity: 20000,
        unit: 'KGM',
        value: 12000,
        currency: 'USD',
        originCountry: 'US',
        destinationCountry: 'MX',
        customsOffice: 'ANAM-TAMPS-NLD',
      },
    ],
    data: {
      unNumbers: ['UN2794'],
      hazardCharacteristics: ['C', 'T'],
      recoveryOperation: 'R4',
      facilityAuthorisation: 'RP-19-II-0042',
    },
  },
});
