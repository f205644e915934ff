import i18next from 'i18next';

/** The window's bilingual texts ({ es, en }) in the page's language. */
export const localized = (text: { es: string; en: string }) => (i18next.language === 'en' ? text.en : text.es);

/** A translation if the key exists, else the raw value (a status or event type the portal does not know yet). */
export function known(key: string, raw: string): string {
  return i18next.exists(key) ? i18next.t(key) : raw;
}

/** After a step of a flow changes the page, focus its heading's region and start at the top (as a new page). */
export function focusMain(): void {
  window.scrollTo(0, 0);
  document.getElementById('main')?.focus();
}
