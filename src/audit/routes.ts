import type { FastifyInstance } from 'fastify';
import type { Context } from '../context.ts';
import { verifyAudit } from './log.ts';

export function auditRoutes(app: FastifyInstance, ctx: Context) {
  app.get('/api/v1/audit/verify', {
    config: { access: 'public' },
    schema: { tags: ['audit'], summary: 'Verify the whole hash-chained audit log (anyone may)' },
  }, async () => verifyAudit(ctx.db));
}
