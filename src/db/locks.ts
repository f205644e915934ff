/**
 * Classes of PostgreSQL advisory locks (the first key of `pg_advisory_xact_lock(class, key)`), in one list so
 * that two kinds of lock never share a class and wait on each other for nothing. Two-key locks never collide
 * with pg-boss's one-key locks.
 */
export const LOCK_CLASS = {
  migrations: 7_372_420,
  /** A blob in use vs. the cleanup that removes it; key: hashtext(sha256). */
  blob: 7_372_421,
  /** One uploader's pending uploads, counted against the limits; key: hashtext(rfc). */
  uploader: 7_372_422,
  /** A job sent in a transaction wakes its workers once that transaction commits; key: from the job id. */
  jobWake: 7_372_423,
  /** A declaration number, drawn once; key: the number modulo 2^31 - 1. */
  declarationNumber: 0x70656469,
} as const;
