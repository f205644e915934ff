import i18next from 'i18next';

/** Codes Intl names that are not countries: user-assigned ranges and exceptional reservations (as the window's). */
const NOT_COUNTRIES = /^(AA|Q[M-Z]|X[A-Z]|ZZ|EU|EZ|UN|AC|CP|DG|EA|IC|TA)$/;
const LETTERS = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'];

const displayNames = new Map<string, Intl.DisplayNames>();
/** Country names in the page's language, made once per language (a table of goods asks for one per row). */
function namesIn(language: string): Intl.DisplayNames {
  const locale = language === 'en' ? 'en-US' : 'es-MX';
  let names = displayNames.get(locale);
  if (!names) displayNames.set(locale, (names = new Intl.DisplayNames([locale], { type: 'region' })));
  return names;
}

let codes: string[] | undefined;
/** Every ISO 3166 country the browser's Intl data names: the same rule as the window's checkCountry, no list. */
function countryCodes(): string[] {
  if (!codes) {
    const names = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'code' });
    codes = LETTERS.flatMap((a) => LETTERS.map((b) => a + b)).filter(
      (code) => !NOT_COUNTRIES.test(code) && names.of(code) !== code,
    );
  }
  return codes;
}

const sorted = new Map<string, { code: string; name: string }[]>();
/** The countries with their names in the current language, sorted by name. */
export function countries(): { code: string; name: string }[] {
  const language = i18next.language === 'en' ? 'en' : 'es';
  let list = sorted.get(language);
  if (!list) {
    const names = namesIn(language);
    list = countryCodes()
      .map((code) => ({ code, name: names.of(code) ?? code }))
      .sort((a, b) => a.name.localeCompare(b.name, language));
    sorted.set(language, list);
  }
  return list;
}

export const countryName = (code: string) => namesIn(i18next.language).of(code) ?? code;

/** Lower case without accents, so "mexico" finds "México". */
export const folded = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .trim();

/**
 * The country code of what was typed or picked: "Alemania (DE)" or "de" or "Alemania" -> "DE"; '' when it names
 * no country.
 */
export function countryCodeOf(text: string): string {
  const picked = /\(([A-Za-z]{2})\)\s*$/.exec(text)?.[1] ?? text.trim();
  const upper = picked.toUpperCase();
  if (/^[A-Z]{2}$/.test(upper)) return countryCodes().includes(upper) ? upper : '';
  return countries().find((c) => folded(c.name) === folded(text))?.code ?? '';
}
