/**
 * What a border officer needs to know of a permit, as one SQL expression: every read of a permit's status (its
 * page, the list and its filter, public verification, the customs check by number) computes it here, so they
 * cannot disagree. Revoked first, then outside its dates, then no quantity left on any line.
 */
export const PERMIT_STATUSES = ['valid', 'expired', 'not_yet_valid', 'revoked', 'exhausted'] as const;
export type PermitStatus = (typeof PERMIT_STATUSES)[number];

/** The status of the permit aliased `permit` on the calendar day (Mexico City) in the `today` parameter. */
export const permitStatusSql = (permit: string, today: string) => `(case
    when ${permit}.status = 'revoked' then 'revoked'
    when ${today}::date > ${permit}.valid_to then 'expired'
    when ${today}::date < ${permit}.valid_from then 'not_yet_valid'
    when exists (select 1 from permit_lines sl where sl.permit_id = ${permit}.id)
      and not exists (select 1 from permit_lines sl where sl.permit_id = ${permit}.id and sl.remaining_quantity > 0)
      then 'exhausted'
    else 'valid' end)`;
