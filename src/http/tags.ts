/**
 * The OpenAPI document's tags, in the order a reader meets them, each with what it groups. A route's tag
 * must be one of these (test/openapi-lint.test.ts checks it).
 */
export const API_TAGS = [
  {
    name: 'auth',
    description: 'Log in with the e.firma (sign a challenge), sessions, scoped API tokens for system-to-system clients',
  },
  { name: 'traders', description: 'Importers and exporters in the registry: signed, versioned profiles' },
  { name: 'brokers', description: 'Customs brokers (agentes aduanales) and the patents registry ANAM keeps' },
  { name: 'delegations', description: 'Encargo conferido: a trader lets a customs broker file for it' },
  { name: 'agencies', description: 'The agencies taking part in the window, their offices and officers' },
  { name: 'catalogue', description: 'Procedures of every agency, the regulation matrix and the HS 2022 nomenclature' },
  {
    name: 'operations',
    description:
      'An import or export declared once, as a draft, then signed and submitted once: one acknowledgement, ' +
      'one application per agency procedure it needs',
  },
  {
    name: 'applications',
    description:
      "What agencies review: lists, the officer's inbox, the timeline, and the workflow's steps (some signed " +
      'with the e.firma)',
  },
  {
    name: 'permits',
    description:
      'What an approval issues: the permit with its balances, its PDF with a QR code, public verification ' +
      'and revocation',
  },
  { name: 'edocuments', description: 'eDocuments: signed PDF uploads cited by operations' },
  {
    name: 'coves',
    description: 'COVE (Comprobante de Valor Electrónico): the signed value record of an invoice, and its amendments',
  },
  {
    name: 'customs',
    description:
      "Customs declarations (pedimentos) validated against permits, COVEs and eDocuments, the permits' " +
      'draws, and the customs offices',
  },
  {
    name: 'quotas',
    description:
      'Tariff-rate quotas of SE: their amounts (public), per-trader assignments, and the certificates charged to them',
  },
  {
    name: 'notifications',
    description: "The caller's in-app feed: what happened to their operations, applications and permits",
  },
  { name: 'audit', description: 'The hash-chained audit log, verifiable by anyone' },
  {
    name: 'statistics',
    description: 'Transparency: how the agencies answer (times, legal time, silence) and quota use, in aggregate only',
  },
  { name: 'pki', description: "The window's public keys, to verify its acknowledgements and permits offline" },
  { name: 'ops', description: 'Liveness, readiness and the API contract itself' },
  { name: 'errors', description: 'The catalogue of problem codes the API answers with' },
] as const;
