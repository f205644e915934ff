import crypto from 'node:crypto';
import type { Principal } from '../auth/principal.ts';
import { appendAudit } from '../audit/log.ts';
import type { Sql } from '../db/db.ts';
import { AppError, notFound } from '../errors.ts';
import type { Keyed, KeysetPage } from '../http/pagination.ts';
import { parseCertificate } from '../pki/certificate.ts';
import { parseCurp, parseRfc } from './identifiers.ts';
import { CUSTOMS_AGENCY, requireOfficerRole } from './identity.ts';
import type { OfficerRegistration, OfficerRole } from './schemas.ts';

interface OfficerRow {
  id: string;
  agency_code: string;
  office_code: string | null;
  rfc: string;
  curp: string;
  name: string;
  email: string | null;
  roles: OfficerRole[];
  certificate_fingerprint: string;
  active: boolean;
  created_at: Date;
}

/** The officer with this id, which the caller holds from a row that refers to it (it exists). */
export const officerById = (db: Sql, id: string): Promise<OfficerRow> =>
  db.one<OfficerRow>('select * from officers where id = $1', [id]);

/** An active officer of the agency by id, or null. */
export const activeOfficer = (db: Sql, agency: string, id: string): Promise<OfficerRow | null> =>
  db.maybe<OfficerRow>('select * from officers where id = $1 and agency_code = $2 and active', [id, agency]);

/** The agency's active officers with one of the roles; with `office`, only its officers and the supervisors. */
export const activeOfficersWith = (
  db: Sql,
  agency: string,
  roles: readonly OfficerRole[],
  office?: { code: string | null },
): Promise<OfficerRow[]> =>
  db.query<OfficerRow>(
    `select * from officers f where f.agency_code = $1 and f.active and f.roles && $2::text[]
      and (not $4 or f.office_code = $3 or 'supervisor' = any(f.roles)) order by f.rfc`,
    [agency, roles, office?.code ?? null, office !== undefined],
  );

const view = (o: OfficerRow) => ({
  id: o.id,
  agency: o.agency_code,
  office: o.office_code,
  rfc: o.rfc,
  curp: o.curp,
  name: o.name,
  email: o.email,
  roles: o.roles,
  certificateFingerprint: o.certificate_fingerprint,
  active: o.active,
  createdAt: o.created_at.toISOString(),
});

/** An officer is a person bound to one certificate, whose RFC and CURP must be the ones declared. */
export async function normaliseOfficer(db: Sql, agency: string, input: OfficerRegistration) {
  const { rfc, kind } = parseRfc(input.rfc);
  if (kind !== 'person')
    throw new AppError('registry.officer_not_person', 'An officer is a person (13-character RFC).', 400);
  // Customs powers belong to the customs agency: the role is refused elsewhere (and `customsOfficerOf` ignores it
  // there).
  if (input.roles.includes('customs_officer') && agency !== CUSTOMS_AGENCY) {
    throw new AppError(
      'registry.customs_role_outside_anam',
      `The customs_officer role belongs to ${CUSTOMS_AGENCY} officers only; register this officer ` +
        `with ${agency}'s own roles.`,
      422,
    );
  }
  const curp = parseCurp(input.curp);
  const certificate = parseCertificate(input.certificate);
  if (certificate.rfc !== rfc || (certificate.curp && certificate.curp !== curp)) {
    throw new AppError(
      'registry.certificate_not_officer',
      `The certificate belongs to RFC ${certificate.rfc ?? '(none)'}, not to ${rfc}.`,
      400,
    );
  }
  if (
    input.officeCode &&
    !(await db.maybe('select 1 from offices where code = $1 and agency_code = $2', [input.officeCode, agency]))
  ) {
    throw new AppError('registry.office_unknown', `${input.officeCode} is not an office of ${agency}.`, 400);
  }
  return { ...input, rfc, curp, roles: [...new Set(input.roles)], fingerprint: certificate.fingerprint };
}

export async function checkOfficerRegistration(
  db: Sql,
  principal: Principal,
  agency: string,
  input: OfficerRegistration,
) {
  await requireOfficerRole(db, principal, agency, ['administrator']);
  const officer = await normaliseOfficer(db, agency, input);
  if (await db.maybe('select 1 from officers where agency_code = $1 and rfc = $2 and active', [agency, officer.rfc])) {
    throw new AppError('registry.officer_exists', `${officer.rfc} is already an active officer of ${agency}.`, 409);
  }
}

/** Registers (or re-binds to a new certificate) an officer of an agency. */
export async function registerOfficer(
  tx: Sql,
  opts: {
    agency: string;
    input: OfficerRegistration;
    actorRfc: string | null;
    signatureId: string | null;
    /** the window's clock (ctx.clock.now()); the handle's clock when omitted */ now?: Date;
  },
) {
  const at = opts.now ?? tx.now();
  const o = await normaliseOfficer(tx, opts.agency, opts.input);
  const row = await tx.one<OfficerRow>(
    `insert into officers
       (id, agency_code, office_code, rfc, curp, name, email, roles, certificate_fingerprint, active, created_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, true, $10)
     on conflict (agency_code, rfc) do update set office_code = excluded.office_code, curp = excluded.curp,
       name = excluded.name, email = excluded.email, roles = excluded.roles,
       certificate_fingerprint = excluded.certificate_fingerprint, active = true
     returning *`,
    [
      crypto.randomUUID(),
      opts.agency,
      o.officeCode ?? null,
      o.rfc,
      o.curp,
      o.name,
      o.email ?? null,
      o.roles,
      o.fingerprint,
      at,
    ],
  );
  await appendAudit(tx, {
    type: 'officer.registered',
    actorRfc: opts.actorRfc,
    at,
    objectType: 'officer',
    objectId: row.id,
    signatureId: opts.signatureId,
    data: {
      agency: opts.agency,
      office: row.office_code,
      rfc: row.rfc,
      roles: row.roles,
      certificateFingerprint: o.fingerprint,
    },
  });
  return view(row);
}

export async function checkOfficerDeactivation(db: Sql, principal: Principal, agency: string, id: string) {
  await requireOfficerRole(db, principal, agency, ['administrator']);
  const row = await db.maybe<OfficerRow>('select * from officers where id = $1 and agency_code = $2', [id, agency]);
  if (!row) throw notFound('officer', id);
  if (!row.active) throw new AppError('registry.officer_inactive', `Officer ${id} is already inactive.`, 409);
}

export async function deactivateOfficer(
  tx: Sql,
  opts: { agency: string; id: string; reason?: string; actorRfc: string; signatureId: string; now?: Date },
) {
  const row = await tx.maybe<OfficerRow>(
    'update officers set active = false where id = $1 and agency_code = $2 and active returning *',
    [opts.id, opts.agency],
  );
  if (!row) throw notFound('officer', opts.id);
  await appendAudit(tx, {
    type: 'officer.deactivated',
    actorRfc: opts.actorRfc,
    at: opts.now ?? tx.now(),
    objectType: 'officer',
    objectId: row.id,
    signatureId: opts.signatureId,
    data: { agency: opts.agency, rfc: row.rfc, reason: opts.reason ?? null },
  });
  return view(row);
}

/**
 * Only an agency's administrators and supervisors see its officers: central ones first, then by office and name,
 * after the key `[office, name, id]` of the last one seen; `limit + 1` rows tell a next page.
 */
export async function listOfficers(
  db: Sql,
  principal: Principal,
  agency: string,
  page: KeysetPage<[string, string, string]>,
): Promise<Keyed<ReturnType<typeof view>>[]> {
  await requireOfficerRole(db, principal, agency, ['administrator', 'supervisor']);
  // '' stands for "no office" so that the key has no null in it and central officers still come first.
  const rows = await db.query<OfficerRow & { office_key: string }>(
    `select *, coalesce(office_code, '') as office_key from officers
      where agency_code = $1 and ($2::text is null or (coalesce(office_code, ''), name, id) > ($2::text, $3::text,
        $4::uuid))
      order by coalesce(office_code, ''), name, id limit $5`,
    [agency, page.after?.[0] ?? null, page.after?.[1] ?? null, page.after?.[2] ?? null, page.limit + 1],
  );
  return rows.map((o) => ({ key: [o.office_key, o.name, o.id], item: view(o) }));
}
