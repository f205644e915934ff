import type { Principal } from '../auth/principal.ts';
import { appendAudit } from '../audit/log.ts';
import type { Sql } from '../db/db.ts';
import { randomNumber } from './numbers.ts';
import { AppError, notFound } from '../errors.ts';
import { timestampKeySql, type Keyed, type KeysetPage } from '../http/pagination.ts';
import { traderRelation } from '../registry/identity.ts';
import { officerNeedsToKnow } from '../registry/need-to-know.ts';
import { traderById, traderByRfc, withTraderRfcs } from '../registry/traders.ts';
import type { BlobStore, StagedBlob } from './blob-store.ts';
import { holdUploadRoom, type UploadLimits } from './upload-limits.ts';
import { LOCK_CLASS } from '../db/locks.ts';
import type { IssuePayload } from '../http/signed-action/definition.ts';

/** The signed action that turns an upload into an eDocument. */
export const EDOCUMENT_CREATE = 'edocument.create';
export const PDF = 'application/pdf';

/** What the uploader signs: the file's hash and every piece of metadata the eDocument will carry. */
export interface EdocumentUploadData {
  traderRfc: string;
  documentType: string;
  description: string | null;
  fileName: string;
  sha256: string;
  size: number;
  pages: number;
}

export interface EdocumentRow {
  number: string;
  trader_id: string;
  document_type: string;
  description: string | null;
  file_name: string;
  media_type: string;
  sha256: string;
  size: number;
  pages: number;
  created_by_rfc: string;
  created_at: Date;
  signature_id: string;
  challenge_id: string;
  trader_rfc: string;
  trader_legal_rep_rfc: string;
  signer_rfc: string;
  certificate_serial: string;
  signature_algorithm: string;
  signed_at: Date;
}

const NUMBER = /^ED[0-9A-HJKMNP-TV-Z]{10}$/;

/** 'ED' and 10 random characters (50 bits): a number nobody can guess or enumerate. */
export function newEdocumentNumber(): string {
  return randomNumber('ED', 10);
}

/** Reads a number the way people write it (lower case, hyphens, I/L for 1, O for 0); null if it cannot be one. */
export function normaliseEdocumentNumber(input: string): string | null {
  const compact = input.trim().toUpperCase().replace(/-/g, '');
  if (!compact.startsWith('ED')) return null;
  const number = `ED${compact.slice(2).replace(/[IL]/g, '1').replace(/O/g, '0')}`;
  return NUMBER.test(number) ? number : null;
}

/**
 * Serialises, per blob, the decision that it is in use (an upload row or an eDocument is written)
 * with the decision that it is not (the cleanup removes it): both hold this lock in their transaction,
 * across every process sharing the database.
 */
export async function lockBlob(tx: Sql, sha256: string): Promise<void> {
  await tx.query('select pg_advisory_xact_lock($1, hashtext($2))', [LOCK_CLASS.blob, sha256]);
}

/**
 * Who may upload for a trader and sign its eDocuments: the trader, its legal representative, or a broker it delegated
 * to.
 */
export async function uploaderFor(db: Sql, principal: Principal, traderRfc: string) {
  const trader = await traderByRfc(db, traderRfc);
  const relation = trader && (await traderRelation(db, principal, trader));
  if (!trader || !relation) {
    throw new AppError(
      'edocument.not_your_trader',
      'You may upload documents only for yourself, a trader you represent, or one that delegated to you as broker.',
      403,
    );
  }
  return trader;
}

/**
 * Keeps a checked upload and issues the payload to sign. The blob is made visible and the upload row
 * written under the blob's lock, so the cleanup can never remove it in between; first the uploader's
 * pending uploads are counted under the uploader's lock (upload-limits.ts), so nothing is kept beyond them.
 */
export async function recordUpload(
  db: Sql,
  opts: {
    principal: Principal;
    staged: StagedBlob;
    data: EdocumentUploadData;
    limits: UploadLimits;
    issue: IssuePayload;
  },
) {
  const { principal, staged, data } = opts;
  return db.transaction(async (tx) => {
    await holdUploadRoom(tx, { uploaderRfc: principal.rfc, size: staged.size, limits: opts.limits });
    await lockBlob(tx, staged.sha256);
    await staged.commit();
    const issued = await opts.issue(tx, { ...data });
    await tx.query(
      `insert into edocument_uploads (challenge_id, sha256, size, uploaded_by_rfc, created_at, expires_at)
       values ($1, $2, $3, $4, $6, $5)`,
      [issued.challengeId, staged.sha256, staged.size, principal.rfc, issued.expiresAt, tx.now()],
    );
    return issued;
  });
}

const SELECT = `select e.*, s.signer_rfc, s.certificate_serial, s.algorithm as signature_algorithm, s.signed_at
  from edocuments e join signatures s on s.id = e.signature_id`;
type StoredEdocument = Omit<EdocumentRow, 'trader_rfc' | 'trader_legal_rep_rfc'>;

/**
 * Creates the eDocument of a signed upload, inside the transaction that consumed the challenge.
 * The metadata is the signed payload's, and the blob must still be there (checked under its lock).
 */
export async function createEdocument(
  tx: Sql,
  blobs: BlobStore,
  opts: {
    principal: Principal;
    traderId: string;
    data: EdocumentUploadData;
    challengeId: string;
    signatureId: string;
    now: Date;
  },
): Promise<EdocumentRow> {
  const { data } = opts;
  const gone = new AppError(
    'edocument.upload_gone',
    'The uploaded file is no longer held (uploads not signed in time are removed): upload it again.',
    410,
  );
  const upload = await tx.maybe<{ sha256: string }>(
    'select sha256 from edocument_uploads where challenge_id = $1 for update',
    [opts.challengeId],
  );
  if (!upload || upload.sha256 !== data.sha256) throw gone;
  await lockBlob(tx, data.sha256);
  if (!(await blobs.has(data.sha256))) throw gone;
  let number: string | undefined;
  // A clash of 50 random bits is next to impossible; when it happens, draw again rather than fail.
  for (let attempt = 0; !number; attempt++) {
    if (attempt === 5) throw new Error('could not draw a free eDocument number');
    const inserted = await tx.query<{ number: string }>(
      `insert into edocuments (number, trader_id, document_type, description, file_name, media_type, sha256, size,
         pages, created_by_rfc, created_at, signature_id, challenge_id)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
       on conflict (number) do nothing returning number`,
      [
        newEdocumentNumber(),
        opts.traderId,
        data.documentType,
        data.description,
        data.fileName,
        PDF,
        data.sha256,
        data.size,
        data.pages,
        opts.principal.rfc,
        opts.now,
        opts.signatureId,
        opts.challengeId,
      ],
    );
    number = inserted[0]?.number;
  }
  await tx.query('delete from edocument_uploads where challenge_id = $1', [opts.challengeId]);
  await appendAudit(tx, {
    type: 'edocument.created',
    actorRfc: opts.principal.rfc,
    objectType: 'edocument',
    objectId: number,
    signatureId: opts.signatureId,
    data: {
      traderRfc: data.traderRfc,
      documentType: data.documentType,
      sha256: data.sha256,
      size: data.size,
      pages: data.pages,
    },
  });
  return (await withTraderRfcs(tx, [await tx.one<StoredEdocument>(`${SELECT} where e.number = $1`, [number])]))[0]!;
}

/**
 * Readers: the owner's applicant side (the trader, its legal representative, a broker it delegates to now),
 * and officers who need to know it (an application to their agency cites it, or customs). Anyone else,
 * including whoever uploaded it once and is no longer on that side, is told there is no such eDocument.
 */
export async function edocumentFor(db: Sql, principal: Principal, number: string): Promise<EdocumentRow> {
  const normalised = normaliseEdocumentNumber(number);
  const stored = normalised ? await db.maybe<StoredEdocument>(`${SELECT} where e.number = $1`, [normalised]) : null;
  const row = stored && (await withTraderRfcs(db, [stored]))[0]!;
  const allowed =
    row &&
    ((await traderRelation(db, principal, {
      id: row.trader_id,
      rfc: row.trader_rfc,
      legal_rep_rfc: row.trader_legal_rep_rfc,
    })) ||
      (await officerNeedsToKnow(db, principal, row.trader_id, { kind: 'edocument', number: row.number })));
  if (!row || !allowed) throw notFound('edocument', number);
  return row;
}

export function edocumentView(e: EdocumentRow) {
  return {
    number: e.number,
    trader: e.trader_rfc,
    documentType: e.document_type,
    description: e.description,
    fileName: e.file_name,
    mediaType: e.media_type,
    sha256: e.sha256,
    size: Number(e.size),
    pages: e.pages,
    createdBy: e.created_by_rfc,
    createdAt: e.created_at.toISOString(),
    signature: {
      id: e.signature_id,
      signedBy: e.signer_rfc,
      certificateSerial: e.certificate_serial,
      algorithm: e.signature_algorithm,
      signedAt: e.signed_at.toISOString(),
    },
    content: `/api/v1/edocuments/${e.number}/content`,
  };
}

/**
 * A trader's eDocuments, newest first, for its applicant side (to pick one to cite again). Officers get the
 * same 404 as for an unknown trader: they reach a document through the application that cites it.
 */
export async function listEdocuments(
  db: Sql,
  principal: Principal,
  opts: { traderRfc: string; documentType?: string },
  page: KeysetPage<[string, string]>,
): Promise<Keyed<ReturnType<typeof edocumentView>>[]> {
  const trader = await traderByRfc(db, opts.traderRfc);
  if (!trader || !(await traderRelation(db, principal, trader))) throw notFound('trader', opts.traderRfc);
  // Keyset on [created_at, number], after the last one seen; limit + 1 rows tell a next page.
  const stored = await db.query<StoredEdocument & { created_key: string }>(
    `select * from (select ${timestampKeySql('x.created_at')} as created_key, x.* from (${SELECT}
       where e.trader_id = $1 and ($2::text is null or e.document_type = $2)) x) listed
     where $3::timestamptz is null or (created_at, number) < ($3::timestamptz, $4::text)
     order by created_at desc, number desc limit $5`,
    [trader.id, opts.documentType ?? null, page.after?.[0] ?? null, page.after?.[1] ?? null, page.limit + 1],
  );
  const rows = await withTraderRfcs(db, stored);
  return rows.map((e) => ({ key: [e.created_key, e.number], item: edocumentView(e) }));
}

/**
 * eDocuments are not used up: one number may be cited by any number of operations of its owner.
 * Checks that every number cited for a trader is one of its eDocuments; refuses naming those that are not.
 */
export async function checkEdocumentReferences(db: Sql, opts: { traderRfc: string; numbers: readonly string[] }) {
  const wanted = [...new Set(opts.numbers.map((n) => normaliseEdocumentNumber(n) ?? n))];
  const trader = wanted.length === 0 ? null : await traderByRfc(db, opts.traderRfc);
  const rows = !trader
    ? []
    : await db.query<{ number: string; document_type: string; sha256: string }>(
        'select number, document_type, sha256 from edocuments where trader_id = $1 and number = any($2::text[])',
        [trader.id, wanted],
      );
  const found = new Set(rows.map((r) => r.number));
  const missing = wanted.filter((n) => !found.has(n));
  if (missing.length > 0) {
    throw new AppError(
      'edocument.not_of_trader',
      `${missing.join(', ')}: not an eDocument of ${opts.traderRfc.toUpperCase()}. Cite the ` +
        `trader's own eDocuments (GET /api/v1/edocuments?traderRfc=…).`,
      422,
      { numbers: missing },
    );
  }
  return rows.map((r) => ({ number: r.number, documentType: r.document_type, sha256: r.sha256 }));
}

/** For the customs declaration's validation: the eDocument's owner, type and content hash, or null. */
export async function findEdocumentForCustoms(
  db: Sql,
  number: string,
): Promise<{ number: string; ownerRfc: string; documentType: string; sha256: string } | null> {
  const normalised = normaliseEdocumentNumber(number);
  if (!normalised) return null;
  const row = await db.maybe<{ number: string; trader_id: string; document_type: string; sha256: string }>(
    'select e.number, e.trader_id, e.document_type, e.sha256 from edocuments e where e.number = $1',
    [normalised],
  );
  const owner = row && (await traderById(db, row.trader_id));
  return (
    row && owner && { number: row.number, ownerRfc: owner.rfc, documentType: row.document_type, sha256: row.sha256 }
  );
}
