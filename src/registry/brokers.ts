import crypto from 'node:crypto';
import type { Principal } from '../auth/principal.ts';
import { appendAudit } from '../audit/log.ts';
import type { Sql } from '../db/db.ts';
import { json } from '../db/db.ts';
import { AppError, notFound } from '../errors.ts';
import type { VerifiedSigner } from '../pki/signature.ts';
import { parseCurp, parseRfc } from './identifiers.ts';
import { requireHeldPatent } from './patents.ts';
import { checkExpectedVersion, notActingParty, profileHistory, recordProfileVersion } from './profiles.ts';
import type { BrokerProfile } from './schemas.ts';

interface BrokerRow {
  id: string;
  rfc: string;
  patent: string;
  name: string;
  version: number;
  profile: BrokerProfile;
  created_at: Date;
  updated_at: Date;
}

/**
 * A patent belongs to a person: the broker's RFC is a person's and the broker signs for itself (the patent is checked
 * by requireHeldPatent).
 */
export async function normaliseBrokerProfile(db: Sql, input: BrokerProfile): Promise<BrokerProfile> {
  const { rfc, kind } = parseRfc(input.rfc, 'profile.rfc');
  if (kind !== 'person')
    throw new AppError(
      'registry.broker_not_person',
      'A customs broker patent belongs to a person (13-character RFC).',
      400,
    );
  const curp = parseCurp(input.curp, 'profile.curp');
  const known = await db.query<{ code: string }>(
    "select code from offices where agency_code = 'ANAM' and code = any($1::text[])",
    [input.customsOffices],
  );
  const unknown = input.customsOffices.filter((c) => !known.some((k) => k.code === c));
  if (unknown.length > 0) {
    throw new AppError('registry.customs_office_unknown', `Not ANAM customs offices: ${unknown.join(', ')}.`, 400, {
      unknown,
    });
  }
  return { ...input, rfc, curp, customsOffices: [...new Set(input.customsOffices)] };
}

function checkBrokerSigner(signer: { rfc: string; curp: string | null }, profile: { rfc: string; curp?: string }) {
  if (signer.rfc !== profile.rfc) throw notActingParty(signer.rfc, profile.rfc);
  if (profile.curp && signer.curp && signer.curp !== profile.curp) {
    throw new AppError(
      'registry.curp_mismatch',
      "The CURP in the profile is not the one in the signer's certificate.",
      400,
    );
  }
}

export async function checkBrokerRegistration(db: Sql, principal: Principal, input: BrokerProfile) {
  const profile = await normaliseBrokerProfile(db, input);
  checkBrokerSigner(principal, profile);
  await requireHeldPatent(db, profile);
  const clash = await db.maybe<{ rfc: string; patent: string }>(
    'select rfc, patent from brokers where rfc = $1 or patent = $2',
    [profile.rfc, profile.patent],
  );
  if (clash) {
    throw new AppError(
      'registry.broker_exists',
      clash.rfc === profile.rfc
        ? `Broker ${profile.rfc} is already registered.`
        : `Patent ${profile.patent} is already registered to another broker.`,
      409,
    );
  }
}

const brokerView = (b: BrokerRow) => ({
  id: b.id,
  rfc: b.rfc,
  patent: b.patent,
  name: b.name,
  version: b.version,
  profile: b.profile,
  createdAt: b.created_at.toISOString(),
  updatedAt: b.updated_at.toISOString(),
});

/** The broker with this RFC or patent, or null: the flows read the brokers table through here. */
export const findBroker = (db: Sql, column: 'patent' | 'rfc', value: string): Promise<BrokerRow | null> =>
  db.maybe<BrokerRow>(`select * from brokers where ${column} = $1`, [value]);

/** The broker with this id, which the caller holds from a row that refers to it (it exists). */
export const brokerById = (db: Sql, id: string): Promise<BrokerRow> =>
  db.one<BrokerRow>('select * from brokers where id = $1', [id]);

/** Which of these patents registered brokers hold, and their RFCs. */
export const brokersWithPatents = (db: Sql, patents: readonly string[]) =>
  db.query<{ rfc: string; patent: string }>(
    'select rfc, patent from brokers where patent = any($1::text[]) order by rfc',
    [patents],
  );

export async function brokerBy(db: Sql, column: 'patent' | 'rfc', value: string, lock = false) {
  const row = await db.maybe<BrokerRow>(`select * from brokers where ${column} = $1${lock ? ' for update' : ''}`, [
    value,
  ]);
  if (!row) throw notFound('broker', value);
  return row;
}

export async function registerBroker(
  tx: Sql,
  opts: { input: BrokerProfile; signer: VerifiedSigner; signatureId: string; now?: Date },
) {
  const profile = await normaliseBrokerProfile(tx, opts.input);
  checkBrokerSigner(opts.signer, profile);
  await requireHeldPatent(tx, profile);
  const id = crypto.randomUUID();
  const at = opts.now ?? tx.now();
  const inserted = await tx.query(
    `insert into brokers (id, rfc, patent, name, version, profile, created_at, updated_at)
     values ($1, $2, $3, $4, 1, $5, $6, $6) on conflict do nothing returning id`,
    [id, profile.rfc, profile.patent, profile.name, json(profile), at],
  );
  if (inserted.length === 0)
    throw new AppError(
      'registry.broker_exists',
      `Broker ${profile.rfc} or patent ${profile.patent} is already registered.`,
      409,
    );
  await recordProfileVersion(tx, {
    kind: 'broker',
    partyId: id,
    version: 1,
    profile,
    signatureId: opts.signatureId,
    at,
  });
  await appendAudit(tx, {
    type: 'broker.registered',
    actorRfc: opts.signer.rfc,
    at,
    objectType: 'broker',
    objectId: profile.patent,
    signatureId: opts.signatureId,
    data: { version: 1, rfc: profile.rfc, name: profile.name },
  });
  return brokerView(await brokerBy(tx, 'patent', profile.patent));
}

export async function checkBrokerUpdate(
  db: Sql,
  principal: Principal,
  patent: string,
  update: { expectedVersion: number; profile: BrokerProfile },
) {
  const current = await brokerBy(db, 'patent', patent);
  checkBrokerSigner(principal, current);
  const next = await normaliseBrokerProfile(db, update.profile);
  if (next.rfc !== current.rfc || next.patent !== current.patent) {
    throw new AppError('registry.broker_identity_immutable', "A broker's RFC and patent cannot change.", 400);
  }
  checkExpectedVersion(current.version, update.expectedVersion);
}

export async function updateBrokerProfile(
  tx: Sql,
  opts: {
    patent: string;
    update: { expectedVersion: number; profile: BrokerProfile };
    signer: VerifiedSigner;
    signatureId: string;
    /** the window's clock (ctx.clock.now()); the handle's clock when omitted */ now?: Date;
  },
) {
  const current = await brokerBy(tx, 'patent', opts.patent, true);
  checkBrokerSigner(opts.signer, current);
  checkExpectedVersion(current.version, opts.update.expectedVersion);
  const profile = await normaliseBrokerProfile(tx, opts.update.profile);
  const version = current.version + 1;
  const at = opts.now ?? tx.now();
  await tx.query('update brokers set name = $2, version = $3, profile = $4, updated_at = $5 where id = $1', [
    current.id,
    profile.name,
    version,
    json(profile),
    at,
  ]);
  await recordProfileVersion(tx, {
    kind: 'broker',
    partyId: current.id,
    version,
    profile,
    signatureId: opts.signatureId,
    at,
  });
  await appendAudit(tx, {
    type: 'broker.profile_updated',
    actorRfc: opts.signer.rfc,
    at,
    objectType: 'broker',
    objectId: current.patent,
    signatureId: opts.signatureId,
    data: { version },
  });
  return brokerView(await brokerBy(tx, 'patent', current.patent));
}

/** The broker directory is public information (patent, name, offices); contacts and history go to the broker only. */
export async function getBroker(db: Sql, principal: Principal, patent: string) {
  const broker = await brokerBy(db, 'patent', patent);
  if (broker.rfc === principal.rfc)
    return { ...brokerView(broker), versions: await profileHistory<BrokerProfile>(db, 'broker', broker.id) };
  return { patent: broker.patent, name: broker.name, customsOffices: broker.profile.customsOffices };
}
