import type { Sql } from '../db/db.ts';
import { applicantSideSql } from '../registry/need-to-know.ts';

/**
 * The applicant side of an application, by RFC: the trader, its legal representative, a broker it delegates to, and
 * whoever filed or signed the operation. SQL over `o` (operations), so inboxes and lists filter by it.
 */
export const APPLICANT_SIDE_SQL = (
  rfc: string,
) => `(${applicantSideSql('o.trader_id', rfc)} or o.created_by_rfc = ${rfc}
  or exists (select 1 from signatures s where s.id = o.submit_signature_id and s.signer_rfc = ${rfc}))`;

/**
 * Whether `rfc` is on the applicant side of the operation an application was filed in: such an officer never handles
 * it.
 */
export async function onApplicantSide(db: Sql, rfc: string, app: { operation_id: string }): Promise<boolean> {
  return !!(await db.maybe(`select 1 from operations o where o.id = $1 and ${APPLICANT_SIDE_SQL('$2')}`, [
    app.operation_id,
    rfc,
  ]));
}
