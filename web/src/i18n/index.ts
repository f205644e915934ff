import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
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

/** Each language is its own chunk, loaded when chosen: a visitor downloads one. */
const BUNDLES: Record<Language, () => Promise<{ default: Record<string, string> }>> = {
  es: () => import('./es.ts'),
  en: () => import('./en.ts'),
};

async function load(language: Language): Promise<void> {
  if (!i18next.hasResourceBundle(language, 'translation'))
    i18next.addResourceBundle(language, 'translation', (await BUNDLES[language]()).default);
}

/** Before the first render. Flat keys ("nav.catalogue", "problem.signature.certificate_revoked"): codes have dots. */
export async function initI18n(): Promise<void> {
  const language = initialLanguage();
  await i18next.use(initReactI18next).init({
    resources: {},
    partialBundledLanguages: true,
    lng: language,
    fallbackLng: false,
    keySeparator: false,
    nsSeparator: false,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  await load(language);
  document.documentElement.lang = language;
}

export async function setLanguage(language: Language): Promise<void> {
  await load(language);
  await i18next.changeLanguage(language);
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
