import * as asn1js from 'asn1js';
import * as asn1 from './asn1.ts';
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
  algorithm: SignatureAlgorithm | null;
  /** For a message when the key cannot sign here ("an EC key on curve 1.3.132.0.34"). */
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

/** First value of an attribute in a Name (SEQUENCE OF SET OF {type, value}). */
function attribute(name: asn1.Node[], type: string): string | null {
  for (const rdn of name) {
    for (const pair of asn1.items(rdn, 'a name attribute', 1)) {
      const [t, value] = asn1.items(pair, 'a name attribute', 2);
      if (asn1.oid(t, 'an attribute type') === type) return asn1.text(value);
    }
  }
  return null;
}

/** As src/pki/certificate.ts: uppercase hex without DER sign padding. */
const normalizeSerial = (hex: string) => hex.toUpperCase().replace(/^(?:00)+(?=[0-9A-F]{2})/, '');

function algorithmOf(spki: asn1.Node): { algorithm: SignatureAlgorithm | null; description: string } {
  const [keyAlgorithm] = asn1.items(spki, 'subjectPublicKeyInfo', 2);
  const [type, params] = asn1.items(keyAlgorithm, 'the key algorithm', 1);
  const keyOid = asn1.oid(type, 'the key algorithm');
  if (keyOid === OID.rsa) return { algorithm: 'RS256', description: 'an RSA key' };
  if (keyOid === OID.ec) {
    const curve = params instanceof asn1js.ObjectIdentifier ? params.getValue() : 'explicit parameters';
    return curve === OID.p256
      ? { algorithm: 'ES256', description: 'an EC P-256 key' }
      : { algorithm: null, description: `an EC key on curve ${curve}` };
  }
  return { algorithm: null, description: `a key of type ${keyOid}` };
}

/** Reads the certificate the way the server does: RFC is the first part of x500UniqueIdentifier, name the CN. */
export function readCertificate(file: ArrayBuffer): CertificateFacts {
  const der = derOrPem(file, ['CERTIFICATE']);
  if (!der) throw notACertificate('neither DER nor PEM');
  try {
    const [tbsNode, , signature] = asn1.items(asn1.parseDer(der), 'the certificate', 3);
    if (!(signature instanceof asn1js.BitString)) throw new asn1.Shape('no signature');
    const tbs = asn1.items(tbsNode, 'tbsCertificate', 6);
    // [0] version is optional (v1 certificates): everything after it is positional.
    const [serial, , , validity, subject, spki] = asn1.isContextTag(tbs[0], 0) ? tbs.slice(1) : tbs;
    const [from, to] = asn1.items(validity, 'validity', 2);
    const name = asn1.items(subject, 'subject');
    const rfc = attribute(name, OID.rfc)?.split('/')[0]?.trim();
    if (!rfc) throw new asn1.Shape('it carries no RFC (x500UniqueIdentifier): it is not an e.firma');
    const { algorithm, description } = algorithmOf(spki!);
    return {
      der,
      base64: bytesToBase64(der),
      rfc,
      name: attribute(name, OID.commonName) ?? '',
      serialNumber: normalizeSerial(toHex(asn1.integerBytes(serial, 'serialNumber'))),
      notBefore: asn1.time(from, 'notBefore'),
      notAfter: asn1.time(to, 'notAfter'),
      spki: exact(asn1.encoded(spki!)),
      algorithm,
      keyDescription: description,
    };
  } catch (err) {
    if (err instanceof asn1.Shape) throw notACertificate(err.message);
    throw err;
  }
}
