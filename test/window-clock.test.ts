import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { verifyAudit } from '../src/audit/log.ts';
import { startTestWindow, traderProfile, type TestWindow } from './support/window.ts';

let w: TestWindow;
before(async () => {
  w = await startTestWindow();
});
after(() => w.close());

test("registry writes and every audit event take the window's clock, not the database's or the process's", async () => {
  // Three days ahead, on a whole second: far from real time, yet inside the test certificates' validity.
  const at = new Date(Math.floor(Date.now() / 1000) * 1000 + 3 * 86_400_000);
  const realNow = w.ctx.clock.now;
  const { seq: before } = await w.ctx.db.one<{ seq: number }>('select seq from audit_head where id = 1');
  w.ctx.clock.now = () => new Date(at);
  try {
    const rep = await w.person();
    const trader = await w.registerTrader(rep);
    const update = await w.signed(trader.token, rep, 'PUT', `/api/v1/traders/${trader.rfc}/profile`, {
      expectedVersion: 1,
      profile: { ...traderProfile(trader.rfc, rep), legalName: 'Otra Razón Social SA de CV' },
    });
    assert.equal(update.status, 200, JSON.stringify(update.body));
    const broker = await w.registerBroker(await w.person());
    const granted = await w.signed(trader.token, rep, 'POST', `/api/v1/traders/${trader.rfc}/delegations`, {
      brokerPatent: broker.patent,
    });
    assert.equal(granted.status, 201, JSON.stringify(granted.body));
    // Registered straight through the domain function, without a `now`: the handle's clock is the window's.
    await w.officer('SE', ['reviewer']);

    const trader_ = await w.ctx.db.one<{ created_at: Date; updated_at: Date }>(
      'select created_at, updated_at from traders where rfc = $1',
      [trader.rfc],
    );
    assert.deepEqual([trader_.created_at, trader_.updated_at], [at, at]);
    const delegation = await w.ctx.db.one<{ granted_at: Date }>('select granted_at from delegations where id = $1', [
      granted.body.data.id,
    ]);
    assert.deepEqual(delegation.granted_at, at);

    const events = await w.ctx.db.query<{ type: string; occurred_at: Date }>(
      'select type, occurred_at from audit_events where seq > $1 order by seq',
      [before],
    );
    const types = new Set(events.map((e) => e.type));
    for (const type of [
      'auth.login',
      'trader.registered',
      'trader.profile_updated',
      'broker_patent.recorded',
      'broker.registered',
      'delegation.granted',
      'officer.registered',
    ]) {
      assert.ok(types.has(type), type);
    }
    for (const e of events) assert.deepEqual(e.occurred_at, at, e.type);
  } finally {
    w.ctx.clock.now = realNow;
  }
  assert.equal((await verifyAudit(w.ctx.db)).ok, true);
});
