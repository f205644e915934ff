import type { Sql } from './db/db.ts';
import { AppError } from './errors.ts';

/** What each counter limits, by the prefix of its bucket: the refusal's code and what it counted. */
const LIMITED = {
  login: { code: 'auth.rate_limited', what: 'login attempts' },
  verify: { code: 'verify.rate_limited', what: 'public verification requests' },
} as const;

/** A counter's key: the limited thing's prefix and the client address, e.g. `verify:203.0.113.7`. */
export type RateLimitBucket = `${keyof typeof LIMITED}:${string}`;

/**
 * Fixed one-minute windows counted in the database, so every server process shares the count.
 * Throws the prefix's code (429, with Retry-After) once `limit` hits in the current window are
 * exceeded. `now` is the window's clock, so tests move time instead of waiting for a new minute.
 */
export async function hitRateLimit(db: Sql, bucket: RateLimitBucket, limit: number, now: Date): Promise<void> {
  const windowStart = new Date(Math.floor(now.getTime() / 60_000) * 60_000);
  const row = await db.one<{ hits: number }>(
    `insert into rate_limits (bucket, window_start, hits) values ($1, $2, 1)
     on conflict (bucket, window_start) do update set hits = rate_limits.hits + 1
     returning hits`,
    [bucket, windowStart],
  );
  if (row.hits > limit) {
    const retryAfter = Math.ceil((windowStart.getTime() + 60_000 - now.getTime()) / 1000);
    const limited = LIMITED[bucket.slice(0, bucket.indexOf(':')) as keyof typeof LIMITED];
    throw new AppError(limited.code, `Too many ${limited.what} from this address: try again in ${retryAfter} s.`, 429, {
      retryAfterSeconds: retryAfter,
    });
  }
}
