import crypto from 'node:crypto';
import { randomNumber } from '../documents/numbers.ts';

/**
 * The code printed on a permit beside its QR: with the (sequential, guessable) number it unlocks the public
 * status check, so knowing one number tells nothing about the next permit. 12 Crockford characters, 60 bits:
 * far beyond what the per-address rate limit lets anyone try.
 */
export const VERIFICATION_CODE_LENGTH = 12;

export const newVerificationCode = (): string => randomNumber('', VERIFICATION_CODE_LENGTH);

/** What a person types, as printed (groups of four with hyphens) or not, in any case. */
export const VERIFICATION_CODE_INPUT = '^[0-9A-Za-z -]{12,20}$';

/** As printed: ABCD-EFGH-JKMN. */
export const formatVerificationCode = (code: string): string => code.match(/.{1,4}/g)!.join('-');

/** Crockford's reading rules: case and hyphens do not matter, O is 0, I and L are 1. Null when it cannot be a code. */
export function normaliseVerificationCode(input: string): string | null {
  const code = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  return /^[0-9A-HJKMNP-TV-Z]{12}$/.test(code) ? code : null;
}

/** Constant-time, so the answer's timing does not spell the code out character by character. */
export function sameVerificationCode(stored: string, given: string | null): boolean {
  return (
    given !== null && given.length === stored.length && crypto.timingSafeEqual(Buffer.from(stored), Buffer.from(given))
  );
}
