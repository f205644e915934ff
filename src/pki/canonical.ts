import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { AppError } from '../errors.ts';

/**
 * RFC 8785 (JCS) canonical JSON: the exact bytes that get signed. Signer and verifier
 * must agree byte for byte, whatever key order or number formatting the client used.
 */
export function canonicalJson(value: unknown): string {
  let out: string | undefined;
  try {
    out = canonicalize(value);
  } catch (err) {
    // NaN, Infinity, lone surrogates, cycles and BigInt have no JSON form.
    throw new AppError(
      'payload.not_canonicalizable',
      `The payload cannot be canonicalised as JSON (RFC 8785): ${(err as Error).message}`,
      400,
    );
  }
  if (out === undefined) {
    throw new AppError(
      'payload.not_canonicalizable',
      'The payload cannot be canonicalised as JSON (RFC 8785): it has no JSON value',
      400,
    );
  }
  return out;
}

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}
