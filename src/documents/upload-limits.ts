import type { Config } from '../config.ts';
import type { Sql } from '../db/db.ts';
import { AppError } from '../errors.ts';
import { LOCK_CLASS } from '../db/locks.ts';

export type UploadLimits = Pick<
  Config,
  'edocumentMaxPendingUploads' | 'edocumentMaxPendingBytes' | 'challengeTtlSeconds'
>;

const MiB = 1024 * 1024;

/**
 * A user's pending uploads: files uploaded, kept, and not yet signed into eDocuments (signing deletes
 * the row) nor expired. Counted in the database, so every process of the window sees the same.
 */
async function pendingUploads(db: Sql, uploaderRfc: string): Promise<{ count: number; bytes: number }> {
  const row = await db.one<{ count: number; bytes: string | number }>(
    `select count(*)::int as count, coalesce(sum(size), 0)::bigint as bytes
     from edocument_uploads where uploaded_by_rfc = $1 and expires_at > $2`,
    [uploaderRfc, db.now()],
  );
  return { count: row.count, bytes: Number(row.bytes) };
}

/**
 * Refuses an upload that would give the user more pending uploads, or more pending bytes, than
 * allowed. `size` is the new file's size, or 0 before the file is read (then only a user already at
 * a limit is refused, without reading the file at all).
 */
export async function checkUploadRoom(
  db: Sql,
  opts: { uploaderRfc: string; size: number; limits: UploadLimits },
): Promise<void> {
  const {
    edocumentMaxPendingUploads: maxPendingUploads,
    edocumentMaxPendingBytes: maxPendingBytes,
    challengeTtlSeconds,
  } = opts.limits;
  const pending = await pendingUploads(db, opts.uploaderRfc);
  const wait =
    `sign them, or wait until those not wanted expire (${Math.ceil(challengeTtlSeconds / 60)} minutes after ` +
    `their upload), then upload again`;
  if (pending.count >= maxPendingUploads) {
    throw new AppError(
      'edocument.too_many_pending_uploads',
      `You have ${pending.count} uploads waiting for their signature, the most one person may have: ${wait}.`,
      429,
      { maxPendingUploads, pendingUploads: pending.count },
    );
  }
  if (opts.size === 0 ? pending.bytes >= maxPendingBytes : pending.bytes + opts.size > maxPendingBytes) {
    throw new AppError(
      'edocument.too_many_pending_bytes',
      `Your uploads waiting for their signature${opts.size ? ' and this file' : ''} come to more than the ` +
        `${+(maxPendingBytes / MiB).toFixed(1)} MiB one person may have pending: ${wait}.`,
      429,
      { maxPendingBytes, pendingBytes: pending.bytes },
    );
  }
}

/**
 * The same check inside the transaction that records the upload, under a lock on the uploader
 * (across processes: an advisory lock), so uploads of one user sent at once are counted one after
 * the other and cannot together pass a limit. Taken before the blob's lock (lockBlob), always.
 */
export async function holdUploadRoom(
  tx: Sql,
  opts: { uploaderRfc: string; size: number; limits: UploadLimits },
): Promise<void> {
  await tx.query('select pg_advisory_xact_lock($1, hashtext($2))', [LOCK_CLASS.uploader, opts.uploaderRfc]);
  await checkUploadRoom(tx, opts);
}
