/**
 * The job queue on a real database: PGlite in memory, or a fresh database on the PostgreSQL named
 * by TEST_DATABASE_URL. The queue's own behaviour (polling, retries, periods) runs in real time
 * with short intervals; tests wait on events from the handlers, never on fixed sleeps. Timings are
 * reported as diagnostics, not asserted.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { openDb, type Db } from '../src/db/db.ts';
import { createJobQueue, type JobQueue, type JobQueueOptions } from '../src/jobs/queue.ts';
import { splitSql } from '../src/jobs/split-sql.ts';
import { postgresOnly } from './support/postgres-only.ts';
import { testDatabaseUrl } from './support/window.ts';

const POLL = 0.5;
/** What pg-boss itself reported (fetch, maintenance or SQL errors); handler failures are expected in some tests. */
const queueProblems: { msg: string | undefined; obj: unknown }[] = [];
const quiet = {
  warn: (obj: unknown, msg?: string) => {
    if (msg?.startsWith('job queue')) queueProblems.push({ msg, obj });
  },
};

function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

/** Fails instead of hanging when an awaited event never comes. */
async function within<T>(promise: Promise<T>, seconds: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${seconds}s waiting for ${what}`)), seconds * 1000);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

const ms = (t0: number) => performance.now() - t0;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

test('splitSql splits at top-level semicolons only', () => {
  assert.deepEqual(
    splitSql(`
    BEGIN;
    SELECT 'a;b', "c;d", E'it\\'s;', 'x''y;z';  -- trailing; comment
    /* block; /* nested; */ still comment; */
    CREATE FUNCTION f() RETURNS int AS $$ BEGIN RETURN 1; END; $$ LANGUAGE plpgsql;
    SELECT $tag$ a; $$ b; $tag$, $1;
    ;
    COMMIT;
  `),
    [
      'BEGIN',
      `SELECT 'a;b', "c;d", E'it\\'s;', 'x''y;z'`,
      `-- trailing; comment
    /* block; /* nested; */ still comment; */
    CREATE FUNCTION f() RETURNS int AS $$ BEGIN RETURN 1; END; $$ LANGUAGE plpgsql`,
      'SELECT $tag$ a; $$ b; $tag$, $1',
      'COMMIT',
    ],
  );
  assert.deepEqual(splitSql('select 1'), ['select 1']);
  assert.deepEqual(splitSql(' -- only a comment\n'), []);
});

describe(`job queue on ${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  let database: Awaited<ReturnType<typeof testDatabaseUrl>>;
  let db: Db;
  let schemas = 0;
  const running: JobQueue[] = [];

  /** A queue in a schema of its own, so tests share the database but not their jobs. */
  function queue(opts: JobQueueOptions = {}) {
    const q = createJobQueue(db, { schema: `jobs_t${++schemas}`, pollSeconds: POLL, logger: quiet, ...opts });
    running.push(q);
    return q;
  }

  before(async () => {
    database = await testDatabaseUrl();
    db = await openDb({ databaseUrl: database.url });
    await db.query('create table jobs_test_orders (id text primary key)');
  });
  after(async () => {
    await Promise.all(running.map((q) => q.stop()));
    await db?.close();
    await database?.drop();
    assert.deepEqual(queueProblems, [], 'pg-boss reported no errors or warnings');
  });

  test('a sent job runs once, with its data, soon after it is sent', async (t) => {
    const q = queue();
    const calls: { data: { n: number }; id: string; retryCount: number; startedAfterMs: number }[] = [];
    let sentAt = 0;
    let next = deferred();
    q.handle<{ n: number }>('greet', async (data, job) => {
      calls.push({ data, id: job.id, retryCount: job.retryCount, startedAfterMs: ms(sentAt) });
      next.resolve();
    });
    await q.start();
    const ids: (string | null)[] = [];
    for (let n = 0; n < 10; n++) {
      next = deferred();
      sentAt = performance.now();
      ids.push(await q.send('greet', { n }));
      await within(next.promise, 10, `job ${n}`);
    }
    await q.stop();
    assert.deepEqual(
      calls.map((c) => c.data),
      Array.from({ length: 10 }, (_, n) => ({ n })),
    );
    assert.deepEqual(
      calls.map((c) => c.id),
      ids,
    );
    assert.ok(calls.every((c) => c.retryCount === 0));
    assert.deepEqual(await q.stats('greet'), {
      created: 0,
      retry: 0,
      active: 0,
      completed: 10,
      cancelled: 0,
      failed: 0,
    });
    const latencies = calls.map((c) => c.startedAfterMs);
    t.diagnostic(
      `send() to handler start, same process: median ${median(latencies).toFixed(1)} ms, max ` +
        `${Math.max(...latencies).toFixed(1)} ms`,
    );
  });

  test('a failing job is retried with backoff until it succeeds', async () => {
    const q = queue();
    const attempts: number[] = [];
    const succeeded = deferred();
    q.handle<{ order: string }>(
      'flaky',
      async (_data, job) => {
        attempts.push(job.retryCount);
        if (job.retryCount < 2) throw new Error(`attempt ${job.retryCount} fails`);
        succeeded.resolve();
      },
      { retryDelaySeconds: 1 },
    );
    await q.start();
    await q.send('flaky', { order: 'x' });
    await within(succeeded.promise, 20, 'the third attempt');
    await q.stop();
    assert.deepEqual(attempts, [0, 1, 2]);
    assert.equal((await q.stats('flaky')).completed, 1);
  });

  test('singletonKey: a second job with the key of a waiting one is ignored', async () => {
    const q = queue();
    const ran = deferred<{ key: string }>();
    q.handle<{ key: string }>('remind', async (data) => {
      ran.resolve(data);
    });
    await q.start();
    const later = { startAfterSeconds: 3600 };
    const first = await q.send('remind', { key: 'app-1' }, { singletonKey: 'app-1', ...later });
    assert.ok(first);
    assert.equal(await q.send('remind', { key: 'app-1' }, { singletonKey: 'app-1', ...later }), null);
    assert.ok(await q.send('remind', { key: 'app-2' }, { singletonKey: 'app-2', ...later }));
    // Jobs without a key are never deduplicated.
    const keyless = [await q.send('remind', { key: '-' }, later), await q.send('remind', { key: '-' }, later)];
    assert.ok(keyless[0] && keyless[1] && keyless[0] !== keyless[1]);
    assert.equal((await q.stats('remind')).created, 4);

    // Once a key's job has run, the key is free again.
    assert.ok(await q.send('remind', { key: 'now' }, { singletonKey: 'now' }));
    assert.deepEqual(await within(ran.promise, 10, 'the job'), { key: 'now' });
    await q.stop();
    assert.equal((await q.stats('remind')).completed, 1);
  });

  test('every() runs a periodic job again and again', async (t) => {
    const q = queue();
    const runs: number[] = [];
    const third = deferred();
    const t0 = performance.now();
    q.handle('tick', async () => {
      runs.push(ms(t0));
      if (runs.length === 3) third.resolve();
    });
    await q.every('tick', 1);
    await q.start();
    await within(third.promise, 15, 'three runs');
    await assert.rejects(q.send('tick', {}, { singletonKey: 'x' }), /periodic and takes no singletonKey/);
    await q.stop();
    assert.ok(runs.length >= 3);
    t.diagnostic(`every('tick', 1) ran at ${runs.map((r) => (r / 1000).toFixed(2)).join(', ')} s after start()`);
  });

  test('sendInTransaction: the job exists if and only if the transaction commits', async (t) => {
    const q = queue();
    const handled: { orderId: string; orderCommitted: boolean; afterMs: number }[] = [];
    const shipped = deferred();
    let committedAt = 0;
    q.handle<{ orderId: string }>('ship', async ({ orderId }) => {
      const order = await db.maybe('select id from jobs_test_orders where id = $1', [orderId]);
      handled.push({ orderId, orderCommitted: order !== null, afterMs: ms(committedAt) });
      if (handled.length === 2) shipped.resolve();
    });
    await q.start();

    await assert.rejects(
      db.transaction(async (tx) => {
        await tx.query('insert into jobs_test_orders (id) values ($1)', ['rolled-back']);
        assert.ok(await q.sendInTransaction(tx, 'ship', { orderId: 'rolled-back' }));
        throw new Error('the domain change fails after the job was queued');
      }),
      /domain change fails/,
    );
    assert.deepEqual(await q.stats('ship'), { created: 0, retry: 0, active: 0, completed: 0, cancelled: 0, failed: 0 });

    await db.transaction(async (tx) => {
      for (const orderId of ['committed-1', 'committed-2']) {
        await tx.query('insert into jobs_test_orders (id) values ($1)', [orderId]);
        await q.sendInTransaction(tx, 'ship', { orderId });
      }
      committedAt = performance.now();
    });
    await within(shipped.promise, 10, 'the committed jobs');
    await q.stop();
    assert.deepEqual(
      handled
        .map(({ orderId, orderCommitted }) => ({ orderId, orderCommitted }))
        .sort((a, b) => a.orderId.localeCompare(b.orderId)),
      [
        { orderId: 'committed-1', orderCommitted: true },
        { orderId: 'committed-2', orderCommitted: true },
      ],
    );
    assert.equal((await q.stats('ship')).completed, 2);
    await assert.rejects(
      db.transaction((tx) => q.sendInTransaction(tx, 'ship', { orderId: 'x' })),
      /needs a started queue/,
    );
    t.diagnostic(
      `end of transaction to handler start (local worker woken when it commits): ` +
        `${handled.map((h) => h.afterMs.toFixed(1)).join(' ms, ')} ms`,
    );
  });

  test('sendInTransaction refuses a name without a queue instead of waiting on the connection', async () => {
    const q = queue();
    await q.start();
    await assert.rejects(
      db.transaction((tx) => q.sendInTransaction(tx, 'unknown', {})),
      /has no queue yet/,
    );
    await q.stop();
  });

  test('stop() waits for running handlers to finish', async () => {
    const q = queue();
    const started = deferred();
    const release = deferred();
    let finished = false;
    q.handle('slow', async () => {
      started.resolve();
      await release.promise;
      finished = true;
    });
    await q.start();
    await q.send('slow', {});
    await within(started.promise, 10, 'the handler to start');
    const stopping = q.stop();
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(finished, false);
    release.resolve();
    await stopping;
    assert.equal(finished, true);
    assert.equal((await q.stats('slow')).completed, 1);
  });

  test('200 no-op jobs are each handled exactly once', async (t) => {
    for (const concurrency of [1, 4]) {
      // One instance sends (as a web process would), another with the handler drains the backlog.
      const schema = `jobs_t${++schemas}`;
      const producer = queue({ schema });
      await producer.start();
      const t0 = performance.now();
      for (let n = 0; n < 200; n++) await producer.send('noop', { n });
      const sent = ms(t0);

      const consumer = queue({ schema });
      const seen = new Map<number, number>();
      const all = deferred();
      consumer.handle<{ n: number }>(
        'noop',
        async ({ n }) => {
          seen.set(n, (seen.get(n) ?? 0) + 1);
          if (seen.size === 200) all.resolve();
        },
        { concurrency },
      );
      await consumer.start();
      const t1 = performance.now();
      await within(all.promise, 60, '200 jobs');
      const drained = ms(t1);
      await Promise.all([producer.stop(), consumer.stop()]);
      assert.equal(seen.size, 200);
      assert.ok([...seen.values()].every((count) => count === 1));
      assert.equal((await producer.stats('noop')).completed, 200);
      t.diagnostic(
        `200 sends one after another: ${sent.toFixed(0)} ms (${(200 / (sent / 1000)).toFixed(0)}/s); drained ` +
          `with concurrency ${concurrency} in ${drained.toFixed(0)} ms (${(200 / (drained / 1000)).toFixed(0)} ` +
          `jobs/s)`,
      );
    }
  });
});

describe('two job queues on one database, as two server processes (PostgreSQL)', postgresOnly, () => {
  let database: Awaited<ReturnType<typeof testDatabaseUrl>>;
  let dbs: Db[] = [];
  let queues: JobQueue[] = [];

  before(async () => {
    database = await testDatabaseUrl();
    dbs = [await openDb({ databaseUrl: database.url }), await openDb({ databaseUrl: database.url })];
    await dbs[0]!.query('create table handled (job_id text not null, worker int not null)');
    await dbs[0]!.query(
      'create table sweeps (id serial primary key, worker int not null, started_at timestamptz not null, ' +
        'ended_at timestamptz)',
    );
    await dbs[0]!.query(
      'create table sweep_probe (id int primary key, running int not null, max_running int not null)',
    );
    await dbs[0]!.query('insert into sweep_probe values (1, 0, 0)');
  });
  after(async () => {
    await Promise.all(queues.map((q) => q.stop()));
    await Promise.all(dbs.map((d) => d.close()));
    await database?.drop();
    assert.deepEqual(queueProblems, [], 'pg-boss reported no errors or warnings');
  });

  test(
    'each job is handled once in total; the periodic job runs on ' + 'one process at a time and survives one stopping',
    async (t) => {
      let handledCount = 0;
      const allHandled = deferred();
      const sweepsBy = [0, 0];
      let sweepsWanted = { worker: -1, count: 0, reached: deferred() };
      /** Resolves once a sweep job waits, due for two poll intervals by the database's clock (not a sleep). */
      const nextSweepOverdue = async (db: Db) => {
        for (;;) {
          const [waiting] = await db.query<{ n: number }>(
            `select count(*)::int as n from jobs_shared.job where name = 'sweep' and state = 'created'
               and start_after <= now() - make_interval(secs => $1)`,
            [2 * POLL],
          );
          if (waiting!.n > 0) return;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      };
      const awaitSweeps = (worker: number, count: number) => {
        sweepsWanted = { worker, count, reached: deferred() };
        return sweepsWanted.reached.promise;
      };
      queues = dbs.map((db, i) => {
        const q = createJobQueue(db, { schema: 'jobs_shared', pollSeconds: POLL, logger: quiet });
        q.handle<{ n: number }>(
          'work',
          async (_data, job) => {
            await db.query('insert into handled (job_id, worker) values ($1, $2)', [job.id, i]);
            if (++handledCount === 200) allHandled.resolve();
          },
          { concurrency: 2 },
        );
        q.handle('sweep', async () => {
          await db.query(
            'update sweep_probe set running = running + 1, max_running = greatest(max_running, running + 1) ' +
              'where id = 1',
          );
          const run = await db.one<{ id: number }>(
            'insert into sweeps (worker, started_at) values ($1, clock_timestamp()) returning id',
            [i],
          );
          // Held longer than the period: released once the next period's job has been due for two of the
          // other process's polls, which would have started it if the queue let it.
          await within(nextSweepOverdue(db), 30, 'the next periodic run waiting while this one runs');
          await db.query('update sweeps set ended_at = clock_timestamp() where id = $1', [run.id]);
          await db.query('update sweep_probe set running = running - 1 where id = 1');
          sweepsBy[i]!++;
          const wanted = sweepsWanted;
          if ((wanted.worker === -1 ? sweepsBy[0]! + sweepsBy[1]! : sweepsBy[wanted.worker]!) >= wanted.count)
            wanted.reached.resolve();
        });
        return q;
      });
      for (const q of queues) await q.every('sweep', 1);
      const waitingForSweeps = awaitSweeps(-1, 3);
      // Both start (and install pg-boss's schema) at once, as processes of one deployment do.
      await Promise.all(queues.map((q) => q.start()));

      const t0 = performance.now();
      await Promise.all(
        queues.map(async (q, i) => {
          for (let n = i; n < 200; n += 2) await q.send('work', { n });
        }),
      );
      await within(allHandled.promise, 60, '200 jobs');
      const drained = ms(t0);
      await within(waitingForSweeps, 30, 'three periodic runs');

      // One process stops (a deploy, a crash handled by its heartbeat): the other keeps the period.
      await queues[0]!.stop();
      await within(awaitSweeps(1, sweepsBy[1]! + 2), 30, 'two periodic runs on the remaining process');
      await queues[1]!.stop();

      const [counts] = await dbs[0]!.query<{ total: number; distinct: number }>(
        'select count(*)::int as total, count(distinct job_id)::int as distinct from handled',
      );
      assert.deepEqual(counts, { total: 200, distinct: 200 });
      const perWorker = await dbs[0]!.query<{ worker: string; n: number }>(
        'select worker, count(*)::int as n from handled group by worker order by worker',
      );
      const [probe] = await dbs[0]!.query<{ max_running: number; running: number }>(
        'select max_running, running from sweep_probe',
      );
      assert.deepEqual(probe, { max_running: 1, running: 0 });
      const [overlaps] = await dbs[0]!.query<{ n: number }>(`
      select count(*)::int as n from sweeps a join sweeps b on a.id < b.id
      where tstzrange(a.started_at, a.ended_at) && tstzrange(b.started_at, b.ended_at)`);
      assert.equal(overlaps!.n, 0);
      t.diagnostic(
        `200 jobs sent through both, drained ${drained.toFixed(0)} ms after the first send; handled per ` +
          `process: ${perWorker.map((r) => `process ${r.worker}: ${r.n}`).join(', ')}`,
      );
      t.diagnostic(`periodic runs per process: ${sweepsBy.map((n, i) => `process ${i}: ${n}`).join(', ')}`);
    },
  );
});
