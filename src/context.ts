import type { Catalogue } from './catalog/catalogue.ts';
import type { Config } from './config.ts';
import type { Db } from './db/db.ts';
import type { JobQueue } from './jobs/queue.ts';
import type { TrustStore } from './pki/trust-store.ts';
import type { WindowKey } from './pki/window-key.ts';

/** What a running window holds: built once at start and handed to routes and domain functions. */
export interface Context {
  config: Config;
  db: Db;
  trust: TrustStore;
  windowKey: WindowKey;
  catalogue: Catalogue;
  /** The time the domain sees: real in production, set by tests to run legal clocks without sleeping. */
  clock: { now(): Date };
  /** Background jobs and timers, in the same database. */
  jobs: JobQueue;
}
