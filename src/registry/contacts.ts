import type { Sql } from '../db/db.ts';

/**
 * The e-mail address to write to for each RFC that has one, in one query. The person's own addresses
 * come first: the officer's (most recent registration), then the first contact of the broker or trader
 * registered under that RFC. Failing those, the first contact of the company the RFC legally represents;
 * when it represents several companies with different contacts none is chosen, because a notice about
 * one company must not reach another company's mailbox.
 */
export async function emailAddressesOf(tx: Sql, rfcs: string[]): Promise<Map<string, string>> {
  const rows = await tx.query<{ rfc: string; rank: number; email: string }>(
    `select rfc, rank, email from (
       select rfc, 1 as rank, email, created_at as at from officers where rfc = any($1::text[]) and active
       union all
       select rfc, 2, profile->'contacts'->0->>'email', updated_at from brokers where rfc = any($1::text[])
       union all
       select rfc, 3, profile->'contacts'->0->>'email', updated_at from traders where rfc = any($1::text[])
       union all
       select legal_rep_rfc, 4, profile->'contacts'->0->>'email', updated_at from traders
        where legal_rep_rfc = any($1::text[]) and legal_rep_rfc <> rfc
     ) candidates
     where email is not null and email <> ''
     order by rfc, rank, at desc`,
    [rfcs.map((rfc) => rfc.toUpperCase())],
  );
  const best = new Map<string, { rank: number; addresses: string[] }>();
  for (const row of rows) {
    const current = best.get(row.rfc);
    if (!current) best.set(row.rfc, { rank: row.rank, addresses: [row.email] });
    else if (current.rank === row.rank && !current.addresses.some((a) => a.toLowerCase() === row.email.toLowerCase())) {
      current.addresses.push(row.email);
    }
  }
  const result = new Map<string, string>();
  for (const [rfc, { rank, addresses }] of best) {
    if (rank === 4 && addresses.length > 1) continue;
    result.set(rfc, addresses[0]!);
  }
  return result;
}
