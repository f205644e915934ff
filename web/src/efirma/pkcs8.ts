import * as asn1js from 'asn1js';
import { PBES2Params, PBKDF2Params, PKCS8ShroudedKeyBag, PrivateKeyInfo } from 'pkijs';
import { derOrPem, exact } from './bytes.ts';
import { EfirmaError } from './errors.ts';

const OID = {
  pbes2: '1.2.840.113549.1.5.13',
  pbkdf2: '1.2.840.113549.1.5.12',
  desEde3Cbc: '1.2.840.113549.3.7',
};
/** PBKDF2 PRFs; RFC 8018 makes hmacWithSHA1 the default when the field is absent. */
const PRF: Record<string, string> = {
  '1.2.840.113549.2.7': 'SHA-1',
  '1.2.840.113549.2.9': 'SHA-256',
  '1.2.840.113549.2.10': 'SHA-384',
  '1.2.840.113549.2.11': 'SHA-512',
};
/** AES-CBC key bits by OID (Chrome has no AES-192: its import fails and is reported as unsupported). */
const AES_CBC: Record<string, number> = {
  '2.16.840.1.101.3.4.1.2': 128,
  '2.16.840.1.101.3.4.1.22': 192,
  '2.16.840.1.101.3.4.1.42': 256,
};
/** OpenSSL writes 2048; far more only makes a crafted file freeze the page. */
const MAX_ITERATIONS = 1_000_000;

const subtle = () => globalThis.crypto.subtle;

const unsupported = (what: string) =>
  new EfirmaError(
    'efirma.unsupported_key',
    `The .key file is encrypted with ${what}, which this browser cannot decrypt. Re-encrypt it with AES ` +
      '(openssl pkcs8 -inform DER -in FILE.key | openssl pkcs8 -topk8 -v2 aes-256-cbc -outform DER -out NEW.key) ' +
      'or sign with `ventanilla sign`.',
  );

function isPlainPkcs8(der: Uint8Array): boolean {
  try {
    PrivateKeyInfo.fromBER(exact(der));
    return true;
  } catch {
    return false;
  }
}

function readEncrypted(file: ArrayBuffer): PKCS8ShroudedKeyBag {
  const der = derOrPem(file, ['ENCRYPTED PRIVATE KEY', 'PRIVATE KEY']);
  if (der && isPlainPkcs8(der)) {
    throw new EfirmaError(
      'efirma.not_a_key',
      'The .key file is not password protected; an e.firma key is an encrypted PKCS#8 key',
    );
  }
  try {
    if (der) return PKCS8ShroudedKeyBag.fromBER(exact(der));
  } catch {}
  throw new EfirmaError('efirma.not_a_key', 'The .key file is not an encrypted PKCS#8 private key (DER or PEM)');
}

/** PBES2 parameters (RFC 8018) that WebCrypto can apply, or why not. */
function pbes2(bag: PKCS8ShroudedKeyBag) {
  const scheme = bag.encryptionAlgorithm;
  if (scheme.algorithmId !== OID.pbes2) throw unsupported(`the legacy PBES1 scheme ${scheme.algorithmId}`);
  let params: PBES2Params;
  let kdf: PBKDF2Params;
  try {
    params = new PBES2Params({ schema: scheme.algorithmParams });
    if (params.keyDerivationFunc.algorithmId !== OID.pbkdf2) {
      throw unsupported(`key derivation ${params.keyDerivationFunc.algorithmId}`);
    }
    kdf = new PBKDF2Params({ schema: params.keyDerivationFunc.algorithmParams });
  } catch (err) {
    if (err instanceof EfirmaError) throw err;
    throw new EfirmaError('efirma.not_a_key', 'The .key file has malformed encryption parameters');
  }
  const cipher = params.encryptionScheme;
  if (cipher.algorithmId === OID.desEde3Cbc) throw unsupported('3DES (des-ede3-cbc, as SAT issues e.firma keys)');
  const bits = AES_CBC[cipher.algorithmId];
  if (!bits) throw unsupported(`cipher ${cipher.algorithmId}`);
  const hash = kdf.prf ? PRF[kdf.prf.algorithmId] : 'SHA-1';
  if (!hash) throw unsupported(`PBKDF2 with PRF ${kdf.prf?.algorithmId}`);
  if (kdf.iterationCount > MAX_ITERATIONS) throw unsupported(`${kdf.iterationCount} PBKDF2 iterations`);
  const iv = cipher.algorithmParams;
  if (!(iv instanceof asn1js.OctetString) || !(kdf.salt instanceof asn1js.OctetString)) {
    throw new EfirmaError('efirma.not_a_key', 'The .key file has malformed encryption parameters');
  }
  return {
    bits,
    hash,
    iterations: kdf.iterationCount,
    salt: exact(kdf.salt.valueBlock.valueHexView),
    iv: exact(iv.valueBlock.valueHexView),
  };
}

/**
 * Decrypts an encrypted PKCS#8 .key to its PrivateKeyInfo DER. The caller imports it at once and wipes it.
 * A wrong password almost always fails the CBC padding; when the padding happens to check out, what comes
 * out is not a PrivateKeyInfo, and that is a wrong password too.
 */
export async function decryptPkcs8(file: ArrayBuffer, password: string): Promise<Uint8Array<ArrayBuffer>> {
  const bag = readEncrypted(file);
  const p = pbes2(bag);
  const wrongPassword = new EfirmaError('efirma.wrong_password', 'The password does not open this .key file');
  const secret = await subtle().importKey('raw', new TextEncoder().encode(password), 'PBKDF2', false, ['deriveKey']);
  let aes: CryptoKey;
  try {
    aes = await subtle().deriveKey(
      { name: 'PBKDF2', salt: p.salt, iterations: p.iterations, hash: p.hash },
      secret,
      { name: 'AES-CBC', length: p.bits },
      false,
      ['decrypt'],
    );
  } catch {
    throw unsupported(`AES-${p.bits}-CBC`);
  }
  let plain: Uint8Array<ArrayBuffer>;
  try {
    plain = new Uint8Array(
      await subtle().decrypt({ name: 'AES-CBC', iv: p.iv }, aes, exact(bag.encryptedData.valueBlock.valueHexView)),
    );
  } catch {
    throw wrongPassword;
  }
  if (!isPlainPkcs8(plain)) {
    plain.fill(0);
    throw wrongPassword;
  }
  return plain;
}
