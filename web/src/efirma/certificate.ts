import * as asn1js from 'asn1js';
import { Certificate } from 'pkijs';
import { bytesToBase64, derOrPem, exact, toHex } from './bytes.ts';
import { EfirmaError } from './errors.ts';

/** RS256 and ES256 are all the window accepts (src/pki/signature.ts). */
export type SignatureAlgorithm = 'RS256' | 'ES256';

export interface CertificateFacts {
  der: Uint8Array;
  base64: string;
  rfc: string;
  name: string;
  serialNumber: string;
  notBefore: Date;
  notAfter: Date;
  /** DER SubjectPublicKeyInfo: what the key must match. */
  spki: ArrayBuffer;
  keyOid: string;
  algorithm: SignatureAlgorithm | null;
  /** For a message when the key cannot sign here ("EC 1.3.132.0.34"). */
  keyDescription: string;
}

const OID = {
  rfc: '2.5.4.45',
  commonName: '2.5.4.3',
  rsa: '1.2.840.113549.1.1.1',
  ec: '1.2.840.10045.2.1',
  p256: '1.2.840.10045.3.1.7',
};

const notACertificate = (why: string) =>
  new EfirmaError('efirma.not_a_certificate', `The .cer file is not an X.509 certificate: ${why}`);

function attribute(cert: Certificate, oid: string): string | null {
  const found = cert.subject.typesAndValues.find((tv) => tv.type === oid);
  const value = (found?.value as { valueBlock?: { value?: unknown } } | undefined)?.valueBlock?.value;
  return typeof value === 'string' ? value : null;
}

/** As src/pki/certificate.ts: uppercase hex without DER sign padding. */
const normalizeSerial = (hex: string) => hex.toUpperCase().replace(/^(?:00)+(?=[0-9A-F]{2})/, '');

function algorithmOf(cert: Certificate): { algorithm: SignatureAlgorithm | null; description: string } {
  const info = cert.subjectPublicKeyInfo.algorithm;
  if (info.algorithmId === OID.rsa) return { algorithm: 'RS256', description: 'an RSA key' };
  if (info.algorithmId === OID.ec) {
    const curve = info.algorithmParams instanceof asn1js.ObjectIdentifier ? info.algorithmParams.getValue() : '?';
    return curve === OID.p256
      ? { algorithm: 'ES256', description: 'an EC P-256 key' }
      : { algorithm: null, description: `an EC key on curve ${curve}` };
  }
  return { algorithm: null, description: `a key of type ${info.algorithmId}` };
}

/** Reads the certificate the way the server does: RFC is the first part of x500UniqueIdentifier, name the CN. */
export function readCertificate(file: ArrayBuffer): CertificateFacts {
  const der = derOrPem(file, ['CERTIFICATE']);
  if (!der) throw notACertificate('neither DER nor PEM');
  let cert: Certificate;
  try {
    cert = Certificate.fromBER(exact(der));
  } catch (err) {
    throw notACertificate((err as Error).message);
  }
  const rfc = attribute(cert, OID.rfc)?.split('/')[0]?.trim();
  if (!rfc) throw notACertificate('it carries no RFC (x500UniqueIdentifier): it is not an e.firma');
  const { algorithm, description } = algorithmOf(cert);
  return {
    der,
    base64: bytesToBase64(der),
    rfc,
    name: attribute(cert, OID.commonName) ?? '',
    serialNumber: normalizeSerial(toHex(cert.serialNumber.valueBlock.valueHexView)),
    notBefore: cert.notBefore.value,
    notAfter: cert.notAfter.value,
    spki: cert.subjectPublicKeyInfo.toSchema().toBER(false),
    keyOid: cert.subjectPublicKeyInfo.algorithm.algorithmId,
    algorithm,
    keyDescription: description,
  };
}
