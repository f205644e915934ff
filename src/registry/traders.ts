import crypto from 'node:crypto';
import type { Principal } from '../auth/principal.ts';
import { appendAudit } from '../audit/log.ts';
import type { Sql } from '../db/db.ts';
import { json } from '../db/db.ts';
import { AppError, notFound } from '../errors.ts';
import { parseCertificate } from '../pki/certificate.ts';
import type { Keyed, KeysetPage } from '../http/pagination.ts';
import type { VerifiedSigner } from '../pki/signature.ts';
import { parseCurp, parseRfc } from './identifiers.ts';
import { traderRelation, type TraderRelation } from './identity.ts';
import { officerNeedsToKnow } from './need-to-know.ts';
import {
  checkExpectedVersion,
  notActingParty,
  profileHistory,
  recordProfileVersion,
  type ProfileVersion,
} from './profiles.ts';
import type { TraderProfile } from './schemas.ts';

export interface TraderRow {
  id: string;
  rfc: string;
  kind: 'company' | 'person';
  legal_name: string;
  legal_rep_rfc: string;
  version: number;
  profile: TraderProfile;
  created_at: Date;
  updated_at: Date;
}

/**
 * Normalises and checks what a schema cannot: RFC and CURP check digits, and that a company
 * has a legal representative who is a person.
 */
export function normaliseTraderProfile(
  input: TraderProfile,
): TraderProfile & { kind: 'company' | 'person'; legalRepRfc: string } {
  const { rfc, kind } = parseRfc(input.rfc, 'profile.rfc');
  let legalRepresentative = input.legalRepresentative;
  if (legalRepresentative) {
    const rep = parseRfc(legalRepresentative.rfc, 'profile.legalRepresentative.rfc');
    if (rep.kind !== 'person') {
      throw new AppError(
        'registry.legal_rep_not_person',
        'The legal representative must be a person (13-character RFC).',
        400,
      );
    }
    legalRepresentative = {
      ...legalRepresentative,
      rfc: rep.rfc,
      curp: parseCurp(legalRepresentative.curp, 'profile.legalRepresentative.curp'),
    };
  } else if (kind === 'company') {
    throw new AppError('registry.legal_rep_required', 'A company must name its legal representative.', 400);
  }
  const profile = { ...input, rfc, ...(legalRepresentative ? { legalRepresentative } : {}) };
  return { ...profile, kind, legalRepRfc: legalRepresentative?.rfc ?? rfc };
}

// The flows read the traders table through this module (traderByRfc, traderById), never with their own SQL.
const findTrader = (db: Sql, rfc: string, lock = false) =>
  db.maybe<TraderRow>(`select * from traders where rfc = $1${lock ? ' for update' : ''}`, [rfc.toUpperCase()]);

/** The trader with this RFC (any case), or null. */
export const traderByRfc = (db: Sql, rfc: string): Promise<TraderRow | null> => findTrader(db, rfc);

/** The trader with this id, which the caller holds from a row that refers to it (it exists). */
export const traderById = (db: Sql, id: string): Promise<TraderRow> =>
  db.one<TraderRow>('select * from traders where id = $1', [id]);

/** What a list shows of the trader each row belongs to, and what its access checks compare. */
export interface TraderName {
  id: string;
  rfc: string;
  legalName: string;
  legalRepRfc: string;
}

/** The traders behind a page of rows, by id, in one query: lists join names here instead of joining the table. */
export async function traderNames(db: Sql, ids: readonly string[]): Promise<Map<string, TraderName>> {
  const rows = await db.query<{ id: string; rfc: string; legal_name: string; legal_rep_rfc: string }>(
    'select id, rfc, legal_name, legal_rep_rfc from traders where id = any($1::uuid[])',
    [[...new Set(ids)]],
  );
  return new Map(
    rows.map((t) => [t.id, { id: t.id, rfc: t.rfc, legalName: t.legal_name, legalRepRfc: t.legal_rep_rfc }]),
  );
}

/** Rows of other stores with the RFC (and representative) of their trader, which each refers to by `trader_id`. */
export async function withTraderRfcs<R extends { trader_id: string }>(
  db: Sql,
  rows: R[],
): Promise<(R & { trader_rfc: string; trader_legal_rep_rfc: string })[]> {
  const names = await traderNames(
    db,
    rows.map((r) => r.trader_id),
  );
  return rows.map((r) => {
    const t = names.get(r.trader_id)!;
    return Object.assign(r, { trader_rfc: t.rfc, trader_legal_rep_rfc: t.legalRepRfc });
  });
}

export async function traderRow(db: Sql, rfc: string, lock = false): Promise<TraderRow> {
  const row = await findTrader(db, rfc, lock);
  if (!row) throw notFound('trader', rfc);
  return row;
}

/** Acting for a registered trader: the trader itself or the legal representative it registered. */
export function checkTraderSigner(signerRfc: string, trader: { rfc: string; legalRepRfc: string }) {
  if (signerRfc !== trader.rfc && signerRfc !== trader.legalRepRfc) throw notActingParty(signerRfc, trader.rfc);
}

/**
 * Who may sign a trader's profile into the registry. A company registers only with its own e.firma
 * (a SAT company certificate carries the company's RFC) and a person only with theirs, so nobody
 * registers a company, or a person, that is not theirs. The legal representative a company names is
 * proven by the company's own signature over the profile that names them.
 */
function checkRegistrant(signerRfc: string, profile: { rfc: string; kind: 'company' | 'person' }) {
  if (signerRfc === profile.rfc) return;
  if (profile.kind === 'company') {
    throw new AppError(
      'registry.company_signature_required',
      `Registering company ${profile.rfc} needs the company's own e.firma (a ` +
        `certificate with RFC ${profile.rfc}): log in and sign with it.`,
      403,
    );
  }
  throw new AppError(
    'registry.signer_not_trader',
    `Only ${profile.rfc} can register itself as a trader: log in and sign with that person's own e.firma.`,
    403,
  );
}

/**
 * A SAT company certificate also names the legal representative who applied for it ("RFC / RFC_REP"):
 * a profile the company signs with it names that same representative.
 */
function checkCertificateRepresentative(
  signer: VerifiedSigner,
  profile: { rfc: string; kind: 'company' | 'person'; legalRepRfc: string },
) {
  if (profile.kind !== 'company' || signer.rfc !== profile.rfc) return;
  const named = parseCertificate(signer.certificateDer).representativeRfc;
  if (named && named !== profile.legalRepRfc) {
    throw new AppError(
      'registry.legal_rep_not_in_certificate',
      `The company certificate names ${named} as legal representative, not ` +
        `${profile.legalRepRfc}: a new representative needs a company certificate naming them.`,
      403,
    );
  }
}

/** The representative edits the profile, but only the trader itself hands the representation to someone else. */
function checkRepresentativeChange(
  signerRfc: string,
  current: { rfc: string; legal_rep_rfc: string },
  next: { legalRepRfc: string },
) {
  if (next.legalRepRfc !== current.legal_rep_rfc && signerRfc !== current.rfc) {
    throw new AppError(
      'registry.legal_rep_change_needs_company',
      `Only ${current.rfc} itself, signing with its own e.firma, can change its legal representative.`,
      403,
    );
  }
}

export async function checkTraderRegistration(db: Sql, principal: Principal, input: TraderProfile) {
  const profile = normaliseTraderProfile(input);
  checkRegistrant(principal.rfc, profile);
  if (await db.maybe('select 1 from traders where rfc = $1', [profile.rfc])) {
    throw new AppError(
      'registry.trader_exists',
      `Trader ${profile.rfc} is already registered: update its profile instead.`,
      409,
    );
  }
}

export async function registerTrader(
  tx: Sql,
  opts: { input: TraderProfile; signer: VerifiedSigner; signatureId: string; now?: Date },
) {
  const { kind, legalRepRfc, ...profile } = normaliseTraderProfile(opts.input);
  checkRegistrant(opts.signer.rfc, { rfc: profile.rfc, kind });
  checkCertificateRepresentative(opts.signer, { rfc: profile.rfc, kind, legalRepRfc });
  const id = crypto.randomUUID();
  const at = opts.now ?? tx.now();
  const inserted = await tx.query(
    `insert into traders (id, rfc, kind, legal_name, legal_rep_rfc, version, profile, created_at, updated_at)
     values ($1, $2, $3, $4, $5, 1, $6, $7, $7) on conflict (rfc) do nothing returning id`,
    [id, profile.rfc, kind, profile.legalName, legalRepRfc, json(profile), at],
  );
  if (inserted.length === 0)
    throw new AppError('registry.trader_exists', `Trader ${profile.rfc} is already registered.`, 409);
  await recordProfileVersion(tx, {
    kind: 'trader',
    partyId: id,
    version: 1,
    profile,
    signatureId: opts.signatureId,
    at,
  });
  await appendAudit(tx, {
    type: 'trader.registered',
    actorRfc: opts.signer.rfc,
    at,
    objectType: 'trader',
    objectId: profile.rfc,
    signatureId: opts.signatureId,
    data: { version: 1, legalName: profile.legalName, kind },
  });
  return traderView(await traderRow(tx, profile.rfc));
}

export async function checkTraderUpdate(
  db: Sql,
  principal: Principal,
  rfc: string,
  update: { expectedVersion: number; profile: TraderProfile },
) {
  // A trader the caller may not see is "not found", whether or not it exists.
  const { trader: current } = await readTrader(db, principal, rfc);
  checkTraderSigner(principal.rfc, { rfc: current.rfc, legalRepRfc: current.legal_rep_rfc });
  const next = normaliseTraderProfile(update.profile);
  if (next.rfc !== current.rfc)
    throw new AppError('registry.rfc_immutable', 'The RFC of a registered trader cannot change.', 400);
  checkRepresentativeChange(principal.rfc, current, next);
  checkExpectedVersion(current.version, update.expectedVersion);
}

export async function updateTraderProfile(
  tx: Sql,
  opts: {
    rfc: string;
    update: { expectedVersion: number; profile: TraderProfile };
    signer: VerifiedSigner;
    signatureId: string;
    /** the window's clock (ctx.clock.now()); the handle's clock when omitted */ now?: Date;
  },
) {
  const current = await traderRow(tx, opts.rfc, true);
  checkTraderSigner(opts.signer.rfc, { rfc: current.rfc, legalRepRfc: current.legal_rep_rfc });
  checkExpectedVersion(current.version, opts.update.expectedVersion);
  const { kind, legalRepRfc, ...profile } = normaliseTraderProfile(opts.update.profile);
  if (profile.rfc !== current.rfc)
    throw new AppError('registry.rfc_immutable', 'The RFC of a registered trader cannot change.', 400);
  checkRepresentativeChange(opts.signer.rfc, current, { legalRepRfc });
  checkCertificateRepresentative(opts.signer, { rfc: current.rfc, kind, legalRepRfc });
  const version = current.version + 1;
  const at = opts.now ?? tx.now();
  await tx.query(
    `update traders set legal_name = $2, legal_rep_rfc = $3, version = $4, profile = $5, updated_at = $6 where id = $1`,
    [current.id, profile.legalName, legalRepRfc, version, json(profile), at],
  );
  await recordProfileVersion(tx, {
    kind: 'trader',
    partyId: current.id,
    version,
    profile,
    signatureId: opts.signatureId,
    at,
  });
  await appendAudit(tx, {
    type: 'trader.profile_updated',
    actorRfc: opts.signer.rfc,
    at,
    objectType: 'trader',
    objectId: current.rfc,
    signatureId: opts.signatureId,
    data: { version, legalRepresentativeChanged: legalRepRfc !== current.legal_rep_rfc },
  });
  return traderView(await traderRow(tx, current.rfc));
}

/** How the reader came to see the trader: its applicant side, or an officer handling one of its applications. */
type TraderReader = TraderRelation | 'officer';

function traderView(t: TraderRow, relation?: TraderReader) {
  return {
    id: t.id,
    rfc: t.rfc,
    kind: t.kind,
    legalName: t.legal_name,
    version: t.version,
    profile: t.profile,
    createdAt: t.created_at.toISOString(),
    updatedAt: t.updated_at.toISOString(),
    ...(relation ? { relation } : {}),
  };
}

/** Reading a trader: its applicant side, or an officer whose agency handles an application of it (need to know). */
export async function readTrader(
  db: Sql,
  principal: Principal,
  rfc: string,
): Promise<{ trader: TraderRow; relation: TraderReader }> {
  const trader = await findTrader(db, rfc);
  const relation: TraderReader | null =
    trader &&
    ((await traderRelation(db, principal, trader)) ??
      ((await officerNeedsToKnow(db, principal, trader.id, { kind: 'profile' })) ? 'officer' : null));
  // The same answer for "absent" and "not yours", so RFCs cannot be probed.
  if (!trader || !relation) throw notFound('trader', rfc);
  return { trader, relation };
}

export async function getTrader(db: Sql, principal: Principal, rfc: string) {
  const { trader, relation } = await readTrader(db, principal, rfc);
  return traderView(trader, relation);
}

/**
 * A trader's signed profile versions, newest first, below `after` (a version number); `limit + 1` rows tell a next
 * page.
 */
export async function getTraderHistory(
  db: Sql,
  principal: Principal,
  rfc: string,
  page: KeysetPage<[number]>,
): Promise<Keyed<ProfileVersion<TraderProfile>>[]> {
  const { trader } = await readTrader(db, principal, rfc);
  const versions = await profileHistory<TraderProfile>(db, 'trader', trader.id, {
    before: page.after?.[0],
    limit: page.limit,
  });
  return versions.map((item) => ({ key: [item.version], item }));
}
