import type { ReactNode } from 'react';
import { Link } from './Link';
import { useTranslation } from 'react-i18next';
import { type Language, LANGUAGES, setLanguage } from '../i18n';
import { PATHS } from '../router';
import { useSession } from '../session';

function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const other: Language = LANGUAGES.find((l) => l !== i18n.language) ?? 'es';
  return (
    <button type="button" className="link-button lang-switch" lang={other} onClick={() => void setLanguage(other)}>
      {t(`language.switch.${other}`)}
    </button>
  );
}

/** The frame of every page: skip link, plain header with the service name, navigation, one main region. */
export function Layout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { session, signOut } = useSession();
  return (
    <>
      <a className="skip-link" href="#main">
        {t('layout.skip')}
      </a>
      <header className="header">
        <div className="width header-row">
          <Link className="brand" href={PATHS.home}>
            {t('layout.service')}
          </Link>
          <LanguageSwitch />
        </div>
        <nav className="width nav" aria-label={t('layout.nav')}>
          <Link href={PATHS.catalogue}>{t('nav.catalogue')}</Link>
          <Link href={PATHS.verify}>{t('nav.verify')}</Link>
          {session ? (
            <>
              <Link href={PATHS.dashboard}>{t('nav.dashboard')}</Link>
              <button type="button" className="link-button" onClick={() => void signOut()}>
                {t('nav.signOut')}
              </button>
            </>
          ) : (
            <Link href={PATHS.signIn}>{t('nav.signIn')}</Link>
          )}
        </nav>
      </header>
      <main id="main" className="width main" tabIndex={-1}>
        {children}
      </main>
      <footer className="footer">
        <div className="width">{t('layout.footer')}</div>
      </footer>
    </>
  );
}
