import type { Principal } from '../auth/principal.ts';
import type { Sql } from '../db/db.ts';
import { notFound } from '../errors.ts';
import { timestampKeySql, type Keyed, type KeysetPage } from '../http/pagination.ts';
import { brokersWithPatents, findBroker } from '../registry/brokers.ts';
import { traderRelation } from '../registry/identity.ts';
import { applicantSideSql, formerBrokerOf, formerBrokerSql, officerNeedsToKnow } from '../registry/need-to-know.ts';
import { withTraderRfcs } from '../registry/traders.ts';
import { COVE_NUMBER_PATTERN, type CoveContent } from './cove-schemas.ts';

/** A COVE version. Rows never change: an amendment is a new row (its own number) linked to the one it amends. */
export interface CoveRow {
  id: string;
  number: string;
  root_id: string;
  amends_id: string | null;
  version: number;
  trader_id: string;
  operation_type: 'import' | 'export';
  invoice_number: string;
  content: CoveContent;
  consult_rfcs: string[];
  broker_patents: string[];
  filed_by_rfc: string;
  filed_as: 'self' | 'legal_representative' | 'broker';
  amendment_reason: string | null;
  signature_id: string;
  filed_at: Date;
  root_number: string;
  amends_number: string | null;
  trader_rfc: string;
  trader_legal_rep_rfc: string;
}

export const COVE_SELECT = `select c.id, c.number, c.root_id, c.amends_id, c.version, c.trader_id, c.operation_type,
    c.invoice_number, c.content, c.consult_rfcs, c.broker_patents, c.filed_by_rfc, c.filed_as, c.amendment_reason,
    c.signature_id, c.filed_at,
    r.number as root_number, a.number as amends_number
  from coves c join coves r on r.id = c.root_id left join coves a on a.id = c.amends_id`;

type StoredCove = Omit<CoveRow, 'trader_rfc' | 'trader_legal_rep_rfc'>;

/** COVE rows (`COVE_SELECT` then `rest`) with their trader's RFCs, which the registry gives. */
export async function coveRows<R extends object = object>(
  db: Sql,
  rest: string,
  params: unknown[],
  select = COVE_SELECT,
): Promise<(CoveRow & R)[]> {
  return withTraderRfcs(db, await db.query<StoredCove & R>(`${select} ${rest}`, params));
}

export interface CoveChain {
  requested: CoveRow;
  /** Every version, first to latest. */
  versions: CoveRow[];
  latest: CoveRow;
  trader: { id: string; rfc: string; legal_rep_rfc: string };
}

const validNumber = new RegExp(COVE_NUMBER_PATTERN);

export async function loadChain(db: Sql, number: string): Promise<CoveChain | null> {
  if (!validNumber.test(number)) return null;
  const [requested] = await coveRows(db, 'where c.number = $1', [number]);
  if (!requested) return null;
  const versions = await coveRows(db, 'where c.root_id = $1 order by c.version', [requested.root_id]);
  return {
    requested,
    versions,
    latest: versions.at(-1)!,
    trader: { id: requested.trader_id, rfc: requested.trader_rfc, legal_rep_rfc: requested.trader_legal_rep_rfc },
  };
}

/**
 * Who may read a COVE: the trader's applicant side (so a filer reads it while still on that side), the
 * RFCs and broker patents the latest version names (third parties the trader chose), and officers who
 * need to know it (an application citing the chain, or customs). A broker whose delegation was revoked
 * reads nothing of the trader, even where the COVE names it.
 */
export async function mayRead(db: Sql, principal: Principal, chain: CoveChain): Promise<boolean> {
  if (await traderRelation(db, principal, chain.trader)) return true;
  if (await formerBrokerOf(db, principal, chain.trader.id)) return false;
  const { consult_rfcs: consultRfcs, broker_patents: brokerPatents } = chain.latest;
  if (consultRfcs.includes(principal.rfc)) return true;
  const broker = brokerPatents.length > 0 ? await findBroker(db, 'rfc', principal.rfc) : null;
  if (broker && brokerPatents.includes(broker.patent)) return true;
  return officerNeedsToKnow(db, principal, chain.trader.id, {
    kind: 'cove',
    numbers: chain.versions.map((v) => v.number),
  });
}

/** The chain of a COVE the caller may read; anyone else is told it does not exist. */
export async function readableChain(db: Sql, principal: Principal, number: string): Promise<CoveChain> {
  const chain = await loadChain(db, number);
  if (!chain || !(await mayRead(db, principal, chain))) throw notFound('cove', number);
  return chain;
}

export function coveView(c: CoveRow) {
  return {
    number: c.number,
    rootNumber: c.root_number,
    version: c.version,
    amends: c.amends_number,
    trader: c.trader_rfc,
    operationType: c.operation_type,
    invoiceNumber: c.invoice_number,
    filedBy: c.filed_by_rfc,
    filedAs: c.filed_as,
    filedAt: c.filed_at.toISOString(),
    signatureId: c.signature_id,
    amendmentReason: c.amendment_reason,
    content: c.content,
  };
}

const chainEntry = (c: CoveRow) => ({
  number: c.number,
  version: c.version,
  amends: c.amends_number,
  filedBy: c.filed_by_rfc,
  filedAs: c.filed_as,
  filedAt: c.filed_at.toISOString(),
  signatureId: c.signature_id,
  amendmentReason: c.amendment_reason,
});

/** The version asked for (an original stays readable), the latest version and the whole chain. */
export async function getCove(db: Sql, principal: Principal, number: string) {
  const chain = await readableChain(db, principal, number);
  return {
    requested: coveView(chain.requested),
    latest: coveView(chain.latest),
    chain: chain.versions.map(chainEntry),
  };
}

/**
 * The latest version of every COVE of a trader the caller is the applicant side of, or that names the caller; newest
 * first, after the key `[filedAt, number]` of the last one seen; `limit + 1` rows tell a next page.
 */
export async function listCoves(
  db: Sql,
  principal: Principal,
  page: KeysetPage<[string, string]>,
): Promise<Keyed<ReturnType<typeof coveSummary>>[]> {
  // The caller's own patent, if a broker: a COVE naming it is theirs to read.
  const patent = (await findBroker(db, 'rfc', principal.rfc))?.patent ?? null;
  const rows = await coveRows<{ filed_key: string }>(
    db,
    `where not exists (select 1 from coves n where n.amends_id = c.id)
       and (${applicantSideSql('c.trader_id', '$1')}
         or (not ${formerBrokerSql('c.trader_id', '$1')} and ($1 = any(c.consult_rfcs)
           or $5::text = any(c.broker_patents))))
       and ($2::timestamptz is null or (c.filed_at, c.number) < ($2::timestamptz, $3::text))
     order by c.filed_at desc, c.number desc limit $4`,
    [principal.rfc, page.after?.[0] ?? null, page.after?.[1] ?? null, page.limit + 1, patent],
    `select ${timestampKeySql('c.filed_at')} as filed_key, ${COVE_SELECT.slice('select '.length)}`,
  );
  return rows.map((c) => ({ key: [c.filed_key, c.number], item: coveSummary(c) }));
}

const coveSummary = (c: CoveRow) => ({
  ...chainEntry(c),
  rootNumber: c.root_number,
  trader: c.trader_rfc,
  operationType: c.operation_type,
  invoiceNumber: c.invoice_number,
});

export interface CoveForCustoms {
  number: string;
  rootNumber: string;
  version: number;
  /** The latest version of the chain; `current` is false when `number` was amended since. */
  latestNumber: string;
  current: boolean;
  traderRfc: string;
  operationType: 'import' | 'export';
  invoiceNumber: string;
  invoiceDate: string;
  issuerTaxId: string;
  recipientTaxId: string;
  consultRfcs: string[];
  brokerPatents: string[];
  /** The RFCs of the brokers holding those patents. */
  brokerRfcs: string[];
  currencies: string[];
  /** Sum of the lines' USD values, in cents precision. */
  usdValue: number;
  filedByRfc: string;
  filedAt: string;
  signatureId: string;
}

/**
 * For customs-declaration validation: the COVE with this number (any version), or null. The caller
 * checks that it belongs to the declaration's parties (trader, broker patent) and that it is current.
 */
export async function findCoveForCustoms(db: Sql, number: string): Promise<CoveForCustoms | null> {
  const chain = await loadChain(db, number.trim().toUpperCase());
  if (!chain) return null;
  const c = chain.requested;
  const brokers = await brokersWithPatents(db, c.broker_patents);
  return {
    number: c.number,
    rootNumber: c.root_number,
    version: c.version,
    latestNumber: chain.latest.number,
    current: chain.latest.id === c.id,
    traderRfc: c.trader_rfc,
    operationType: c.operation_type,
    invoiceNumber: c.invoice_number,
    invoiceDate: c.content.invoiceDate,
    issuerTaxId: c.content.issuer.taxId,
    recipientTaxId: c.content.recipient.taxId,
    consultRfcs: c.consult_rfcs,
    brokerPatents: c.broker_patents,
    brokerRfcs: brokers.map((b) => b.rfc),
    currencies: [...new Set(c.content.goods.map((g) => g.currency))],
    usdValue: Math.round(c.content.goods.reduce((sum, g) => sum + g.usdValue, 0) * 100) / 100,
    filedByRfc: c.filed_by_rfc,
    filedAt: c.filed_at.toISOString(),
    signatureId: c.signature_id,
  };
}
