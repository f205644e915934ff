import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useActing } from '../acting';
import { api, call, type Schemas } from '../api/client';
import '../cases/cases.css';
import { known, localized } from '../cases/text';
import { Link } from '../components/Link';
import { Loading, Page } from '../components/Page';
import { SignInFirst } from '../components/SignInFirst';
import { ProblemMessage } from '../components/ProblemMessage';
import { formatDay, formatNumber } from '../i18n/format';
import { PATHS } from '../router';
import { useSession } from '../session';
import { useData } from '../useData';

type Item = Schemas['PermitListItem'];
type Status = Item['status'];
const STATUSES: Status[] = ['valid', 'expired', 'exhausted', 'revoked', 'not_yet_valid'];

interface Filters {
  traderRfc: string;
  status: Status | '';
  procedure: string;
  endsBy: string;
}
const NO_FILTERS: Filters = { traderRfc: '', status: '', procedure: '', endsBy: '' };

/** One page of the permits the person may see; empty filters are left out of the query. */
async function loadPermits(f: Filters, cursor?: string) {
  return call(
    api.GET('/api/v1/permits', {
      params: {
        query: {
          limit: 25,
          ...(f.traderRfc ? { traderRfc: f.traderRfc } : {}),
          ...(f.status ? { status: f.status } : {}),
          ...(f.procedure ? { procedure: f.procedure } : {}),
          ...(f.endsBy ? { endsBy: f.endsBy } : {}),
          ...(cursor ? { cursor } : {}),
        },
      },
    }),
  );
}

const cursorOf = (next: string) => new URL(next, window.location.origin).searchParams.get('cursor') ?? '';

export default function Permits() {
  const { t } = useTranslation();
  const { session } = useSession();
  if (!session) return <SignInFirst title={t('permits.title')} message={t('permits.signInFirst')} />;
  return <PermitList token={session.token} />;
}

function PermitList({ token }: { token: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'es';
  const { traders } = useActing();
  const [draft, setDraft] = useState<Filters>(NO_FILTERS);
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [more, setMore] = useState<Item[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const procedures = useData('procedures', () => call(api.GET('/api/v1/procedures')));
  const page = useData(`${token}:${JSON.stringify(filters)}`, async () => {
    const first = await loadPermits(filters);
    setMore([]);
    setNext(first.next);
    return first;
  });
  const items = page.state === 'ok' ? [...page.data.items, ...more] : [];

  return (
    <Page title={t('permits.title')}>
      <p className="lead">{t('permits.lead')}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setFilters(draft);
        }}
      >
        <fieldset className="filters">
          <legend>{t('permits.filters.title')}</legend>
          {traders.length > 1 && (
            <div className="field">
              <label htmlFor="filter-trader">{t('permits.filters.trader')}</label>
              <select
                id="filter-trader"
                value={draft.traderRfc}
                onChange={(e) => setDraft({ ...draft, traderRfc: e.currentTarget.value })}
              >
                <option value="">{t('permits.filters.allTraders')}</option>
                {traders.map((tr) => (
                  <option key={tr.rfc} value={tr.rfc}>
                    {tr.legalName}
                  </option>
                ))}
              </select>
            </div>
          )}
          <div className="field">
            <label htmlFor="filter-status">{t('permits.filters.status')}</label>
            <select
              id="filter-status"
              value={draft.status}
              onChange={(e) => setDraft({ ...draft, status: e.currentTarget.value as Status | '' })}
            >
              <option value="">{t('permits.filters.allStatuses')}</option>
              {STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`permitStatus.${s}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="filter-procedure">{t('permits.filters.procedure')}</label>
            <select
              id="filter-procedure"
              value={draft.procedure}
              onChange={(e) => setDraft({ ...draft, procedure: e.currentTarget.value })}
            >
              <option value="">{t('permits.filters.allProcedures')}</option>
              {procedures.state === 'ok' &&
                procedures.data.items.map((p) => (
                  <option key={p.code} value={p.code}>
                    {p.name[lang]}
                  </option>
                ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="filter-ends-by">{t('permits.filters.endsBy')}</label>
            <input
              id="filter-ends-by"
              type="date"
              value={draft.endsBy}
              onChange={(e) => setDraft({ ...draft, endsBy: e.currentTarget.value })}
            />
          </div>
          <div className="checkbox">
            <button type="submit" className="button">
              {t('permits.filters.apply')}
            </button>
          </div>
        </fieldset>
      </form>
      {page.state === 'loading' && <Loading />}
      {page.state === 'error' && <ProblemMessage problem={page.problem} />}
      {page.state === 'ok' && (
        <>
          <p role="status">{t('permits.count', { count: items.length })}</p>
          {items.length > 0 && <PermitTable items={items} />}
          {next && (
            <button
              type="button"
              className="button button-secondary"
              onClick={() =>
                void loadPermits(filters, cursorOf(next)).then((p) => {
                  setMore((m) => [...m, ...p.items]);
                  setNext(p.next);
                })
              }
            >
              {t('permits.more')}
            </button>
          )}
        </>
      )}
    </Page>
  );
}

function PermitTable({ items }: { items: Item[] }) {
  const { t } = useTranslation();
  return (
    <div className="table-wrap">
      <table className="stack">
        <caption className="visually-hidden">{t('permits.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('permits.col.permit')}</th>
            <th scope="col">{t('permits.col.holder')}</th>
            <th scope="col">{t('permits.col.status')}</th>
            <th scope="col">{t('permits.col.validTo')}</th>
            <th scope="col">{t('permits.col.balance')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((p) => (
            <tr key={p.number}>
              <td data-label={t('permits.col.permit')}>
                <div>
                  <Link href={PATHS.permit(p.number)}>{p.number}</Link>
                  <br />
                  <span className="muted">
                    {localized(p.procedure.name)} · {p.agency}
                  </span>
                </div>
              </td>
              <td data-label={t('permits.col.holder')}>
                <div>
                  {p.holder.legalName}
                  <br />
                  <span className="muted">{p.holder.rfc}</span>
                </div>
              </td>
              <td data-label={t('permits.col.status')}>{known(`permitStatus.${p.status}`, p.status)}</td>
              <td data-label={t('permits.col.validTo')}>{formatDay(p.validTo)}</td>
              <td data-label={t('permits.col.balance')}>
                <div>
                  {p.balances.map((b) => (
                    <div key={b.line}>
                      {t('permits.balance', {
                        remaining: formatNumber(b.remainingQuantity),
                        authorised: formatNumber(b.authorisedQuantity),
                        unit: b.unit,
                        hsCode: b.hsCode,
                      })}
                    </div>
                  ))}
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
