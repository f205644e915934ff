import { createHash, createPublicKey, type KeyObject, sign, verify } from 'node:crypto';

/**
 * Compact JWS (RFC 7515) with ES256 only, on node:crypto: the window seals receipts, permits and customs results
 * with it, and anyone with the published JWKS verifies them with any JOSE library. ES256 signatures are the raw
 * r||s pair (RFC 7518 §3.4), which is node's `ieee-p1363` encoding, not DER.
 */

export interface JwsHeader {
  alg?: unknown;
  kid?: unknown;
  typ?: unknown;
  crit?: unknown;
  [name: string]: unknown;
}

/** A public EC P-256 JWK as the window publishes it. */
export interface EcJwk {
  kty: 'EC';
  crv: 'P-256';
  x: string;
  y: string;
  kid?: string;
  [name: string]: unknown;
}

const b64url = (bytes: Buffer | string) => Buffer.from(bytes).toString('base64url');
const COMPACT = /^([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]*)\.([A-Za-z0-9_-]+)$/;

/** Signs `payload` (bytes) under a protected header with ES256. */
export function signCompact(privateKey: KeyObject, header: { kid: string; typ: string }, payload: Buffer): string {
  const input = `${b64url(JSON.stringify({ alg: 'ES256', ...header }))}.${b64url(payload)}`;
  const signature = sign('sha256', Buffer.from(input, 'ascii'), { key: privateKey, dsaEncoding: 'ieee-p1363' });
  return `${input}.${b64url(signature)}`;
}

/** The three parts of a compact JWS, or an error saying it is not one. */
function partsOf(token: string): [header: string, payload: string, signature: string] {
  const m = COMPACT.exec(token);
  if (!m) throw new Error('not a compact JWS (three base64url parts)');
  return [m[1]!, m[2]!, m[3]!];
}

function parseHeader(segment: string): JwsHeader {
  const header: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
  if (typeof header !== 'object' || header === null || Array.isArray(header)) throw new Error('header not an object');
  return header as JwsHeader;
}

/** The protected header of a compact JWS, unverified: throws when it is not base64url JSON of an object. */
export const decodeHeader = (token: string): JwsHeader => parseHeader(partsOf(token)[0]);

const publicKeys = new WeakMap<object, KeyObject>();
const keyOf = (jwk: EcJwk): KeyObject => {
  let key = publicKeys.get(jwk);
  if (!key)
    publicKeys.set(
      jwk,
      (key = createPublicKey({ key: { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y }, format: 'jwk' })),
    );
  return key;
};

/**
 * Verifies an ES256 compact JWS with the key of the set its `kid` names; returns header and payload bytes.
 * Throws (a plain Error saying why) on any other algorithm, an unknown key, a `crit` header or a bad signature.
 */
export function verifyCompact(token: string, keys: readonly EcJwk[]): { header: JwsHeader; payload: Buffer } {
  const [headerPart, payloadPart, signaturePart] = partsOf(token);
  const header = parseHeader(headerPart);
  if (header.alg !== 'ES256') throw new Error(`algorithm ${JSON.stringify(header.alg)} is not allowed (ES256 only)`);
  // No extension is understood here, so a header that makes one critical must be refused (RFC 7515 §4.1.11).
  if (header.crit !== undefined) throw new Error('critical header extensions are not supported');
  const jwk = keys.find((k) => k.kid === header.kid && k.kty === 'EC' && k.crv === 'P-256');
  if (!jwk) throw new Error(`no key ${JSON.stringify(header.kid)} in the key set`);
  const signature = Buffer.from(signaturePart, 'base64url');
  const input = Buffer.from(`${headerPart}.${payloadPart}`, 'ascii');
  if (signature.length !== 64 || !verify('sha256', input, { key: keyOf(jwk), dsaEncoding: 'ieee-p1363' }, signature))
    throw new Error('signature verification failed');
  return { header, payload: Buffer.from(payloadPart, 'base64url') };
}

/** RFC 7638 JWK thumbprint (SHA-256, base64url) of an EC public key: its required members in lexicographic order. */
export function ecThumbprint(jwk: { crv: string; kty: string; x: string; y: string }): string {
  const members = JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y });
  return createHash('sha256').update(members).digest('base64url');
}
