import type { Principal } from '../auth/principal.ts';
import type { Sql } from '../db/db.ts';
import { customsOfficerOf } from './identity.ts';

/*
 * Need to know: what an officer may read of a trader. The applicant side (the trader, its legal
 * representative, a broker with an active delegation: `traderRelation`) reads its own data; an officer
 * reads it only because an application of that trader to the officer's agency needs it, and customs
 * reads what a declaration needs. Every read path asks here, so the rule lives in one place.
 */

/** The roles that handle applications; administrators manage officers, customs officers declarations. */
const CASE_ROLES = ['reviewer', 'resolver', 'supervisor'];

/**
 * SQL condition on an application aliased `a`: the caller (RFC and certificate fingerprint in the given
 * parameters) is an active officer, acting with their registered certificate, who handles it: of its agency,
 * with a case role, and for an office-bound procedure of the office it was routed to unless a supervisor.
 */
export function handledBySql(rfcParam: string, fingerprintParam: string): string {
  return `exists (select 1 from officers h
      join procedure_versions pv on pv.code = a.procedure_code and pv.version = a.procedure_version
    where h.rfc = ${rfcParam} and h.certificate_fingerprint = ${fingerprintParam} and h.active
      and h.agency_code = a.agency_code
      and h.roles && array[${CASE_ROLES.map((r) => `'${r}'`).join(', ')}]::text[]
      and (not coalesce((pv.definition->>'officeBound')::boolean, false) or a.office_code is null
        or h.office_code = a.office_code or 'supervisor' = any(h.roles)))`;
}

/**
 * SQL condition: the RFC in the parameter acts for the trader whose id is `traderId`, now (itself, its legal
 * representative, a broker with an active delegation): the `trader_actors` view, as `traderRelation` reads it.
 */
export function applicantSideSql(traderId: string, rfcParam: string): string {
  return `exists (select 1 from trader_actors ta where ta.trader_id = ${traderId} and ta.rfc = ${rfcParam})`;
}

/** The way people write an eDocument number (see normaliseEdocumentNumber), in SQL, for numbers cited in operations. */
const edocumentNumberSql = (x: string) =>
  `'ED' || translate(substr(upper(replace(btrim(${x}), '-', '')), 3), 'ILO', '110')`;

/** What an officer asks to read of a trader. */
export type TraderObject =
  | { kind: 'profile' }
  | { kind: 'edocument'; number: string }
  /** Every version's number: a COVE cited in any version opens its chain. */
  | { kind: 'cove'; numbers: string[] }
  | { kind: 'permit'; applicationId: string };

/**
 * Whether an officer needs to know this object of the trader: an application of the trader that the officer
 * handles (`handledBySql`) is the permit's, or its operation cites the eDocument or the COVE, or (profile)
 * simply exists. Customs officers (ANAM) read eDocuments, COVEs and permits by number, as declarations cite
 * them; never profiles. The applicant side is not asked here: see `traderRelation`.
 */
export async function officerNeedsToKnow(
  db: Sql,
  principal: Principal,
  traderId: string,
  object: TraderObject,
): Promise<boolean> {
  if (object.kind !== 'profile' && (await customsOfficerOf(db, principal))) return true;
  const cites =
    object.kind === 'edocument'
      ? `and exists (select 1 from jsonb_array_elements_text(coalesce(o.data->'edocuments', '[]'::jsonb)) x ` +
        `where ${edocumentNumberSql('x')} = $4)`
      : object.kind === 'cove'
        ? `and exists (select 1 from jsonb_array_elements_text(coalesce(o.data->'coves', '[]'::jsonb)) x where ` +
          `upper(btrim(x)) = any($4::text[]))`
        : object.kind === 'permit'
          ? 'and a.id = $4::uuid'
          : '';
  const subject =
    object.kind === 'edocument'
      ? object.number
      : object.kind === 'cove'
        ? object.numbers
        : object.kind === 'permit'
          ? object.applicationId
          : null;
  const found = await db.maybe(
    `select 1 from applications a join operations o on o.id = a.operation_id
      where a.trader_id = $1 and ${handledBySql('$2', '$3')} ${cites} limit 1`,
    [traderId, principal.rfc, principal.certificateFingerprint, ...(subject === null ? [] : [subject])],
  );
  return !!found;
}

/**
 * A broker whose delegation from the trader was revoked and who holds no active one: it has left the
 * trader's applicant side, and reads nothing of that trader any more, even where a document names it.
 */
export async function formerBrokerOf(db: Sql, principal: Principal, traderId: string): Promise<boolean> {
  return (
    await db.one<{ former: boolean }>(`select ${formerBrokerSql('$1::uuid', '$2')} as former`, [
      traderId,
      principal.rfc,
    ])
  ).former;
}

/** SQL condition, as `formerBrokerOf`, for the trader whose id is `traderId` and the RFC in the parameter. */
export function formerBrokerSql(traderId: string, rfcParam: string): string {
  return `exists (select 1 from delegations fd join brokers fb on fb.id = fd.broker_id
    where fd.trader_id = ${traderId} and fb.rfc = ${rfcParam} and fd.status = 'revoked'
      and not exists (select 1 from delegations fa
        where fa.trader_id = fd.trader_id and fa.broker_id = fd.broker_id and fa.status = 'active'))`;
}
