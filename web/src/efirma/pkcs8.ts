import * as asn1js from 'asn1js';
import * as asn1 from './asn1.ts';
import { derOrPem, exact } from './bytes.ts';
import { EfirmaError } from './errors.ts';

const OID = {
  pbes2: '1.2.840.113549.1.5.13',
  pbkdf2: '1.2.840.113549.1.5.12',
  desEde3Cbc: '1.2.840.113549.3.7',
};
/** The PKCS#12 3DES schemes (RFC 7292 appendix C), by their key length: three-key and two-key 3DES. */
const PKCS12_3DES: Record<string, number> = {
  '1.2.840.113549.1.12.1.3': 24,
  '1.2.840.113549.1.12.1.4': 16,
};
/** Other PKCS#5 v1.5 and PKCS#12 password-based schemes, by name, so the refusal says what the file is. */
const LEGACY: Record<string, string> = {
  '1.2.840.113549.1.5.3': 'pbeWithMD5AndDES-CBC',
  '1.2.840.113549.1.5.10': 'pbeWithSHA1AndDES-CBC',
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

/** PrivateKeyInfo (RFC 5208): version, algorithm, key; whether it is any key is for importKey to say. */
function isPlainPkcs8(der: Uint8Array): boolean {
  try {
    const [version, algorithm, key] = asn1.items(asn1.parseDer(der), 'PrivateKeyInfo', 3);
    asn1.smallInteger(version, 'version');
    asn1.oid(asn1.items(algorithm, 'privateKeyAlgorithm', 1)[0], 'privateKeyAlgorithm');
    asn1.octets(key, 'privateKey');
    return true;
  } catch {
    return false;
  }
}

interface Encrypted {
  scheme: string;
  params: asn1.Node | undefined;
  data: Uint8Array;
}

/** EncryptedPrivateKeyInfo (RFC 5208): encryptionAlgorithm, encryptedData. */
function readEncrypted(file: ArrayBuffer): Encrypted {
  const der = derOrPem(file, ['ENCRYPTED PRIVATE KEY', 'PRIVATE KEY']);
  if (der && isPlainPkcs8(der)) {
    throw new EfirmaError(
      'efirma.not_a_key',
      'The .key file is not password protected; an e.firma key is an encrypted PKCS#8 key',
    );
  }
  try {
    if (der) {
      const [algorithm, data] = asn1.items(asn1.parseDer(der), 'EncryptedPrivateKeyInfo', 2);
      const [scheme, params] = asn1.items(algorithm, 'encryptionAlgorithm', 1);
      return { scheme: asn1.oid(scheme, 'encryptionAlgorithm'), params, data: asn1.octets(data, 'encryptedData') };
    }
  } catch (err) {
    if (!(err instanceof asn1.Shape)) throw err;
  }
  throw new EfirmaError('efirma.not_a_key', 'The .key file is not an encrypted PKCS#8 private key (DER or PEM)');
}

const malformed = () => new EfirmaError('efirma.not_a_key', 'The .key file has malformed encryption parameters');

/** PBES2-params (RFC 8018): keyDerivationFunc (PBKDF2 and its params), encryptionScheme (cipher and IV). */
function readPbes2(params: asn1.Node | undefined) {
  try {
    const [kdf, cipher] = asn1.items(params, 'PBES2-params', 2);
    const [kdfOid, kdfParams] = asn1.items(kdf, 'keyDerivationFunc', 1);
    const [cipherOid, iv] = asn1.items(cipher, 'encryptionScheme', 1);
    const kdfName = asn1.oid(kdfOid, 'keyDerivationFunc');
    const pbkdf2 = kdfName === OID.pbkdf2 ? asn1.items(kdfParams, 'PBKDF2-params', 2) : null;
    // After salt and iterationCount: keyLength (an INTEGER) and prf (a SEQUENCE), both optional.
    const prf = pbkdf2?.slice(2).find((n) => n instanceof asn1js.Sequence);
    return {
      kdf: kdfName,
      cipher: asn1.oid(cipherOid, 'encryptionScheme'),
      iv,
      salt: pbkdf2 ? asn1.octets(pbkdf2[0], 'salt') : null,
      iterations: pbkdf2 ? asn1.smallInteger(pbkdf2[1], 'iterationCount') : 0,
      prf: prf ? asn1.oid(asn1.items(prf, 'prf', 1)[0], 'prf') : null,
    };
  } catch (err) {
    if (err instanceof asn1.Shape) throw malformed();
    throw err;
  }
}

/** PBES2 parameters that WebCrypto (and, for 3DES, node-forge) can apply, or why not. */
function pbes2(encrypted: Encrypted) {
  const p = readPbes2(encrypted.params);
  if (p.kdf !== OID.pbkdf2 || !p.salt) throw unsupported(`key derivation ${p.kdf}`);
  if (p.iterations < 1) throw malformed();
  const bits = p.cipher === OID.desEde3Cbc ? 192 : AES_CBC[p.cipher];
  if (!bits) throw unsupported(`cipher ${p.cipher}`);
  const hash = p.prf ? PRF[p.prf] : 'SHA-1';
  if (!hash) throw unsupported(`PBKDF2 with PRF ${p.prf}`);
  if (p.iterations > MAX_ITERATIONS) throw unsupported(`${p.iterations} PBKDF2 iterations`);
  let iv: Uint8Array;
  try {
    iv = asn1.octets(p.iv, 'the IV');
  } catch {
    throw malformed();
  }
  const tripleDes = p.cipher === OID.desEde3Cbc;
  if (tripleDes && iv.length !== 8) throw malformed();
  return { tripleDes, bits, hash, iterations: p.iterations, salt: exact(p.salt), iv: exact(iv) };
}

/** pkcs-12PbeParams (RFC 7292 appendix C): salt, iterations. */
function pkcs12Params(params: asn1.Node | undefined) {
  try {
    const [salt, iterations] = asn1.items(params, 'pkcs-12PbeParams', 2);
    const count = asn1.smallInteger(iterations, 'iterations');
    if (count < 1) throw new asn1.Shape('no iterations');
    return { salt: asn1.octets(salt, 'salt'), iterations: count };
  } catch (err) {
    if (err instanceof asn1.Shape) throw malformed();
    throw err;
  }
}

/** Loaded only when a 3DES key is opened: node-forge stays out of the sign-in page's JavaScript. */
const tripleDesModule = () => import('./triple-des.ts');

/** PBES2 with PBKDF2 (WebCrypto) and AES-CBC (WebCrypto) or DES-EDE3-CBC (node-forge); null on bad padding. */
async function decryptPbes2(encrypted: Encrypted, password: string): Promise<Uint8Array<ArrayBuffer> | null> {
  const p = pbes2(encrypted);
  const secret = await subtle().importKey('raw', new TextEncoder().encode(password), 'PBKDF2', false, [
    'deriveKey',
    'deriveBits',
  ]);
  const pbkdf2 = { name: 'PBKDF2', salt: p.salt, iterations: p.iterations, hash: p.hash };
  if (p.tripleDes) {
    const key = new Uint8Array(await subtle().deriveBits(pbkdf2, secret, 192));
    try {
      const { decryptDesEde3Cbc } = await tripleDesModule();
      return decryptDesEde3Cbc(key, new Uint8Array(p.iv), new Uint8Array(exact(encrypted.data)));
    } finally {
      key.fill(0);
    }
  }
  let aes: CryptoKey;
  try {
    aes = await subtle().deriveKey(pbkdf2, secret, { name: 'AES-CBC', length: p.bits }, false, ['decrypt']);
  } catch {
    throw unsupported(`AES-${p.bits}-CBC`);
  }
  try {
    return new Uint8Array(await subtle().decrypt({ name: 'AES-CBC', iv: p.iv }, aes, exact(encrypted.data)));
  } catch {
    return null;
  }
}

/** pbeWithSHAAnd3-KeyTripleDES-CBC (and its two-key sibling): the PKCS#12 KDF with SHA-1, then 3DES-CBC. */
async function decryptPkcs12(encrypted: Encrypted, keyBytes: number, password: string) {
  const p = pkcs12Params(encrypted.params);
  if (p.iterations > MAX_ITERATIONS) throw unsupported(`${p.iterations} PKCS#12 iterations`);
  const { decryptDesEde3Cbc, pkcs12Kdf } = await tripleDesModule();
  const key = pkcs12Kdf(password, p.salt, p.iterations, 1, keyBytes);
  try {
    const iv = pkcs12Kdf(password, p.salt, p.iterations, 2, 8);
    return decryptDesEde3Cbc(key, iv, encrypted.data);
  } finally {
    key.fill(0);
  }
}

/**
 * Decrypts an encrypted PKCS#8 .key to its PrivateKeyInfo DER. The caller imports it at once and wipes it.
 * A wrong password almost always fails the CBC padding; when the padding happens to check out, what comes
 * out is not a PrivateKeyInfo, and that is a wrong password too.
 */
export async function decryptPkcs8(file: ArrayBuffer, password: string): Promise<Uint8Array<ArrayBuffer>> {
  const encrypted = readEncrypted(file);
  const pkcs12 = PKCS12_3DES[encrypted.scheme];
  if (encrypted.scheme !== OID.pbes2 && !pkcs12)
    throw unsupported(`the legacy scheme ${LEGACY[encrypted.scheme] ?? encrypted.scheme} (not PBES2)`);
  const wrongPassword = new EfirmaError('efirma.wrong_password', 'The password does not open this .key file');
  const plain = pkcs12 ? await decryptPkcs12(encrypted, pkcs12, password) : await decryptPbes2(encrypted, password);
  if (!plain) throw wrongPassword;
  if (!isPlainPkcs8(plain)) {
    plain.fill(0);
    throw wrongPassword;
  }
  return plain;
}
