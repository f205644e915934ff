import { Type } from 'typebox';
import type { Context } from '../context.ts';
import type { App } from '../http/typed-app.ts';
import { Problem } from '../http/schemas.ts';
import { MonthQuery, Statistics } from './responses.ts';
import { monthRange, statistics, type Statistics as StatisticsAnswer } from './statistics.ts';

/** How long an answer is reused: the figures move slowly, and anonymous callers should not each cost the scans. */
const CACHE_SECONDS = 60;
const CACHE_ENTRIES = 64;

// Per window (tests open many), keyed by range; a pure function of the data for CACHE_SECONDS, so no other process
// needs it. Expiry follows ctx.clock like everything else.
const caches = new WeakMap<Context, Map<string, { until: number; value: StatisticsAnswer }>>();

async function cached(ctx: Context, key: string, compute: () => Promise<StatisticsAnswer>) {
  let cache = caches.get(ctx);
  if (!cache) caches.set(ctx, (cache = new Map()));
  const now = ctx.clock.now().getTime();
  const hit = cache.get(key);
  if (hit && hit.until > now) return hit.value;
  const value = await compute();
  cache.delete(key);
  if (cache.size >= CACHE_ENTRIES) cache.delete(cache.keys().next().value!);
  cache.set(key, { until: now + CACHE_SECONDS * 1000, value });
  return value;
}

export function statisticsRoutes(app: App, ctx: Context) {
  app.get(
    '/api/v1/statistics',
    {
      config: { access: 'public' },
      schema: {
        tags: ['statistics'],
        operationId: 'getStatistics',
        summary: 'Transparency statistics: filings, resolution times, legal time, silence, automatic approvals, quotas',
        description:
          'Per agency: applications filed per month, the median and 90th percentile of the days to a decision, the ' +
          'share decided within the legal time, how applications ended (legal silence, automatic approvals…), and ' +
          'the use of the quotas whose period overlaps the range. Months are Mexico City calendar months; without ' +
          `\`to\` the range ends this month, without \`from\` it spans 12 months; at most 24. Answers may be up to ` +
          `${CACHE_SECONDS} seconds old. Nothing identifies a trader.`,
        querystring: Type.Object(
          { from: Type.Optional(MonthQuery), to: Type.Optional(MonthQuery) },
          { additionalProperties: false },
        ),
        response: { 200: Statistics, '4xx': Problem },
      },
    },
    async (req, reply) => {
      const range = monthRange(req.query, ctx.clock.now());
      const answer = await cached(ctx, `${range.from}/${range.to}`, () => statistics(ctx.db, range));
      return reply.header('cache-control', `public, max-age=${CACHE_SECONDS}`).send(answer);
    },
  );
}
