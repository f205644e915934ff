import { Link } from '../components/Link';
import { useTranslation } from 'react-i18next';
import { Page } from '../components/Page';
import { PATHS } from '../router';

export default function NotFound() {
  const { t } = useTranslation();
  return (
    <Page title={t('notFound.title')}>
      <p>{t('notFound.body')}</p>
      <p>
        <Link href={PATHS.home}>{t('notFound.home')}</Link>
      </p>
    </Page>
  );
}
