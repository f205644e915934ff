import { appendAudit } from '../audit/log.ts';
import type { Sql } from '../db/db.ts';
import { json } from '../db/db.ts';
import { AppError } from '../errors.ts';
import { traderById } from '../registry/traders.ts';
import type { IssuedGoodsLine, PermitIssuedHook } from '../context.ts';

/**
 * Quotas (cupos): an amount of goods (by HS prefix, origin and unit, within a period) that may be imported
 * at the in-quota tariff. The Ministry of Economy (SE) defines them; each quota certificate it issues is
 * charged to the matching quota in the issuing transaction, so a quota is never allocated beyond its total.
 */
export const QUOTA_AGENCY = 'SE';
/** The procedure whose certificates draw on quotas. */
export const QUOTA_PROCEDURE = 'SE-QUOTA-CERTIFICATE';

export type AllocationMethod = 'first_come' | 'assignment';

export interface QuotaAllocation {
  quotaId: string;
  lines: number[];
  /** exact decimal, as PostgreSQL summed it */
  quantity: string;
  unit: string;
}

/**
 * The permit-issued hook of customs (app.ts wireFlows): a quota certificate is charged to its quotas as it is issued.
 */
export const chargeQuotaOnIssue: PermitIssuedHook = async (tx, permit) => {
  if (permit.kind !== 'quota_certificate') return;
  await allocateFromQuota(tx, {
    procedureCode: permit.procedureCode,
    traderId: permit.traderId,
    goods: permit.goods,
    date: permit.date,
    permitId: permit.id,
  });
};

/**
 * Charges the goods of a certificate being issued to their quotas, inside the issuing transaction: every
 * line must match exactly one quota open on `date`, and each quota (and, for 'assignment' quotas, the
 * trader's assignment) must cover what its lines add up to. Otherwise an AppError is thrown and the
 * caller's transaction, certificate included, rolls back.
 *
 * The amounts are raised by conditional updates (`allocated + need <= total`), quota row first and the
 * assignment row second, quotas in id order: concurrent approvals cannot over-allocate or deadlock.
 */
export async function allocateFromQuota(
  tx: Sql,
  opts: {
    procedureCode: string;
    traderId: string;
    goods: IssuedGoodsLine[];
    /** the issue date, YYYY-MM-DD (Mexico City) */
    date: string;
    permitId: string;
  },
): Promise<QuotaAllocation[]> {
  const trader = await traderById(tx, opts.traderId);
  const withoutOrigin = opts.goods.filter((g) => !g.originCountry).map((g) => g.line);
  if (withoutOrigin.length) {
    throw new AppError(
      'quota.origin_unknown',
      `Goods line(s) ${withoutOrigin.join(', ')} have no origin country, so no quota ` +
        `can be matched; the lines of a quota certificate need one.`,
      422,
    );
  }
  const matches = await tx.query<{ line: number; quota_id: string | null }>(
    `select x.line, q.id as quota_id
       from jsonb_to_recordset($1::jsonb) as x(line int, hs_code text, unit text, origin text)
       left join quotas q on q.procedure_code = $2 and q.unit = x.unit and x.origin = any(q.origin_countries)
        and $3::date between q.period_from and q.period_to
        and exists (select 1 from unnest(q.hs_prefixes) p where starts_with(x.hs_code, p))
      order by x.line, q.id`,
    [
      json(opts.goods.map((g) => ({ line: g.line, hs_code: g.hsCode, unit: g.unit, origin: g.originCountry }))),
      opts.procedureCode,
      opts.date,
    ],
  );

  const unmatched = matches.filter((m) => m.quota_id === null).map((m) => opts.goods.find((g) => g.line === m.line)!);
  if (unmatched.length) {
    throw new AppError(
      'quota.no_matching_quota',
      `No quota open on ${opts.date} covers ` +
        `${unmatched.map((g) => `line ${g.line} (${g.hsCode} from ${g.originCountry}, in ${g.unit})`).join('; ')}: ` +
        'the certificate cannot be issued. Check the HS code, origin and unit against ' +
        'the published quotas (GET /api/v1/quotas), or reject the application.',
      422,
      { lines: unmatched.map((g) => g.line), date: opts.date },
    );
  }
  const byLine = new Map<number, string>();
  for (const m of matches) {
    if (byLine.has(m.line)) {
      // Creation refuses overlapping quotas, so this means the data was changed outside the window.
      throw new AppError(
        'quota.ambiguous',
        `Goods line ${m.line} matches more than one quota (${byLine.get(m.line)}, ` +
          `${m.quota_id}); an SE administrator must correct the quotas.`,
        409,
      );
    }
    byLine.set(m.line, m.quota_id!);
  }

  const permit = await tx.one<{ number: string }>('select number from permits where id = $1', [opts.permitId]);
  const quotaIds = [...new Set(byLine.values())].sort();
  const allocations: QuotaAllocation[] = [];
  for (const quotaId of quotaIds) {
    const lines = opts.goods.filter((g) => byLine.get(g.line) === quotaId);
    // Quantities go to PostgreSQL as JSON text and are summed as numeric: no binary floating-point drift.
    const quantities = json(lines.map((g) => g.quantity));
    const charged = await tx.maybe<{ allocation_method: AllocationMethod; need: string; unit: string }>(
      `update quotas set allocated = allocated + n.need
         from (select sum(v::numeric) as need from jsonb_array_elements_text($2::jsonb) v) n
        where id = $1 and allocated + n.need <= total
        returning allocation_method, n.need::text as need, unit`,
      [quotaId, quantities],
    );
    if (!charged) throw await exhausted(tx, quotaId, quantities, lines);
    if (charged.allocation_method === 'assignment') {
      const assigned = await tx.maybe(
        `update quota_assignments set allocated = allocated + $3::numeric
          where quota_id = $1 and trader_rfc = $2 and allocated + $3::numeric <= amount returning 1`,
        [quotaId, trader.rfc, charged.need],
      );
      if (!assigned) throw await assignmentShort(tx, quotaId, trader.rfc, charged.need, lines);
    }
    await tx.query(
      `insert into quota_allocations (permit_id, line, quota_id, trader_rfc, quantity, allocated_at)
       select $1, x.line, $2, $3, x.quantity, now() from jsonb_to_recordset($4::jsonb)
         as x(line int, quantity numeric)`,
      [opts.permitId, quotaId, trader.rfc, json(lines.map((g) => ({ line: g.line, quantity: g.quantity })))],
    );
    await appendAudit(tx, {
      type: 'quota.allocated',
      actorRfc: null,
      objectType: 'quota',
      objectId: quotaId,
      data: {
        permit: permit.number,
        traderRfc: trader.rfc,
        lines: lines.map((g) => g.line),
        quantity: charged.need,
        unit: charged.unit,
      },
    });
    allocations.push({ quotaId, lines: lines.map((g) => g.line), quantity: charged.need, unit: charged.unit });
  }
  return allocations;
}

const lineList = (lines: IssuedGoodsLine[]) =>
  `${lines.length === 1 ? 'line' : 'lines'} ${lines.map((g) => g.line).join(', ')}`;

async function exhausted(tx: Sql, quotaId: string, quantities: string, lines: IssuedGoodsLine[]): Promise<AppError> {
  const q = await tx.one<{ name: string; unit: string; remaining: string; need: string }>(
    `select name, unit, (total - allocated)::text as remaining,
            (select sum(v::numeric) from jsonb_array_elements_text($2::jsonb) v)::text as need
       from quotas where id = $1`,
    [quotaId, quantities],
  );
  return new AppError(
    'quota.exhausted',
    `Quota "${q.name}" (${quotaId}) has ${q.remaining} ${q.unit} left, but this ` +
      `certificate needs ${q.need} ${q.unit} (${lineList(lines)}). ` +
      'Nothing was issued: reduce the quantity, or reject the application.',
    409,
    {
      quotaId,
      remaining: Number(q.remaining),
      requested: Number(q.need),
      unit: q.unit,
      lines: lines.map((g) => g.line),
    },
  );
}

async function assignmentShort(
  tx: Sql,
  quotaId: string,
  rfc: string,
  need: string,
  lines: IssuedGoodsLine[],
): Promise<AppError> {
  const q = await tx.one<{ name: string; unit: string }>('select name, unit from quotas where id = $1', [quotaId]);
  const a = await tx.maybe<{ amount: string; remaining: string }>(
    'select amount::text as amount, (amount - allocated)::text as remaining from ' +
      'quota_assignments where quota_id = $1 and trader_rfc = $2',
    [quotaId, rfc],
  );
  if (!a) {
    return new AppError(
      'quota.not_assigned',
      `Quota "${q.name}" (${quotaId}) is allocated by assignment to named traders, and ` +
        `RFC ${rfc} has no amount assigned in it (${lineList(lines)}). Nothing was issued.`,
      409,
      { quotaId, traderRfc: rfc, lines: lines.map((g) => g.line) },
    );
  }
  return new AppError(
    'quota.assignment_exceeded',
    `RFC ${rfc} has ${a.remaining} ${q.unit} left of the ${a.amount} ${q.unit} ` +
      `assigned to it in quota "${q.name}" (${quotaId}), ` +
      `but this certificate needs ${need} ${q.unit} (${lineList(lines)}). Nothing was ` +
      `issued: reduce the quantity, or reject the application.`,
    409,
    {
      quotaId,
      traderRfc: rfc,
      remaining: Number(a.remaining),
      requested: Number(need),
      unit: q.unit,
      lines: lines.map((g) => g.line),
    },
  );
}
