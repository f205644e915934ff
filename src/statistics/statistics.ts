import { CALENDAR_TIME_ZONE, mexicoDate } from '../calendar/calendar.ts';
import type { Sql } from '../db/db.ts';
import { AppError } from '../errors.ts';
import { agencyNames } from '../registry/agencies.ts';

/**
 * The transparency statistics: what the agencies did with what was filed, aggregated in the database. Only
 * counts, durations and quota amounts leave this file: never a trader, an RFC, a folio or an application id, so
 * the public sees how the window performs and nothing about who uses it.
 */

/** The longest range one request may ask for: two years of months keeps every query a bounded scan. */
export const MAX_MONTHS = 24;
/** Without `from`, the statistics cover this many months up to `to`. */
const DEFAULT_MONTHS = 12;

export interface MonthRange {
  from: string;
  to: string;
  months: string[];
}

const monthIndex = (month: string) => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
const monthOf = (index: number) =>
  `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;

/**
 * The months a request covers (Mexico City calendar months, inclusive). The route's schema checked the shape
 * (YYYY-MM, month 01 to 12); this checks the meaning: `to` not before `from`, and not more than MAX_MONTHS.
 */
export function monthRange(query: { from?: string; to?: string }, now: Date): MonthRange {
  const to = query.to ?? mexicoDate(now).slice(0, 7);
  const from = query.from ?? monthOf(monthIndex(to) - (DEFAULT_MONTHS - 1));
  const count = monthIndex(to) - monthIndex(from) + 1;
  if (count < 1)
    throw new AppError('statistics.range_reversed', `The range ends (${to}) before it starts (${from}).`, 400);
  if (count > MAX_MONTHS) {
    throw new AppError(
      'statistics.range_too_long',
      `The range ${from} to ${to} covers ${count} months; ask for at most ${MAX_MONTHS} at a time.`,
      400,
    );
  }
  return { from, to, months: Array.from({ length: count }, (_, i) => monthOf(monthIndex(from) + i)) };
}

export interface AgencyStatistics {
  code: string;
  name: { es: string; en: string };
  filings: { month: string; count: number }[];
  filed: number;
  resolved: number;
  resolutionDays: { median: number; p90: number } | null;
  onTime: number;
  onTimeShare: number | null;
  outcomes: {
    approved: number;
    rejected: number;
    automatic: number;
    approvedBySilence: number;
    deniedBySilence: number;
    withdrawn: number;
  };
}

export interface QuotaStatistics {
  name: string;
  agency: string;
  unit: string;
  period: { from: string; to: string };
  total: number;
  allocated: number;
  drawn: number;
}

export interface Statistics {
  from: string;
  to: string;
  timeZone: string;
  months: string[];
  agencies: AgencyStatistics[];
  quotas: QuotaStatistics[];
}

// The range's bounds as instants: the first moment of `from` and of the month after `to`, in Mexico City.
const BOUNDS = `($1::text || '-01')::timestamp at time zone '${CALENDAR_TIME_ZONE}'`;
const END = `(($2::text || '-01')::date + interval '1 month')::timestamp at time zone '${CALENDAR_TIME_ZONE}'`;

/** Filings per agency and month, by the month (Mexico City) the operation was submitted. */
const FILINGS = `
  select agency_code as agency,
         to_char(submitted_at at time zone '${CALENDAR_TIME_ZONE}', 'YYYY-MM') as month,
         count(*)::int as count
    from applications
   where submitted_at >= ${BOUNDS} and submitted_at < ${END}
   group by 1, 2`;

/**
 * What was decided in the range (by the month of the decision), per agency. Times are from filing to decision in
 * days; automatic approvals are counted apart and left out of the times and the on-time share (they take no
 * time), and so are withdrawals (nobody decided). On time: decided by the agency on or before the due date (which
 * already holds the legal time in working days and any days the clock stood still for an information request);
 * legal silence is never on time, as it means the agency did not answer within the legal time.
 */
const DECISIONS = `
  with decided as (
    select agency_code as agency, status, resolution->>'action' as action,
           extract(epoch from resolved_at - submitted_at) / 86400 as days,
           coalesce(status in ('approved', 'rejected')
                    and (resolved_at at time zone '${CALENDAR_TIME_ZONE}')::date <= due_date, false) as on_time
      from applications
     where resolved_at >= ${BOUNDS} and resolved_at < ${END}
  ), timed as (
    select * from decided where status <> 'withdrawn' and action is distinct from 'auto_approve'
  )
  select d.agency,
         count(*) filter (where status = 'approved' and action is distinct from 'auto_approve')::int as approved,
         count(*) filter (where status = 'rejected')::int as rejected,
         count(*) filter (where action = 'auto_approve')::int as automatic,
         count(*) filter (where status = 'approved_by_silence')::int as approved_by_silence,
         count(*) filter (where status = 'denied_by_silence')::int as denied_by_silence,
         count(*) filter (where status = 'withdrawn')::int as withdrawn,
         t.timed, t.on_time, t.median, t.p90
    from decided d
    left join (select agency, count(*)::int as timed, count(*) filter (where on_time)::int as on_time,
                      percentile_cont(0.5) within group (order by days) as median,
                      percentile_cont(0.9) within group (order by days) as p90
                 from timed group by agency) t on t.agency = d.agency
   group by d.agency, t.timed, t.on_time, t.median, t.p90`;

/** Quotas whose period overlaps the range: their amount, what certificates took from it, what customs drew. */
const QUOTAS = `
  select q.name, q.agency_code as agency, q.unit, q.period_from, q.period_to, q.total::float8 as total,
         q.allocated::float8 as allocated,
         coalesce((select sum(pl.authorised_quantity - pl.remaining_quantity) from quota_allocations a
                     join permit_lines pl on pl.permit_id = a.permit_id and pl.line = a.line
                    where a.quota_id = q.id), 0)::float8 as drawn
    from quotas q
   where q.period_from < ($2::text || '-01')::date + interval '1 month' and q.period_to >= ($1::text || '-01')::date
   order by q.period_from, q.name`;

const oneDecimal = (n: number) => Math.round(n * 10) / 10;

export async function statistics(db: Sql, range: MonthRange): Promise<Statistics> {
  const params = [range.from, range.to];
  const [agencies, filings, decisions, quotas] = await Promise.all([
    agencyNames(db),
    db.query<{ agency: string; month: string; count: number }>(FILINGS, params),
    db.query<{
      agency: string;
      approved: number;
      rejected: number;
      automatic: number;
      approved_by_silence: number;
      denied_by_silence: number;
      withdrawn: number;
      timed: number | null;
      on_time: number | null;
      median: number | null;
      p90: number | null;
    }>(DECISIONS, params),
    db.query<{
      name: string;
      agency: string;
      unit: string;
      period_from: string;
      period_to: string;
      total: number;
      allocated: number;
      drawn: number;
    }>(QUOTAS, params),
  ]);
  return {
    from: range.from,
    to: range.to,
    timeZone: CALENDAR_TIME_ZONE,
    months: range.months,
    agencies: agencies.map((a) => {
      const counts = new Map(filings.filter((f) => f.agency === a.code).map((f) => [f.month, f.count]));
      const d = decisions.find((x) => x.agency === a.code);
      const timed = d?.timed ?? 0;
      return {
        code: a.code,
        name: { es: a.name.es, en: a.name.en },
        filings: range.months.map((month) => ({ month, count: counts.get(month) ?? 0 })),
        filed: [...counts.values()].reduce((s, n) => s + n, 0),
        resolved: d ? d.approved + d.rejected + d.automatic + d.approved_by_silence + d.denied_by_silence : 0,
        resolutionDays:
          timed > 0 && d?.median != null && d.p90 != null
            ? { median: oneDecimal(Number(d.median)), p90: oneDecimal(Number(d.p90)) }
            : null,
        onTime: d?.on_time ?? 0,
        onTimeShare: timed > 0 ? Math.round(((d?.on_time ?? 0) / timed) * 1000) / 1000 : null,
        outcomes: {
          approved: d?.approved ?? 0,
          rejected: d?.rejected ?? 0,
          automatic: d?.automatic ?? 0,
          approvedBySilence: d?.approved_by_silence ?? 0,
          deniedBySilence: d?.denied_by_silence ?? 0,
          withdrawn: d?.withdrawn ?? 0,
        },
      };
    }),
    quotas: quotas.map((q) => ({
      name: q.name,
      agency: q.agency,
      unit: q.unit,
      period: { from: q.period_from, to: q.period_to },
      total: q.total,
      allocated: q.allocated,
      drawn: q.drawn,
    })),
  };
}
