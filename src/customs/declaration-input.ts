import { addCalendarDays } from '../calendar/calendar.ts';
import { checkCountry, checkCurrency } from '../catalog/codes.ts';
import { checkHsCode } from '../catalog/hs.ts';
import type { Sql } from '../db/db.ts';
import { AppError } from '../errors.ts';
import { canonicalJson, sha256Hex } from '../pki/canonical.ts';
import { officesOf } from '../registry/agencies.ts';
import { parseRfc } from '../registry/identifiers.ts';
import type { DeclarationInput } from './declaration-schemas.ts';

/**
 * The two-digit customs office key of a pedimento number (SAT, Anexo 22, apéndice 1) for each ANAM office
 * in the reference data that clears goods. An office without a key (the central offices) receives no declarations.
 */
export const CUSTOMS_OFFICE_KEYS: Readonly<Record<string, string>> = {
  'ANAM-CHIH-JUA': '07',
  'ANAM-COL-MAN': '16',
  'ANAM-TAMPS-NLD': '24',
  'ANAM-BC-TIJ': '40',
  'ANAM-VER-VER': '43',
  'ANAM-CDMX-AICM': '47',
  'ANAM-MICH-LZC': '51',
};

/** How far back a declaration date may lie: the customs system validates when goods are presented, not months later. */
export const MAX_DECLARATION_AGE_DAYS = 30;

// Quantities and values are compared and drawn as integers of millionths, so sums and balances are exact.
const SCALE = 6;
const ONE = 10n ** BigInt(SCALE);

/** A JSON number with at most 6 decimals, in millionths. */
export function toMicros(value: number, field: string): bigint {
  const text = String(value);
  const m = /^(\d+)(?:\.(\d{1,6}))?$/.exec(text);
  if (!m)
    throw new AppError(
      'declaration.amount_invalid',
      `${field}: ${text} must be a positive number with at most ${SCALE} decimals.`,
      400,
      { field },
    );
  return BigInt(m[1]!) * ONE + BigInt((m[2] ?? '').padEnd(SCALE, '0'));
}

/**
 * A numeric column (text from either driver) in millionths; digits beyond the sixth decimal are dropped (a balance is
 * never overstated).
 */
export function numericToMicros(text: string | number): bigint {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(String(text));
  if (!m) throw new Error(`not a plain decimal: ${text}`);
  const micros = BigInt(m[2]!) * ONE + BigInt((m[3] ?? '').slice(0, SCALE).padEnd(SCALE, '0'));
  return m[1] ? -micros : micros;
}

/** Millionths as a plain decimal string (what SQL numeric takes exactly). */
export function microsToDecimal(micros: bigint): string {
  const sign = micros < 0n ? '-' : '';
  const abs = micros < 0n ? -micros : micros;
  const frac = (abs % ONE).toString().padStart(SCALE, '0').replace(/0+$/, '');
  return `${sign}${abs / ONE}${frac ? `.${frac}` : ''}`;
}

export const microsToNumber = (micros: bigint) => Number(microsToDecimal(micros));

export interface DeclaredPermitUse {
  number: string;
  line: number | null;
  quantity: number;
  value: number;
}

export interface DeclaredLine {
  line: number;
  hsCode: string;
  quantity: number;
  unit: string;
  value: number;
  currency: string;
  originCountry: string;
  destinationCountry: string;
  permits: DeclaredPermitUse[];
}

/** A declaration after every check of meaning that needs no permit: what gets hashed, stored and evaluated. */
export interface Declaration {
  number: string;
  customsOffice: string;
  brokerPatent: string;
  traderRfc: string;
  flow: 'import' | 'export';
  date: string;
  lines: DeclaredLine[];
  coves: string[];
  edocuments: string[];
}

const bad = (code: string, message: string, field: string) =>
  new AppError(`declaration.${code}`, `${field}: ${message}`, 400, { field });

function distinct(values: string[], field: string): string[] {
  const seen = new Set<string>();
  for (const v of values) {
    if (seen.has(v)) throw bad('document_listed_twice', `${v} is listed twice.`, field);
    seen.add(v);
  }
  return values;
}

/**
 * Checks what the schema cannot (real HS codes, ISO codes, a customs office that clears goods, a number
 * consistent with its office, broker and year, a date that is not in the future nor stale) and gives the
 * declaration one canonical form: digits-only number and codes, upper-case units, explicit draws.
 */
export async function normaliseDeclaration(db: Sql, input: DeclarationInput, today: string): Promise<Declaration> {
  const number = input.number.replace(/ /g, '');
  const [office] = await officesOf(db, 'ANAM', [input.customsOffice]);
  const officeKey = CUSTOMS_OFFICE_KEYS[input.customsOffice];
  if (!office || !officeKey) {
    throw bad(
      'customs_office_unknown',
      `${input.customsOffice} is not an ANAM customs office that clears goods ` +
        `(${Object.keys(CUSTOMS_OFFICE_KEYS).join(', ')}).`,
      'customsOffice',
    );
  }
  if (input.date > today || input.date < addCalendarDays(today, -MAX_DECLARATION_AGE_DAYS)) {
    throw bad(
      'date_out_of_range',
      `${input.date} must be between ${addCalendarDays(today, -MAX_DECLARATION_AGE_DAYS)} and today (${today}).`,
      'date',
    );
  }
  if (number.slice(0, 2) !== input.date.slice(2, 4)) {
    throw bad(
      'number_year_mismatch',
      `${number} starts with year ${number.slice(0, 2)}, but the declaration is dated ${input.date}.`,
      'number',
    );
  }
  if (number.slice(2, 4) !== officeKey) {
    throw bad(
      'number_office_mismatch',
      `${number} has customs office key ${number.slice(2, 4)}; ${input.customsOffice} is ${officeKey}.`,
      'number',
    );
  }
  if (number.slice(4, 8) !== input.brokerPatent) {
    throw bad(
      'number_patent_mismatch',
      `${number} has broker patent ${number.slice(4, 8)}, not ${input.brokerPatent}.`,
      'number',
    );
  }
  const { rfc } = parseRfc(input.traderRfc, 'traderRfc');
  const home = input.flow === 'import' ? 'destinationCountry' : 'originCountry';
  const lines = input.lines.map((l, i): DeclaredLine => {
    const field = `lines[${i}]`;
    let hsCode: string;
    try {
      hsCode = checkHsCode(l.hsCode).code;
    } catch (err) {
      if (err instanceof AppError)
        throw new AppError(err.code, `${field}.hsCode: ${err.message}`, err.status, {
          ...err.details,
          field: `${field}.hsCode`,
        });
      throw err;
    }
    checkCurrency(l.currency, `${field}.currency`);
    checkCountry(l.originCountry, `${field}.originCountry`);
    checkCountry(l.destinationCountry, `${field}.destinationCountry`);
    if (l[home] !== 'MX')
      throw bad('country_invalid', `an ${input.flow}'s ${home} is MX, not ${l[home]}.`, `${field}.${home}`);
    toMicros(l.quantity, `${field}.quantity`);
    toMicros(l.value, `${field}.value`);
    const seen = new Set<string>();
    const permits = (l.permits ?? []).map((p, j) => {
      if (seen.has(p.number))
        throw bad(
          'permit_listed_twice',
          `permit ${p.number} is listed twice on this line; draw once with the total.`,
          `${field}.permits[${j}]`,
        );
      seen.add(p.number);
      const use = {
        number: p.number,
        line: p.line ?? null,
        quantity: p.quantity ?? l.quantity,
        value: p.value ?? l.value,
      };
      toMicros(use.quantity, `${field}.permits[${j}].quantity`);
      toMicros(use.value, `${field}.permits[${j}].value`);
      return use;
    });
    return {
      line: i + 1,
      hsCode,
      quantity: l.quantity,
      unit: l.unit.trim().toUpperCase(),
      value: l.value,
      currency: l.currency,
      originCountry: l.originCountry,
      destinationCountry: l.destinationCountry,
      permits,
    };
  });
  return {
    number,
    customsOffice: input.customsOffice,
    brokerPatent: input.brokerPatent,
    traderRfc: rfc,
    flow: input.flow,
    date: input.date,
    lines,
    coves: distinct(input.coves ?? [], 'coves'),
    edocuments: distinct(input.edocuments ?? [], 'edocuments'),
  };
}

/** What binds a number to its content: the same declaration, however it was spelled, hashes the same. */
export const declarationHash = (d: Declaration) => sha256Hex(canonicalJson(d));
