import type { Principal } from '../auth/principal.ts';
import { appendAudit } from '../audit/log.ts';
import type { Sql } from '../db/db.ts';
import { AppError, notFound } from '../errors.ts';
import { parseCurp, parseRfc } from './identifiers.ts';
import { requireOfficerRole } from './identity.ts';
import { OFFICER_ROLES, type BrokerPatentRecord, type BrokerPatentStatusChange, type PatentStatus } from './schemas.ts';

/**
 * The registry of customs broker patents ANAM has granted. A broker's claim to a patent is checked
 * against it (requireHeldPatent); ANAM administrators keep it with signed actions.
 */
interface PatentRow {
  patent: string;
  holder_rfc: string;
  holder_curp: string;
  holder_name: string;
  status: PatentStatus;
  granted_on: string;
  recorded_at: Date;
  status_changed_at: Date;
}

const SELECT = `select patent, holder_rfc, holder_curp, holder_name, status, granted_on, recorded_at, status_changed_at
  from broker_patents`;

const view = (p: PatentRow) => ({
  patent: p.patent,
  holderRfc: p.holder_rfc,
  holderCurp: p.holder_curp,
  holderName: p.holder_name,
  status: p.status,
  grantedOn: p.granted_on,
  recordedAt: p.recorded_at.toISOString(),
  statusChangedAt: p.status_changed_at.toISOString(),
});

const findPatent = (db: Sql, patent: string, lock = false) =>
  db.maybe<PatentRow>(`${SELECT} where patent = $1${lock ? ' for update' : ''}`, [patent]);

async function patentRow(db: Sql, patent: string, lock = false) {
  const row = await findPatent(db, patent, lock);
  if (!row) throw notFound('broker_patent', patent);
  return row;
}

const requireAnamAdministrator = (db: Sql, principal: Principal) =>
  requireOfficerRole(db, principal, 'ANAM', ['administrator']);

function normalisePatent(input: BrokerPatentRecord): BrokerPatentRecord {
  const { rfc, kind } = parseRfc(input.holderRfc, 'holderRfc');
  if (kind !== 'person')
    throw new AppError(
      'registry.broker_not_person',
      'A customs broker patent belongs to a person (13-character RFC).',
      400,
    );
  return { ...input, holderRfc: rfc, holderCurp: parseCurp(input.holderCurp, 'holderCurp') };
}

export async function checkPatentRecord(db: Sql, principal: Principal, input: BrokerPatentRecord) {
  await requireAnamAdministrator(db, principal);
  const patent = normalisePatent(input);
  if (await findPatent(db, patent.patent)) {
    throw new AppError(
      'registry.patent_exists',
      `Patent ${patent.patent} is already recorded: change its status instead.`,
      409,
    );
  }
}

/** actorRfc and signatureId are null only when the system records a patent (`ventanilla patent add`, the demo). */
export async function recordPatent(
  tx: Sql,
  opts: { input: BrokerPatentRecord; actorRfc: string | null; signatureId: string | null; now?: Date },
) {
  const at = opts.now ?? tx.now();
  const p = normalisePatent(opts.input);
  const inserted = await tx.query(
    `insert into broker_patents
       (patent, holder_rfc, holder_curp, holder_name, status, granted_on, recorded_at, status_changed_at)
     values ($1, $2, $3, $4, 'active', $5, $6, $6) on conflict do nothing returning patent`,
    [p.patent, p.holderRfc, p.holderCurp, p.holderName, p.grantedOn, at],
  );
  if (inserted.length === 0)
    throw new AppError('registry.patent_exists', `Patent ${p.patent} is already recorded.`, 409);
  await appendAudit(tx, {
    type: 'broker_patent.recorded',
    actorRfc: opts.actorRfc,
    objectType: 'broker_patent',
    objectId: p.patent,
    at,
    signatureId: opts.signatureId,
    data: { holderRfc: p.holderRfc, grantedOn: p.grantedOn },
  });
  return view(await patentRow(tx, p.patent));
}

function checkStatusChange(current: PatentRow, change: BrokerPatentStatusChange) {
  if (current.status === change.status) {
    throw new AppError(
      'registry.patent_status_unchanged',
      `Patent ${current.patent} is already ${current.status}.`,
      409,
    );
  }
}

export async function checkPatentStatusChange(
  db: Sql,
  principal: Principal,
  patent: string,
  change: BrokerPatentStatusChange,
) {
  await requireAnamAdministrator(db, principal);
  checkStatusChange(await patentRow(db, patent), change);
}

export async function changePatentStatus(
  tx: Sql,
  opts: { patent: string; change: BrokerPatentStatusChange; actorRfc: string; signatureId: string; now?: Date },
) {
  const at = opts.now ?? tx.now();
  const current = await patentRow(tx, opts.patent, true);
  checkStatusChange(current, opts.change);
  await tx.query('update broker_patents set status = $2, status_changed_at = $3 where patent = $1', [
    opts.patent,
    opts.change.status,
    at,
  ]);
  await appendAudit(tx, {
    type: 'broker_patent.status_changed',
    actorRfc: opts.actorRfc,
    objectType: 'broker_patent',
    objectId: opts.patent,
    at,
    signatureId: opts.signatureId,
    data: { from: current.status, to: opts.change.status, reason: opts.change.reason ?? null },
  });
  return view(await patentRow(tx, opts.patent));
}

/** ANAM's officers read the registry (customs checks who holds a patent); nobody else does. */
export async function getPatent(db: Sql, principal: Principal, patent: string) {
  await requireOfficerRole(db, principal, 'ANAM', OFFICER_ROLES);
  return view(await patentRow(db, patent));
}

/**
 * A broker's claim to a patent holds only if ANAM recorded that patent for the same RFC and CURP and it
 * is active. "Unknown" and "someone else's" are one answer, so the registry cannot be probed through it.
 */
export async function requireHeldPatent(db: Sql, claim: { patent: string; rfc: string; curp: string }) {
  const row = await findPatent(db, claim.patent);
  if (!row || row.holder_rfc !== claim.rfc || row.holder_curp !== claim.curp) {
    throw new AppError(
      'registry.patent_not_held',
      `ANAM has no patent ${claim.patent} recorded for RFC ${claim.rfc} and CURP ${claim.curp}: ask ANAM to record it.`,
      403,
    );
  }
  if (row.status !== 'active') {
    throw new AppError(
      'registry.patent_not_active',
      `Patent ${claim.patent} is ${row.status}: a broker acts only with an active patent.`,
      403,
    );
  }
}
