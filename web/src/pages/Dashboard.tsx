import { useRef, useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { api, call, type Schemas } from '../api/client';
import '../cases/cases.css';
import { Feed } from '../cases/Feed';
import { known } from '../cases/text';
import { Link } from '../components/Link';
import { Loading, Page } from '../components/Page';
import { SignInFirst } from '../components/SignInFirst';
import { ProblemMessage } from '../components/ProblemMessage';
import { formatDay, formatInstant } from '../i18n/format';
import { PATHS } from '../router';
import { useSession } from '../session';
import { useData } from '../useData';

type ApplicationSummary = Schemas['ApplicationSummary'];
type Operation = Schemas['Operation'];
type Permit = Schemas['PermitListItem'];

/** A permit this close to its end is worth a reminder. */
const EXPIRY_WARNING_DAYS = 30;

/** A day in Mexico City (the window's legal time), `days` from now. */
const mexicoDay = (days = 0) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Mexico_City' }).format(Date.now() + days * 86_400_000);

async function loadDashboard() {
  const [me, operations, applications, expiring] = await Promise.all([
    call(api.GET('/api/v1/me')),
    call(api.GET('/api/v1/operations', { params: { query: { limit: 50 } } })),
    call(api.GET('/api/v1/applications', { params: { query: { limit: 50 } } })),
    // One call: the valid permits that end within the warning period.
    call(
      api.GET('/api/v1/permits', {
        params: { query: { status: 'valid', endsBy: mexicoDay(EXPIRY_WARNING_DAYS), limit: 50 } },
      }),
    ),
  ]);
  const permits = [...expiring.items].sort((a, b) => a.validTo.localeCompare(b.validTo));
  return { me, operations: operations.items, applications: applications.items, permits };
}

interface Action {
  key: string;
  href: string;
  title: string;
  detail: string;
}

/** What needs the user's action, most urgent first: questions of an agency, permits ending, drafts. */
function actionsOf(
  t: TFunction,
  operations: Operation[],
  applications: ApplicationSummary[],
  permits: Permit[],
): Action[] {
  return [
    ...applications
      .filter((a) => a.status === 'information_requested')
      .map((a) => ({
        key: a.id,
        href: PATHS.application(a.id),
        title: t('dashboard.action.answer', { procedure: a.procedure.code, agency: a.agency }),
        detail: a.clockStoppedOn
          ? t('dashboard.action.answerSince', { day: formatDay(a.clockStoppedOn) })
          : t('dashboard.action.answerDetail'),
      })),
    ...permits.map((p) => ({
      key: p.number,
      href: PATHS.permit(p.number),
      title: t('dashboard.action.expiring', { number: p.number }),
      detail: t('dashboard.action.expiringDetail', { day: formatDay(p.validTo) }),
    })),
    ...operations
      .filter((o) => o.status === 'draft')
      .map((o) => ({
        key: o.id,
        href: PATHS.operation(o.id),
        title: t('dashboard.action.draft', { flow: t(`flow.${o.flow}`) }),
        detail: t('dashboard.action.draftDetail', { time: formatInstant(o.updatedAt) }),
      })),
  ];
}

function Notifications({ token }: { token: string }) {
  const [version, setVersion] = useState(0);
  const feed = useData(`${token}:${version}`, () =>
    call(api.GET('/api/v1/notifications', { params: { query: { limit: 20 } } })),
  );
  // While a change reloads the feed, the last one stays on the page (focus and place are kept).
  const last = useRef<Schemas['NotificationPage'] | null>(null);
  if (feed.state === 'ok') last.current = feed.data;
  if (feed.state === 'error') return <ProblemMessage problem={feed.problem} />;
  if (!last.current) return <Loading />;
  return <Feed items={last.current.items} unread={last.current.unread} changed={() => setVersion((v) => v + 1)} />;
}

export default function Dashboard() {
  const { t } = useTranslation();
  const { session } = useSession();
  const data = useData(session?.token ?? 'none', () => loadDashboard());
  if (!session) return <SignInFirst title={t('dashboard.title')} message={t('dashboard.signInFirst')} />;
  if (data.state === 'loading') return <Loading />;
  if (data.state === 'error')
    return (
      <Page title={t('dashboard.title')}>
        <ProblemMessage problem={data.problem} />
      </Page>
    );
  const { me, operations, applications, permits } = data.data;
  const actions = actionsOf(t, operations, applications, permits);
  return (
    <Page title={t('dashboard.title')}>
      <p className="lead">
        {t('dashboard.signedInAs', { name: me.name ?? session.efirma.name, rfc: me.rfc })}
        <br />
        <span className="muted">{t('dashboard.sessionUntil', { time: formatInstant(session.expiresAt) })}</span>
      </p>
      <section aria-labelledby="actions-title">
        <h2 id="actions-title">{t('dashboard.needsAction')}</h2>
        {actions.length ? (
          <ul className="case-action-list">
            {actions.map((a) => (
              <li key={a.key}>
                <Link href={a.href}>{a.title}</Link>
                <p>{a.detail}</p>
              </li>
            ))}
          </ul>
        ) : (
          <p>{t('dashboard.nothingToDo')}</p>
        )}
      </section>

      <p>
        <Link href={PATHS.permits}>{t('dashboard.allPermits')}</Link>
      </p>

      <Notifications token={session.token} />

      <h2>{t('dashboard.applications')}</h2>
      {applications.length ? (
        <div className="table-wrap">
          <table className="stack">
            <thead>
              <tr>
                <th scope="col">{t('dashboard.procedure')}</th>
                <th scope="col">{t('dashboard.agency')}</th>
                <th scope="col">{t('dashboard.status')}</th>
                <th scope="col">{t('dashboard.due')}</th>
              </tr>
            </thead>
            <tbody>
              {applications.map((a) => (
                <tr key={a.id}>
                  <td data-label={t('dashboard.procedure')}>
                    <Link href={PATHS.application(a.id)}>{a.procedure.code}</Link>
                  </td>
                  <td data-label={t('dashboard.agency')}>{a.agency}</td>
                  <td data-label={t('dashboard.status')}>{known(`applicationStatus.${a.status}`, a.status)}</td>
                  <td data-label={t('dashboard.due')}>
                    {a.clockStoppedOn ? t('dashboard.clockStopped') : a.dueDate ? formatDay(a.dueDate) : '—'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>{t('dashboard.noApplications')}</p>
      )}

      <h2>{t('dashboard.operations')}</h2>
      {operations.length ? (
        <div className="table-wrap">
          <table className="stack">
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
                  <td data-label={t('dashboard.folio')}>
                    <Link href={PATHS.operation(o.id)}>{o.folio ?? t('dashboard.noFolio')}</Link>
                  </td>
                  <td data-label={t('dashboard.flow')}>{t(`flow.${o.flow}`)}</td>
                  <td data-label={t('dashboard.status')}>{t(`operationStatus.${o.status}`)}</td>
                  <td data-label={t('dashboard.updated')}>{formatInstant(o.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>{t('dashboard.noOperations')}</p>
      )}
    </Page>
  );
}
