import { sign as cryptoSign, verify as cryptoVerify } from 'node:crypto';
import { AppError } from '../errors.ts';
import { canonicalJson } from './canonical.ts';
import { decodeBase64Strict, parseCertificate, type CertificateInfo } from './certificate.ts';
import type { Signer } from './efirma.ts';
import type { TrustStore } from './trust-store.ts';

export type SignatureAlgorithm = 'RS256' | 'ES256';

/** What a client sends with a signed payload. The signed bytes are UTF-8 RFC 8785 JSON of the payload. */
export interface SignatureEnvelope {
  /** Base64 DER of the e.firma certificate. */
  certificate: string;
  algorithm: SignatureAlgorithm;
  /** Base64: RSASSA-PKCS1-v1_5/SHA-256 (RS256) or ECDSA P-256/SHA-256 as r||s, 64 bytes (ES256, as in JOSE). */
  signature: string;
}

export interface VerifiedSigner {
  rfc: string;
  curp: string | null;
  name: string | null;
  serialNumber: string;
  /** The certificate's issuer name and end: a session or token made from this signature remembers them. */
  issuer: string;
  notAfter: Date;
  fingerprint: string;
  certificateDer: Buffer;
  algorithm: SignatureAlgorithm;
}

/** The only algorithm a key can sign with here; null for EC curves other than P-256. */
export function algorithmFor(cert: CertificateInfo): SignatureAlgorithm | null {
  if (cert.keyType === 'rsa') return 'RS256';
  return cert.namedCurve === 'prime256v1' ? 'ES256' : null;
}

const describeKey = (cert: CertificateInfo) =>
  cert.keyType === 'rsa'
    ? `an RSA-${cert.publicKey.asymmetricKeyDetails?.modulusLength ?? '?'} key`
    : `an EC ${cert.namedCurve ?? 'unknown-curve'} key`;

const keyFor = (algorithm: SignatureAlgorithm, key: CertificateInfo['publicKey']) =>
  algorithm === 'ES256' ? { key, dsaEncoding: 'ieee-p1363' as const } : key;

export function signPayload(payload: object, signer: Signer): SignatureEnvelope {
  const cert = signer.certificate;
  const algorithm = algorithmFor(cert);
  if (!algorithm) {
    throw new AppError(
      'efirma.unsupported_key',
      `Certificate ${cert.serialNumber} holds ${describeKey(cert)}; only RSA and EC P-256 keys can sign`,
      400,
    );
  }
  const signature = cryptoSign(
    'sha256',
    Buffer.from(canonicalJson(payload), 'utf8'),
    keyFor(algorithm, signer.privateKey),
  );
  return { certificate: cert.der.toString('base64'), algorithm, signature: signature.toString('base64') };
}

const fail = (code: string, message: string, details?: Record<string, unknown>) =>
  new AppError(`signature.${code}`, message, 422, details);

/** RSA-1024 (old SAT certificates) to RSA-8192. */
const RSA_SIGNATURE_BYTES = { min: 128, max: 1024 };

function decodeEnvelope(envelope: unknown): { algorithm: SignatureAlgorithm; certificate: string; signature: Buffer } {
  const env = (typeof envelope === 'object' && envelope !== null ? envelope : {}) as Record<string, unknown>;
  const { certificate, algorithm, signature } = env;
  if (typeof certificate !== 'string' || typeof signature !== 'string') {
    throw fail(
      'malformed',
      'The signature envelope must have string fields "certificate" (base64 DER), "algorithm" and "signature" (base64)',
    );
  }
  if (algorithm !== 'RS256' && algorithm !== 'ES256') {
    throw fail('malformed', `Signature algorithm ${JSON.stringify(algorithm)} is not supported: use RS256 or ES256`);
  }
  const bytes = decodeBase64Strict(signature);
  if (!bytes) throw fail('malformed', 'The signature is not valid base64 (standard alphabet, with padding)');
  return { algorithm, certificate, signature: bytes };
}

/** Checked once the algorithm is known to match the key, so a mismatch is reported as such. */
function checkSignatureLength(algorithm: SignatureAlgorithm, bytes: Buffer) {
  if (algorithm === 'ES256' && bytes.length !== 64) {
    throw fail(
      'malformed',
      `An ES256 signature is 64 bytes (r||s, IEEE P1363 as in JOSE), this one is ${bytes.length} bytes`,
    );
  }
  if (algorithm === 'RS256' && (bytes.length < RSA_SIGNATURE_BYTES.min || bytes.length > RSA_SIGNATURE_BYTES.max)) {
    throw fail(
      'malformed',
      `An RS256 signature is as long as the RSA modulus (256 bytes for RSA-2048), this one is ${bytes.length} bytes`,
    );
  }
}

/**
 * Verifies an e.firma signature over a payload at signing time `at`. Every failure has its own
 * code, checked in a fixed order. Everything about the certificate (parsing, chain) is cached
 * by fingerprint; per call this is a base64 decode and hash, map lookups, date compares, one
 * canonicalisation and one signature verification.
 */
export function verifySignature(opts: {
  payload: unknown;
  envelope: SignatureEnvelope;
  trust: TrustStore;
  at?: Date;
}): VerifiedSigner {
  const at = opts.at ?? new Date();
  if (Number.isNaN(at.getTime())) throw new TypeError('verifySignature: "at" is an invalid Date');
  const { algorithm, certificate, signature } = decodeEnvelope(opts.envelope);
  const cert = parseCertificate(certificate);
  const serial = cert.serialNumber;
  const ref = `Certificate ${serial} ("${cert.subject}")`;

  const trust = opts.trust.current();
  const chain = trust.chainOf(cert);
  if (!chain.trusted) {
    throw fail('certificate_untrusted', `${ref} is not trusted by this window: ${chain.reason}`, {
      serialNumber: serial,
      issuer: cert.issuer,
    });
  }
  for (const ca of chain.authorities) {
    if (at < ca.notBefore || at > ca.notAfter) {
      throw fail(
        'certificate_untrusted',
        `${ref} is not trusted at ${at.toISOString()}: its CA "${ca.subject}" is valid from ` +
          `${ca.notBefore.toISOString()} to ${ca.notAfter.toISOString()}`,
        { serialNumber: serial, authority: ca.subject },
      );
    }
  }

  if (at < cert.notBefore) {
    throw fail(
      'certificate_not_yet_valid',
      `${ref} is not valid until ${cert.notBefore.toISOString()} (signing time ${at.toISOString()})`,
      { serialNumber: serial, notBefore: cert.notBefore.toISOString() },
    );
  }
  if (at > cert.notAfter) {
    throw fail(
      'certificate_expired',
      `${ref} expired on ${cert.notAfter.toISOString()} (signing time ${at.toISOString()})`,
      { serialNumber: serial, notAfter: cert.notAfter.toISOString() },
    );
  }

  // Each link of the chain: the e.firma by its CA, then the issuing CA by the root. Whether a CRL
  // is current is a question about now, whatever the signing time.
  const links = [cert, ...chain.authorities];
  const now = new Date();
  for (let i = 0; i + 1 < links.length; i++) {
    const subject = links[i]!;
    trust.requireFreshCrl(links[i + 1]!, now, 'signature');
    const revoked = trust.isRevoked(links[i + 1]!.fingerprint, subject.serialNumber);
    // A signature made before the revocation stays valid: what counts is the state at signing time.
    if (revoked && revoked.revokedAt <= at) {
      const whose =
        i === 0 ? ref : `${ref} was issued by CA "${subject.subject}" (serial ${subject.serialNumber}), which`;
      throw fail('certificate_revoked', `${whose} was revoked on ${revoked.revokedAt.toISOString()}`, {
        serialNumber: subject.serialNumber,
        revokedAt: revoked.revokedAt.toISOString(),
      });
    }
  }

  if (cert.isCa) {
    throw fail('certificate_key_usage', `${ref} is a CA certificate: payloads must be signed with a personal e.firma`, {
      serialNumber: serial,
    });
  }
  if (!cert.keyUsage.digitalSignature && !cert.keyUsage.nonRepudiation) {
    throw fail(
      'certificate_key_usage',
      `${ref} may not sign: its key usage has neither digitalSignature nor nonRepudiation`,
      { serialNumber: serial },
    );
  }
  if (!cert.rfc) {
    throw fail(
      'certificate_no_rfc',
      `${ref} carries no RFC (x500UniqueIdentifier, OID 2.5.4.45): it is not an e.firma`,
      { serialNumber: serial },
    );
  }
  const expected = algorithmFor(cert);
  if (algorithm !== expected) {
    throw fail(
      'algorithm_mismatch',
      `The envelope says ${algorithm} but ${ref} holds ${describeKey(cert)}${expected ? `: use ${expected}` : ''}`,
      { serialNumber: serial, expected },
    );
  }
  checkSignatureLength(algorithm, signature);

  const data = Buffer.from(canonicalJson(opts.payload), 'utf8');
  if (!cryptoVerify('sha256', data, keyFor(algorithm, cert.publicKey), signature)) {
    throw fail(
      'invalid',
      `The signature does not verify with the key of ${ref} over the canonical (RFC 8785) JSON of the ` +
        `payload: the payload was altered or signed with another key`,
      { serialNumber: serial },
    );
  }
  return {
    rfc: cert.rfc,
    curp: cert.curp,
    name: cert.name,
    serialNumber: serial,
    issuer: cert.issuer,
    notAfter: cert.notAfter,
    fingerprint: cert.fingerprint,
    certificateDer: cert.der,
    algorithm,
  };
}
