import crypto from 'node:crypto';
import type { Principal } from '../auth/principal.ts';
import { appendAudit } from '../audit/log.ts';
import { checkCountry, checkCurrency } from '../catalog/codes.ts';
import type { Sql } from '../db/db.ts';
import { json } from '../db/db.ts';
import { randomNumber } from './numbers.ts';
import { AppError } from '../errors.ts';
import { canonicalJson } from '../pki/canonical.ts';
import { parseRfc } from '../registry/identifiers.ts';
import { brokerBy, brokersWithPatents } from '../registry/brokers.ts';
import { traderRelation } from '../registry/identity.ts';
import { traderByRfc } from '../registry/traders.ts';
import { coveRows, coveView, readableChain, type CoveRow } from './cove-queries.ts';
import type { CoveAmendmentInput, CoveContent, CoveInput, CoveParty } from './cove-schemas.ts';

/** For customs-declaration validation: whether a COVE exists and whose it is. */
export { findCoveForCustoms, type CoveForCustoms } from './cove-queries.ts';

/** 'COVE' + 9 random characters (45 bits): unique by retry, and no number says anything about the next. */
export const newCoveNumber = () => randomNumber('COVE', 9);

/** Amounts agree within a cent; the float error of large amounts is allowed for on top. */
const differ = (a: number, b: number) => Math.abs(a - b) > 0.01 + Math.max(Math.abs(a), Math.abs(b)) * 1e-12;

function normaliseParty(party: CoveParty, field: 'issuer' | 'recipient'): CoveParty {
  const country = checkCountry(party.address.country, `${field}.address.country`);
  // Foreign parties have their own country's tax id: only a party in Mexico has an RFC to check.
  if (country !== 'MX') return party;
  const missing = (['municipality', 'state', 'postalCode'] as const).filter((k) => !party.address[k]);
  if (missing.length > 0) {
    throw new AppError(
      'cove.address_incomplete',
      `${field}.address: an address in Mexico needs ${missing.join(', ')}.`,
      400,
      { field, missing },
    );
  }
  if (!/^[0-9]{5}$/.test(party.address.postalCode!)) {
    throw new AppError(
      'cove.address_incomplete',
      `${field}.address.postalCode: a Mexican postal code has 5 digits.`,
      400,
      { field },
    );
  }
  return { ...party, taxId: parseRfc(party.taxId, `${field}.taxId`).rfc };
}

/** The trader a COVE belongs to: the importer receives the invoice, the exporter issues it. */
export function traderRfcOf(cove: Pick<CoveInput, 'operationType' | 'issuer' | 'recipient'>): string {
  const field = cove.operationType === 'import' ? 'recipient' : 'issuer';
  const party = cove[field];
  if (party.address.country !== 'MX') {
    throw new AppError(
      'cove.trader_not_in_mexico',
      `In an ${cove.operationType} the ${field} is the Mexican ` +
        `${cove.operationType}er: its country must be MX and its tax id its RFC.`,
      400,
      { field },
    );
  }
  return party.taxId;
}

/**
 * Checks what a schema cannot and returns the COVE as it will be signed and stored: RFCs and ISO codes,
 * each line's total, the invoice total, known broker patents; lists deduplicated.
 */
export async function normaliseCove(db: Sql, input: CoveInput, now: Date): Promise<CoveContent> {
  const issuer = normaliseParty(input.issuer, 'issuer');
  const recipient = normaliseParty(input.recipient, 'recipient');
  traderRfcOf({ ...input, issuer, recipient });
  // A day of slack: the invoice's date is local to wherever it was issued.
  const latestDate = new Date(now.getTime() + 86_400_000).toISOString().slice(0, 10);
  if (input.invoiceDate > latestDate) {
    throw new AppError('cove.invoice_date_future', `invoiceDate ${input.invoiceDate} is in the future.`, 400, {
      field: 'invoiceDate',
    });
  }
  if (input.authorizedExporterNumber !== undefined && !input.certificateOfOrigin) {
    throw new AppError(
      'cove.authorized_exporter_without_certificate',
      'authorizedExporterNumber goes only with a certificate of origin (certificateOfOrigin true).',
      400,
      { field: 'authorizedExporterNumber' },
    );
  }
  input.goods.forEach((g, i) => {
    const field = `goods[${i}]`;
    checkCurrency(g.currency, `${field}.currency`);
    if (differ(g.quantity * g.unitValue, g.total)) {
      throw new AppError(
        'cove.line_total_mismatch',
        `${field}: quantity ${g.quantity} × unit value ${g.unitValue} is ` +
          `${round(g.quantity * g.unitValue)}, not the total ${g.total}.`,
        400,
        { field },
      );
    }
    if (g.currency === 'USD' && differ(g.usdValue, g.total)) {
      throw new AppError(
        'cove.usd_value_mismatch',
        `${field}: a line in USD has a USD value equal to its total (${g.total}), not ${g.usdValue}.`,
        400,
        { field },
      );
    }
  });
  if (input.invoiceTotal !== undefined) {
    const currencies = [...new Set(input.goods.map((g) => g.currency))];
    if (currencies.length > 1) {
      throw new AppError(
        'cove.invoice_total_mixed_currencies',
        `invoiceTotal cannot be checked against lines in ${currencies.join(', ')}: give ` +
          `it only when every line has one currency.`,
        400,
        { field: 'invoiceTotal' },
      );
    }
    const sum = input.goods.reduce((s, g) => s + g.total, 0);
    if (differ(sum, input.invoiceTotal)) {
      throw new AppError(
        'cove.invoice_total_mismatch',
        `The line totals add up to ${round(sum)}, not the invoiceTotal ${input.invoiceTotal}.`,
        400,
        { field: 'invoiceTotal' },
      );
    }
  }
  const consultRfcs = [...new Set((input.consultRfcs ?? []).map((r, i) => parseRfc(r, `consultRfcs[${i}]`).rfc))];
  const brokerPatents = [...new Set(input.brokerPatents ?? [])];
  if (brokerPatents.length > 0) {
    const known = new Set((await brokersWithPatents(db, brokerPatents)).map((b) => b.patent));
    const unknown = brokerPatents.filter((p) => !known.has(p));
    if (unknown.length > 0) {
      throw new AppError(
        'cove.broker_patent_unknown',
        `No registered broker holds patent ${unknown.join(', ')}.`,
        400,
        { field: 'brokerPatents', unknown },
      );
    }
  }
  // Through JSON, so absent optional fields are absent (not undefined) and the content compares as signed.
  return JSON.parse(json({ ...input, issuer, recipient, consultRfcs, brokerPatents }));
}

const round = (n: number) => Math.round(n * 100) / 100;

export interface CoveFiler {
  trader: { id: string; rfc: string; legal_rep_rfc: string };
  relation: 'self' | 'legal_representative' | 'broker';
  /** When a broker files by delegation (encargo conferido). */
  broker: { id: string; patent: string } | null;
}

/** The trader itself, its legal representative or a broker it delegated to may file and amend its COVEs. */
async function filerFor(db: Sql, principal: Principal, traderRfc: string): Promise<CoveFiler> {
  const row = await traderByRfc(db, traderRfc);
  const trader = row && { id: row.id, rfc: row.rfc, legal_rep_rfc: row.legal_rep_rfc };
  const relation = trader && (await traderRelation(db, principal, trader));
  if (!trader || !relation) {
    throw new AppError(
      'cove.not_your_trader',
      `You may file COVEs only for yourself, a trader you represent, or one that ` +
        `delegated to you as broker; ${traderRfc} is not one of them.`,
      403,
    );
  }
  const broker = relation === 'broker' ? await brokerBy(db, 'rfc', principal.rfc) : null;
  return { trader, relation, broker: broker && { id: broker.id, patent: broker.patent } };
}

/** A broker who files is always among the patents that may use the COVE. */
const withFilerPatent = (content: CoveContent, filer: CoveFiler): CoveContent =>
  filer.broker && !content.brokerPatents.includes(filer.broker.patent)
    ? { ...content, brokerPatents: [...content.brokerPatents, filer.broker.patent] }
    : content;

/** Checks a filing and returns exactly what the filer signs. */
export async function prepareCoveFiling(db: Sql, principal: Principal, input: CoveInput, now: Date) {
  const content = await normaliseCove(db, input, now);
  const filer = await filerFor(db, principal, traderRfcOf(content));
  return { content: withFilerPatent(content, filer), filer };
}

/** Checks an amendment (adenda) of the latest version and returns exactly what the filer signs. */
export async function prepareCoveAmendment(
  db: Sql,
  principal: Principal,
  number: string,
  input: CoveAmendmentInput,
  now: Date,
) {
  const chain = await readableChain(db, principal, number);
  const filer = await filerFor(db, principal, chain.trader.rfc);
  checkLatest(chain.latest, number);
  const { reason, ...cove } = input;
  const content = withFilerPatent(await normaliseCove(db, cove, now), filer);
  if (content.operationType !== chain.latest.operation_type) {
    throw new AppError(
      'cove.amendment_changes_operation_type',
      `COVE ${number} is an ${chain.latest.operation_type}; an amendment cannot make ` +
        `it an ${content.operationType}: file a new COVE.`,
      400,
    );
  }
  if (traderRfcOf(content) !== chain.trader.rfc) {
    throw new AppError(
      'cove.amendment_changes_trader',
      `COVE ${number} belongs to ${chain.trader.rfc}; an amendment cannot move it to another trader.`,
      400,
    );
  }
  if (canonicalJson(content) === canonicalJson(chain.latest.content)) {
    throw new AppError('cove.amendment_unchanged', `The amendment changes nothing in COVE ${number}.`, 422);
  }
  return { content: { ...content, reason: reason.trim() }, filer, chain };
}

function checkLatest(latest: CoveRow, number: string) {
  if (latest.number !== number) {
    throw new AppError(
      'cove.amendment_stale',
      `COVE ${number} was already amended: the latest version is ${latest.number}; amend that one.`,
      409,
      { latest: latest.number },
    );
  }
}

interface NewVersion {
  rootId: string | null;
  amendsId: string | null;
  version: number;
  content: CoveContent;
  filer: CoveFiler;
  filedByRfc: string;
  reason: string | null;
  signatureId: string;
}

/** Inserts a version under a fresh random number; a collision (one in 10^13) just draws again. */
async function insertVersion(tx: Sql, v: NewVersion): Promise<CoveRow> {
  const id = crypto.randomUUID();
  for (let attempt = 0; attempt < 8; attempt++) {
    const inserted = await tx.maybe<{ number: string }>(
      `insert into coves (id, number, root_id, amends_id, version, trader_id, operation_type, invoice_number,
        invoice_date, content,
         consult_rfcs, broker_patents, filed_by_rfc, filed_as, broker_id, amendment_reason, signature_id, filed_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)
       on conflict (number) do nothing returning number`,
      [
        id,
        newCoveNumber(),
        v.rootId ?? id,
        v.amendsId,
        v.version,
        v.filer.trader.id,
        v.content.operationType,
        v.content.invoiceNumber,
        v.content.invoiceDate,
        json(v.content),
        v.content.consultRfcs,
        v.content.brokerPatents,
        v.filedByRfc,
        v.filer.relation,
        v.filer.broker?.id ?? null,
        v.reason,
        v.signatureId,
        tx.now(),
      ],
    );
    if (inserted) return (await coveRows(tx, 'where c.id = $1', [id]))[0]!;
  }
  throw new Error('could not draw an unused COVE number');
}

export async function fileCove(
  tx: Sql,
  opts: { content: CoveContent; filer: CoveFiler; actorRfc: string; signatureId: string },
) {
  const row = await insertVersion(tx, {
    rootId: null,
    amendsId: null,
    version: 1,
    content: opts.content,
    filer: opts.filer,
    filedByRfc: opts.actorRfc,
    reason: null,
    signatureId: opts.signatureId,
  });
  await appendAudit(tx, {
    type: 'cove.filed',
    actorRfc: opts.actorRfc,
    objectType: 'cove',
    objectId: row.number,
    signatureId: opts.signatureId,
    data: {
      trader: row.trader_rfc,
      operationType: row.operation_type,
      invoiceNumber: row.invoice_number,
      filedAs: row.filed_as,
    },
  });
  return coveView(row);
}

/**
 * Files an amendment as the next version of the chain. The chain's first row is locked, so two
 * amendments of the same version cannot both succeed: the second finds it is no longer the latest.
 */
export async function amendCove(
  tx: Sql,
  opts: {
    number: string;
    content: CoveContent;
    reason: string;
    filer: CoveFiler;
    actorRfc: string;
    signatureId: string;
  },
) {
  const root = await tx.one<{ id: string; number: string }>(
    'select r.id, r.number from coves v join coves r on r.id = v.root_id where v.number = $1 for update of r',
    [opts.number],
  );
  const latest = (await coveRows(tx, 'where c.root_id = $1 order by c.version desc limit 1', [root.id]))[0]!;
  checkLatest(latest, opts.number);
  const row = await insertVersion(tx, {
    rootId: root.id,
    amendsId: latest.id,
    version: latest.version + 1,
    content: opts.content,
    filer: opts.filer,
    filedByRfc: opts.actorRfc,
    reason: opts.reason,
    signatureId: opts.signatureId,
  });
  await appendAudit(tx, {
    type: 'cove.amended',
    actorRfc: opts.actorRfc,
    objectType: 'cove',
    objectId: row.number,
    signatureId: opts.signatureId,
    data: {
      rootNumber: root.number,
      amends: opts.number,
      version: row.version,
      trader: row.trader_rfc,
      filedAs: row.filed_as,
      reason: opts.reason,
    },
  });
  return coveView(row);
}
