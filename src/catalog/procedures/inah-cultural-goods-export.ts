import type { ProcedureDefinition } from '../procedure.ts';
import { countriesField, customsOfficesField, dateField, exporterFields, exportPrefill, goodsForm } from './common.ts';

export const procedure: ProcedureDefinition = {
  code: 'INAH-CULTURAL-GOODS-EXPORT',
  version: 1,
  effectiveFrom: '2024-01-01',
  agency: 'INAH',
  name: {
    es: 'Permiso para la exportación de monumentos arqueológicos, históricos o paleontológicos',
    en: 'Permit to export archaeological, historical or palaeontological monuments',
  },
  description: {
    es: 'Permiso para sacar del país bienes culturales de competencia del INAH. Los monumentos arqueológicos son propiedad de la Nación y sólo pueden salir de forma temporal, por ejemplo para exposiciones; los históricos pueden exportarse en definitiva si el INAH lo autoriza.',
    en: 'Permit to take cultural goods under INAH’s remit out of the country. Archaeological monuments belong to the Nation and may only leave temporarily, for example for exhibitions; historical monuments may be exported definitively if INAH authorises it.',
  },
  legalBasis: {
    es: 'Ley Federal sobre Monumentos y Zonas Arqueológicos, Artísticos e Históricos y su reglamento.',
    en: 'Federal Law on Archaeological, Artistic and Historical Monuments and Zones and its regulations.',
  },
  flow: 'export',
  form: {
    type: 'object',
    required: ['exporter', 'goods', 'customsOffices', 'destinationCountries', 'monumentCategory', 'exportMode', 'registerNumbers'],
    additionalProperties: false,
    properties: {
      ...exporterFields,
      goods: goodsForm,
      customsOffices: customsOfficesField,
      destinationCountries: countriesField,
      monumentCategory: { type: 'string', enum: ['archaeological', 'historical', 'paleontological'] },
      exportMode: { type: 'string', enum: ['temporary_exhibition', 'temporary_research_or_restoration', 'definitive'] },
      registerNumbers: {
        type: 'array',
        minItems: 1,
        uniqueItems: true,
        items: { type: 'string', minLength: 3, maxLength: 40 },
        description: 'Public register numbers of the pieces (one per piece)',
      },
      returnDate: { ...dateField, description: 'Date the pieces return to Mexico (required for a temporary export)' },
    },
  },
  prefill: { ...exportPrefill },
  requiredDocuments: [
    { type: 'register_certificate', name: { es: 'Constancia de inscripción en el registro público de monumentos', en: 'Certificate of entry in the public register of monuments' } },
    { type: 'photographs', name: { es: 'Fotografías de cada pieza', en: 'Photographs of each piece' } },
    { type: 'insurance_policy', name: { es: 'Póliza de seguro clavo a clavo', en: 'Nail-to-nail insurance policy' } },
  ],
  responseDays: 30,
  silence: 'negative',
  autoApprove: false,
  fourEyes: true,
  officeBound: false,
  issues: { kind: 'permit', validityDays: 90, balances: true },
  fee: null,
};
