import type { Context } from '../context.ts';
import { Problem } from '../http/schemas.ts';
import type { App } from '../http/typed-app.ts';
import { Jwks } from './responses.ts';
import { jwks } from './window-key.ts';

export function pkiRoutes(app: App, ctx: Context) {
  // Published so that anyone can verify the window's receipts and permits, offline too.
  app.get(
    '/.well-known/ventanilla-keys.json',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'getWindowKeys',
        tags: ['pki'],
        summary: "The window's public signing keys (JWKS)",
        description:
          'Verify acknowledgements (JWS typ `ventanilla-ack+jws`) and permit tokens with these keys alone, ' +
          'offline too.',
        response: { 200: Jwks, '4xx': Problem },
      },
    },
    async (_req, reply) => reply.header('cache-control', 'public, max-age=300').send(jwks([ctx.windowKey])),
  );
}
