import type { FastifyInstance } from 'fastify';
import { applicationRoutes } from './applications/routes.ts';
import { auditRoutes } from './audit/routes.ts';
import { authRoutes } from './auth/routes.ts';
import { catalogRoutes } from './catalog/routes.ts';
import type { Context } from './context.ts';
import { declarationRoutes } from './customs/declaration-routes.ts';
import { quotaRoutes } from './customs/quota-routes.ts';
import { coveRoutes } from './documents/cove-routes.ts';
import { edocumentRoutes } from './documents/edocument-routes.ts';
import { buildHttpServer } from './http/server.ts';
import type { App } from './http/typed-app.ts';
import { notificationRoutes } from './notifications/routes.ts';
import { permitRoutes } from './permits/routes.ts';
import { pkiRoutes } from './pki/routes.ts';
import { registryRoutes } from './registry/routes.ts';
import { statisticsRoutes } from './statistics/routes.ts';

/**
 * Every domain's routes, in one list: the composition root sits above the domains and http/, so http/ (the shared
 * machinery the route modules use) never imports a domain. A new domain's routes are one line here.
 */
export function registerRoutes(app: App, ctx: Context): void {
  pkiRoutes(app, ctx);
  authRoutes(app, ctx);
  registryRoutes(app, ctx);
  catalogRoutes(app, ctx);
  applicationRoutes(app, ctx);
  permitRoutes(app, ctx);
  notificationRoutes(app, ctx);
  auditRoutes(app, ctx);
  edocumentRoutes(app, ctx);
  coveRoutes(app, ctx);
  quotaRoutes(app, ctx);
  declarationRoutes(app, ctx);
  statisticsRoutes(app, ctx);
}

/** The window's server: http/'s machinery with every domain's routes. */
export function buildServer(ctx: Context): Promise<FastifyInstance> {
  return buildHttpServer(ctx, (app) => registerRoutes(app, ctx));
}
