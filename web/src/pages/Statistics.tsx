import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call, type Schemas } from '../api/client';
import { Loading, Page } from '../components/Page';
import { ProblemMessage } from '../components/ProblemMessage';
import { formatNumber } from '../i18n/format';
import { Bars, PALETTE, StackedColumns } from '../public/charts';
import { useData } from '../useData';
import '../public/public.css';

type Stats = Schemas['Statistics'];

const locale = (lang: string) => (lang === 'en' ? 'en-US' : 'es-MX');

interface Period {
  from?: string;
  to?: string;
}

export default function Statistics() {
  const { t } = useTranslation();
  const [period, setPeriod] = useState<Period>({});
  // Without a period the window answers the last 12 months; a range it refuses comes back as its problem.
  const stats = useData(`statistics:${period.from ?? ''}:${period.to ?? ''}`, () =>
    call(api.GET('/api/v1/statistics', { params: { query: period } })),
  );
  const shown = stats.state === 'ok' ? { from: stats.data.from, to: stats.data.to } : period;
  return (
    <Page title={t('statistics.title')}>
      <p className="lead">{t('statistics.lead')}</p>
      {/* Keyed by the period shown, so its fields start from it again when the answer names another. */}
      <PeriodForm key={`${shown.from ?? ''}:${shown.to ?? ''}`} shown={shown} onChoose={setPeriod} />
      {stats.state === 'loading' && <Loading />}
      {stats.state === 'error' && <ProblemMessage problem={stats.problem} />}
      {stats.state === 'ok' && <Dashboard stats={stats.data} />}
    </Page>
  );
}

/** Two months (from, to), as `<input type="month">` gives them: YYYY-MM, or empty for the window's default. */
function PeriodForm({ shown, onChoose }: { shown: Period; onChoose: (p: Period) => void }) {
  const { t } = useTranslation();
  const [from, setFrom] = useState(shown.from ?? '');
  const [to, setTo] = useState(shown.to ?? '');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onChoose({ ...(from ? { from } : {}), ...(to ? { to } : {}) });
  };
  return (
    <form onSubmit={submit}>
      <fieldset className="filters">
        <legend>{t('statistics.period')}</legend>
        <div className="field">
          <label htmlFor="period-from">{t('statistics.from')}</label>
          <input id="period-from" type="month" value={from} onChange={(e) => setFrom(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="period-to">{t('statistics.to')}</label>
          <input id="period-to" type="month" value={to} onChange={(e) => setTo(e.target.value)} />
        </div>
        <div className="field">
          <button className="button button-secondary" type="submit">
            {t('statistics.show')}
          </button>
        </div>
      </fieldset>
    </form>
  );
}

function Dashboard({ stats }: { stats: Stats }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'es';
  const month = (m: string, i: number): [string, string?] => [
    new Intl.DateTimeFormat(locale(lang), { month: 'short', timeZone: 'UTC' })
      .format(new Date(`${m}-15T12:00:00Z`))
      .replace('.', ''),
    // The year under the first column and under each January.
    i === 0 || m.endsWith('-01') ? m.slice(0, 4) : undefined,
  ];
  const monthLong = (m: string) =>
    new Intl.DateTimeFormat(locale(lang), { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
      new Date(`${m}-15T12:00:00Z`),
    );
  const percent = (share: number) =>
    new Intl.NumberFormat(locale(lang), { style: 'percent', maximumFractionDigits: 0 }).format(share);
  const days = (n: number) => t('statistics.days', { count: n, value: formatNumber(n) });

  const active = stats.agencies.filter((a) => a.filed > 0 || a.resolved > 0);
  const name = (a: Stats['agencies'][number]) => a.name[lang];
  const color = (i: number) => PALETTE[i % PALETTE.length]!;
  const filed = active.reduce((n, a) => n + a.filed, 0);
  const resolved = active.reduce((n, a) => n + a.resolved, 0);
  const automatic = active.reduce((n, a) => n + a.outcomes.automatic, 0);
  const onTime = active.reduce((n, a) => n + a.onTime, 0);
  const judged = active.reduce((n, a) => n + (a.onTimeShare === null ? 0 : a.onTime / a.onTimeShare), 0);
  const timed = active.filter((a) => a.resolutionDays);
  const shared = active.filter((a) => a.onTimeShare !== null);
  const outcomes = ['approved', 'rejected', 'automatic', 'approvedBySilence', 'deniedBySilence', 'withdrawn'] as const;

  if (!active.length) return <p>{t('statistics.empty')}</p>;
  return (
    <>
      <p>
        {t('statistics.range', {
          from: monthLong(stats.from),
          to: monthLong(stats.to),
        })}
      </p>
      <ul className="public-figures">
        <li>
          <strong>{formatNumber(filed)}</strong> {t('statistics.figureFiled')}
        </li>
        <li>
          <strong>{formatNumber(resolved)}</strong> {t('statistics.figureResolved')}
        </li>
        <li>
          <strong>{judged ? percent(onTime / judged) : '—'}</strong> {t('statistics.figureOnTime')}
        </li>
        <li>
          <strong>{formatNumber(automatic)}</strong> {t('statistics.figureAutomatic')}
        </li>
      </ul>

      <h2>{t('statistics.filingsTitle')}</h2>
      <StackedColumns
        title={t('statistics.filingsChart')}
        summary={t('statistics.filingsSummary', { count: filed, months: stats.months.length })}
        categories={stats.months.map(monthLong)}
        labels={stats.months.map(month)}
        rowHeader={t('statistics.month')}
        series={active.map((a, i) => ({
          name: name(a),
          color: color(i),
          values: stats.months.map((m) => a.filings.find((f) => f.month === m)?.count ?? 0),
        }))}
        format={formatNumber}
      />

      <h2>{t('statistics.timeTitle')}</h2>
      <p>{t('statistics.timeLead')}</p>
      {timed.length ? (
        <Bars
          title={t('statistics.timeChart')}
          summary={timed
            .map((a) =>
              t('statistics.timeSummary', {
                agency: name(a),
                median: formatNumber(a.resolutionDays!.median),
                p90: formatNumber(a.resolutionDays!.p90),
              }),
            )
            .join(' ')}
          categories={timed.map(name)}
          rowHeader={t('statistics.agency')}
          series={[
            { name: t('statistics.median'), color: PALETTE[0]!, values: timed.map((a) => a.resolutionDays!.median) },
            { name: t('statistics.p90'), color: PALETTE[1]!, values: timed.map((a) => a.resolutionDays!.p90) },
          ]}
          format={days}
        />
      ) : (
        <p>{t('statistics.noDecisions')}</p>
      )}

      <h2>{t('statistics.onTimeTitle')}</h2>
      <p>{t('statistics.onTimeLead')}</p>
      {shared.length ? (
        <Bars
          title={t('statistics.onTimeChart')}
          summary={shared
            .map((a) => t('statistics.onTimeSummary', { agency: name(a), share: percent(a.onTimeShare!) }))
            .join(' ')}
          categories={shared.map(name)}
          rowHeader={t('statistics.agency')}
          series={[
            { name: t('statistics.onTimeSeries'), color: PALETTE[2]!, values: shared.map((a) => a.onTimeShare!) },
          ]}
          format={percent}
          max={1}
        />
      ) : (
        <p>{t('statistics.noDecisions')}</p>
      )}

      <h2>{t('statistics.outcomesTitle')}</h2>
      <p>{t('statistics.outcomesLead')}</p>
      <Bars
        stacked
        title={t('statistics.outcomesChart')}
        summary={active
          .map((a) =>
            t('statistics.outcomesSummary', {
              agency: name(a),
              list: outcomes.map((o) => `${t(`statistics.outcome.${o}`)}: ${formatNumber(a.outcomes[o])}`).join(', '),
            }),
          )
          .join(' ')}
        categories={active.map(name)}
        rowHeader={t('statistics.agency')}
        series={outcomes.map((o, i) => ({
          name: t(`statistics.outcome.${o}`),
          color: color(i),
          values: active.map((a) => a.outcomes[o]),
        }))}
        format={formatNumber}
      />

      <h2>{t('statistics.quotasTitle')}</h2>
      {stats.quotas.length ? (
        <Bars
          title={t('statistics.quotasChart')}
          summary={stats.quotas
            .map((q) =>
              t('statistics.quotaSummary', {
                name: q.name,
                total: formatNumber(q.total),
                allocated: formatNumber(q.allocated),
                drawn: formatNumber(q.drawn),
                unit: q.unit,
              }),
            )
            .join(' ')}
          categories={stats.quotas.map((q) => `${q.name} (${q.unit})`)}
          rowHeader={t('statistics.quota')}
          series={[
            { name: t('statistics.quotaTotal'), color: '#b1b4b6', values: stats.quotas.map((q) => q.total) },
            { name: t('statistics.quotaAllocated'), color: PALETTE[0]!, values: stats.quotas.map((q) => q.allocated) },
            { name: t('statistics.quotaDrawn'), color: PALETTE[1]!, values: stats.quotas.map((q) => q.drawn) },
          ]}
          format={formatNumber}
        />
      ) : (
        <p>{t('statistics.noQuotas')}</p>
      )}
      <p className="muted">{t('statistics.note', { timeZone: stats.timeZone })}</p>
    </>
  );
}
