/**
 * e.firma in the browser: opens a .cer/.key pair with WebCrypto and signs the window's payloads exactly as
 * `ventanilla sign` does (src/pki/signature.ts): RS256 or ES256 (r||s) over the UTF-8 RFC 8785 JSON.
 * The key lives only in memory as a non-extractable CryptoKey; nothing is stored.
 */
import canonicalize from 'canonicalize';
import { bytesToBase64 } from './bytes.ts';
import { readCertificate, type CertificateFacts, type SignatureAlgorithm } from './certificate.ts';
import { EfirmaError, EfirmaForgottenError } from './errors.ts';
import { decryptPkcs8 } from './pkcs8.ts';
import type { Efirma, SignatureEnvelope } from './types.ts';

export { EfirmaError, EfirmaForgottenError, type EfirmaErrorCode } from './errors.ts';
export { holdForIdleMinutes, type IdleClock, type IdleHold, type IdleOptions } from './idle.ts';
export type { Efirma, SignatureEnvelope } from './types.ts';

const WEBCRYPTO = {
  RS256: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
  ES256: { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' },
} as const;

const subtle = () => globalThis.crypto.subtle;

async function importPrivate(pkcs8: Uint8Array<ArrayBuffer>, cert: CertificateFacts, algorithm: SignatureAlgorithm) {
  try {
    return await subtle().importKey('pkcs8', pkcs8, WEBCRYPTO[algorithm], false, ['sign']);
  } catch {
    // It decrypted to a PrivateKeyInfo, but not of the certificate's kind (RSA for an EC certificate...).
    throw new EfirmaError(
      'efirma.key_mismatch',
      `The .key file does not belong to certificate ${cert.serialNumber} (${cert.rfc}): it is another kind of key`,
    );
  } finally {
    pkcs8.fill(0);
  }
}

/** A non-extractable key cannot show its public half: sign a random nonce and verify it with the certificate. */
async function belongsTo(key: CryptoKey, cert: CertificateFacts, algorithm: SignatureAlgorithm): Promise<boolean> {
  const nonce = globalThis.crypto.getRandomValues(new Uint8Array(32));
  const publicKey = await subtle().importKey('spki', cert.spki, WEBCRYPTO[algorithm], false, ['verify']);
  const signature = await subtle().sign(WEBCRYPTO[algorithm], key, nonce);
  return subtle().verify(WEBCRYPTO[algorithm], publicKey, signature, nonce);
}

function canonicalBytes(payload: unknown): Uint8Array<ArrayBuffer> {
  const text = canonicalize(payload);
  if (text === undefined) throw new TypeError('The payload has no JSON form to sign');
  return new TextEncoder().encode(text);
}

export async function openEfirma(cer: ArrayBuffer, key: ArrayBuffer, password: string): Promise<Efirma> {
  const cert = readCertificate(cer);
  const algorithm = cert.algorithm;
  if (!algorithm) {
    throw new EfirmaError(
      'efirma.unsupported_key',
      `Certificate ${cert.serialNumber} holds ${cert.keyDescription}; only RSA and EC P-256 keys can sign`,
    );
  }
  let privateKey: CryptoKey | null = await importPrivate(await decryptPkcs8(key, password), cert, algorithm);
  if (!(await belongsTo(privateKey, cert, algorithm))) {
    throw new EfirmaError(
      'efirma.key_mismatch',
      `The .key file does not belong to certificate ${cert.serialNumber} (${cert.rfc})`,
    );
  }
  return {
    certificateBase64: cert.base64,
    rfc: cert.rfc,
    name: cert.name,
    notBefore: cert.notBefore,
    notAfter: cert.notAfter,
    serialNumber: cert.serialNumber,
    async sign(payload: unknown): Promise<SignatureEnvelope> {
      if (!privateKey) throw new EfirmaForgottenError();
      const signature = await subtle().sign(WEBCRYPTO[algorithm], privateKey, canonicalBytes(payload));
      return { certificate: cert.base64, algorithm, signature: bytesToBase64(new Uint8Array(signature)) };
    },
    forget() {
      privateKey = null;
    },
  };
}
