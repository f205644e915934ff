import i18next from 'i18next';

const LOCALES = { es: 'es-MX', en: 'en-US' } as const;
const locale = () => LOCALES[i18next.language === 'en' ? 'en' : 'es'];

/** A calendar day (YYYY-MM-DD) as the window means it: no time zone shift. */
export function formatDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1)),
  );
}

/** An instant, shown in Mexico City time (the window's legal time). */
export function formatInstant(iso: string): string {
  return new Intl.DateTimeFormat(locale(), {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'America/Mexico_City',
  }).format(new Date(iso));
}

export function formatNumber(n: number): string {
  return new Intl.NumberFormat(locale()).format(n);
}

/** Money with an unmistakable currency: es-MX writes "USD 1,000.00" and "$1,000.00" (pesos); English the codes. */
export function formatMoney(amount: number, currency = 'MXN'): string {
  const display = i18next.language === 'en' ? 'code' : 'symbol';
  return new Intl.NumberFormat(locale(), { style: 'currency', currency, currencyDisplay: display }).format(amount);
}
