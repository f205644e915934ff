import i18next from 'i18next';

/** Mexico's main trade partners and the countries the regulation rules name (origin or destination). */
const CODES = [
  'AR',
  'AU',
  'BN',
  'BR',
  'CA',
  'CH',
  'CL',
  'CN',
  'CO',
  'CR',
  'DE',
  'ES',
  'FR',
  'GB',
  'GT',
  'IN',
  'IT',
  'JP',
  'KR',
  'MY',
  'NL',
  'NZ',
  'PE',
  'SG',
  'TH',
  'TW',
  'US',
  'UY',
  'VN',
] as const;

/** The countries with their names in the current language, sorted by name. */
export function countries(): { code: string; name: string }[] {
  const language = i18next.language === 'en' ? 'en' : 'es';
  const names = new Intl.DisplayNames([language === 'en' ? 'en-US' : 'es-MX'], { type: 'region' });
  return CODES.map((code) => ({ code, name: names.of(code) ?? code })).sort((a, b) =>
    a.name.localeCompare(b.name, language),
  );
}

export const countryName = (code: string) =>
  new Intl.DisplayNames([i18next.language === 'en' ? 'en-US' : 'es-MX'], { type: 'region' }).of(code) ?? code;
