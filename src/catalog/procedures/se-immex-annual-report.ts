import { defineProcedure } from '../define.ts';
import { exporterFields } from './_shared.ts';

export default defineProcedure({
  code: 'SE-IMMEX-ANNUAL-REPORT',
  version: 1,
  effectiveFrom: '2024-01-01',
  agency: 'SE',
  name: {
    es: 'Reporte anual de operaciones de comercio exterior (programa IMMEX)',
    en: 'Annual foreign-trade operations report (IMMEX programme)',
  },
  description: {
    es:
      'Reporte que las empresas con programa IMMEX presentan cada año con el total de sus ventas ' +
      'y de sus exportaciones del ejercicio anterior; no presentarlo puede llevar a la suspensión ' +
      'del programa.',
    en:
      'Report that companies with an IMMEX programme file every year with their total sales and ' +
      'exports for the previous fiscal year; failing to file it can lead to suspension of the ' +
      'programme.',
  },
  legalBasis: {
    es:
      'Decreto para el fomento de la industria manufacturera, maquiladora y de servicios de ' +
      'exportación (IMMEX) y las reglas de la Secretaría de Economía que regulan su operación.',
    en:
      'Decree for the promotion of the manufacturing, maquiladora and export services industry ' +
      '(IMMEX) and the Ministry of Economy rules that govern the programme.',
  },
  flow: 'export',
  form: {
    type: 'object',
    required: ['exporter', 'exporterName', 'immexProgramme', 'reportingYear', 'totalSalesMxn', 'exportSalesMxn'],
    additionalProperties: false,
    properties: {
      ...exporterFields,
      immexProgramme: { type: 'string', pattern: '^[A-Za-z0-9/-]{3,30}$' },
      legalRepresentative: { type: 'object' },
      reportingYear: { type: 'integer', minimum: 2000, maximum: 2100 },
      totalSalesMxn: { type: 'number', minimum: 0 },
      exportSalesMxn: { type: 'number', minimum: 0 },
      employees: { type: 'integer', minimum: 0 },
    },
  },
  prefill: {
    exporter: 'trader.rfc',
    exporterName: 'trader.legalName',
    exporterAddress: 'trader.taxAddress',
    immexProgramme: 'trader.programmes.immex',
    legalRepresentative: 'trader.legalRepresentative',
  },
  requiredDocuments: [],
  responseDays: 0,
  silence: 'positive',
  autoApprove: true,
  fourEyes: false,
  officeBound: false,
  issues: { kind: 'notice', validityDays: 365, balances: false },
  fee: null,
  trigger: 'request',
  rules: [],
  example: {
    goods: [],
    data: { reportingYear: 2025, totalSalesMxn: 185000000, exportSalesMxn: 142000000, employees: 420 },
  },
});
