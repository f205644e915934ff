import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './en.json';
import es from './es.json';
import genericProblems from './problems-generic.json';

export const LANGUAGES = ['es', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
const STORAGE_KEY = 'ventanilla.language';

/** Spanish unless the user chose English before (remembered in this browser). */
function initialLanguage(): Language {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'es';
  } catch {
    return 'es';
  }
}

// Flat keys ("nav.catalogue", "problem.signature.certificate_revoked"): the problem codes have dots of their own.
void i18next.use(initReactI18next).init({
  resources: { es: { translation: es }, en: { translation: en } },
  lng: initialLanguage(),
  fallbackLng: false,
  keySeparator: false,
  nsSeparator: false,
  interpolation: { escapeValue: false },
  returnNull: false,
});
document.documentElement.lang = i18next.language;

export function setLanguage(language: Language): void {
  void i18next.changeLanguage(language);
  document.documentElement.lang = language;
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Storage refused (private mode): the choice lasts for this page only.
  }
}

const generic = new Set<string>(genericProblems);

/** An actionable sentence for a problem code of the window; codes listed as generic share one sentence. */
export function problemText(code: string): string {
  const key = `problem.${code}`;
  if (!generic.has(code) && i18next.exists(key)) return i18next.t(key);
  return i18next.t('problem.generic', { code });
}

export default i18next;
