import type { ProcedureDefinition } from '../procedure.ts';
import { countriesField, cretibField, customsOfficesField, goodsForm, importerFields, importPrefill, unNumbersField } from './common.ts';

export const procedure: ProcedureDefinition = {
  code: 'SEMARNAT-HAZARDOUS-WASTE-IMPORT',
  version: 1,
  effectiveFrom: '2024-01-01',
  agency: 'SEMARNAT',
  name: {
    es: 'Autorización para la importación de residuos peligrosos',
    en: 'Authorisation to import hazardous waste',
  },
  description: {
    es: 'Autorización para importar residuos peligrosos únicamente para su reciclaje o aprovechamiento en instalaciones autorizadas; no se autoriza su importación para disposición final.',
    en: 'Authorisation to import hazardous waste solely for recycling or recovery at authorised facilities; imports for final disposal are not authorised.',
  },
  legalBasis: {
    es: 'Ley General para la Prevención y Gestión Integral de los Residuos y su reglamento; Convenio de Basilea sobre el control de los movimientos transfronterizos de desechos peligrosos.',
    en: 'General Law for the Prevention and Comprehensive Management of Waste and its regulations; Basel Convention on the Control of Transboundary Movements of Hazardous Wastes.',
  },
  flow: 'import',
  form: {
    type: 'object',
    required: ['importer', 'goods', 'customsOffices', 'originCountries', 'unNumbers', 'hazardCharacteristics', 'recoveryOperation', 'facilityAuthorisation'],
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
    { type: 'facility_authorisation', name: { es: 'Autorización de la planta de reciclaje', en: 'Recycling facility authorisation' } },
    { type: 'insurance_policy', name: { es: 'Póliza de seguro o garantía por daños ambientales', en: 'Environmental liability insurance or bond' } },
    { type: 'waste_analysis', name: { es: 'Análisis CRETIB del residuo', en: 'CRETIB analysis of the waste' } },
  ],
  responseDays: 30,
  silence: 'negative',
  autoApprove: false,
  fourEyes: false,
  officeBound: false,
  issues: { kind: 'permit', validityDays: 365, balances: true },
  fee: null,
};
