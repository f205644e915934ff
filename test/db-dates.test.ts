import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { openDb, type Db } from '../src/db/db.ts';
import { testDatabaseUrl } from './support/window.ts';

// A `date` column is a calendar day: both drivers (PGlite, and pg when TEST_DATABASE_URL is set) return it as
// 'YYYY-MM-DD' text, whatever the process's time zone. Left to itself pg makes a Date at local midnight, which
// east of Greenwich is the previous day in UTC: Tokyo is where a toISOString() patch would give the wrong day.
let database: Awaited<ReturnType<typeof testDatabaseUrl>>;
let db: Db;
const zone = process.env.TZ;
before(async () => {
  process.env.TZ = 'Asia/Tokyo';
  database = await testDatabaseUrl();
  db = await openDb({ databaseUrl: database.url });
});
after(async () => {
  await db?.close();
  await database?.drop();
  if (zone === undefined) delete process.env.TZ;
  else process.env.TZ = zone;
});

test('date columns come back as YYYY-MM-DD text, as stored, in a query and in a transaction', async () => {
  assert.equal(new Date(2025, 0, 1).getTimezoneOffset(), -540, 'the test runs with the process in Tokyo');
  await db.script('create table calendar_days (id int primary key, day date, days date[])');
  await db.query('insert into calendar_days values (1, $1, $2), (2, null, null)', ['2024-02-29', ['2025-01-01', null]]);
  assert.deepEqual(await db.query('select id, day, days from calendar_days order by id'), [
    { id: 1, day: '2024-02-29', days: ['2025-01-01', null] },
    { id: 2, day: null, days: null },
  ]);
  const inTransaction = await db.transaction((tx) =>
    tx.one('select day, day + 1 as next from calendar_days where id = 1'),
  );
  assert.deepEqual(inTransaction, { day: '2024-02-29', next: '2024-03-01' });
  assert.equal(db.backend, database.url ? 'postgres' : 'pglite');
});

test('timestamps stay instants (Date) and int8 counts stay numbers', async () => {
  const row = await db.one(
    `select '2025-02-28 10:00:00+00'::timestamptz as at, count(*) as n from (values (1), (2)) as v(x)`,
  );
  assert.ok(row.at instanceof Date);
  assert.equal(row.at.toISOString(), '2025-02-28T10:00:00.000Z');
  assert.equal(row.n, 2);
});
