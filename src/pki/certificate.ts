import 'reflect-metadata';
import { X509Certificate, type KeyObject } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import { AppError } from '../errors.ts';
import { remember } from './bounded-map.ts';
import { sha256Hex } from './canonical.ts';

export interface KeyUsage {
  digitalSignature: boolean;
  nonRepudiation: boolean;
  keyCertSign: boolean;
  cRLSign: boolean;
}

export interface CertificateInfo {
  der: Buffer;
  x509: X509Certificate;
  /** SHA-256 of the DER, lowercase hex: the cache key everywhere in the PKI module. */
  fingerprint: string;
  /** Uppercase hex, without DER sign padding (see normalizeSerial). */
  serialNumber: string;
  subject: string;
  issuer: string;
  rfc: string | null;
  curp: string | null;
  /** A SAT company certificate also names the legal representative who applied for it ("RFC / RFC_REP"). */
  representativeRfc: string | null;
  name: string | null;
  notBefore: Date;
  notAfter: Date;
  /** All true when the extension is absent: RFC 5280 then places no restriction. */
  keyUsage: KeyUsage;
  isCa: boolean;
  /** basicConstraints pathLenConstraint of a CA; null when unconstrained. */
  caPathLength: number | null;
  publicKey: KeyObject;
  keyType: 'rsa' | 'ec';
  /** OpenSSL curve name of an EC key (P-256 is 'prime256v1'); null for RSA. */
  namedCurve: string | null;
}

const OID_RFC = '2.5.4.45';
const OID_CURP = '2.5.4.5';
// The default peculiar name table lacks the two attributes SAT relies on.
const NAME_LABELS = { [OID_RFC]: 'x500UniqueIdentifier', [OID_CURP]: 'serialNumber' };

const cache = new Map<string, CertificateInfo>();

const malformed = () =>
  new AppError('signature.certificate_malformed', 'The certificate is not a valid DER X.509 certificate', 422);

/** One text form for every name (SAT attributes labelled): issuer/subject matching compares these. */
export const formatName = (name: x509.Name): string => new x509.Name(name.toArrayBuffer(), NAME_LABELS).toString();

/**
 * Buffer.from(s, 'base64') silently skips junk; a signature layer must not. Re-encoding and
 * comparing accepts exactly canonical padded base64, and is 4x faster than a regex on a certificate.
 */
export function decodeBase64Strict(text: string): Buffer | null {
  const bytes = Buffer.from(text, 'base64');
  return bytes.length > 0 && bytes.toString('base64') === text ? bytes : null;
}

/** Same serial, same string: CRLs, node and peculiar disagree on case and sign padding. */
export function normalizeSerial(hex: string): string {
  return hex.toUpperCase().replace(/^(?:00)+(?=[0-9A-F]{2})/, '');
}

/** SAT writes "RFC / RFC_REP" (and " / CURP_REP" for companies): the holder's own is the first part. */
function token(values: string[], index: 0 | 1): string | null {
  const part = values[0]?.split('/')[index]?.trim();
  return part ? part : null;
}

export function parseCertificate(der: Uint8Array | string): CertificateInfo {
  const bytes = typeof der === 'string' ? decodeBase64Strict(der) : der;
  if (!bytes) throw malformed();
  const fingerprint = sha256Hex(bytes);
  return cache.get(fingerprint) ?? remember(cache, fingerprint, build(Buffer.from(bytes), fingerprint));
}

function build(der: Buffer, fingerprint: string): CertificateInfo {
  let node: X509Certificate;
  let cert: x509.X509Certificate;
  try {
    node = new X509Certificate(der);
    cert = new x509.X509Certificate(new Uint8Array(der));
  } catch {
    throw malformed();
  }
  const keyType = node.publicKey.asymmetricKeyType;
  if (keyType !== 'rsa' && keyType !== 'ec') {
    throw new AppError(
      'signature.certificate_malformed',
      `The certificate holds a ${keyType} key; only RSA and EC keys are supported`,
      422,
    );
  }
  const subject = cert.subjectName;
  const usages = cert.getExtension(x509.KeyUsagesExtension)?.usages;
  const has = (flag: x509.KeyUsageFlags) => usages === undefined || (usages & flag) !== 0;
  const pathLength = cert.getExtension(x509.BasicConstraintsExtension)?.pathLength;
  return {
    der,
    x509: node,
    fingerprint,
    serialNumber: normalizeSerial(node.serialNumber),
    subject: formatName(subject),
    issuer: formatName(cert.issuerName),
    rfc: token(subject.getField(OID_RFC), 0),
    curp: token(subject.getField(OID_CURP), 0),
    representativeRfc: token(subject.getField(OID_RFC), 1),
    name: subject.getField('CN')[0] ?? null,
    notBefore: cert.notBefore,
    notAfter: cert.notAfter,
    keyUsage: {
      digitalSignature: has(x509.KeyUsageFlags.digitalSignature),
      nonRepudiation: has(x509.KeyUsageFlags.nonRepudiation),
      keyCertSign: has(x509.KeyUsageFlags.keyCertSign),
      cRLSign: has(x509.KeyUsageFlags.cRLSign),
    },
    isCa: node.ca,
    caPathLength: pathLength ?? null,
    publicKey: node.publicKey,
    keyType,
    namedCurve: keyType === 'ec' ? (node.publicKey.asymmetricKeyDetails?.namedCurve ?? null) : null,
  };
}
