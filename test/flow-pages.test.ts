/**
 * Every list of operations, applications, the inbox and quotas follows the one pagination convention
 * (`http/pagination.ts`): walking `next` with a small limit gives every item exactly once, in order, even where
 * sort keys tie (applications of one submission share their time; quotas their period and name), and a limit
 * above 200 is refused rather than cut. The notification feed has its own walk in notifications.test.ts.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { mexicoDate } from '../src/calendar/calendar.ts';
import { goodsLine as line } from './support/pipeline.ts';
import { randomRfc, startTestWindow, type Person, type TestWindow } from './support/window.ts';

let w: TestWindow;
let rep: Person;
let trader: { rfc: string; token: string };
let seAdmin: Person & { token: string };

before(async () => {
  w = await startTestWindow();
  rep = await w.person({ name: 'Paginada Importadora' });
  trader = await w.registerTrader(rep);
  seAdmin = await w.officer('SE', ['administrator']);
});
after(() => w.close());

/** Two agencies per operation: two applications submitted in the same instant. */
const GOODS = [line('930190', 'US'), line('300490', 'DE', { unit: 'KGM', quantity: 500 })];
const TYPED = {
  'SEDENA-ARMS-IMPORT': {
    purpose: 'sport_shooting',
    endUser: 'Club de Tiro Monterrey A.C.',
    storageAddress: 'Av. Constitución 1500, Monterrey, N.L.',
  },
  'COFEPRIS-MEDICINES-IMPORT': {
    sanitaryRegistrations: ['123M2015 SSA IV'],
    pharmaceuticalForm: 'tablet',
    responsiblePharmacistLicence: '12345678',
  },
};

async function draft() {
  const res = await w.call('POST', '/api/v1/operations', {
    token: trader.token,
    body: { traderRfc: trader.rfc, flow: 'import', data: { goods: GOODS } },
  });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body.id as string;
}

async function fileOperation() {
  const id = await draft();
  const completed = await w.call('PUT', `/api/v1/operations/${id}`, {
    token: trader.token,
    body: { expectedVersion: 1, data: { goods: GOODS, procedureData: TYPED } },
  });
  assert.equal(completed.status, 200, JSON.stringify(completed.body));
  const submitted = await w.signed(trader.token, rep, 'POST', `/api/v1/operations/${id}/submit`, {});
  assert.equal(submitted.status, 201, JSON.stringify(submitted.body));
  return id;
}

/** Follows `next` from the first page; returns every item and the size of each page. */
async function walk(first: string, token?: string) {
  const items: any[] = [];
  const sizes: number[] = [];
  let next: string | null = first;
  while (next) {
    const page: { status: number; body: any } = await w.call('GET', next, { token });
    assert.equal(page.status, 200, JSON.stringify(page.body));
    assert.ok(
      page.body.next === null || page.body.next.startsWith(first.split('?')[0]!),
      'next is a relative URL of the same list',
    );
    items.push(...page.body.items);
    sizes.push(page.body.items.length);
    next = page.body.next;
  }
  return { items, sizes };
}

async function assertLimitRefused(url: string, token?: string) {
  const res = await w.call('GET', `${url}${url.includes('?') ? '&' : '?'}limit=201`, { token });
  assert.equal(res.status, 400, JSON.stringify(res.body));
  assert.equal(res.body.code, 'request.invalid');
}

const once = (ids: string[]) => assert.equal(new Set(ids).size, ids.length, `an item came twice: ${ids.join(', ')}`);

test(
  'operations, applications and the inbox: every item ' + 'once across pages, in order, and no limit above 200',
  async () => {
    const submitted = [await fileOperation(), await fileOperation(), await fileOperation()];
    const drafts = [await draft(), await draft()];

    const operations = await walk('/api/v1/operations?limit=2', trader.token);
    assert.deepEqual(operations.sizes, [2, 2, 1]);
    once(operations.items.map((o) => o.id));
    assert.deepEqual(operations.items.map((o) => o.id).sort(), [...submitted, ...drafts].sort());
    assert.deepEqual(
      operations.items
        .slice(0, 2)
        .map((o) => o.id)
        .sort(),
      [...drafts].sort(),
      'newest first',
    );
    const onlyDrafts = await walk('/api/v1/operations?status=draft&limit=1', trader.token);
    assert.deepEqual(onlyDrafts.items.map((o) => o.id).sort(), [...drafts].sort(), 'the filter stays on every page');
    await assertLimitRefused('/api/v1/operations', trader.token);

    // Three pages of three, two applications per submission: the pages split a submission's pair.
    const applications = await walk('/api/v1/applications?limit=3', trader.token);
    assert.deepEqual(applications.sizes, [3, 3]);
    once(applications.items.map((a) => a.id));
    assert.deepEqual(new Set(applications.items.map((a) => a.operationId)), new Set(submitted));
    for (let i = 1; i < applications.items.length; i++)
      assert.ok(applications.items[i - 1].submittedAt >= applications.items[i].submittedAt, 'newest first');
    const cofepris = await walk('/api/v1/applications?agency=COFEPRIS&limit=1', trader.token);
    assert.deepEqual(cofepris.sizes, [1, 1, 1]);
    await assertLimitRefused('/api/v1/applications', trader.token);

    const officer = await w.officer('COFEPRIS', ['reviewer', 'supervisor']);
    const inbox = await walk('/api/v1/inbox?limit=2', officer.token);
    assert.deepEqual(inbox.sizes, [2, 1]);
    once(inbox.items.map((a) => a.id));
    assert.deepEqual(inbox.items.map((a) => a.id).sort(), cofepris.items.map((a) => a.id).sort());
    for (let i = 1; i < inbox.items.length; i++)
      assert.ok(inbox.items[i - 1].submittedAt <= inbox.items[i].submittedAt, 'due first, then submitted first');
    await assertLimitRefused('/api/v1/inbox', officer.token);

    // A cursor another list gave, or one made up, is refused: it is the sort key of one list.
    const inboxCursor = new URL(
      `http://x${(await w.call('GET', '/api/v1/inbox?limit=1', { token: officer.token })).body.next}`,
    ).searchParams.get('cursor');
    const res = await w.call('GET', `/api/v1/applications?cursor=${inboxCursor}`, { token: trader.token });
    assert.equal(res.status, 400);
    assert.equal(res.body.code, 'request.cursor_invalid');
  },
);

test('quotas and their assignments: every item once across pages, ties on period and name broken by id', async () => {
  const year = mexicoDate(new Date()).slice(0, 4);
  const ids: string[] = [];
  for (const country of ['JP', 'AU', 'NZ']) {
    const res = await w.signed(seAdmin.token, seAdmin, 'POST', '/api/v1/quotas', {
      name: 'Leche en polvo',
      hsCodes: ['040210'],
      originCountries: [country],
      periodFrom: `${year}-01-01`,
      periodTo: `${year}-12-31`,
      total: 1000,
      unit: 'KGM',
      allocationMethod: 'assignment',
    });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    ids.push(res.body.data.id);
  }
  const quotas = await walk('/api/v1/quotas?limit=2');
  assert.deepEqual(quotas.sizes, [2, 1]);
  assert.deepEqual(
    quotas.items.map((q) => q.id),
    [...ids].sort(),
    'same period and name: by id',
  );
  const japan = await walk('/api/v1/quotas?originCountry=JP&limit=1');
  assert.deepEqual(
    japan.items.map((q) => q.id),
    [ids[0]],
  );
  await assertLimitRefused('/api/v1/quotas');

  const rfcs = [randomRfc('company'), randomRfc('company'), randomRfc('company')];
  for (const rfc of rfcs) {
    const res = await w.signed(seAdmin.token, seAdmin, 'PUT', `/api/v1/quotas/${ids[0]}/assignments/${rfc}`, {
      amount: 100,
    });
    assert.equal(res.status, 200, JSON.stringify(res.body));
  }
  const assignments = await walk(`/api/v1/quotas/${ids[0]}/assignments?limit=2`, seAdmin.token);
  assert.deepEqual(assignments.sizes, [2, 1]);
  assert.deepEqual(
    assignments.items.map((a) => a.traderRfc),
    [...rfcs].sort(),
  );
  await assertLimitRefused(`/api/v1/quotas/${ids[0]}/assignments`, seAdmin.token);
});

test('the customs office keys a pedimento number carries are public, one per office that clears goods', async () => {
  const res = await w.call('GET', '/api/v1/customs-offices');
  assert.equal(res.status, 200, JSON.stringify(res.body));
  const keys = res.body.items.map((o: any) => o.key);
  assert.deepEqual(keys, [...new Set(keys)].sort(), 'one office per key, by key');
  for (const office of res.body.items) assert.match(office.key, /^\d{2}$/);
  assert.deepEqual(
    res.body.items.find((o: any) => o.code === 'ANAM-CDMX-AICM'),
    {
      key: '47',
      code: 'ANAM-CDMX-AICM',
      name: 'Aduana del Aeropuerto Internacional de la Ciudad de México',
      state: 'CDMX',
      city: 'Ciudad de México',
    },
  );
  assert.equal(
    res.body.items.some((o: any) => o.code === 'ANAM-CDMX'),
    false,
    'the central offices clear nothing',
  );
});
