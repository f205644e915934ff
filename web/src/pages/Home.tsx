import { Link } from '../components/Link';
import { useTranslation } from 'react-i18next';
import { Page } from '../components/Page';
import { PATHS } from '../router';

export default function Home() {
  const { t } = useTranslation();
  return (
    <Page title={t('home.title')}>
      <p className="lead">{t('home.lead')}</p>
      <ul className="cards">
        <li>
          <h2>
            <Link href={PATHS.catalogue}>{t('nav.catalogue')}</Link>
          </h2>
          <p>{t('home.catalogue')}</p>
        </li>
        <li>
          <h2>
            <Link href={PATHS.verify}>{t('nav.verify')}</Link>
          </h2>
          <p>{t('home.verify')}</p>
        </li>
        <li>
          <h2>
            <Link href={PATHS.signIn}>{t('nav.signIn')}</Link>
          </h2>
          <p>{t('home.signIn')}</p>
        </li>
      </ul>
    </Page>
  );
}
