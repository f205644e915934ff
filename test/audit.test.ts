import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { appendAudit, eventHash, verifyAudit, type StoredEvent } from '../src/audit/log.ts';
import { migrate } from '../src/db/migrate.ts';
import { postgresOnly } from './support/postgres-only.ts';
import { startTestWindow, type TestWindow } from './support/window.ts';

let w: TestWindow;
before(async () => {
  w = await startTestWindow();
  // A little history: a login, a registered trader, and a delegation to a broker.
  const rep = await w.person();
  const trader = await w.registerTrader(rep);
  const broker = await w.registerBroker(await w.person());
  await w.signed(trader.token, rep, 'POST', `/api/v1/traders/${trader.rfc}/delegations`, {
    brokerPatent: broker.patent,
  });
});
after(() => w.close());

/** Runs a tampering statement, checks verification catches it, then restores the table. */
async function tampered(sql: string, params: unknown[] = []) {
  await w.ctx.db.query('create temporary table audit_backup as select * from audit_events');
  await w.ctx.db.query('create temporary table head_backup as select * from audit_head');
  try {
    await w.ctx.db.query(sql, params);
    return await verifyAudit(w.ctx.db, 3);
  } finally {
    await w.ctx.db.query('delete from audit_events');
    await w.ctx.db.query('insert into audit_events select * from audit_backup');
    await w.ctx.db.query('update audit_head set seq = h.seq, hash = h.hash from head_backup h');
    await w.ctx.db.query('drop table audit_backup');
    await w.ctx.db.query('drop table head_backup');
  }
}

describe('hash-chained audit log', () => {
  test('every state change is an event; the chain verifies over HTTP for anyone', async () => {
    const types = (await w.ctx.db.query<{ type: string }>('select type from audit_events order by seq')).map(
      (r) => r.type,
    );
    for (const t of ['registry.seeded', 'auth.login', 'trader.registered', 'broker.registered', 'delegation.granted'])
      assert.ok(types.includes(t), t);
    const res = await w.call('GET', '/api/v1/audit/verify');
    assert.equal(res.status, 200);
    assert.equal(res.body.ok, true);
    assert.equal(res.body.events, types.length);
  });

  test('an altered event is detected, naming the event', async () => {
    const result = await tampered(
      `update audit_events set data = jsonb_set(data, '{legalName}', '"Otra"') where type = 'trader.registered'`,
    );
    const seq = (await w.ctx.db.one("select seq from audit_events where type = 'trader.registered'")).seq;
    assert.equal(result.ok, false);
    assert.deepEqual(result.failure, { seq, reason: 'content does not match its hash (altered)' });
  });

  test('an altered actor or timestamp is detected', async () => {
    assert.equal((await tampered("update audit_events set actor_rfc = 'XAXX010101000' where seq = 3")).failure?.seq, 3);
    assert.equal(
      (await tampered("update audit_events set occurred_at = occurred_at + interval '1 ms' where seq = 4")).failure
        ?.seq,
      4,
    );
  });

  test('a deleted event is detected, in the middle or at the end', async () => {
    const middle = await tampered('delete from audit_events where seq = 4');
    assert.deepEqual(middle.failure, { seq: 4, reason: 'event 4 is missing' });
    const last = await tampered('delete from audit_events where seq = (select max(seq) from audit_events)');
    assert.equal(last.ok, false);
    assert.match(last.failure!.reason, /deleted at the end/);
  });

  test('an edited event whose own hash was recomputed breaks the link to the next one', async () => {
    const row = await w.ctx.db.one<StoredEvent>('select * from audit_events where seq = 3');
    const forged = { ...row, actor_rfc: 'XAXX010101000' };
    const result = await tampered('update audit_events set actor_rfc = $1, hash = $2 where seq = 3', [
      forged.actor_rfc,
      eventHash(forged),
    ]);
    assert.deepEqual(result.failure, { seq: 4, reason: 'does not link to the previous event' });
  });

  test('the chain is intact after restoring (the tests above changed nothing for good)', async () => {
    assert.equal((await verifyAudit(w.ctx.db)).ok, true);
  });

  test('concurrent appends never fork the chain (PostgreSQL)', postgresOnly, async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        w.ctx.db.transaction((tx) =>
          appendAudit(tx, { type: 'registry.seeded', actorRfc: null, objectType: 'test', objectId: String(i) }),
        ),
      ),
    );
    assert.equal((await verifyAudit(w.ctx.db)).ok, true);
  });

  test('several appends in one transaction chain one after another; a rolled-back one leaves the head', async () => {
    const event = (id: string) => ({
      type: 'registry.seeded' as const,
      actorRfc: null,
      objectType: 'test',
      objectId: id,
    });
    const head = () => w.ctx.db.one<{ seq: number; hash: string }>('select seq, hash from audit_head where id = 1');
    const start = await head();
    const appended = await w.ctx.db.transaction(async (tx) => [
      await appendAudit(tx, event('a')),
      await tx.transaction((nested) => appendAudit(nested, event('b'))),
      await appendAudit(tx, event('c')),
    ]);
    assert.deepEqual(
      appended.map((a) => a.seq),
      [start.seq + 1, start.seq + 2, start.seq + 3],
    );
    assert.deepEqual(await head(), appended[2]);
    await assert.rejects(
      w.ctx.db.transaction(async (tx) => {
        await appendAudit(tx, event('rolled back'));
        throw new Error('abandoned');
      }),
      /abandoned/,
    );
    assert.deepEqual(await head(), appended[2]);
    const next = await w.ctx.db.transaction((tx) => appendAudit(tx, event('d')));
    assert.equal(next.seq, start.seq + 4);
    assert.equal((await verifyAudit(w.ctx.db)).ok, true);
  });
});

describe('migrations', () => {
  test('are recorded and applied once', async () => {
    const rows = await w.ctx.db.query('select name from schema_migrations order by version');
    assert.ok(rows.length >= 1);
    assert.deepEqual(await migrate(w.ctx.db), { applied: [] });
  });

  test('an applied migration that was edited stops the start', async () => {
    await w.ctx.db.query("update schema_migrations set sha256 = 'edited' where version = 1");
    try {
      await assert.rejects(migrate(w.ctx.db), /was edited after it was applied/);
    } finally {
      const fs = await import('node:fs');
      const crypto = await import('node:crypto');
      const sql = fs.readFileSync(new URL('../src/db/migrations/0001_foundation.sql', import.meta.url), 'utf8');
      await w.ctx.db.query('update schema_migrations set sha256 = $1 where version = 1', [
        crypto.createHash('sha256').update(sql).digest('hex'),
      ]);
    }
  });
});
