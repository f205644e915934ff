/// <reference path="./node-forge.d.ts" />
/**
 * 3DES for SAT e.firma keys, which WebCrypto cannot do: DES-EDE3-CBC and the PKCS#12 key derivation, from
 * node-forge. pkcs8.ts loads this module with a dynamic import, only when such a key is opened, so the sign-in
 * page does not carry it. node-forge works on "binary strings" (one char per byte): those cannot be wiped, the
 * byte arrays that go in and come out can.
 */
import forge from 'node-forge/lib/forge.js';
import 'node-forge/lib/des.js';
import 'node-forge/lib/sha1.js';

const toBinary = (bytes: Uint8Array): string => {
  let s = '';
  for (let i = 0; i < bytes.length; i += 8192) s += String.fromCharCode(...bytes.subarray(i, i + 8192));
  return s;
};
const fromBinary = (s: string): Uint8Array<ArrayBuffer> => Uint8Array.from(s, (c) => c.charCodeAt(0));

/**
 * DES-EDE3-CBC with PKCS#7 padding; null when the padding is wrong (a wrong password, almost always).
 * A 16-byte key is two-key 3DES (K1 K2 K1).
 */
export function decryptDesEde3Cbc(key: Uint8Array, iv: Uint8Array, data: Uint8Array): Uint8Array<ArrayBuffer> | null {
  if (key.length !== 24 && key.length !== 16) throw new RangeError('3DES takes a 16- or 24-byte key');
  if (iv.length !== 8) throw new RangeError('DES-CBC takes an 8-byte IV');
  const full = key.length === 24 ? key : Uint8Array.of(...key, ...key.subarray(0, 8));
  const decipher = forge.cipher.createDecipher('3DES-CBC', toBinary(full));
  if (full !== key) full.fill(0);
  decipher.start({ iv: toBinary(iv) });
  decipher.update(forge.util.createBuffer(toBinary(data)));
  // finish() checks the whole PKCS#7 padding (node-forge >= 1.4: every padding byte, RFC 5652 6.3).
  const ok = data.length > 0 && data.length % 8 === 0 && decipher.finish();
  const out = fromBinary(decipher.output.getBytes());
  if (ok) return out;
  out.fill(0);
  return null;
}

/**
 * The PKCS#12 key derivation (RFC 7292 appendix B.2) with SHA-1: `id` 1 for the key, 2 for the IV. The password
 * is a BMPString (UTF-16 big-endian, two zero bytes at the end), as OpenSSL and PKCS#12 tools write it.
 */
export function pkcs12Kdf(password: string, salt: Uint8Array, iterations: number, id: 1 | 2, n: number) {
  const u = 20;
  const v = 64;
  const bmp = new Uint8Array(password.length * 2 + 2);
  for (let i = 0; i < password.length; i++) {
    const c = password.charCodeAt(i);
    bmp[2 * i] = c >> 8;
    bmp[2 * i + 1] = c & 0xff;
  }
  const fill = (src: Uint8Array) => {
    const out = new Uint8Array(v * Math.ceil(src.length / v));
    for (let i = 0; i < out.length; i++) out[i] = src[i % src.length]!;
    return out;
  };
  const I = Uint8Array.of(...fill(salt), ...fill(bmp));
  bmp.fill(0);
  const D = toBinary(new Uint8Array(v).fill(id));
  const result = new Uint8Array(Math.ceil(n / u) * u);
  for (let block = 0; block * u < n; block++) {
    let a = D + toBinary(I);
    for (let r = 0; r < iterations; r++) a = forge.md.sha1.create().update(a).digest().getBytes();
    const A = fromBinary(a);
    result.set(A, block * u);
    // I_j = (I_j + B + 1) mod 2^(8v), where B is A repeated to v bytes.
    const B = fill(A);
    for (let j = 0; j < I.length; j += v) {
      let carry = 1;
      for (let k = v - 1; k >= 0; k--) {
        const sum = I[j + k]! + B[k]! + carry;
        I[j + k] = sum & 0xff;
        carry = sum >> 8;
      }
    }
  }
  I.fill(0);
  const out = result.slice(0, n);
  result.fill(0);
  return out;
}
