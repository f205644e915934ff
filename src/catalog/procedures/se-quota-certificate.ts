import { defineProcedure } from '../define.ts';
import { countriesField, customsOfficesField, goodsForm, importerFields, importPrefill } from './_shared.ts';

export default defineProcedure({
  code: 'SE-QUOTA-CERTIFICATE',
  version: 1,
  effectiveFrom: '2024-01-01',
  agency: 'SE',
  name: {
    es: 'Certificado de cupo de importación',
    en: 'Import quota certificate',
  },
  description: {
    es:
      'Certificado que ampara una importación con el arancel preferente de un cupo, con cargo al ' +
      'monto asignado previamente al importador; la aduana descuenta de él las cantidades ' +
      'importadas.',
    en:
      'Certificate covering an import at the in-quota preferential tariff, charged to the amount ' +
      'previously allocated to the importer; customs draws the imported quantities down from it.',
  },
  legalBasis: {
    es:
      'Ley de Comercio Exterior y su reglamento (cupos); acuerdos de la Secretaría de Economía ' +
      'que dan a conocer los cupos y su mecanismo de asignación, y el tratado comercial que ' +
      'establece el cupo.',
    en:
      'Foreign Trade Law and its regulations (quotas); the Ministry of Economy agreements ' +
      'publishing the quotas and how they are allocated, and the trade agreement that creates the ' +
      'quota.',
  },
  flow: 'import',
  form: {
    type: 'object',
    required: [
      'importer',
      'goods',
      'customsOffices',
      'originCountries',
      'allocationNumber',
      'tradeAgreement',
      'quotaYear',
    ],
    additionalProperties: false,
    properties: {
      ...importerFields,
      goods: goodsForm,
      customsOffices: customsOfficesField,
      originCountries: countriesField,
      allocationNumber: {
        type: 'string',
        pattern: '^[A-Z0-9/-]{6,30}$',
        description: 'Number of the quota allocation (asignación de cupo) the certificate is charged to',
      },
      tradeAgreement: { type: 'string', enum: ['cptpp', 'wto', 'eu_global_agreement', 'mexico_japan_epa', 'aladi'] },
      quotaYear: { type: 'integer', minimum: 2000, maximum: 2100 },
    },
  },
  prefill: { ...importPrefill },
  requiredDocuments: [
    { type: 'commercial_invoice', name: { es: 'Factura comercial', en: 'Commercial invoice' } },
    { type: 'bill_of_lading', name: { es: 'Conocimiento de embarque o guía', en: 'Bill of lading or air waybill' } },
  ],
  responseDays: 7,
  silence: 'negative',
  autoApprove: false,
  fourEyes: false,
  officeBound: true,
  issues: { kind: 'quota_certificate', validityDays: 180, balances: true },
  fee: null,
  trigger: 'goods',
  rules: [
    {
      hsPrefix: '040210',
      countries: { only: ['AU', 'BN', 'CA', 'CL', 'JP', 'MY', 'NZ', 'PE', 'SG', 'VN'] },
      effectiveFrom: '2024-01-01',
      note: {
        es:
          'Leche en polvo descremada (grasa ≤ 1.5 %) dentro del cupo arancelario del CPTPP; fuera de ' +
          'cupo no se requiere el certificado pero se paga el arancel general.',
        en:
          'Skimmed milk powder (fat ≤ 1.5 %) within the CPTPP tariff-rate quota; out of quota no ' +
          'certificate is needed but the general duty applies.',
      },
    },
    {
      hsPrefix: '040221',
      countries: { only: ['AU', 'BN', 'CA', 'CL', 'JP', 'MY', 'NZ', 'PE', 'SG', 'VN'] },
      effectiveFrom: '2024-01-01',
      note: {
        es:
          'Leche entera en polvo sin azúcar dentro del cupo arancelario del CPTPP; fuera de cupo no ' +
          'se requiere el certificado pero se paga el arancel general.',
        en:
          'Unsweetened whole milk powder within the CPTPP tariff-rate quota; out of quota no ' +
          'certificate is needed but the general duty applies.',
      },
    },
  ],
  labels: {
    tradeAgreement: {
      cptpp: {
        es: 'Tratado Integral y Progresista de Asociación Transpacífico (CPTPP)',
        en: 'Comprehensive and Progressive Agreement for Trans-Pacific Partnership (CPTPP)',
      },
      wto: { es: 'Organización Mundial del Comercio (OMC)', en: 'World Trade Organization (WTO)' },
      eu_global_agreement: { es: 'Acuerdo Global México-Unión Europea', en: 'EU-Mexico Global Agreement' },
      mexico_japan_epa: {
        es: 'Acuerdo de Asociación Económica México-Japón',
        en: 'Mexico-Japan Economic Partnership Agreement',
      },
      aladi: { es: 'ALADI', en: 'Latin American Integration Association (LAIA)' },
    },
  },
  example: {
    goods: [
      {
        hsCode: '040210',
        description: 'Leche en polvo descremada',
        quantity: 1000,
        unit: 'KGM',
        value: 3000,
        currency: 'USD',
        originCountry: 'NZ',
        destinationCountry: 'MX',
        customsOffice: 'ANAM-TAMPS-NLD',
      },
    ],
    data: { allocationNumber: 'ASIG-2026-0001', tradeAgreement: 'cptpp', quotaYear: 2026 },
  },
});
