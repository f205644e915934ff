import { Link } from '../components/Link';
import { useTranslation } from 'react-i18next';
import { api, call } from '../api/client';
import { Loading, Page } from '../components/Page';
import { ProblemMessage } from '../components/ProblemMessage';
import { PATHS } from '../router';
import { useData } from '../useData';

export default function Catalogue() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'es';
  const list = useData('procedures', () => call(api.GET('/api/v1/procedures')));
  return (
    <Page title={t('catalogue.title')}>
      <p className="lead">{t('catalogue.lead')}</p>
      {list.state === 'loading' && <Loading />}
      {list.state === 'error' && <ProblemMessage problem={list.problem} />}
      {list.state === 'ok' && (
        <ul className="list">
          {list.data.items.map((p) => (
            <li key={p.code}>
              <Link href={PATHS.procedure(p.code)}>{p.name[lang]}</Link>
              <p className="muted">
                {p.agency} · {t(`flow.${p.flow}`)} · {t('procedure.responseDays', { count: p.responseDays })}
              </p>
            </li>
          ))}
        </ul>
      )}
    </Page>
  );
}
