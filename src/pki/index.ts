// Public API of the trust layer: e.firma certificates, signatures over canonical JSON, the window's seal.
export { canonicalJson, sha256Hex } from './canonical.ts';
export { parseCertificate, normalizeSerial, type CertificateInfo, type KeyUsage } from './certificate.ts';
export {
  initDevPki,
  loadDevPki,
  issueEfirma,
  writeEfirma,
  revokeCertificate,
  type DevPki,
  type Efirma,
  type EfirmaKeyUsage,
  type IssueEfirmaOptions,
} from './ca.ts';
export { openEfirma, readEfirmaFiles, type Signer } from './efirma.ts';
export {
  signPayload,
  verifySignature,
  algorithmFor,
  type SignatureAlgorithm,
  type SignatureEnvelope,
  type VerifiedSigner,
} from './signature.ts';
export { TrustStore, TrustSnapshot, type Chain, type Revocation, type TrustStoreOptions } from './trust-store.ts';
export { loadOrCreateWindowKey, jwks, sealJws, openJws, type WindowKey } from './window-key.ts';
