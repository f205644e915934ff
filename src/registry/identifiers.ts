import { isCalendarDate } from '../calendar/calendar.ts';
import { AppError } from '../errors.ts';

/** SAT's alphabet for the RFC check digit (the position of each character is its value). */
const RFC_ALPHABET = '0123456789ABCDEFGHIJKLMN&OPQRSTUVWXYZ Ñ';
/** RENAPO's alphabet for the CURP check digit. */
const CURP_ALPHABET = '0123456789ABCDEFGHIJKLMNÑOPQRSTUVWXYZ';

const COMPANY_RFC = /^[A-ZÑ&]{3}\d{6}[A-Z\d]{2}[\dA]$/;
const PERSON_RFC = /^[A-ZÑ&]{4}\d{6}[A-Z\d]{2}[\dA]$/;
const CURP = /^[A-Z]{4}\d{6}[HMX][A-Z]{2}[B-DF-HJ-NP-TV-Z]{3}[A-Z\d]\d$/;

export type RfcKind = 'company' | 'person';

export function rfcCheckDigit(rfcWithoutDigit: string): string {
  const base = rfcWithoutDigit.padStart(12, ' ');
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += RFC_ALPHABET.indexOf(base[i]!) * (13 - i);
  const digit = 11 - (sum % 11);
  return digit === 11 ? '0' : digit === 10 ? 'A' : String(digit);
}

/**
 * A YYMMDD date of birth or incorporation. The century is not written: an RFC's date must exist in 19YY or 20YY
 * (000229 is 29 February 2000; 300229 exists in neither), a CURP's century is its 17th character (a digit before
 * 2000, a letter from 2000).
 */
function validDate(yymmdd: string, centuries: readonly number[] = [1900, 2000]): boolean {
  const [yy, mm, dd] = [0, 2, 4].map((i) => Number(yymmdd.slice(i, i + 2))) as [number, number, number];
  return centuries.some((century) => isCalendarDate(century + yy, mm, dd));
}

/** Checks an RFC's shape, date and check digit; returns whether it is a company (12) or a person (13). */
export function parseRfc(input: string, field = 'rfc'): { rfc: string; kind: RfcKind } {
  const rfc = input.trim().toUpperCase();
  const kind: RfcKind | null = COMPANY_RFC.test(rfc) ? 'company' : PERSON_RFC.test(rfc) ? 'person' : null;
  if (!kind) {
    throw new AppError(
      'registry.rfc_invalid',
      `${field} "${input}" is not an RFC: expected 3 letters (company) or 4 letters (person), a YYMMDD date and ` +
        `a 3-character homoclave`,
      400,
      { field },
    );
  }
  const date = rfc.slice(kind === 'company' ? 3 : 4, kind === 'company' ? 9 : 10);
  if (!validDate(date)) {
    throw new AppError('registry.rfc_invalid', `${field} "${input}" has an impossible date (${date})`, 400, { field });
  }
  const expected = rfcCheckDigit(rfc.slice(0, -1));
  if (expected !== rfc.at(-1)) {
    throw new AppError(
      'registry.rfc_check_digit',
      `${field} "${input}" fails the check digit (expected ${expected})`,
      400,
      { field },
    );
  }
  return { rfc, kind };
}

export function curpCheckDigit(curpWithoutDigit: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CURP_ALPHABET.indexOf(curpWithoutDigit[i]!) * (18 - i);
  return String((10 - (sum % 10)) % 10);
}

export function parseCurp(input: string, field = 'curp'): string {
  const curp = input.trim().toUpperCase();
  if (!CURP.test(curp) || !validDate(curp.slice(4, 10), [/\d/.test(curp[16]!) ? 1900 : 2000])) {
    throw new AppError(
      'registry.curp_invalid',
      `${field} "${input}" is not a CURP (18 characters as issued by RENAPO)`,
      400,
      { field },
    );
  }
  if (curpCheckDigit(curp) !== curp.at(-1)) {
    throw new AppError('registry.curp_check_digit', `${field} "${input}" fails the check digit`, 400, { field });
  }
  return curp;
}

/** Completes a base (without check digit) into a valid RFC: used by the demo data and tests. */
export const withRfcCheckDigit = (base: string) => base + rfcCheckDigit(base);
export const withCurpCheckDigit = (base: string) => base + curpCheckDigit(base);
