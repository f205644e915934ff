import crypto from 'node:crypto';
import type { Principal } from '../auth/principal.ts';
import { appendAudit } from '../audit/log.ts';
import { checkCountry, checkCurrency } from '../catalog/codes.ts';
import { checkHsCode } from '../catalog/hs.ts';
import type { Sql } from '../db/db.ts';
import { json } from '../db/db.ts';
import { AppError, notFound } from '../errors.ts';
import { findCoveForCustoms } from '../documents/cove.ts';
import { checkEdocumentReferences } from '../documents/edocuments.ts';
import { officesOf } from '../registry/agencies.ts';
import { traderRelation } from '../registry/identity.ts';
import type { NewOperation, OperationData } from './schemas.ts';
import { applicantSideSql } from '../registry/need-to-know.ts';
import { brokerBy } from '../registry/brokers.ts';
import { traderByRfc, withTraderRfcs } from '../registry/traders.ts';
import { timestampKeySql } from '../http/pagination.ts';

/** What the acknowledgement (acuse) of a submitted operation holds: stored with the operation, printed as its PDF. */
export interface OperationAcknowledgement {
  folio: string;
  receivedAt: string;
  operationId: string;
  trader: { rfc: string; legalName: string };
  signedBy: { rfc: string; certificateSerial: string; signatureId: string };
  applications: Array<{
    id: string;
    procedureCode: string;
    procedureName: string;
    agency: string;
    dueDate: string;
    [more: string]: unknown;
  }>;
}

export interface OperationRow {
  id: string;
  trader_id: string;
  flow: 'import' | 'export';
  status: 'draft' | 'submitted';
  created_by_rfc: string;
  broker_id: string | null;
  data: OperationData;
  version: number;
  created_at: Date;
  updated_at: Date;
  folio: string | null;
  submitted_at: Date | null;
  submit_signature_id: string | null;
  submit_challenge_id: string | null;
  acknowledgement: OperationAcknowledgement | null;
  acknowledgement_seal: string | null;
  trader_rfc: string;
  trader_legal_rep_rfc: string;
}

/** Checks what a schema cannot: real HS codes, ISO codes, known customs offices, the flow's own country. */
export async function normaliseOperationData(
  db: Sql,
  flow: 'import' | 'export',
  data: OperationData,
): Promise<OperationData> {
  if (data.goods.length === 0 && !data.procedures?.length) {
    throw new AppError(
      'operation.goods_missing',
      'data.goods: list the goods, or name in data.procedures what is filed on request.',
      400,
      { field: 'data.goods' },
    );
  }
  const offices = new Set((await officesOf(db, 'ANAM')).map((o) => o.code));
  const goods = data.goods.map((g, i) => {
    const field = `data.goods[${i}]`;
    const hsCode = checkHsCode(g.hsCode).code;
    checkCurrency(g.currency, `${field}.currency`);
    checkCountry(g.originCountry, `${field}.originCountry`);
    checkCountry(g.destinationCountry, `${field}.destinationCountry`);
    const home = flow === 'import' ? g.destinationCountry : g.originCountry;
    if (home !== 'MX') {
      throw new AppError(
        'operation.country_invalid',
        `${field}: an ${flow}'s ${flow === 'import' ? 'destination' : 'origin'} country is MX, not ${home}.`,
        400,
      );
    }
    if (!offices.has(g.customsOffice)) {
      throw new AppError(
        'operation.customs_office_unknown',
        `${field}.customsOffice: ${g.customsOffice} is not an ANAM customs office.`,
        400,
      );
    }
    return { ...g, hsCode };
  });
  return { ...data, goods };
}

/** Cited eDocuments must be the trader's own; cited COVEs the trader's, of this flow, in their latest version. */
async function checkReferences(db: Sql, traderRfc: string, flow: 'import' | 'export', data: OperationData) {
  if (data.edocuments?.length) await checkEdocumentReferences(db, { traderRfc, numbers: data.edocuments });
  for (const number of data.coves ?? []) {
    const cove = await findCoveForCustoms(db, number);
    if (!cove || cove.traderRfc !== traderRfc) {
      throw new AppError('operation.cove_unknown', `${number} is not a COVE of ${traderRfc}.`, 422, { number });
    }
    if (cove.operationType !== flow)
      throw new AppError(
        'operation.cove_wrong_flow',
        `COVE ${number} is for an ${cove.operationType}, not an ${flow}.`,
        422,
      );
    if (!cove.current)
      throw new AppError('operation.cove_superseded', `COVE ${number} was amended: cite ${cove.latestNumber}.`, 422);
  }
}

const SELECT = 'select o.* from operations o';
type StoredOperation = Omit<OperationRow, 'trader_rfc' | 'trader_legal_rep_rfc'>;
/** The trader's RFCs come from the registry, which owns the traders table. */
const withTrader = async (db: Sql, row: StoredOperation): Promise<OperationRow> =>
  (await withTraderRfcs(db, [row]))[0]!;

/**
 * The trader itself, its legal representative or a broker it delegates to now may file and read it; nobody else sees
 * it.
 */
export async function operationFor(db: Sql, principal: Principal, id: string, lock = false): Promise<OperationRow> {
  const found = await db.maybe<StoredOperation>(`${SELECT} where o.id = $1${lock ? ' for update of o' : ''}`, [id]);
  const row = found && (await withTrader(db, found));
  const relation = row && (await traderRelation(db, principal, { id: row.trader_id }));
  if (!row || !relation) throw notFound('operation', id);
  return row;
}

export async function createOperation(db: Sql, principal: Principal, input: NewOperation) {
  const trader = await traderByRfc(db, input.traderRfc);
  const relation = trader && (await traderRelation(db, principal, trader));
  if (!trader || !relation) {
    throw new AppError(
      'operation.not_your_trader',
      `You may file only for yourself, a trader you represent, or one that delegated to you as broker.`,
      403,
    );
  }
  const data = await normaliseOperationData(db, input.flow, input.data);
  await checkReferences(db, trader.rfc, input.flow, data);
  const broker = relation === 'broker' ? await brokerBy(db, 'rfc', principal.rfc) : null;
  const id = crypto.randomUUID();
  return db.transaction(async (tx) => {
    await tx.query(
      `insert into operations (id, trader_id, flow, status, created_by_rfc, broker_id, data, version,
        created_at, updated_at)
       values ($1, $2, $3, 'draft', $4, $5, $6, 1, now(), now())`,
      [id, trader.id, input.flow, principal.rfc, broker?.id ?? null, json(data)],
    );
    await appendAudit(tx, {
      type: 'operation.draft_saved',
      actorRfc: principal.rfc,
      objectType: 'operation',
      objectId: id,
      data: { version: 1 },
    });
    return operationView(await withTrader(tx, await tx.one<StoredOperation>(`${SELECT} where o.id = $1`, [id])));
  });
}

export async function updateOperation(
  db: Sql,
  principal: Principal,
  id: string,
  update: { expectedVersion: number; data: OperationData },
) {
  return db.transaction(async (tx) => {
    const op = await operationFor(tx, principal, id, true);
    if (op.status !== 'draft')
      throw new AppError(
        'operation.already_submitted',
        `Operation ${id} was submitted (folio ${op.folio}); it can no longer change.`,
        409,
      );
    if (op.version !== update.expectedVersion) {
      throw new AppError(
        'operation.version_conflict',
        `The draft is at version ${op.version}, not ${update.expectedVersion}.`,
        409,
      );
    }
    const data = await normaliseOperationData(tx, op.flow, update.data);
    await checkReferences(tx, op.trader_rfc, op.flow, data);
    await tx.query('update operations set data = $2, version = version + 1, updated_at = now() where id = $1', [
      id,
      json(data),
    ]);
    await appendAudit(tx, {
      type: 'operation.draft_saved',
      actorRfc: principal.rfc,
      objectType: 'operation',
      objectId: id,
      data: { version: op.version + 1 },
    });
    return operationView(await withTrader(tx, await tx.one<StoredOperation>(`${SELECT} where o.id = $1`, [id])));
  });
}

export function operationView(o: OperationRow) {
  return {
    id: o.id,
    trader: o.trader_rfc,
    flow: o.flow,
    status: o.status,
    version: o.version,
    data: o.data,
    createdBy: o.created_by_rfc,
    createdAt: o.created_at.toISOString(),
    updatedAt: o.updated_at.toISOString(),
    folio: o.folio,
    submittedAt: o.submitted_at?.toISOString() ?? null,
    acknowledgement: o.acknowledgement,
    seal: o.acknowledgement_seal,
  };
}

/**
 * The caller's operations (as applicant side), newest first: one keyset page of `limit + 1` rows after the
 * (createdAt, id) key `after`, each with its own key for the next cursor.
 */
export async function listOperations(
  db: Sql,
  principal: Principal,
  opts: { limit: number; status?: 'draft' | 'submitted'; after?: string[] },
) {
  const [afterAt, afterId] = opts.after ?? [null, null];
  const stored = await db.query<StoredOperation & { sort_at: string }>(
    `select o.*, ${timestampKeySql('o.created_at')} as sort_at
       from operations o
     where ${applicantSideSql('o.trader_id', '$1')}
       and ($2::text is null or o.status = $2)
       and ($3::timestamptz is null or (o.created_at, o.id) < ($3::timestamptz, $4::uuid))
     order by o.created_at desc, o.id desc limit $5`,
    [principal.rfc, opts.status ?? null, afterAt, afterId, opts.limit + 1],
  );
  const rows = await withTraderRfcs(db, stored);
  return rows.map((r) => ({ key: [r.sort_at, r.id], item: operationView(r) }));
}
