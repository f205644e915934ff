import type { FastifyInstance, FastifyRequest } from 'fastify';
import { authenticate } from '../auth/sessions.ts';
import type { Principal, Scope } from '../auth/principal.ts';
import type { Db } from '../db/db.ts';
import { AppError } from '../errors.ts';
import type { TrustStore } from '../pki/trust-store.ts';

/** Every route says who may call it: anyone, or a session/API token holding a scope. */
export type Access = 'public' | { scope: Scope };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    principal: Principal | null;
  }
}

export function installAccessControl(app: FastifyInstance, db: Db, trust: TrustStore, clock: { now(): Date }) {
  app.decorateRequest('principal', null);
  app.addHook('onRoute', (route) => {
    const config = (route.config ??= {}) as { access?: Access };
    if (route.url.startsWith('/docs')) config.access = 'public';
    if (!config.access) throw new Error(`route ${route.method} ${route.url} does not declare its access`);
  });
  app.addHook('onRequest', async (req) => {
    const access = req.routeOptions.config.access;
    if (!access || access === 'public') return;
    const header = req.headers.authorization;
    if (!header || !/^Bearer \S+$/.test(header)) {
      throw new AppError(
        'auth.required',
        'Log in with your e.firma and send the token as "Authorization: Bearer <token>".',
        401,
      );
    }
    const principal = await authenticate(db, trust, header.slice(7), clock.now());
    if (!principal.scopes.includes(access.scope)) {
      throw new AppError('auth.scope_missing', `This token lacks the "${access.scope}" scope.`, 403);
    }
    req.principal = principal;
  });
}

/** The authenticated caller of a route that declared a scope. */
export function principalOf(req: FastifyRequest): Principal {
  if (!req.principal) throw new Error('principalOf called on a public route');
  return req.principal;
}
