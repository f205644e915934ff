import type { Principal } from '../auth/principal.ts';
import type { IssuedKind } from '../catalog/procedure.ts';
import { mexicoDate } from '../calendar/calendar.ts';
import type { Context } from '../context.ts';
import { timestampKeySql } from '../http/pagination.ts';
import { applicantSideSql, handledBySql } from '../registry/need-to-know.ts';
import { balanceOf, type PermitBalance } from './permits.ts';
import { type PermitStatus, permitStatusSql } from './status.ts';

export interface PermitFilters {
  status?: PermitStatus;
  procedure?: string;
  agency?: string;
  traderRfc?: string;
  /** Only permits whose last valid day is on or before this day. */
  endsBy?: string;
}

interface ListedRow {
  id: string;
  number: string;
  status: PermitStatus;
  kind: IssuedKind;
  agency_code: string;
  procedure_code: string;
  procedure_name: { es: string; en: string };
  holder: { rfc: string; legalName: string };
  valid_from: string;
  valid_to: string;
  issued_at: Date;
  sort_at: string;
  lines: Parameters<typeof balanceOf>[0][];
}

/**
 * The permits a caller may see, newest first: those of the traders it acts for now (the trader, its legal
 * representative, a broker while its delegation is active: `applicantSideSql`) and those of applications it
 * handles as an officer (`handledBySql`, as `readPermit`). Customs officers read permits by number, never lists.
 * One keyset page of `limit + 1` after the (issuedAt, id) key `after`; balances come in the same query.
 */
export async function listPermits(
  ctx: Context,
  principal: Principal,
  q: PermitFilters & { limit: number; after?: [string, string] },
) {
  const [afterAt, afterId] = q.after ?? [null, null];
  const status = permitStatusSql('p', '$3');
  const rows = await ctx.db.query<ListedRow>(
    `select p.id, p.number, ${status} as status, p.kind, p.agency_code, p.procedure_code,
        p.document->'procedure'->'name' as procedure_name, p.document->'holder' as holder,
        p.valid_from, p.valid_to, p.issued_at, ${timestampKeySql('p.issued_at')} as sort_at,
        coalesce((select json_agg(l order by l.line) from permit_lines l where l.permit_id = p.id), '[]') as lines
      from permits p
      where (${applicantSideSql('p.trader_id', '$1')}
          or exists (select 1 from applications a where a.id = p.application_id and ${handledBySql('$1', '$2')}))
        and ($4::text is null or ${status} = $4)
        and ($5::text is null or p.procedure_code = $5)
        and ($6::text is null or p.agency_code = $6)
        and ($7::text is null or p.holder_rfc = upper($7))
        and ($8::date is null or p.valid_to <= $8::date)
        and ($9::timestamptz is null or p.issued_at < $9::timestamptz
          or (p.issued_at = $9::timestamptz and p.id > $10::uuid))
      order by p.issued_at desc, p.id limit $11`,
    [
      principal.rfc,
      principal.certificateFingerprint,
      mexicoDate(ctx.clock.now()),
      q.status ?? null,
      q.procedure ?? null,
      q.agency ?? null,
      q.traderRfc ?? null,
      q.endsBy ?? null,
      afterAt,
      afterId,
      q.limit + 1,
    ],
  );
  return rows.map((r) => ({
    key: [r.sort_at, r.id],
    item: {
      number: r.number,
      status: r.status,
      kind: r.kind,
      agency: r.agency_code,
      procedure: { code: r.procedure_code, name: r.procedure_name },
      holder: { rfc: r.holder.rfc, legalName: r.holder.legalName },
      validFrom: r.valid_from,
      validTo: r.valid_to,
      issuedAt: r.issued_at.toISOString(),
      balances: r.lines.map(balanceOf) satisfies PermitBalance[],
    },
  }));
}
