import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../errors.ts';
import { canonicalJson } from './canonical.ts';
import { type EcJwk, ecThumbprint, signCompact, verifyCompact } from './jws.ts';

/**
 * The window's own ES256 key: it seals receipts and permits as compact JWS, so anyone
 * holding the published JWKS (a customs officer, a bank, offline) can check them.
 */
export interface WindowKey {
  /** RFC 7638 JWK thumbprint (SHA-256): stable for the key, whatever file it lives in. */
  kid: string;
  privateKey: KeyObject;
  /** An EC P-256 public key (RFC 7517), as published. */
  publicJwk: EcJwk & { kid: string; alg: 'ES256'; use: 'sig' };
}

/** A published key set (RFC 7517): the window's keys, current and retired. */
export interface KeySet {
  keys: EcJwk[];
}

const code = (err: unknown) => (err as { code?: unknown }).code;

async function readOrCreatePem(file: string, create: boolean): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    if (code(err) !== 'ENOENT')
      throw new AppError(
        'pki.window_key_unreadable',
        `Cannot read the window key ${file}: ${(err as Error).message}`,
        500,
      );
  }
  if (!create) {
    throw new AppError(
      'pki.window_key_missing',
      `No window signing key at ${file}; start with key creation enabled to generate one`,
      500,
    );
  }
  const pem = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({
    format: 'pem',
    type: 'pkcs8',
  }) as string;
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  // 'wx': if another process created the key meanwhile, keep theirs rather than overwrite it.
  await writeFile(file, pem, { mode: 0o600, flag: 'wx' }).catch((err: unknown) => {
    if (code(err) !== 'EEXIST') throw err;
  });
  return readFile(file, 'utf8');
}

export async function loadOrCreateWindowKey(file: string, opts: { create: boolean }): Promise<WindowKey> {
  const pem = await readOrCreatePem(file, opts.create);
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(pem);
  } catch {
    throw new AppError('pki.window_key_invalid', `${file} is not a PKCS#8 PEM private key`, 500);
  }
  if (privateKey.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
    throw new AppError('pki.window_key_invalid', `${file} must hold an EC P-256 key (ES256)`, 500);
  }
  const { kty, crv, x, y } = createPublicKey(privateKey).export({ format: 'jwk' });
  if (kty !== 'EC' || crv !== 'P-256' || !x || !y) throw new Error('The window key must be an EC P-256 key');
  const kid = ecThumbprint({ kty, crv, x, y });
  return { kid, privateKey, publicJwk: { kty, crv, x, y, kid, alg: 'ES256', use: 'sig' } };
}

/** The document to publish (e.g. at /.well-known/jwks.json); list retired keys too so old seals still verify. */
export function jwks(keys: WindowKey[]): KeySet & { keys: WindowKey['publicJwk'][] } {
  return { keys: keys.map((k) => k.publicJwk) };
}

/** Compact JWS over the canonical JSON of the payload; `typ` tells receipts from permits. */
export async function sealJws(key: WindowKey, payload: object, typ = 'JWT'): Promise<string> {
  return signCompact(key.privateKey, { kid: key.kid, typ }, Buffer.from(canonicalJson(payload), 'utf8'));
}

/** Verifies a seal with nothing but the JWKS (no server, no database) and returns its payload. */
export async function openJws(
  token: string,
  keySet: KeySet,
  opts: { typ?: string } = {},
): Promise<Record<string, unknown>> {
  let payload: unknown;
  try {
    const result = verifyCompact(token, Array.isArray(keySet?.keys) ? keySet.keys : []);
    if (opts.typ !== undefined && result.header.typ !== opts.typ) {
      throw new Error(`its typ is ${JSON.stringify(result.header.typ)}, expected ${JSON.stringify(opts.typ)}`);
    }
    payload = JSON.parse(result.payload.toString('utf8'));
  } catch (err) {
    throw new AppError(
      'seal.invalid',
      `The seal does not verify against the window's published keys: ${(err as Error).message}`,
      422,
    );
  }
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    throw new AppError('seal.invalid', 'The seal does not carry a JSON object', 422);
  }
  return payload as Record<string, unknown>;
}
