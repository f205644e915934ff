import fs from 'node:fs';
import path from 'node:path';
import { PGlite, types as pgliteTypes } from '@electric-sql/pglite';
import pg from 'pg';
import { tightenTree } from '../private-files.ts';
import { lockDatabaseDir } from './owner-lock.ts';

export type Row = Record<string, any>;

/** A source of the current time: the window's clock (`ctx.clock`), which tests move instead of sleeping. */
export interface Clock {
  now(): Date;
}

/** What domain code needs from a database: queries and, on the root handle, transactions. */
export interface Sql {
  query<T = Row>(text: string, params?: readonly unknown[]): Promise<T[]>;
  /** Exactly one row, or throws: for inserts/updates with RETURNING and lookups that must exist. */
  one<T = Row>(text: string, params?: readonly unknown[]): Promise<T>;
  /** The first row or null. */
  maybe<T = Row>(text: string, params?: readonly unknown[]): Promise<T | null>;
  /** Runs several statements without parameters (migrations). */
  script(text: string): Promise<void>;
  /** Runs fn in one transaction; nested calls join the outer transaction. */
  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T>;
  /**
   * The window's time as this handle's database was told it (`Db.setClock`, set by openContext to ctx.clock): what
   * a statement stamps instead of the database's now(), so a time written agrees with the window's clock.
   */
  now(): Date;
}

export interface Db extends Sql {
  readonly backend: 'pglite' | 'postgres';
  close(): Promise<void>;
  /** Where `now()` of this handle and of its transactions reads the time from (real time until set). */
  setClock(clock: Clock): void;
  /**
   * PGlite only: the data folder as a tarball, which `openDb({ loadDataDir })` starts
   * from (tests clone a migrated database).
   */
  dumpDataDir?(): Promise<Blob>;
}

type RunQuery = (text: string, params?: readonly unknown[]) => Promise<Row[]>;

/** One per opened database, shared by its transactions, so `setClock` reaches them all. */
class ClockSource implements Clock {
  private clock: Clock = { now: () => new Date() };
  now = () => this.clock.now();
  use = (clock: Clock) => {
    this.clock = clock;
  };
}

function helpers(run: RunQuery, script: Sql['script'], transaction: Sql['transaction'], clock: Clock): Sql {
  return {
    script,
    now: clock.now,
    query: run as Sql['query'],
    async one(text, params) {
      const rows = await run(text, params);
      if (rows.length !== 1) throw new Error(`expected one row, got ${rows.length}: ${text.slice(0, 80)}`);
      return rows[0] as any;
    },
    async maybe(text, params) {
      return ((await run(text, params))[0] as any) ?? null;
    },
    transaction,
  };
}

// PGlite returns bytea as Uint8Array; pg returns Buffer. Domain code gets Buffers from both.
function toBuffers(rows: Row[]): Row[] {
  for (const row of rows) {
    for (const key in row) {
      const v = row[key];
      if (v instanceof Uint8Array && !Buffer.isBuffer(v)) row[key] = Buffer.from(v.buffer, v.byteOffset, v.byteLength);
    }
  }
  return rows;
}

/**
 * A `date` column is a calendar day, not an instant: both drivers return it as its 'YYYY-MM-DD' text.
 * (Left to themselves, PGlite returns a Date at UTC midnight and pg a Date at the process's local
 * midnight, whose toISOString() is the day before east of Greenwich.)
 */
const asDateText = (value: string) => value;
const PGLITE_PARSERS = { [pgliteTypes.DATE]: asDateText };

async function openPglite(dataDir: string | undefined, loadDataDir: Blob | undefined): Promise<Db> {
  // In memory (tests) there is nothing to share; on disk, one process owns the folder (see owner-lock.ts).
  const lock = dataDir ? lockDatabaseDir(dataDir) : null;
  let lite: PGlite;
  try {
    if (dataDir) fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    lite = new PGlite({ dataDir, parsers: PGLITE_PARSERS, ...(loadDataDir ? { loadDataDir } : {}) });
    await lite.waitReady;
    if (dataDir) tightenTree(dataDir);
  } catch (err) {
    lock?.release();
    throw err;
  }
  type Conn = Pick<PGlite, 'query' | 'exec'>;
  const run =
    (q: Conn): RunQuery =>
    async (text, params) =>
      toBuffers((await q.query<Row>(text, params as any[])).rows);
  const script = (q: Conn) => async (text: string) => {
    await q.exec(text);
  };
  const clock = new ClockSource();
  const root = helpers(
    run(lite),
    script(lite),
    (fn) =>
      lite.transaction((tx) => {
        const inner: Sql = helpers(run(tx), script(tx), (nested) => nested(inner), clock);
        return fn(inner);
      }),
    clock,
  );
  return {
    ...root,
    backend: 'pglite',
    setClock: clock.use,
    dumpDataDir: () => lite.dumpDataDir('none'),
    close: async () => {
      try {
        await lite.close();
        if (dataDir) tightenTree(dataDir);
      } finally {
        lock?.release();
      }
    },
  };
}

// date[] and text[] are not in pg's typed builtins; a date[] read as text[] is an array of 'YYYY-MM-DD'.
const DATE_ARRAY = 1182;
const TEXT_ARRAY = 1009 as Parameters<typeof pg.types.getTypeParser>[0];

/** This window's pg pools' parsers (not the process-wide pg.types, which other pg users share). */
function pgTypeParsers(): pg.CustomTypesConfig {
  const parsers = new pg.TypeOverrides();
  // int8 (counts, sequences) as numbers, as PGlite does; values stay far below 2^53.
  parsers.setTypeParser(pg.types.builtins.INT8, (v: string) => Number(v));
  parsers.setTypeParser(pg.types.builtins.DATE, asDateText);
  parsers.setTypeParser(DATE_ARRAY, pg.types.getTypeParser(TEXT_ARRAY));
  return parsers;
}

async function openPostgres(url: string): Promise<Db> {
  const pool = new pg.Pool({ connectionString: url, max: 10, types: pgTypeParsers() });
  pool.on('error', () => {
    /* idle client dropped by the server: the pool replaces it */
  });
  await pool.query('select 1');
  const run =
    (c: pg.Pool | pg.PoolClient): RunQuery =>
    async (text, params) =>
      (await c.query(text, params as any[])).rows;
  const script = (c: pg.Pool | pg.PoolClient) => async (text: string) => {
    await c.query(text);
  };
  const clock = new ClockSource();
  const root = helpers(
    run(pool),
    script(pool),
    async (fn) => {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const inner: Sql = helpers(run(client), script(client), (nested) => nested(inner), clock);
        const result = await fn(inner);
        await client.query('commit');
        return result;
      } catch (err) {
        await client.query('rollback').catch(() => {});
        throw err;
      } finally {
        client.release();
      }
    },
    clock,
  );
  return { ...root, backend: 'postgres', close: () => pool.end(), setClock: clock.use };
}

/**
 * PostgreSQL when a URL is given, else embedded PGlite persisted under dataDir (in memory when dataDir is
 * undefined). `loadDataDir` (PGlite) starts from a dumped data folder instead of an empty one: a copy of
 * a database without initdb's cost, which is most of PGlite's start.
 */
export function openDb(opts: { databaseUrl?: string; dataDir?: string; loadDataDir?: Blob }): Promise<Db> {
  return opts.databaseUrl
    ? openPostgres(opts.databaseUrl)
    : openPglite(opts.dataDir ? path.join(opts.dataDir, 'pg') : undefined, opts.loadDataDir);
}

/** jsonb parameters are passed as JSON text: both drivers then store them unchanged. */
export const json = (value: unknown) => JSON.stringify(value);
