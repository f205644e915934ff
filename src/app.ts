import type { FastifyInstance } from 'fastify';
import { housekeeping } from './auth/housekeeping.ts';
import { loadCatalogue } from './catalog/catalogue.ts';
import { syncProcedureVersions } from './catalog/sync.ts';
import type { Config } from './config.ts';
import type { Context } from './context.ts';
import { openDb } from './db/db.ts';
import { migrate } from './db/migrate.ts';
import { buildServer } from './http/server.ts';
import { initDevPki } from './pki/ca.ts';
import { TrustStore } from './pki/trust-store.ts';
import { loadOrCreateWindowKey } from './pki/window-key.ts';
import { seedReferenceData } from './registry/agencies.ts';

/**
 * Opens everything a window needs, in order: database (migrated, reference data loaded),
 * trust store, the window's key. In development a dev CA and window key are created on first start.
 */
export async function openContext(config: Config): Promise<Context> {
  const development = config.env !== 'production';
  if (development) await initDevPki(`${config.dataDir}/pki`);
  const db = await openDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrate(db);
    await seedReferenceData(db);
    const trust = TrustStore.fromDir(config.trustDir);
    const windowKey = await loadOrCreateWindowKey(config.windowKeyPath, { create: development });
    const catalogue = loadCatalogue();
    await syncProcedureVersions(db, catalogue);
    return { config, db, trust, windowKey, catalogue, clock: { now: () => new Date() } };
  } catch (err) {
    await db.close();
    throw err;
  }
}

const HOUSEKEEPING_MS = 10 * 60_000;

export async function startServer(ctx: Context): Promise<FastifyInstance> {
  const app = await buildServer(ctx);
  const timer = setInterval(() => {
    housekeeping(ctx.db).catch((err) => app.log.warn({ err }, 'housekeeping failed'));
  }, HOUSEKEEPING_MS).unref();
  app.addHook('onClose', async () => {
    clearInterval(timer);
    await ctx.db.close();
  });
  await app.listen({ host: ctx.config.host, port: ctx.config.port });
  return app;
}
