import { hitRateLimit } from '../rate-limit.ts';
import type { Context } from '../context.ts';
import { Problem } from '../http/schemas.ts';
import type { App } from '../http/typed-app.ts';
import { verifyAuditSinceCheckpoint, type PublicAuditVerification } from './checkpoint.ts';
import { AuditVerification } from './responses.ts';

export function auditRoutes(app: App, ctx: Context) {
  // Callers arriving together share one walk of the new events instead of each doing it again.
  let running: Promise<PublicAuditVerification> | null = null;
  app.get(
    '/api/v1/audit/verify',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'verifyAuditLog',
        tags: ['audit'],
        summary: 'Verify the hash-chained audit log (anyone may)',
        description:
          'Checks the events appended since the last verified one and reports the last full walk from the first ' +
          'event, which a job runs regularly (`ventanilla audit verify` runs it on demand). ' +
          'Rate-limited per client address (VERIFY_RATE_LIMIT).',
        response: { 200: AuditVerification, '4xx': Problem },
      },
    },
    async (req) => {
      await hitRateLimit(ctx.db, `verify:${req.ip}`, ctx.config.verifyRateLimit, ctx.clock.now());
      running ??= verifyAuditSinceCheckpoint(ctx.db).finally(() => {
        running = null;
      });
      return running;
    },
  );
}
