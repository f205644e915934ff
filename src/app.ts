import type { FastifyInstance } from 'fastify';
import { registerApplicationJobs } from './applications/jobs.ts';
import { registerAuditJobs } from './audit/jobs.ts';
import { housekeeping } from './auth/housekeeping.ts';
import { edocumentBlobStore } from './documents/blob-store.ts';
import { cleanupEdocumentBlobs } from './documents/edocument-cleanup.ts';
import { type Catalogue, loadCatalogue } from './catalog/catalogue.ts';
import { chargeQuotaOnIssue } from './customs/quota.ts';
import { syncProcedureVersions } from './catalog/sync.ts';
import type { Config } from './config.ts';
import type { Context, FlowHooks } from './context.ts';
import { type Db, openDb } from './db/db.ts';
import { migrate } from './db/migrate.ts';
import { buildServer } from './server.ts';
import { createJobQueue, type JobQueueOptions } from './jobs/queue.ts';
import { issuePermit } from './permits/issue.ts';
import { devPkiKeyFiles, initDevPki } from './pki/ca.ts';
import { checkKeyFile, ensurePrivateDir } from './private-files.ts';
import { staleCrlPolicyFor, TrustStore } from './pki/trust-store.ts';
import { loadOrCreateWindowKey } from './pki/window-key.ts';
import { seedReferenceData } from './registry/agencies.ts';

/**
 * How a window opens besides its config: the server uses the defaults; the test window opens a copy of a prepared
 * PGlite.
 */
export interface OpenOptions {
  /**
   * PGlite only: in memory instead of under the data folder, started from this dumped data folder when given.
   * `prepared`: the dump already holds what prepareDatabase() writes for this build (the test template, named by a
   * hash of all that shapes it), so the start only checks the migrations.
   */
  pglite?: { inMemory: true; loadDataDir?: Blob; prepared?: boolean };
  jobs?: Pick<JobQueueOptions, 'pollSeconds' | 'stopTimeoutSeconds'>;
}

/** What every start writes before it serves: migrations, then agencies and offices, then procedure versions. */
export async function prepareDatabase(db: Db, catalogue: Catalogue): Promise<void> {
  await migrate(db);
  await seedReferenceData(db);
  await syncProcedureVersions(db, catalogue);
}

/**
 * Opens everything a window needs, in order: database (migrated, reference data loaded),
 * trust store, the window's key. In development a dev CA and window key are created on first start.
 */
export async function openContext(config: Config, opts: OpenOptions = {}): Promise<Context> {
  const development = config.env !== 'production';
  const warn = (message: string) => console.warn(JSON.stringify({ level: 40, msg: message }));
  ensurePrivateDir(config.dataDir, warn);
  if (development) {
    await initDevPki(`${config.dataDir}/pki`);
    for (const key of devPkiKeyFiles(`${config.dataDir}/pki`)) checkKeyFile(key, { production: false, warn });
  }
  checkKeyFile(config.windowKeyPath, { production: !development, warn });
  const db = await openDb({
    databaseUrl: config.databaseUrl,
    dataDir: opts.pglite?.inMemory ? undefined : config.dataDir,
    loadDataDir: opts.pglite?.loadDataDir,
  });
  try {
    const catalogue = await loadCatalogue();
    if (opts.pglite?.prepared) await migrate(db);
    else await prepareDatabase(db, catalogue);
    const trust = TrustStore.fromDir(config.trustDir, { staleCrl: staleCrlPolicyFor(config.env) });
    const windowKey = await loadOrCreateWindowKey(config.windowKeyPath, { create: development });
    // Unwired until wireFlows below: an approval then fails rather than commit without its permit.
    const flows: FlowHooks = { issueOnApproval: null, permitIssued: [] };
    const jobs = createJobQueue(db, {
      ...opts.jobs,
      logger: {
        warn: (obj, msg) =>
          console.warn(JSON.stringify({ level: 40, msg, err: String((obj as { err?: unknown })?.err ?? obj) })),
      },
    });
    const ctx: Context = { config, db, trust, windowKey, catalogue, clock: { now: () => new Date() }, jobs, flows };
    // What the database handle stamps (audit events above all) takes the window's clock, even once a test swaps it.
    db.setClock({ now: () => ctx.clock.now() });
    wireFlows(ctx);
    return ctx;
  } catch (err) {
    await db.close();
    throw err;
  }
}

/**
 * The hooks by which a flow hands on to the next without importing it (review -> permit -> customs): an approval
 * issues its permit, an issued quota certificate is charged to its quota, all in the approving transaction.
 * The one place they are set (ctx.flows); openContext calls it, and so does any context built another way.
 * Calling it again sets the same hooks.
 */
export function wireFlows(ctx: Context): void {
  ctx.flows = {
    issueOnApproval: (tx, approval) => issuePermit(tx, ctx, approval),
    permitIssued: [chargeQuotaOnIssue],
  };
}

/** Registers every background job and starts the queue (before the server takes requests). */
export async function startJobs(ctx: Context): Promise<void> {
  await registerApplicationJobs(ctx);
  ctx.jobs.handle('housekeeping', async () => {
    await housekeeping(ctx.db, ctx.clock.now());
  });
  await ctx.jobs.every('housekeeping', 600);
  const blobs = edocumentBlobStore(ctx.config);
  ctx.jobs.handle('edocument-cleanup', async () => {
    await cleanupEdocumentBlobs(ctx.db, blobs);
  });
  await ctx.jobs.every('edocument-cleanup', 3600);
  await registerAuditJobs(ctx);
  await ctx.jobs.start();
}

export async function startServer(ctx: Context): Promise<FastifyInstance> {
  const app = await buildServer(ctx);
  await startJobs(ctx);
  app.addHook('onClose', async () => {
    await ctx.jobs.stop();
    await ctx.db.close();
  });
  await app.listen({ host: ctx.config.host, port: ctx.config.port });
  return app;
}
