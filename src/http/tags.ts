/**
 * The OpenAPI document's tags, in the order a reader meets them, each with what it groups. A route's tag
 * must be one of these (test/openapi-lint.test.ts checks it).
 */
export const API_TAGS = [
  { name: 'auth', description: 'Log in with the e.firma (sign a challenge), sessions, scoped API tokens for system-to-system clients' },
  { name: 'traders', description: 'Importers and exporters in the registry: signed, versioned profiles' },
  { name: 'brokers', description: "Customs brokers (agentes aduanales) and the patents registry ANAM keeps" },
  { name: 'delegations', description: 'Encargo conferido: a trader lets a customs broker file for it' },
  { name: 'agencies', description: 'The agencies taking part in the window, their offices and officers' },
  { name: 'catalogue', description: 'Procedures of every agency, the regulation matrix and the HS 2022 nomenclature' },
  { name: 'operations', description: 'An operation: goods lines filed once, which the window turns into one application per procedure' },
  { name: 'applications', description: "Applications to an agency and the agency's review (the workflow)" },
  { name: 'permits', description: 'Permits, licences and certificates issued; public verification by number and code' },
  { name: 'edocuments', description: 'eDocuments: signed PDF uploads cited by operations' },
  { name: 'coves', description: 'COVE (Comprobante de Valor Electrónico): the signed value record of an invoice, and its amendments' },
  { name: 'customs', description: 'Customs declarations (pedimentos): validation against permits and atomic draw-down of their balances' },
  { name: 'quotas', description: 'Quotas allocated by quota certificates' },
  { name: 'notifications', description: 'The in-app feed of what happened to my operations and applications' },
  { name: 'audit', description: 'The hash-chained audit log, verifiable by anyone' },
  { name: 'pki', description: "The window's public keys, to verify its acknowledgements and permits offline" },
  { name: 'ops', description: 'Liveness, readiness and the API contract itself' },
  { name: 'errors', description: 'The catalogue of problem codes the API answers with' },
] as const;
