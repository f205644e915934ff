import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { MEDICINES_FORM, medicines } from './support/pipeline.ts';
import { startTestWindow, type Person, type TestWindow } from './support/window.ts';

/**
 * GET /api/v1/permits: each caller sees the permits it could open by number, and no others (need to know); the
 * filters use the one status rule; pages follow the list convention; a bad filter is a problem+json 400.
 */
let w: TestWindow;
type Actor = Person & { token: string };
let repA: Actor;
let traderA: string;
let repB: Actor;
let traderB: string;
let broker: Actor & { patent: string };
let delegationId: string;
let cofepris: Actor;
let customs: Actor;
let se: Actor;
/** A's three permits, oldest first, and B's one. */
let permitsA: string[];
let permitB: string;

const medicinesPermit = (filer: Actor, traderRfc: string) =>
  w.permit(filer, cofepris, { traderRfc, goods: medicines(100, 500), procedureData: MEDICINES_FORM });

before(async () => {
  w = await startTestWindow();
  const a = await w.person({ name: 'Ana Importadora', keyType: 'ec' });
  const registeredA = await w.registerTrader(a);
  repA = { ...a, token: registeredA.token };
  traderA = registeredA.rfc;
  const b = await w.person({ name: 'Beto Importador', keyType: 'ec' });
  const registeredB = await w.registerTrader(b);
  repB = { ...b, token: registeredB.token };
  traderB = registeredB.rfc;
  const brokerPerson = await w.person({ name: 'Bruno Agente', keyType: 'ec' });
  broker = { ...brokerPerson, ...(await w.registerBroker(brokerPerson)) };
  const granted = await w.signed(repA.token, repA, 'POST', `/api/v1/traders/${traderA}/delegations`, {
    brokerPatent: broker.patent,
  });
  assert.equal(granted.status, 201, JSON.stringify(granted.body));
  delegationId = granted.body.data.id;
  cofepris = await w.officer('COFEPRIS', ['reviewer', 'resolver']);
  customs = await w.officer('ANAM', ['customs_officer'], 'ANAM-TAMPS-NLD');
  se = await w.officer('SE', ['reviewer', 'resolver', 'supervisor']);
  permitsA = [];
  for (let i = 0; i < 3; i++) permitsA.push(await medicinesPermit(repA, traderA));
  permitB = await medicinesPermit(repB, traderB);
});
after(() => w.close());

const list = async (token: string, query = '') => {
  const res = await w.call('GET', `/api/v1/permits${query}`, { token });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  assert.equal(res.body.next, null, 'one page');
  return res.body.items as any[];
};
const numbers = async (token: string, query = '') => (await list(token, query)).map((p) => p.number);
/** Newest first. */
const newestFirst = (permits: string[]) => [...permits].reverse();

describe('GET /api/v1/permits', () => {
  test('each caller sees only the permits it needs to know', async () => {
    assert.deepEqual(await numbers(repA.token), newestFirst(permitsA), "A's representative: A's permits");
    assert.deepEqual(await numbers(repB.token), [permitB], 'B: its own, none of A');
    assert.deepEqual(await numbers(cofepris.token), newestFirst([...permitsA, permitB]), 'the officer who issued');
    assert.deepEqual(await numbers(se.token), [], 'an officer of another agency');
    assert.deepEqual(await numbers(customs.token), [], 'customs reads permits by number, not in lists');

    const [item] = await list(repA.token, `?limit=200&procedure=COFEPRIS-MEDICINES-IMPORT`);
    assert.equal(item.holder.rfc, traderA);
    assert.equal(item.agency, 'COFEPRIS');
    assert.equal(item.status, 'valid');
    assert.ok(item.procedure.name.es && item.procedure.name.en, JSON.stringify(item.procedure));
    assert.deepEqual(
      item.balances.map((b: any) => [b.unit, b.authorisedQuantity, b.remainingQuantity]),
      [['KGM', 100, 100]],
    );
    const full = await w.call('GET', `/api/v1/permits/${item.number}`, { token: repA.token });
    assert.deepEqual(item.balances, full.body.balances, 'the same balances as the permit itself');
  });

  test('a broker sees the trader’s permits only while its delegation is active', async () => {
    assert.deepEqual(await numbers(broker.token), newestFirst(permitsA));
    const revoked = await w.signed(repA.token, repA, 'POST', `/api/v1/delegations/${delegationId}/revocation`, {
      reason: 'fin del encargo',
    });
    assert.equal(revoked.status, 200, JSON.stringify(revoked.body));
    assert.deepEqual(await numbers(broker.token), []);
    assert.deepEqual(await numbers(broker.token, `?traderRfc=${traderA}`), []);
  });

  test('filters: status (the one rule), procedure, agency, trader, endsBy', async () => {
    const [revokedOne, ...stillValid] = permitsA as [string, ...string[]];
    const revoked = await w.signed(cofepris.token, cofepris, 'POST', `/api/v1/permits/${revokedOne}/revocation`, {
      reason: 'Registro sanitario cancelado',
    });
    assert.equal(revoked.status, 200, JSON.stringify(revoked.body));

    assert.deepEqual(await numbers(repA.token, '?status=revoked'), [revokedOne]);
    assert.deepEqual(await numbers(repA.token, '?status=valid'), newestFirst(stillValid));
    assert.deepEqual(await numbers(repA.token, '?status=expired'), []);
    assert.deepEqual(await numbers(repA.token, '?procedure=SE-USED-TYRES-IMPORT'), []);
    assert.deepEqual(await numbers(repA.token, '?agency=SE'), []);
    assert.deepEqual(
      await numbers(repA.token, '?agency=COFEPRIS&procedure=COFEPRIS-MEDICINES-IMPORT').then((n) => n.length),
      3,
    );
    assert.deepEqual(await numbers(cofepris.token, `?traderRfc=${traderB}`), [permitB]);
    assert.deepEqual(await numbers(cofepris.token, `?traderRfc=${traderB.toLowerCase()}`), [permitB], 'any case');
    assert.deepEqual(await numbers(repA.token, `?traderRfc=${traderB}`), [], 'a filter never widens what one sees');

    const validTo: string = (await w.call('GET', `/api/v1/permits/${permitB}`, { token: repB.token })).body.validTo;
    const dayBefore = new Date(Date.parse(`${validTo}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    assert.deepEqual(await numbers(repA.token, `?status=valid&endsBy=${validTo}`), newestFirst(stillValid));
    assert.deepEqual(await numbers(repA.token, `?status=valid&endsBy=${dayBefore}`), []);

    // The day after the last valid day, the same permits read as expired, in the list and by number alike.
    const realNow = w.ctx.clock.now;
    try {
      w.ctx.clock.now = () => new Date(Date.parse(`${validTo}T12:00:00-06:00`) + 86_400_000);
      // Sessions live on the window's clock too: the trader looking that day logs in that day.
      const token = await w.login(repA);
      assert.deepEqual(await numbers(token, '?status=valid'), []);
      assert.deepEqual(await numbers(token, '?status=expired'), newestFirst(stillValid));
      assert.deepEqual(await numbers(token, '?status=revoked'), [revokedOne], 'revoked stays revoked');
      const byNumber = await w.call('GET', `/api/v1/permits/${stillValid[0]}`, { token: token });
      assert.equal(byNumber.body.status, 'expired');
    } finally {
      w.ctx.clock.now = realNow;
    }
  });

  test('pages: every permit once, in the order of the whole list', async () => {
    const whole = await numbers(cofepris.token, '?limit=200');
    assert.equal(whole.length, 4);
    for (const limit of [1, 3]) {
      const walked: string[] = [];
      let next: string | null = `/api/v1/permits?agency=COFEPRIS&limit=${limit}`;
      for (let pages = 0; next; pages++) {
        assert.ok(pages <= 4, 'the walk ends');
        const page = await w.call('GET', next, { token: cofepris.token });
        assert.equal(page.status, 200, JSON.stringify(page.body));
        assert.ok(page.body.items.length <= limit);
        walked.push(...page.body.items.map((p: any) => p.number));
        assert.ok(page.body.next === null || page.body.next.includes('agency=COFEPRIS'), 'the filter is kept');
        next = page.body.next;
      }
      assert.deepEqual(walked, whole, `limit=${limit}`);
    }
  });

  test('a bad filter is a problem+json 400 with a stable code', async () => {
    const cases: [string, string][] = [
      ['?status=suspended', 'request.invalid'],
      ['?endsBy=2026-02-30x', 'request.invalid'],
      ['?endsBy=tomorrow', 'request.invalid'],
      ['?traderRfc=not-an-rfc', 'request.invalid'],
      ['?agency=cofepris', 'request.invalid'],
      ['?colour=red', 'request.invalid'],
      ['?limit=201', 'request.invalid'],
      [`?cursor=${Buffer.from('["yesterday","x"]').toString('base64url')}`, 'request.cursor_invalid'],
    ];
    for (const [query, code] of cases) {
      const res = await w.call('GET', `/api/v1/permits${query}`, { token: repA.token });
      assert.equal(res.status, 400, `${query}: ${JSON.stringify(res.body)}`);
      assert.equal(res.body.code, code, query);
      assert.match(String(res.headers['content-type']), /^application\/problem\+json/, query);
    }
    const anonymous = await w.call('GET', '/api/v1/permits');
    assert.equal(anonymous.status, 401);
  });
});
