import type { Principal } from '../auth/principal.ts';
import type { Sql } from '../db/db.ts';
import { notFound } from '../errors.ts';
import { officerMemberships } from '../registry/identity.ts';
import { QUOTA_AGENCY, type AllocationMethod } from './quota.ts';

interface QuotaRow {
  id: string;
  agency_code: string;
  procedure_code: string;
  name: string;
  hs_prefixes: string[];
  origin_countries: string[];
  period_from: string;
  period_to: string;
  unit: string;
  allocation_method: AllocationMethod;
  total: string;
  allocated: string;
  used: string;
  remaining: string;
  assigned: string | null;
  certificates: number;
}

/**
 * used: what customs declarations have drawn from the certificates charged to the quota (authorised minus
 * remaining, per certificate line); remaining: what can still be allocated to new certificates.
 */
const SELECT = `
  select q.id, q.agency_code, q.procedure_code, q.name, q.hs_prefixes, q.origin_countries,
         q.period_from, q.period_to, q.unit,
         q.allocation_method, q.total::text as total, q.allocated::text as allocated,
         (q.total - q.allocated)::text as remaining,
         coalesce((select sum(pl.authorised_quantity - pl.remaining_quantity) from quota_allocations a
                     join permit_lines pl on pl.permit_id = a.permit_id and pl.line = a.line
                    where a.quota_id = q.id), 0)::text as used,
         case when q.allocation_method = 'assignment'
              then coalesce((select sum(amount) from quota_assignments s where s.quota_id = q.id), 0)::text
          end as assigned,
         (select count(distinct permit_id)::int from quota_allocations a where a.quota_id = q.id) as certificates
    from quotas q`;

/** The public view: amounts and scope, never who holds the certificates or assignments. */
function view(q: QuotaRow, today: string) {
  const { period_from: from, period_to: to } = q;
  return {
    id: q.id,
    name: q.name,
    agency: q.agency_code,
    procedure: q.procedure_code,
    hsCodes: q.hs_prefixes,
    originCountries: q.origin_countries,
    period: { from, to },
    status: today < from ? ('upcoming' as const) : today > to ? ('closed' as const) : ('open' as const),
    unit: q.unit,
    allocationMethod: q.allocation_method,
    total: Number(q.total),
    allocated: Number(q.allocated),
    used: Number(q.used),
    remaining: Number(q.remaining),
    assigned: q.assigned === null ? null : Number(q.assigned),
    certificates: q.certificates,
  };
}

export type QuotaView = ReturnType<typeof view>;

/** Latest period first; one keyset page of `limit + 1` after the (periodFrom, name, id) key `after`. */
export async function listQuotas(
  db: Sql,
  today: string,
  filter: { hsCode?: string; originCountry?: string; date?: string; limit: number; after?: string[] },
) {
  const [afterFrom, afterName, afterId] = filter.after ?? [null, null, null];
  const rows = await db.query<QuotaRow>(
    `${SELECT}
      where ($1::text is null or exists (select 1 from unnest(q.hs_prefixes) p
                                          where starts_with($1, p) or starts_with(p, $1)))
        and ($2::text is null or $2 = any(q.origin_countries))
        and ($3::date is null or $3::date between q.period_from and q.period_to)
        and ($4::date is null or q.period_from < $4::date
             or (q.period_from = $4::date and (q.name > $5::text or (q.name = $5::text and q.id > $6::uuid))))
      order by q.period_from desc, q.name, q.id limit $7`,
    [
      filter.hsCode ?? null,
      filter.originCountry ?? null,
      filter.date ?? null,
      afterFrom,
      afterName,
      afterId,
      filter.limit + 1,
    ],
  );
  return rows.map((r) => ({ key: [r.period_from, r.name, r.id], item: view(r, today) }));
}

export async function getQuota(db: Sql, id: string, today: string): Promise<QuotaView> {
  const row = /^[0-9a-f-]{36}$/i.test(id) ? await db.maybe<QuotaRow>(`${SELECT} where q.id = $1`, [id]) : null;
  if (!row) throw notFound('quota', id);
  return view(row, today);
}

/**
 * Per-trader assignments: SE officers see them all; anyone else sees only those of the traders they act
 * for (themselves, as legal representative, or as a delegated broker), to know what they may still apply for.
 */
export async function listQuotaAssignments(
  db: Sql,
  principal: Principal,
  id: string,
  page: { limit: number; after?: string },
) {
  const exists = /^[0-9a-f-]{36}$/i.test(id) && (await db.maybe('select 1 from quotas where id = $1', [id]));
  if (!exists) throw notFound('quota', id);
  const officer = (await officerMemberships(db, principal)).some((m) => m.agency === QUOTA_AGENCY);
  const rows = await db.query<{
    trader_rfc: string;
    amount: string;
    allocated: string;
    remaining: string;
    updated_at: Date;
  }>(
    `select s.trader_rfc, s.amount::text as amount, s.allocated::text as allocated,
            (s.amount - s.allocated)::text as remaining, s.updated_at
       from quota_assignments s
      where s.quota_id = $1 and ($2 or s.trader_rfc in (select a.trader_rfc from trader_actors a where a.rfc = $3))
        and ($4::text is null or s.trader_rfc > $4)
      order by s.trader_rfc limit $5`,
    [id, officer, principal.rfc, page.after ?? null, page.limit + 1],
  );
  return rows.map((r) => ({
    traderRfc: r.trader_rfc,
    amount: Number(r.amount),
    allocated: Number(r.allocated),
    remaining: Number(r.remaining),
    updatedAt: r.updated_at.toISOString(),
  }));
}
