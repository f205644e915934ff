import crypto from 'node:crypto';
import type { Principal } from '../auth/principal.ts';
import { appendAudit } from '../audit/log.ts';
import type { Sql } from '../db/db.ts';
import { AppError, notFound } from '../errors.ts';
import { timestampKeySql, type Keyed, type KeysetPage } from '../http/pagination.ts';
import { brokerBy } from './brokers.ts';
import { checkTraderSigner, readTrader, traderRow } from './traders.ts';

interface DelegationRow {
  id: string;
  trader_rfc: string;
  trader_name: string;
  legal_rep_rfc: string;
  broker_patent: string;
  broker_name: string;
  broker_rfc: string;
  status: 'active' | 'revoked';
  granted_at: Date;
  revoked_at: Date | null;
  /** The list's sort key (bigint: the driver gives text). */
  granted_key: string;
}

const SELECT = `select d.id, t.rfc as trader_rfc, t.legal_name as trader_name, t.legal_rep_rfc, b.patent
  as broker_patent,
  b.name as broker_name, b.rfc as broker_rfc, d.status, d.granted_at, d.revoked_at,
    ${timestampKeySql('d.granted_at')} as granted_key
  from delegations d join traders t on t.id = d.trader_id join brokers b on b.id = d.broker_id`;

const view = (d: DelegationRow) => ({
  id: d.id,
  trader: { rfc: d.trader_rfc, legalName: d.trader_name },
  broker: { patent: d.broker_patent, name: d.broker_name },
  status: d.status,
  grantedAt: d.granted_at.toISOString(),
  revokedAt: d.revoked_at?.toISOString() ?? null,
});

export async function checkDelegationGrant(db: Sql, principal: Principal, traderRfc: string, brokerPatent: string) {
  // A trader the caller may not see is "not found", whether or not it exists: no RFC oracle.
  const { trader } = await readTrader(db, principal, traderRfc);
  checkTraderSigner(principal.rfc, { rfc: trader.rfc, legalRepRfc: trader.legal_rep_rfc });
  const broker = await brokerBy(db, 'patent', brokerPatent);
  if (
    await db.maybe("select 1 from delegations where trader_id = $1 and broker_id = $2 and status = 'active'", [
      trader.id,
      broker.id,
    ])
  ) {
    throw new AppError('registry.delegation_exists', `Broker ${brokerPatent} already acts for ${trader.rfc}.`, 409);
  }
}

/** Encargo conferido: the broker may then file and read on the trader's behalf, and nothing else. */
export async function grantDelegation(
  tx: Sql,
  opts: { traderRfc: string; brokerPatent: string; signerRfc: string; signatureId: string; now?: Date },
) {
  const at = opts.now ?? tx.now();
  const trader = await traderRow(tx, opts.traderRfc, true);
  checkTraderSigner(opts.signerRfc, { rfc: trader.rfc, legalRepRfc: trader.legal_rep_rfc });
  const broker = await brokerBy(tx, 'patent', opts.brokerPatent);
  const id = crypto.randomUUID();
  const inserted = await tx.query(
    `insert into delegations (id, trader_id, broker_id, status, granted_at, grant_signature_id)
     values ($1, $2, $3, 'active', $5, $4) on conflict do nothing returning id`,
    [id, trader.id, broker.id, opts.signatureId, at],
  );
  if (inserted.length === 0)
    throw new AppError('registry.delegation_exists', `Broker ${broker.patent} already acts for ${trader.rfc}.`, 409);
  await appendAudit(tx, {
    type: 'delegation.granted',
    actorRfc: opts.signerRfc,
    objectType: 'delegation',
    objectId: id,
    signatureId: opts.signatureId,
    at,
    data: { trader: trader.rfc, broker: broker.patent },
  });
  return view(await delegationRow(tx, id));
}

async function delegationRow(db: Sql, id: string, lock = false): Promise<DelegationRow> {
  const row = await db.maybe<DelegationRow>(`${SELECT} where d.id = $1${lock ? ' for update of d' : ''}`, [id]);
  if (!row) throw notFound('delegation', id);
  return row;
}

export async function checkDelegationRevocation(db: Sql, principal: Principal, id: string) {
  const d = await delegationRow(db, id);
  // Only its parties see a delegation (listDelegations); to anyone else it does not exist.
  if (![d.trader_rfc, d.legal_rep_rfc, d.broker_rfc].includes(principal.rfc)) throw notFound('delegation', id);
  checkTraderSigner(principal.rfc, { rfc: d.trader_rfc, legalRepRfc: d.legal_rep_rfc });
  if (d.status !== 'active')
    throw new AppError('registry.delegation_not_active', `Delegation ${id} is already ${d.status}.`, 409);
}

export async function revokeDelegation(
  tx: Sql,
  opts: { id: string; reason?: string; signerRfc: string; signatureId: string; now?: Date },
) {
  const at = opts.now ?? tx.now();
  const d = await delegationRow(tx, opts.id, true);
  checkTraderSigner(opts.signerRfc, { rfc: d.trader_rfc, legalRepRfc: d.legal_rep_rfc });
  if (d.status !== 'active')
    throw new AppError('registry.delegation_not_active', `Delegation ${opts.id} is already ${d.status}.`, 409);
  await tx.query("update delegations set status = 'revoked', revoked_at = $3, revoke_signature_id = $2 where id = $1", [
    opts.id,
    opts.signatureId,
    at,
  ]);
  await appendAudit(tx, {
    type: 'delegation.revoked',
    actorRfc: opts.signerRfc,
    objectType: 'delegation',
    objectId: opts.id,
    signatureId: opts.signatureId,
    at,
    data: { trader: d.trader_rfc, broker: d.broker_patent, reason: opts.reason ?? null },
  });
  return view(await delegationRow(tx, opts.id));
}

/**
 * The delegations a caller may see: those of traders it is or represents, and those granted to it as a broker.
 * Newest first, after the key `[grantedAt, id]` of the last one seen; `limit + 1` rows tell a next page.
 */
export async function listDelegations(
  db: Sql,
  principal: Principal,
  filter: { traderRfc?: string; status?: 'active' | 'revoked' },
  page: KeysetPage<[string, string]>,
): Promise<Keyed<ReturnType<typeof view>>[]> {
  const rows = await db.query<DelegationRow>(
    `${SELECT} where (t.rfc = $1 or t.legal_rep_rfc = $1 or b.rfc = $1)
       and ($2::text is null or t.rfc = $2) and ($3::text is null or d.status = $3)
       and ($4::timestamptz is null or (d.granted_at, d.id) < ($4::timestamptz, $5::uuid))
     order by d.granted_at desc, d.id desc limit $6`,
    [
      principal.rfc,
      filter.traderRfc?.toUpperCase() ?? null,
      filter.status ?? null,
      page.after?.[0] ?? null,
      page.after?.[1] ?? null,
      page.limit + 1,
    ],
  );
  return rows.map((d) => ({ key: [d.granted_key, d.id], item: view(d) }));
}
