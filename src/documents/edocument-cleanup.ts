import type { Sql } from '../db/db.ts';
import type { BlobStore, StoredBlob } from './blob-store.ts';
import { lockBlob } from './edocuments.ts';

export interface EdocumentCleanupOptions {
  /**
   * How long an unreferenced blob, an expired upload or an abandoned staged file is kept before it is
   * removed. Default one day: far longer than any upload takes or any challenge lives.
   */
  graceSeconds?: number;
  /** The time the cleanup takes as now (tests move it forward instead of waiting). */
  now?: Date;
}

/**
 * Removes what eDocuments no longer need:
 * - uploads never signed, once their challenge expired more than the grace period ago;
 * - blobs that no eDocument and no pending upload refers to, last written more than the grace period
 *   ago: left by a crash between the blob's rename and its row's commit, or by an upload never signed;
 * - staged files of uploads cut off by a crash.
 *
 * Safe to run in several processes at once and while uploads go on: a blob is removed only under its
 * lock (lockBlob), after checking again that nothing refers to it, and uploads and signatures take
 * the same lock before writing a row that refers to a blob. Meant to be scheduled as a periodic job.
 */
export async function cleanupEdocumentBlobs(
  db: Sql,
  blobs: BlobStore,
  opts: EdocumentCleanupOptions = {},
): Promise<{ uploads: number; blobs: number; staged: number }> {
  const now = opts.now ?? new Date();
  const cutoff = new Date(now.getTime() - (opts.graceSeconds ?? 86_400) * 1000);
  const uploads = (await db.query('delete from edocument_uploads where expires_at < $1 returning 1', [cutoff])).length;
  const staged = await blobs.sweepStaging(cutoff);

  let removed = 0;
  let batch: StoredBlob[] = [];
  const sweep = async () => {
    const hashes = batch.map((b) => b.sha256);
    batch = [];
    const used = new Set(
      (
        await db.query<{ sha256: string }>(
          `select sha256 from edocuments where sha256 = any($1::text[])
       union select sha256 from edocument_uploads where sha256 = any($1::text[])`,
          [hashes],
        )
      ).map((r) => r.sha256),
    );
    for (const sha256 of hashes.filter((h) => !used.has(h))) {
      const deleted = await db.transaction(async (tx) => {
        await lockBlob(tx, sha256);
        const referenced = await tx.maybe(
          `select 1 from edocuments where sha256 = $1 union all select 1 from edocument_uploads where sha256 = $1
            limit 1`,
          [sha256],
        );
        return referenced ? false : blobs.delete(sha256);
      });
      if (deleted) removed++;
    }
  };
  for await (const blob of blobs.list()) {
    if (blob.modifiedAt > cutoff) continue;
    batch.push(blob);
    if (batch.length === 500) await sweep();
  }
  if (batch.length > 0) await sweep();
  return { uploads, blobs: removed, staged };
}
