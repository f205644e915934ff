import type { Principal } from '../auth/principal.ts';
import type { Sql } from '../db/db.ts';
import { AppError } from '../errors.ts';
import type { OfficerRole } from './schemas.ts';

export interface OfficerMembership {
  officerId: string;
  agency: string;
  office: string | null;
  roles: OfficerRole[];
}

/** Officer powers hold only for the certificate the officer was registered with. */
export async function officerMemberships(db: Sql, principal: Principal): Promise<OfficerMembership[]> {
  const rows = await db.query<{ id: string; agency_code: string; office_code: string | null; roles: OfficerRole[] }>(
    `select id, agency_code, office_code, roles from officers
      where rfc = $1 and certificate_fingerprint = $2 and active order by agency_code`,
    [principal.rfc, principal.certificateFingerprint],
  );
  return rows.map((r) => ({ officerId: r.id, agency: r.agency_code, office: r.office_code, roles: r.roles }));
}

export async function requireOfficerRole(db: Sql, principal: Principal, agency: string, roles: readonly OfficerRole[]) {
  const membership = (await officerMemberships(db, principal)).find((m) => m.agency === agency);
  if (!membership?.roles.some((r) => roles.includes(r))) {
    throw new AppError(
      'auth.not_agency_officer',
      `This action needs an officer of ${agency} with the role ${roles.join(' or ')}, acting with the ` +
        `certificate registered for them.`,
      403,
    );
  }
  return membership;
}

/**
 * The agency that holds customs powers. A customs_officer role anywhere else gives nothing (and cannot
 * be registered); `customsOfficerOf` is the one check every customs power goes through.
 */
export const CUSTOMS_AGENCY = 'ANAM';

/** The caller's membership as an ANAM customs officer (active, bound certificate), or null. */
export async function customsOfficerOf(db: Sql, principal: Principal): Promise<OfficerMembership | null> {
  const membership = (await officerMemberships(db, principal)).find((m) => m.agency === CUSTOMS_AGENCY);
  return membership?.roles.includes('customs_officer') ? membership : null;
}

/**
 * Declarations and their cancellation come from customs alone: an ANAM customs officer or a system using their token.
 */
export async function requireCustomsOfficer(db: Sql, principal: Principal): Promise<OfficerMembership> {
  const membership = await customsOfficerOf(db, principal);
  if (!membership) {
    throw new AppError(
      'auth.not_agency_officer',
      `This action needs an officer of ${CUSTOMS_AGENCY} with the role customs_officer, acting with the ` +
        `certificate registered for them.`,
      403,
    );
  }
  return membership;
}

/**
 * How the caller relates to a trader on its applicant side: the trader itself, its legal representative,
 * or a broker it delegated to (an active delegation). Officers have no relation here: what an officer may
 * read of a trader is need to know (`need-to-know.ts`), never a standing relation.
 */
export type TraderRelation = 'self' | 'legal_representative' | 'broker';

/** The strongest first: a trader that is its own representative acts as itself. */
const RELATIONS: readonly TraderRelation[] = ['self', 'legal_representative', 'broker'];

/** Reads the `trader_actors` view (migration 0011), the one statement of who acts for a trader. */
// Only the id counts; callers may pass the whole trader row they hold.
export async function traderRelation(
  db: Sql,
  principal: Principal,
  trader: { id: string; rfc?: string; legal_rep_rfc?: string },
): Promise<TraderRelation | null> {
  const rows = await db.query<{ relation: TraderRelation }>(
    'select relation from trader_actors where trader_id = $1 and rfc = $2',
    [trader.id, principal.rfc],
  );
  return RELATIONS.find((r) => rows.some((row) => row.relation === r)) ?? null;
}

/** GET /me: who the session is and what it may do, with the objects each permission applies to. */
export async function describeIdentity(db: Sql, principal: Principal) {
  const traders = await db.query<{ rfc: string; legal_name: string; relation: 'self' | 'legal_representative' }>(
    `select distinct on (t.rfc) t.rfc, t.legal_name, a.relation
       from trader_actors a join traders t on t.id = a.trader_id
      where a.rfc = $1 and a.relation <> 'broker' order by t.rfc, a.relation = 'self' desc`,
    [principal.rfc],
  );
  const broker = await db.maybe<{ id: string; patent: string; name: string }>(
    'select id, patent, name from brokers where rfc = $1',
    [principal.rfc],
  );
  const represented = broker
    ? await db.query<{ rfc: string; legal_name: string; delegation_id: string }>(
        `select t.rfc, t.legal_name, d.id as delegation_id from delegations d join traders t on t.id = d.trader_id
      where d.broker_id = $1 and d.status = 'active' order by t.rfc`,
        [broker.id],
      )
    : [];
  const officer = await officerMemberships(db, principal);
  const writes = principal.scopes.includes('write');
  const can = [
    ...(writes ? ['trader.register', ...(broker ? [] : ['broker.register'])] : []),
    ...traders.flatMap((t) =>
      writes ? [`trader.update:${t.rfc}`, `delegation.manage:${t.rfc}`] : [`trader.read:${t.rfc}`],
    ),
    ...represented.map((t) => `trader.file_for:${t.rfc}`),
    // Officers read a trader's data through the applications they handle: no blanket read is advertised.
    ...officer.flatMap((m) => [
      ...(m.roles.includes('administrator') ? [`officer.manage:${m.agency}`] : []),
      ...m.roles.filter((r) => r !== 'customs_officer').map((r) => `agency.${r}:${m.agency}`),
    ]),
    ...((await customsOfficerOf(db, principal)) ? ['customs.validate'] : []),
  ];
  return {
    rfc: principal.rfc,
    curp: principal.curp,
    name: principal.name,
    session: { id: principal.sessionId, kind: principal.kind, scopes: principal.scopes },
    traders: traders.map((t) => ({ rfc: t.rfc, legalName: t.legal_name, relation: t.relation })),
    broker: broker ? { patent: broker.patent, name: broker.name } : null,
    representedTraders: represented.map((t) => ({
      rfc: t.rfc,
      legalName: t.legal_name,
      delegationId: t.delegation_id,
    })),
    officer,
    can: [...new Set(can)],
  };
}
