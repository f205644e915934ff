import type { FastifyInstance } from 'fastify';
import type { Context } from '../context.ts';
import { jwks } from './window-key.ts';

export function pkiRoutes(app: FastifyInstance, ctx: Context) {
  // Published so that anyone can verify the window's receipts and permits, offline too.
  app.get('/.well-known/ventanilla-keys.json', {
    config: { access: 'public' },
    schema: { tags: ['pki'], summary: "The window's public signing keys (JWKS)" },
  }, async (_req, reply) => reply.header('cache-control', 'public, max-age=300').send(jwks([ctx.windowKey])));
}
