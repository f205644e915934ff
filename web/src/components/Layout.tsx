import type { ReactNode } from 'react';
import { ActingFor } from './ActingFor';
import { Link } from './Link';
import { useTranslation } from 'react-i18next';
import { type Language, LANGUAGES, setLanguage } from '../i18n';
import { PATHS } from '../router';
import { type Me, useSession } from '../session';

function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const other: Language = LANGUAGES.find((l) => l !== i18n.language) ?? 'es';
  return (
    <button type="button" className="link-button lang-switch" lang={other} onClick={() => void setLanguage(other)}>
      {t(`language.switch.${other}`)}
    </button>
  );
}

/** Which signed-in sections this person has: each role sees its own links only. */
function roles(me: Me | null) {
  const agencyOfficer = me?.officer.filter((m) => m.agency !== 'ANAM') ?? [];
  return {
    trader: !!me && (me.traders.length > 0 || me.representedTraders.length > 0),
    representative: !!me && (me.traders.some((t) => t.relation === 'legal_representative') || !!me.broker),
    agency: agencyOfficer.length > 0,
    customs: !!me?.officer.some((m) => m.agency === 'ANAM' && m.roles.includes('customs_officer')),
  };
}

/** The frame of every page: skip link, plain header with the service name, navigation, one main region. */
export function Layout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { session, me, signOut } = useSession();
  const acts = roles(me);
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
          <Link href={PATHS.whatDoINeed}>{t('nav.whatDoINeed')}</Link>
          <Link href={PATHS.statistics}>{t('nav.statistics')}</Link>
          {session ? (
            <>
              <Link href={PATHS.dashboard}>{t('nav.dashboard')}</Link>
              {acts.trader && <Link href={PATHS.newOperation}>{t('nav.newOperation')}</Link>}
              {acts.trader && <Link href={PATHS.permits}>{t('nav.permits')}</Link>}
              {acts.representative && <Link href={PATHS.representation}>{t('nav.representation')}</Link>}
              {acts.agency && <Link href={PATHS.agencyInbox}>{t('nav.agencyInbox')}</Link>}
              {acts.customs && <Link href={PATHS.customs}>{t('nav.customs')}</Link>}
              <button type="button" className="link-button" onClick={() => void signOut()}>
                {t('nav.signOut')}
              </button>
            </>
          ) : (
            <Link href={PATHS.signIn}>{t('nav.signIn')}</Link>
          )}
        </nav>
      </header>
      {session && <ActingFor />}
      <main id="main" className="width main" tabIndex={-1}>
        {children}
      </main>
      <footer className="footer">
        <div className="width">{t('layout.footer')}</div>
      </footer>
    </>
  );
}
