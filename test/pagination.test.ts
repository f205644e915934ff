import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { encodeCursor } from '../src/http/pagination.ts';
import { signPayload } from '../src/pki/index.ts';
import { coveJson, invoicePdf, uploadPdf } from './support/roles.ts';
import { startTestWindow, traderProfile, type Person, type TestWindow } from './support/window.ts';

/**
 * Every list of registry, auth and documents follows one convention: `limit` (1..200) and `cursor`, answering
 * `{ items, next }`. Walking a list page by page with a small limit gives every item exactly once, in the order of
 * the whole list; a limit above 200 is refused, never cut.
 */
let w: TestWindow;
let rep: Person;
let trader: { rfc: string; token: string };

before(async () => {
  w = await startTestWindow();
  rep = await w.person();
  trader = await w.registerTrader(rep);
});
after(() => w.close());

/** Follows `next` from the first page; checks each page's size and that the walk ends. */
async function walk(url: string, token: string, limit: number) {
  const items: any[] = [];
  let next: string | null = `${url}${url.includes('?') ? '&' : '?'}limit=${limit}`;
  for (let pages = 0; next; pages++) {
    assert.ok(pages < 50, 'the walk ends');
    const page = await w.call('GET', next, { token });
    assert.equal(page.status, 200, JSON.stringify(page.body));
    assert.ok(page.body.items.length <= limit);
    assert.ok(page.body.next === null || page.body.items.length === limit, 'only a full page has a next one');
    items.push(...page.body.items);
    next = page.body.next;
  }
  return items;
}

/** The list read page by page equals the list read whole: every item once, same order. */
async function assertWalks(url: string, token: string, key: (item: any) => string, expected: number) {
  const whole = await w.call('GET', `${url}${url.includes('?') ? '&' : '?'}limit=200`, { token });
  assert.equal(whole.status, 200, JSON.stringify(whole.body));
  assert.equal(whole.body.next, null);
  assert.equal(whole.body.items.length, expected);
  for (const limit of [1, 2]) {
    const walked = (await walk(url, token, limit)).map(key);
    assert.deepEqual(walked, whole.body.items.map(key), `limit=${limit}`);
    assert.equal(new Set(walked).size, walked.length, 'no item twice');
  }
  const refused = await w.call('GET', `${url}${url.includes('?') ? '&' : '?'}limit=201`, { token });
  assert.equal(refused.status, 400);
  assert.equal(refused.body.code, 'request.invalid');
}

describe('paged lists', () => {
  test("a trader's profile versions", async () => {
    for (const version of [1, 2]) {
      const profile = { ...traderProfile(trader.rfc, rep), legalName: `Nombre ${version + 1} S.A. de C.V.` };
      const res = await w.signed(trader.token, rep, 'PUT', `/api/v1/traders/${trader.rfc}/profile`, {
        expectedVersion: version,
        profile,
      });
      assert.equal(res.status, 200, JSON.stringify(res.body));
    }
    await assertWalks(`/api/v1/traders/${trader.rfc}/versions`, trader.token, (v) => String(v.version), 3);
    const first = await w.call('GET', `/api/v1/traders/${trader.rfc}/versions?limit=1`, { token: trader.token });
    assert.deepEqual(
      first.body.items.map((v: any) => v.version),
      [3],
    );
    assert.match(
      first.body.next,
      new RegExp(`^/api/v1/traders/${trader.rfc}/versions\\?limit=1&cursor=[A-Za-z0-9_-]+$`),
    );
  });

  test('delegations a broker received', async () => {
    const brokerPerson = await w.person();
    const broker = await w.registerBroker(brokerPerson);
    for (let i = 0; i < 3; i++) {
      const other = await w.registerTrader(rep);
      const res = await w.signed(other.token, rep, 'POST', `/api/v1/traders/${other.rfc}/delegations`, {
        brokerPatent: broker.patent,
      });
      assert.equal(res.status, 201, JSON.stringify(res.body));
    }
    await assertWalks('/api/v1/delegations', broker.token, (d) => d.id, 3);
    await assertWalks('/api/v1/delegations?status=active', broker.token, (d) => d.id, 3);
  });

  test("an agency's officers", async () => {
    const admin = await w.officer('SEMARNAT', ['administrator']);
    await w.officer('SEMARNAT', ['reviewer']);
    await w.officer('SEMARNAT', ['reviewer', 'resolver']);
    await w.officer('SEMARNAT', ['supervisor']);
    await assertWalks('/api/v1/agencies/SEMARNAT/officers', admin.token, (o) => o.id, 4);
  });

  test('my API tokens', async () => {
    const p = await w.person();
    const session = await w.login(p);
    for (const label of ['a', 'b', 'c']) {
      const res = await w.signed(session, p, 'POST', '/api/v1/api-tokens', {
        label,
        scopes: ['read'],
        expiresInDays: 1,
      });
      assert.equal(res.status, 201, JSON.stringify(res.body));
    }
    await assertWalks('/api/v1/api-tokens', session, (t) => t.id, 3);
  });

  test("a trader's COVEs", async () => {
    for (let i = 0; i < 3; i++) {
      const res = await w.signed(trader.token, rep, 'POST', '/api/v1/coves', {
        ...coveJson(trader.rfc),
        invoiceNumber: `INV-${i}`,
      });
      assert.equal(res.status, 201, JSON.stringify(res.body));
    }
    await assertWalks('/api/v1/coves', trader.token, (c) => c.number, 3);
  });

  test("a trader's eDocuments", async () => {
    const pdf = await invoicePdf();
    for (let i = 0; i < 3; i++) {
      const issued = await uploadPdf(w, trader.token, trader.rfc, pdf);
      assert.equal(issued.status, 201, JSON.stringify(issued.body));
      const res = await w.call('POST', '/api/v1/edocuments', {
        token: trader.token,
        body: { challengeId: issued.body.challengeId, ...signPayload(issued.body.payload, rep.signer) },
      });
      assert.equal(res.status, 201, JSON.stringify(res.body));
    }
    await assertWalks(`/api/v1/edocuments?traderRfc=${trader.rfc}`, trader.token, (e) => e.number, 3);
    await assertWalks(
      `/api/v1/edocuments?traderRfc=${trader.rfc}&documentType=commercial_invoice`,
      trader.token,
      (e) => e.number,
      3,
    );
  });

  test('a cursor no page gave is refused, never passed to the database', async () => {
    const uuid = '00000000-0000-0000-0000-000000000000';
    const forged = [
      'not-base64-json',
      encodeCursor(['x']),
      encodeCursor([1]),
      encodeCursor(['1', uuid]),
      encodeCursor([Number.MAX_SAFE_INTEGER + 2, uuid]),
    ];
    const lists = {
      '/api/v1/delegations': [...forged, encodeCursor([1, 'not-a-uuid'])],
      '/api/v1/api-tokens': [...forged, encodeCursor([1, 'not-a-uuid'])],
      '/api/v1/coves': forged,
      [`/api/v1/traders/${trader.rfc}/versions`]: [encodeCursor(['2']), encodeCursor([1.5]), encodeCursor([1, 2])],
    };
    for (const [url, cursors] of Object.entries(lists)) {
      for (const cursor of cursors) {
        const res = await w.call('GET', `${url}?cursor=${cursor}`, { token: trader.token });
        assert.equal(res.status, 400, `${url} ${cursor}`);
        assert.match(res.body.code, /^request\.(cursor_invalid|invalid)$/);
      }
    }
  });
});
