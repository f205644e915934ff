import { useTranslation } from 'react-i18next';
import { PATHS } from '../router';
import { Link } from './Link';
import { Page } from './Page';

/** A page that needs a session, opened without one: what it is for, and the way to sign in. */
export function SignInFirst(props: { title: string; message: string }) {
  const { t } = useTranslation();
  return (
    <Page title={props.title}>
      <p>{props.message}</p>
      <Link href={PATHS.signIn}>{t('nav.signIn')}</Link>
    </Page>
  );
}
