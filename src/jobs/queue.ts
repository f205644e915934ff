/**
 * The background job queue: pg-boss on our own database (the PGlite instance, or the pg Pool),
 * so jobs are rows next to the domain's and several server processes can share them.
 *
 * Guarantees, and what they ask of handlers:
 * - A job is claimed by one worker at a time (row lock, SKIP LOCKED). A handler that throws is
 *   retried with backoff; one whose process dies mid-run is retried once its heartbeat lapses. So
 *   delivery is at least once: handlers must make their effect idempotent (a conditional update on
 *   the domain row, as everywhere else) for it to take effect exactly once.
 * - sendInTransaction inserts the job in the caller's transaction: a committed change always has
 *   its job, a rolled-back one never does.
 * - every(name, seconds) creates at most one job per period across the cluster, and never runs two
 *   of them at once.
 *
 * Deadlines are not timers here: the domain keeps due dates in its own rows and a periodic sweep
 * acts on those that are due, so tests inject time into the domain instead of waiting.
 */
import crypto from 'node:crypto';
import { PgBoss, type Job, type QueuePolicy } from 'pg-boss';
import type { Db, Sql } from '../db/db.ts';
import { bossDb } from './boss-db.ts';
import { LOCK_CLASS } from '../db/locks.ts';

export interface JobInfo {
  id: string;
  name: string;
  /** 0 on the first attempt. */
  retryCount: number;
  /** Aborted when the job expires or stop() gives up waiting for it. */
  signal: AbortSignal;
}

export interface HandleOptions {
  /** Handlers of this job running at once in this process. Default 1. */
  concurrency?: number;
  /** Retries after a failure, with exponential backoff. Default 5. */
  retryLimit?: number;
  /** First retry delay; doubles (with jitter) on each retry, up to 5 minutes. Default 2. */
  retryDelaySeconds?: number;
  /** A handler still running after this long is failed (and retried). Default 15 minutes. */
  expireInSeconds?: number;
}

export interface SendOptions {
  /** While a job with this key waits to run, sending another with the same key is ignored (null). */
  singletonKey?: string;
  /** Runs no earlier than this many seconds from now. */
  startAfterSeconds?: number;
}

export interface JobQueue {
  /** Registers the handler of a job name (call before start). Handler errors retry with backoff. */
  handle<T extends object>(name: string, handler: (data: T, job: JobInfo) => Promise<void>, opts?: HandleOptions): void;
  /**
   * Sends a job now, outside any transaction; returns its id, or null when deduplicated by
   * singletonKey. Never call it inside a transaction on PGlite (one connection: it would wait for
   * the transaction forever): use sendInTransaction.
   */
  send<T extends object>(name: string, data: T, opts?: SendOptions): Promise<string | null>;
  /**
   * Inserts the job in the caller's transaction: it exists if and only if the transaction commits.
   * The job's name must already have a queue (registered with handle() or every() before start(),
   * or sent once with send()): creating one needs its own transaction.
   */
  sendInTransaction<T extends object>(tx: Sql, name: string, data: T, opts?: SendOptions): Promise<string | null>;
  /**
   * Runs `name` every `seconds` (a whole number, at least 1) on one process at a time across the
   * cluster. Each process proposes a job for the current period twice per period; the database
   * keeps the first (one job per period and name) and runs at most one at a time (the queue's
   * policy), so missed periods collapse into one run rather than a backlog. Periods are aligned to
   * the database clock (epoch multiples of `seconds`), so two runs can be closer than `seconds`
   * apart: one at the end of a period, the next at the start of the following. A failed run is not
   * retried: the next period is its retry. send(name) triggers a run now, under the same rule.
   */
  every(name: string, seconds: number): Promise<void>;
  start(): Promise<void>;
  /** Stops fetching, waits for running handlers (up to stopTimeoutSeconds), then stops. */
  stop(): Promise<void>;
  /** Job counts by state (created, retry, active, completed, cancelled, failed), for tests and ops. */
  stats(name?: string): Promise<Record<string, number>>;
  /**
   * Settles when a job of `name` whose data holds `data` has run: at once if one completed already, else when a
   * handler of this process finishes one (rejects if it fails). Tests wait on the work with it instead of polling.
   */
  ran(name: string, data: Record<string, unknown>): Promise<void>;
}

export interface JobQueueOptions {
  /** The database schema pg-boss installs its tables in. Default 'pgboss'. */
  schema?: string;
  /** How often an idle worker looks for jobs sent by other processes (or by transactions). Default 2, minimum 0.5. */
  pollSeconds?: number;
  /** How long stop() waits for running handlers. Default 30. */
  stopTimeoutSeconds?: number;
  logger?: { warn(obj: unknown, msg?: string): void };
}

const STATES = ['created', 'retry', 'active', 'completed', 'cancelled', 'failed'] as const;
// A job whose worker went silent this long (its process died) is failed and retried by whichever
// process supervises next. pg-boss refreshes it every half of this while the handler runs.
const HEARTBEAT_SECONDS = 30;

interface Handler {
  fn: (data: any, job: JobInfo) => Promise<void>;
  opts: HandleOptions;
}

export function createJobQueue(db: Db, opts: JobQueueOptions = {}): JobQueue {
  const schema = opts.schema ?? 'pgboss';
  if (!/^[a-z_][a-z0-9_]*$/.test(schema))
    throw new Error(`job queue schema must be a plain lower-case SQL name, got "${schema}"`);
  const pollSeconds = opts.pollSeconds ?? 2;
  if (!(pollSeconds >= 0.5)) throw new Error('pollSeconds must be at least 0.5');
  const logger = opts.logger ?? { warn: (obj: unknown, msg?: string) => console.warn(msg ?? 'job queue', obj) };

  const boss = new PgBoss({
    db: bossDb(db),
    backend: db.backend === 'pglite' ? 'pglite' : 'postgres',
    schema,
    // Recurring jobs are our every(), which allows periods under a minute; pg-boss's cron is not used.
    schedule: false,
  });
  // Without a listener an 'error' event would throw; these are fetch or maintenance failures that
  // pg-boss retries on its own.
  boss.on('error', (err) => logger.warn({ err }, 'job queue error'));
  boss.on('warning', (warning) => logger.warn({ warning }, `job queue warning: ${warning.message}`));

  const handlers = new Map<string, Handler>();
  const periods = new Map<string, number>();
  /** Names whose queue this instance has created (or found), so sends need no lookup. */
  const queues = new Set<string>();
  const creating = new Map<string, Promise<void>>();
  const timers: NodeJS.Timeout[] = [];
  const wakesAfterCommit = new WeakMap<Sql, Set<string>>();
  const ticks = new Set<Promise<unknown>>();
  const waiters = new Set<{ name: string; data: Record<string, unknown>; settle: (err?: unknown) => void }>();
  const settleWaiters = (name: string, data: object | null, err?: unknown) => {
    const held = (data ?? {}) as Record<string, unknown>;
    for (const w of waiters)
      if (w.name === name && Object.entries(w.data).every(([k, v]) => held[k] === v)) {
        waiters.delete(w);
        w.settle(err);
      }
  };
  let state: 'new' | 'starting' | 'started' | 'stopping' | 'stopped' = 'new';
  let starting: Promise<void> | undefined;
  let stopping: Promise<void> | undefined;

  /**
   * Two processes installing pg-boss's schema at once: although pg-boss serialises its install with an
   * advisory lock, PostgreSQL once refused the second one's DDL with a unique violation on its own
   * catalog (pg_namespace, seen in CI, not reproduced in 40 tries here). The install is then done by
   * the other process, and a second start finds it (pg-boss documents start() after a failure as safe).
   */
  async function startBoss() {
    try {
      await boss.start();
    } catch (err) {
      const catalogRace = (err as { code?: string }).code === '23505' && /"pg_\w+"/.test((err as Error).message);
      if (!catalogRace) throw err;
      await boss.start();
    }
  }

  function assertName(name: string) {
    if (!/^[\w.\-/]+$/.test(name)) throw new Error(`job name "${name}" may only use letters, digits, _ - . /`);
  }

  function assertStarted(what: string) {
    if (state !== 'started') throw new Error(`job queue: ${what} needs a started queue (state: ${state})`);
  }

  /**
   * Creates the queue once (every process may: creation is idempotent), checks its policy, and
   * brings its retry settings up to date with this release's handler.
   */
  function ensureQueue(name: string): Promise<void> {
    if (queues.has(name)) return Promise.resolve();
    let pending = creating.get(name);
    if (!pending) {
      pending = (async () => {
        // 'short' for immediate jobs: one waiting job per singletonKey (keyless sends get a key of
        // their own). 'stately' for periodic ones: one waiting and one running, never two running.
        const policy: QueuePolicy = periods.has(name) ? 'stately' : 'short';
        const h = handlers.get(name)?.opts ?? {};
        const expireInSeconds = h.expireInSeconds ?? 900;
        const settings = periods.has(name)
          ? { retryLimit: 0, expireInSeconds, heartbeatSeconds: HEARTBEAT_SECONDS } // the next period is the retry
          : {
              retryLimit: h.retryLimit ?? 5,
              retryDelay: h.retryDelaySeconds ?? 2,
              retryBackoff: true,
              retryDelayMax: 300,
              expireInSeconds,
              heartbeatSeconds: HEARTBEAT_SECONDS,
            };
        await boss.createQueue(name, { policy, ...settings });
        const queue = await boss.getQueue(name);
        if (queue && queue.policy !== policy) {
          throw new Error(
            `job queue "${name}" exists with policy "${queue.policy}", expected "${policy}": a name is ` +
              `either periodic or not`,
          );
        }
        // The process that handles a job owns its settings: a queue created by a sender, or by an
        // earlier release, takes this release's.
        if (handlers.has(name)) await boss.updateQueue(name, settings);
        queues.add(name);
      })().finally(() => creating.delete(name));
      creating.set(name, pending);
    }
    return pending;
  }

  /** Wakes this process's idle workers of a queue so they fetch now rather than at their next poll. */
  function wake(name: string, idleOnly: boolean) {
    for (const w of boss.getWipData()) {
      if (w.name === name && w.state === 'active' && (!idleOnly || w.count === 0)) boss.notifyWorker(w.id);
    }
  }

  /**
   * Wakes local workers once the sending transaction has ended, so a committed job starts now
   * rather than at the next poll. The transaction takes an advisory lock that it holds until it
   * ends; a query for the same lock outside it returns then (on PGlite, any outside query waits for
   * the transaction anyway). That query holds one pooled connection while it waits, one per
   * transaction however many jobs it sends. If it fails, polling still finds the jobs.
   */
  async function wakeAfterCommit(tx: Sql, name: string, id: string) {
    const waiting = wakesAfterCommit.get(tx);
    if (waiting) {
      waiting.add(name);
      return;
    }
    const names = new Set([name]);
    wakesAfterCommit.set(tx, names);
    const key = [LOCK_CLASS.jobWake, Number.parseInt(id.slice(0, 8), 16) | 0];
    await tx.query('select pg_advisory_xact_lock($1, $2)', key);
    void db
      .query('select pg_advisory_xact_lock($1, $2)', key)
      .then(() => {
        if (state === 'started') for (const n of names) wake(n, true);
      })
      .catch(() => {
        /* the database closed first: nothing to wake */
      })
      .finally(() => wakesAfterCommit.delete(tx));
  }

  function jobOptions(name: string, opts: SendOptions) {
    if (opts.startAfterSeconds !== undefined && !(opts.startAfterSeconds >= 0))
      throw new Error('startAfterSeconds must be 0 or more');
    const id = crypto.randomUUID();
    const startAfter = opts.startAfterSeconds ? { startAfter: opts.startAfterSeconds } : {};
    if (periods.has(name)) {
      // A periodic job sent by hand ("sweep now") shares the periodic runs' (empty) key, so it too
      // waits while one runs and merges with one that waits.
      if (opts.singletonKey !== undefined)
        throw new Error(`job queue: "${name}" is periodic and takes no singletonKey`);
      return { id, ...startAfter };
    }
    // The queue policy allows one waiting job per key; a keyless job gets its own key (its id).
    return { id, singletonKey: opts.singletonKey ?? id, ...startAfter };
  }

  async function startWorker(name: string, { fn, opts: h }: Handler) {
    await boss.work<object>(
      name,
      { pollingIntervalSeconds: pollSeconds, localConcurrency: h.concurrency ?? 1, batchSize: 1 },
      async (jobs: Job<object>[]) => {
        try {
          for (const job of jobs) {
            try {
              await fn(job.data, { id: job.id, name: job.name, retryCount: job.retryCount, signal: job.signal });
              settleWaiters(name, job.data);
            } catch (err) {
              settleWaiters(name, job.data, err);
              logger.warn(
                { err, job: { id: job.id, name: job.name, retryCount: job.retryCount } },
                `job ${job.name} failed`,
              );
              throw err;
            }
          }
        } finally {
          // A worker that got a job polls again at once instead of after pollSeconds: a backlog drains
          // at database speed, and an empty queue costs one fetch before the worker rests.
          wake(name, false);
        }
      },
    );
  }

  function startTicking(name: string, seconds: number) {
    const tick = () => {
      if (state !== 'started') return;
      const sending = boss
        .send(name, {}, { singletonSeconds: seconds })
        .then((id) => {
          if (id) wake(name, true);
        })
        .catch((err) => logger.warn({ err, job: name }, `could not schedule periodic job ${name}`));
      ticks.add(sending);
      void sending.finally(() => ticks.delete(sending));
    };
    tick();
    // Twice per period, so that neither timer drift nor clock skew between this process and the
    // database (which decides the period) can skip one.
    timers.push(setInterval(tick, Math.max(500, (seconds * 1000) / 2)));
  }

  return {
    handle(name, handler, handleOpts = {}) {
      assertName(name);
      if (state !== 'new') throw new Error(`job queue: handle("${name}") must be called before start()`);
      if (handlers.has(name)) throw new Error(`job queue: "${name}" already has a handler`);
      const whole = (value: number | undefined, min: number) =>
        value === undefined || (Number.isInteger(value) && value >= min);
      if (
        !whole(handleOpts.concurrency, 1) ||
        !whole(handleOpts.retryLimit, 0) ||
        !whole(handleOpts.retryDelaySeconds, 0) ||
        !whole(handleOpts.expireInSeconds, 1)
      ) {
        throw new Error(
          `job queue: handle("${name}") options must be whole numbers (concurrency and expireInSeconds at least 1)`,
        );
      }
      handlers.set(name, { fn: handler as Handler['fn'], opts: handleOpts });
    },

    async send(name, data, sendOpts = {}) {
      assertName(name);
      assertStarted(`send("${name}")`);
      await ensureQueue(name);
      const id = await boss.send(name, data, jobOptions(name, sendOpts));
      if (id && !sendOpts.startAfterSeconds) wake(name, true);
      return id;
    },

    async sendInTransaction(tx, name, data, sendOpts = {}) {
      assertName(name);
      assertStarted(`sendInTransaction("${name}")`);
      if (!queues.has(name)) {
        throw new Error(
          `job queue: "${name}" has no queue yet; register it with handle() or every() before ` +
            `start(), or send() it once outside a transaction`,
        );
      }
      const id = await boss.send(name, data, { ...jobOptions(name, sendOpts), db: bossDb(tx) });
      if (id && !sendOpts.startAfterSeconds && handlers.has(name)) await wakeAfterCommit(tx, name, id);
      return id;
    },

    async every(name, seconds) {
      assertName(name);
      if (!Number.isInteger(seconds) || seconds < 1)
        throw new Error(`every("${name}"): seconds must be a whole number of at least 1`);
      if (periods.has(name)) throw new Error(`job queue: "${name}" is already periodic`);
      if (queues.has(name)) throw new Error(`job queue: "${name}" is already an immediate job queue`);
      if (state !== 'new' && state !== 'started')
        throw new Error(`job queue: every("${name}") while the queue is ${state}`);
      periods.set(name, seconds);
      if (state === 'started') {
        await ensureQueue(name);
        startTicking(name, seconds);
      }
    },

    start() {
      if (state !== 'new') return Promise.reject(new Error(`job queue: start() called twice (state: ${state})`));
      state = 'starting';
      starting = (async () => {
        try {
          await startBoss();
          for (const name of new Set([...handlers.keys(), ...periods.keys()])) await ensureQueue(name);
          for (const [name, handler] of handlers) await startWorker(name, handler);
          state = 'started';
          for (const [name, seconds] of periods) startTicking(name, seconds);
        } catch (err) {
          state = 'stopped';
          await boss.stop({ graceful: false }).catch(() => {});
          throw err;
        }
      })();
      return starting;
    },

    async stop() {
      if (state === 'new') {
        state = 'stopped';
        return;
      }
      if (state === 'starting') await starting?.catch(() => {});
      if (state !== 'started') return stopping ?? undefined;
      state = 'stopping';
      stopping = (async () => {
        for (const timer of timers) clearInterval(timer);
        await Promise.allSettled([...ticks]);
        await boss.stop({ graceful: true, timeout: (opts.stopTimeoutSeconds ?? 30) * 1000 });
        state = 'stopped';
      })();
      return stopping;
    },

    async stats(name) {
      const rows = await db.query<{ state: string; n: number }>(
        `select state::text, count(*)::int as n from ${schema}.job ${name ? 'where name = $1' : ''} group by state`,
        name ? [name] : [],
      );
      const counts: Record<string, number> = Object.fromEntries(STATES.map((s) => [s, 0]));
      for (const row of rows) counts[row.state] = row.n;
      return counts;
    },

    ran(name, data) {
      return new Promise<void>((resolve, reject) => {
        const waiter = { name, data, settle: (err?: unknown) => (err ? reject(err) : resolve()) };
        // Waiting before looking: a job that completes in between is seen one way or the other.
        waiters.add(waiter);
        db.query(`select 1 from ${schema}.job where name = $1 and state = 'completed' and data @> $2::jsonb limit 1`, [
          name,
          JSON.stringify(data),
        ]).then((rows) => rows.length > 0 && waiters.delete(waiter) && resolve(), reject);
      });
    },
  };
}
