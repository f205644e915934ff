import type { Sql } from './db.ts';

/**
 * The next number of a gapless yearly sequence (folios, permit numbers). The row lock taken by the
 * upsert is held until the caller's transaction ends, so numbers are never skipped or repeated.
 */
export async function nextInSequence(tx: Sql, scope: string, year: number): Promise<number> {
  const row = await tx.one<{ last: number }>(
    `insert into sequences (scope, year, last) values ($1, $2, 1)
     on conflict (scope, year) do update set last = sequences.last + 1 returning last`,
    [scope, year],
  );
  return row.last;
}
