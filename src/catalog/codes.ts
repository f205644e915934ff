import { AppError } from '../errors.ts';

// ISO 4217 and ISO 3166 come with Node's ICU data: no list to maintain here.
const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));
const REGIONS = new Intl.DisplayNames(['en'], { type: 'region' });
/** Codes ICU names that are not countries: user-assigned ranges and exceptional reservations. */
const NOT_COUNTRIES = /^(AA|Q[M-Z]|X[A-Z]|ZZ|EU|EZ|UN|AC|CP|DG|EA|IC|TA)$/;

export function checkCurrency(code: string, field: string): string {
  if (!CURRENCIES.has(code))
    throw new AppError('operation.currency_invalid', `${field}: ${code} is not an ISO 4217 currency code.`, 400, {
      field,
    });
  return code;
}

export function checkCountry(code: string, field: string): string {
  if (!/^[A-Z]{2}$/.test(code) || NOT_COUNTRIES.test(code) || REGIONS.of(code) === code) {
    throw new AppError('operation.country_invalid', `${field}: ${code} is not an ISO 3166 country code.`, 400, {
      field,
    });
  }
  return code;
}

export const countryName = (code: string) => REGIONS.of(code) ?? code;
