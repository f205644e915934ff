import '../agency/agency.css';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem, api, call, type Schemas } from '../api/client';
import { DueTag } from '../agency/DueTag';
import { Link } from '../components/Link';
import { SignInFirst } from '../components/SignInFirst';
import { StackTable } from '../components/StackTable';
import { Loading, Page } from '../components/Page';
import { ProblemMessage } from '../components/ProblemMessage';
import { formatInstant } from '../i18n/format';
import { problemText } from '../i18n';
import { PATHS } from '../router';
import { type Me, useSession } from '../session';
import { useData } from '../useData';

type Item = Schemas['InboxItem'];
type Status = NonNullable<Item['status']>;
type Assigned = 'any' | 'me' | 'unassigned';

const OPEN: Status[] = ['submitted', 'assigned', 'in_review', 'information_requested', 'answered', 'proposed'];
/** Roles that may take an application (the workflow's reviewers). */
const REVIEWERS = ['reviewer', 'resolver', 'supervisor'];

/** The agencies where this person handles applications (customs, ANAM, has its own page). */
export function agencyMemberships(me: Me | null) {
  return (me?.officer ?? []).filter((m) => m.agency !== 'ANAM');
}

interface Filters {
  status: Status | '';
  procedure: string;
  assigned: Assigned;
  overdue: boolean;
}

async function loadInbox(agency: string, f: Filters, cursor?: string) {
  return call(
    api.GET('/api/v1/inbox', {
      params: {
        query: {
          agency,
          limit: 25,
          ...(f.status ? { status: f.status } : {}),
          ...(f.procedure ? { procedure: f.procedure } : {}),
          ...(f.assigned !== 'any' ? { assigned: f.assigned } : {}),
          ...(f.overdue ? { overdue: true } : {}),
          ...(cursor ? { cursor } : {}),
        },
      },
    }),
  );
}

export default function AgencyInbox() {
  const { t } = useTranslation();
  const { session, me } = useSession();
  if (!session) return <SignInFirst title={t('agency.inbox.title')} message={t('agency.signInFirst')} />;
  if (!me) return <Loading />;
  const memberships = agencyMemberships(me);
  if (!memberships.length)
    return (
      <Page title={t('agency.inbox.title')}>
        <p>{t('agency.notAnOfficer')}</p>
      </Page>
    );
  return <Inbox memberships={memberships} />;
}

function Inbox({ memberships }: { memberships: Me['officer'] }) {
  const { t } = useTranslation();
  const [agency, setAgency] = useState(memberships[0]!.agency);
  const membership = memberships.find((m) => m.agency === agency)!;
  const [draft, setDraft] = useState<Filters>({ status: '', procedure: '', assigned: 'any', overdue: false });
  const [filters, setFilters] = useState<Filters>(draft);
  const [more, setMore] = useState<Item[]>([]);
  const [next, setNext] = useState<string | null | undefined>(undefined);
  const [reload, setReload] = useState(0);
  const [notice, setNotice] = useState<string | null>(null);
  const [actionProblem, setActionProblem] = useState<string | null>(null);
  const procedures = useData(`procedures:${agency}`, () =>
    call(api.GET('/api/v1/procedures', { params: { query: { agency } } })),
  );
  const key = `${agency}:${JSON.stringify(filters)}:${reload}`;
  const page = useData(key, async () => {
    const first = await loadInbox(agency, filters);
    setMore([]);
    setNext(first.next);
    return first;
  });
  const cursorOf = (nextUrl: string) => new URL(nextUrl, window.location.origin).searchParams.get('cursor') ?? '';

  const take = async (item: Item) => {
    setActionProblem(null);
    setNotice(null);
    try {
      await call(api.POST('/api/v1/applications/{id}/assignment', { params: { path: { id: item.id } }, body: {} }));
      setNotice(t('agency.inbox.taken', { procedure: item.procedure.code, trader: item.trader.legalName }));
      setReload((n) => n + 1);
    } catch (err) {
      setActionProblem(problemText(err instanceof ApiProblem ? err.problem.code : 'internal'));
    }
  };

  const items = page.state === 'ok' ? [...page.data.items, ...more] : [];
  const canTake = membership.roles.some((r) => REVIEWERS.includes(r));
  const assignee = (item: Item) =>
    !item.assignedOfficerId
      ? t('agency.assignee.nobody')
      : item.assignedOfficerId === membership.officerId
        ? t('agency.assignee.me')
        : t('agency.assignee.colleague');

  return (
    <Page title={t('agency.inbox.title')}>
      <p className="lead">{t('agency.inbox.lead', { agency, office: membership.office ?? t('agency.central') })}</p>
      {memberships.length > 1 && (
        <div className="field">
          <label htmlFor="agency">{t('agency.inbox.agency')}</label>
          <select id="agency" value={agency} onChange={(e) => setAgency(e.currentTarget.value)}>
            {memberships.map((m) => (
              <option key={m.agency} value={m.agency}>
                {m.agency}
              </option>
            ))}
          </select>
        </div>
      )}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setFilters(draft);
        }}
      >
        <fieldset className="filters">
          <legend>{t('agency.filters.title')}</legend>
          <div className="field">
            <label htmlFor="filter-status">{t('agency.filters.status')}</label>
            <select
              id="filter-status"
              value={draft.status}
              onChange={(e) => setDraft({ ...draft, status: e.currentTarget.value as Status | '' })}
            >
              <option value="">{t('agency.filters.allOpen')}</option>
              {OPEN.map((s) => (
                <option key={s} value={s}>
                  {t(`applicationStatus.${s}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="filter-procedure">{t('agency.filters.procedure')}</label>
            <select
              id="filter-procedure"
              value={draft.procedure}
              onChange={(e) => setDraft({ ...draft, procedure: e.currentTarget.value })}
            >
              <option value="">{t('agency.filters.allProcedures')}</option>
              {procedures.state === 'ok' &&
                procedures.data.items.map((p) => (
                  <option key={p.code} value={p.code}>
                    {p.code}
                  </option>
                ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="filter-assigned">{t('agency.filters.assigned')}</label>
            <select
              id="filter-assigned"
              value={draft.assigned}
              onChange={(e) => setDraft({ ...draft, assigned: e.currentTarget.value as Assigned })}
            >
              <option value="any">{t('agency.filters.assignedAny')}</option>
              <option value="me">{t('agency.filters.assignedMe')}</option>
              <option value="unassigned">{t('agency.filters.assignedNobody')}</option>
            </select>
          </div>
          <div className="checkbox">
            <input
              id="filter-overdue"
              type="checkbox"
              checked={draft.overdue}
              onChange={(e) => setDraft({ ...draft, overdue: e.currentTarget.checked })}
            />
            <label htmlFor="filter-overdue">{t('agency.filters.overdue')}</label>
          </div>
          <div className="checkbox">
            <button type="submit" className="button">
              {t('agency.filters.apply')}
            </button>
          </div>
        </fieldset>
      </form>
      {notice && (
        <div className="notice notice-ok" role="status">
          <p>{notice}</p>
        </div>
      )}
      {actionProblem && (
        <div className="notice notice-error" role="alert">
          <p>{actionProblem}</p>
        </div>
      )}
      {page.state === 'loading' && <Loading />}
      {page.state === 'error' && <ProblemMessage problem={page.problem} />}
      {page.state === 'ok' && (
        <>
          <p role="status">{t('agency.inbox.count', { count: items.length })}</p>
          {items.length > 0 && (
            <StackTable
              caption={t('agency.inbox.caption')}
              rows={items}
              rowKey={(item) => item.id}
              columns={[
                {
                  label: t('agency.col.application'),
                  cell: (item) => (
                    <div>
                      <Link href={PATHS.agencyApplication(item.id)}>{item.procedure.code}</Link>
                      <br />
                      <span className="muted">{t('agency.submittedOn', { day: formatInstant(item.submittedAt) })}</span>
                    </div>
                  ),
                },
                {
                  label: t('agency.col.trader'),
                  cell: (item) => (
                    <div>
                      {item.trader.legalName}
                      <br />
                      <span className="muted">{item.trader.rfc}</span>
                    </div>
                  ),
                },
                { label: t('agency.col.status'), cell: (item) => t(`applicationStatus.${item.status}`) },
                { label: t('agency.col.due'), cell: (item) => <DueTag {...item} /> },
                { label: t('agency.col.assignee'), cell: assignee },
                {
                  label: t('agency.col.action'),
                  cell: (item) =>
                    canTake &&
                    item.assignedOfficerId !== membership.officerId &&
                    ['submitted', 'assigned', 'in_review', 'answered'].includes(item.status) ? (
                      <button type="button" className="button button-secondary" onClick={() => void take(item)}>
                        {t('agency.inbox.take')}
                        <span className="visually-hidden">
                          {' '}
                          {t('agency.inbox.takeWhich', {
                            procedure: item.procedure.code,
                            trader: item.trader.legalName,
                          })}
                        </span>
                      </button>
                    ) : (
                      '—'
                    ),
                },
              ]}
            />
          )}
          {next && (
            <button
              type="button"
              className="button button-secondary"
              onClick={() =>
                void loadInbox(agency, filters, cursorOf(next)).then((p) => {
                  setMore((m) => [...m, ...p.items]);
                  setNext(p.next);
                })
              }
            >
              {t('agency.inbox.more')}
            </button>
          )}
        </>
      )}
    </Page>
  );
}
