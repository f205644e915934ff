import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { AppError } from '../errors.ts';
import { parseCertificate, type CertificateInfo } from './certificate.ts';

/** An opened e.firma: what signPayload needs. */
export interface Signer {
  certificate: CertificateInfo;
  privateKey: KeyObject;
}

/**
 * Reading the key without a password tells the cases apart reliably: only an encrypted
 * PKCS#8 key asks for one. (A wrong password usually fails as "bad decrypt", but now and
 * then the padding happens to check out and it fails as an ASN.1 error instead.)
 */
function isEncryptedPkcs8(key: Buffer): boolean {
  try {
    createPrivateKey({ key, format: 'der', type: 'pkcs8' });
    return false;
  } catch (err) {
    if ((err as { code?: unknown }).code === 'ERR_MISSING_PASSPHRASE') return true;
    throw new AppError('efirma.key_malformed', 'The .key file is not a DER PKCS#8 private key', 400);
  }
}

const spki = (key: KeyObject) => key.export({ format: 'der', type: 'spki' });

/** Opens a SAT-style e.firma: DER certificate plus DER encrypted PKCS#8 private key. */
export function openEfirma(opts: { cer: Buffer; key: Buffer; password: string }): Signer {
  const certificate = parseCertificate(opts.cer);
  if (!isEncryptedPkcs8(opts.key)) {
    throw new AppError(
      'efirma.key_not_encrypted',
      'The .key file is not password protected; an e.firma key must be an encrypted PKCS#8 key',
      400,
    );
  }
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey({ key: opts.key, format: 'der', type: 'pkcs8', passphrase: opts.password });
  } catch {
    throw new AppError('efirma.wrong_password', 'The password does not open this .key file', 400);
  }
  if (!spki(createPublicKey(privateKey)).equals(spki(certificate.publicKey))) {
    throw new AppError(
      'efirma.key_mismatch',
      `The .key file does not belong to certificate ${certificate.serialNumber} (${certificate.subject})`,
      400,
    );
  }
  return { certificate, privateKey };
}

export async function readEfirmaFiles(cerPath: string, keyPath: string, password: string): Promise<Signer> {
  const read = (file: string) =>
    readFile(file).catch((err: Error) => {
      throw new AppError('efirma.file_unreadable', `Cannot read ${file}: ${err.message}`, 400);
    });
  const [cer, key] = await Promise.all([read(cerPath), read(keyPath)]);
  return openEfirma({ cer, key, password });
}
