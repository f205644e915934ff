import fs from 'node:fs';
import path from 'node:path';
import compress from '@fastify/compress';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { PORTAL_DIST } from './portal-build.ts';
import { sendProblem } from './problem.ts';

/**
 * The portal's client-side routes (web/src/router.tsx PATHS; test/portal-serving.test.ts keeps the two in step):
 * these get index.html. Any other path keeps the window's 404 problem+json, so an API, asset or mistyped path is
 * never answered with a page.
 */
export const PORTAL_PAGES = new RegExp(
  `^/(${[
    'verificar',
    'estadisticas',
    'que-necesito',
    'tramites(/ID)?',
    'entrar',
    'panel',
    'operaciones/(nueva|ID)',
    'solicitudes/ID',
    'permisos(/ID)?',
    'representacion',
    'dependencia(/solicitudes/ID)?',
    'aduana',
  ]
    .join('|')
    .replaceAll('ID', '[A-Za-z0-9._-]+')})?/?$`,
);
/** Hashed build output (Vite names each file by its content hash): cached for a year, never revalidated. */
const ASSETS = '/assets/';
/** The service worker, copied from web/public by the build. */
export const SERVICE_WORKER = '/sw.js';

const notFound = (req: FastifyRequest, reply: FastifyReply) =>
  sendProblem(reply, req, 404, 'route.not_found', `No route ${req.method} ${req.url.split('?')[0]}.`);

/**
 * Serves the built portal (web/dist) at `/`: hashed assets immutable for a year, index.html revalidated every time,
 * both compressed. The portal's client-side routes (/verificar, /tramites/X...) get index.html; any other path,
 * an unknown asset or API path among them, keeps its 404 problem+json. Without a build nothing is registered.
 */
export async function portalRoutes(app: FastifyInstance, opts: { dist?: string } = {}): Promise<void> {
  const dist = opts.dist ?? PORTAL_DIST;
  if (!fs.existsSync(path.join(dist, 'index.html'))) {
    app.log.warn({ dist }, 'no portal build: the portal is not served (npm start builds it)');
    return;
  }
  await app.register(async (scope) => {
    await scope.register(compress, { global: true, threshold: 1024 });
    // Only reply.sendFile: the routes are ours, so each declares its access like every other route.
    await scope.register(fastifyStatic, { root: dist, serve: false });
    scope.get(`${ASSETS}*`, { config: { access: 'public' }, schema: { hide: true } }, (req, reply) => {
      const file = (req.params as { '*': string })['*'];
      if (!/^[\w.-]+$/.test(file)) return notFound(req, reply);
      return reply.sendFile(`assets/${file}`, { maxAge: '365d', immutable: true });
    });
    // The verification page's service worker (web/public/sw.js): at the root so its scope covers /verificar and
    // the assets, and revalidated every time so a new build's worker is picked up at once.
    scope.get(SERVICE_WORKER, { config: { access: 'public' }, schema: { hide: true } }, (_req, reply) =>
      reply.header('cache-control', 'no-cache').sendFile(SERVICE_WORKER.slice(1), { cacheControl: false }),
    );
    scope.get('/*', { config: { access: 'public' }, schema: { hide: true } }, (req, reply) => {
      if (!PORTAL_PAGES.test(req.url.split('?')[0]!)) return notFound(req, reply);
      return reply.header('cache-control', 'no-cache').sendFile('index.html', { cacheControl: false });
    });
  });
}
