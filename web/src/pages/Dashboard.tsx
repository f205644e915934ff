import { Link } from '../components/Link';
import { useTranslation } from 'react-i18next';
import { api, call } from '../api/client';
import { Loading, Page } from '../components/Page';
import { ProblemMessage } from '../components/ProblemMessage';
import { formatDay, formatInstant } from '../i18n/format';
import { PATHS } from '../router';
import { useSession } from '../session';
import { useData } from '../useData';

async function loadDashboard() {
  const [me, operations, applications] = await Promise.all([
    call(api.GET('/api/v1/me')),
    call(api.GET('/api/v1/operations', { params: { query: { limit: 20 } } })),
    call(api.GET('/api/v1/applications', { params: { query: { limit: 20 } } })),
  ]);
  return { me, operations: operations.items, applications: applications.items };
}

export default function Dashboard() {
  const { t } = useTranslation();
  const { session } = useSession();
  const data = useData(session?.token ?? 'none', () => loadDashboard());
  if (!session)
    return (
      <Page title={t('dashboard.title')}>
        <p>{t('dashboard.signInFirst')}</p>
        <Link href={PATHS.signIn}>{t('nav.signIn')}</Link>
      </Page>
    );
  if (data.state === 'loading') return <Loading />;
  if (data.state === 'error')
    return (
      <Page title={t('dashboard.title')}>
        <ProblemMessage problem={data.problem} />
      </Page>
    );
  const { me, operations, applications } = data.data;
  return (
    <Page title={t('dashboard.title')}>
      <p className="lead">
        {t('dashboard.signedInAs', { name: me.name ?? session.efirma.name, rfc: me.rfc })}
        <br />
        <span className="muted">{t('dashboard.sessionUntil', { time: formatInstant(session.expiresAt) })}</span>
      </p>
      <h2>{t('dashboard.operations')}</h2>
      {operations.length ? (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('dashboard.folio')}</th>
                <th scope="col">{t('dashboard.flow')}</th>
                <th scope="col">{t('dashboard.status')}</th>
                <th scope="col">{t('dashboard.updated')}</th>
              </tr>
            </thead>
            <tbody>
              {operations.map((o) => (
                <tr key={o.id}>
                  <td>{o.folio ?? t('dashboard.noFolio')}</td>
                  <td>{t(`flow.${o.flow}`)}</td>
                  <td>{t(`operationStatus.${o.status}`)}</td>
                  <td>{formatInstant(o.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>{t('dashboard.noOperations')}</p>
      )}
      <h2>{t('dashboard.applications')}</h2>
      {applications.length ? (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('dashboard.procedure')}</th>
                <th scope="col">{t('dashboard.status')}</th>
                <th scope="col">{t('dashboard.due')}</th>
              </tr>
            </thead>
            <tbody>
              {applications.map((a) => (
                <tr key={a.id}>
                  <td>{a.procedure.code}</td>
                  <td>{t(`applicationStatus.${a.status}`)}</td>
                  <td>{a.dueDate ? formatDay(a.dueDate) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>{t('dashboard.noApplications')}</p>
      )}
    </Page>
  );
}
