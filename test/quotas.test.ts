import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { mexicoDate } from '../src/calendar/calendar.ts';
import { allocateFromQuota, QUOTA_PROCEDURE } from '../src/customs/quota.ts';
import { AppError } from '../src/errors.ts';
import type { PermitDocument } from '../src/permits/document.ts';
import { signPayload } from '../src/pki/index.ts';
import { postgresOnly } from './support/postgres-only.ts';
import { FORMS, goodsLine, type Actor } from './support/pipeline.ts';
import { startTestWindow, type Person, type TestWindow } from './support/window.ts';

let w: TestWindow;
let seAdmin: Person & { token: string };
let seResolver: Person & { token: string };
let stranger: Person & { token: string };
let importer: Filer;

/** A trader and its legal representative, who files and signs (token: the representative's session). */
type Filer = Actor & { rfc: string };

/** Quota certificates are office-bound: imports through Nuevo Laredo go to this SE office, where the resolver works. */
const SE_OFFICE = 'SE-TAMPS-MAT';

const today = mexicoDate(new Date());
const year = today.slice(0, 4);
const PERIOD = { periodFrom: `${year}-01-01`, periodTo: `${year}-12-31` };

before(async () => {
  w = await startTestWindow();
  seAdmin = await w.officer('SE', ['administrator']);
  seResolver = await w.officer('SE', ['reviewer', 'resolver'], SE_OFFICE);
  stranger = await w.officer('COFEPRIS', ['administrator', 'supervisor']);
  importer = await newTrader('Lácteos del Norte');
});
after(() => w.close());

async function newTrader(name: string): Promise<Filer> {
  const rep = await w.person({ name });
  const trader = await w.registerTrader(rep);
  return { ...rep, token: trader.token, rfc: trader.rfc };
}

const quota = (over: Record<string, unknown> = {}) => ({
  name: 'CPTPP leche en polvo descremada',
  hsCodes: ['040210'],
  originCountries: ['JP'],
  ...PERIOD,
  total: 1000,
  unit: 'KGM',
  allocationMethod: 'first_come',
  ...over,
});

async function createQuota(body: Record<string, unknown>) {
  const res = await w.signed(seAdmin.token, seAdmin, 'POST', '/api/v1/quotas', body);
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body.data as { id: string; [k: string]: unknown };
}

const milk = (quantity: number, originCountry: string, extra: Record<string, unknown> = {}) =>
  goodsLine('040210', originCountry, {
    description: 'Leche en polvo descremada',
    quantity,
    unit: 'KGM',
    value: quantity * 3,
    ...extra,
  });

/** Dairy also needs SENASICA's zoosanitary certificate: filed in the same submission, left pending. */
const TYPED = {
  ...FORMS,
  'SE-QUOTA-CERTIFICATE': { allocationNumber: `ASIG-${year}-0001`, tradeAgreement: 'cptpp', quotaYear: Number(year) },
};

/**
 * Files an import the way a client does (draft, complete, one signature), assigned to the SE resolver and under
 * review: the application of `procedure`, ready for a resolution.
 */
async function inReview(filer: Filer, goods: unknown[], procedure = QUOTA_PROCEDURE): Promise<string> {
  const filed = await w.fileOperation(filer, { traderRfc: filer.rfc, goods, forms: TYPED });
  const application = filed.applications.find((a) => a.procedureCode === procedure);
  assert.ok(application, `${procedure} is needed: ${filed.applications.map((a) => a.procedureCode).join(', ')}`);
  assert.equal(application.office, SE_OFFICE);
  await w.review(seResolver, application.id);
  return application.id;
}

const approve = (id: string) =>
  w.signed(seResolver.token, seResolver, 'POST', `/api/v1/applications/${id}/resolution`, { decision: 'approve' });

async function permitOf(id: string) {
  const app = (await w.call('GET', `/api/v1/applications/${id}`, { token: seResolver.token })).body;
  assert.equal(app.status, 'approved');
  // Need to know: an office-bound certificate is read by its office's officers and SE's supervisors.
  const supervisor = await w.officer('SE', ['supervisor']);
  return (await w.call('GET', `/api/v1/permits/${app.permit.number}`, { token: supervisor.token })).body;
}

const publicQuota = async (id: string) => {
  const res = await w.call('GET', `/api/v1/quotas/${id}`);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body;
};

/** Everything an approval writes; a refused one must leave all of it as it was. */
const footprint = () =>
  w.ctx.db.one(
    `select (select count(*)::int from permits) as permits, (select count(*)::int from permit_lines) as lines,
          (select count(*)::int from quota_allocations) as allocations,
            (select count(*)::int from audit_events) as audit,
          (select count(*)::int from signatures) as signatures,
            (select count(*)::int from notifications) as notifications,
          (select coalesce(sum(last), 0)::int from sequences where scope = 'permit:SE') as numbers,
          (select json_agg(json_build_object('id', id, 'allocated',
            allocated::text) order by id) from quotas) as quotas,
          (select json_agg(json_build_object('q', quota_id, 'rfc', trader_rfc, 'allocated',
            allocated::text) order by quota_id, trader_rfc) from quota_assignments) as assignments`,
  );

describe('defining quotas', () => {
  test('only SE administrators and supervisors define quotas, by a signed request', async () => {
    for (const who of [stranger, seResolver]) {
      const refused = await w.call('POST', '/api/v1/quotas/signing-payload', {
        token: who.token,
        body: quota({ originCountries: ['AU'] }),
      });
      assert.equal(refused.status, 403, JSON.stringify(refused.body));
      assert.equal(refused.body.code, 'auth.not_agency_officer');
    }
    const trader = await w.call('POST', '/api/v1/quotas/signing-payload', {
      token: importer.token,
      body: quota({ originCountries: ['AU'] }),
    });
    assert.equal(trader.status, 403);

    const unsigned = await w.call('POST', '/api/v1/quotas', {
      token: seAdmin.token,
      body: quota({ originCountries: ['AU'] }),
    });
    assert.equal(unsigned.status, 400, 'a quota cannot be created without a signature');

    const res = await w.signed(
      seAdmin.token,
      seAdmin,
      'POST',
      '/api/v1/quotas',
      quota({ originCountries: ['AU', 'BN'] }),
    );
    assert.equal(res.status, 201, JSON.stringify(res.body));
    const created = res.body.data;
    assert.deepEqual(
      { ...created, id: undefined },
      {
        id: undefined,
        name: 'CPTPP leche en polvo descremada',
        agency: 'SE',
        procedure: QUOTA_PROCEDURE,
        hsCodes: ['040210'],
        originCountries: ['AU', 'BN'],
        period: { from: PERIOD.periodFrom, to: PERIOD.periodTo },
        status: 'open',
        unit: 'KGM',
        allocationMethod: 'first_come',
        total: 1000,
        allocated: 0,
        used: 0,
        remaining: 1000,
        assigned: null,
        certificates: 0,
      },
    );
    assert.deepEqual(res.body.acknowledgement.object, { type: 'quota', id: created.id });
    assert.equal(res.body.acknowledgement.signedBy.rfc, seAdmin.rfc);
    const events = await w.ctx.db.query(
      'select type, actor_rfc, signature_id from audit_events where object_type = $1 and object_id = $2',
      ['quota', created.id],
    );
    assert.equal(events.length, 1);
    assert.equal(events[0]!.type, 'quota.created');
    assert.equal(events[0]!.actor_rfc, seAdmin.rfc);
    assert.equal(events[0]!.signature_id, res.body.acknowledgement.signatureId);
  });

  test(
    'meaning is checked before anything is signed: ' + 'codes, period, repeated prefixes, overlapping quotas',
    async () => {
      const payload = (body: unknown) =>
        w.call('POST', '/api/v1/quotas/signing-payload', { token: seAdmin.token, body });
      const cases: Array<[Record<string, unknown>, number, string]> = [
        [quota({ originCountries: ['CA'], hsCodes: ['0499'] }), 400, 'quota.hs_invalid'],
        [quota({ originCountries: ['CA'], hsCodes: ['0402', '040210'] }), 400, 'quota.hs_invalid'],
        [quota({ originCountries: ['XX'] }), 400, 'quota.country_invalid'],
        [
          quota({ originCountries: ['CA'], periodFrom: `${year}-12-31`, periodTo: `${year}-01-01` }),
          400,
          'quota.period_invalid',
        ],
        [quota({ originCountries: ['CA'], total: 0 }), 400, 'request.invalid'],
        [quota({ originCountries: ['CA'], allocationMethod: 'lottery' }), 400, 'request.invalid'],
        // Same unit, a common country (BN), overlapping dates and HS prefixes (0402 covers 040210): a line would match
        // both.
        [
          quota({ originCountries: ['BN', 'SG'], hsCodes: ['0402'], periodFrom: `${year}-06-01` }),
          409,
          'quota.overlaps',
        ],
      ];
      for (const [body, status, code] of cases) {
        const res = await payload(body);
        assert.equal(res.status, status, `${JSON.stringify(body)}: ${JSON.stringify(res.body)}`);
        assert.equal(res.body.code, code);
      }
      // Neighbours that cannot match the same line are fine: another unit, another year, other countries.
      for (const body of [
        quota({ originCountries: ['BN'], unit: 'TNE' }),
        quota({
          originCountries: ['BN'],
          periodFrom: `${Number(year) + 1}-01-01`,
          periodTo: `${Number(year) + 1}-12-31`,
        }),
      ]) {
        assert.equal((await payload(body)).status, 201);
      }
    },
  );
});

describe('allocation on approval', () => {
  let milkQuota: { id: string };

  test('the public view lists quotas without authentication, filtered by goods, origin and date', async () => {
    milkQuota = await createQuota(quota({ originCountries: ['JP'] }));
    const all = await w.call('GET', '/api/v1/quotas');
    assert.equal(all.status, 200);
    assert.ok(all.body.items.some((q: any) => q.id === milkQuota.id));
    const matching = await w.call('GET', `/api/v1/quotas?hsCode=04021001&originCountry=JP&date=${today}`);
    assert.deepEqual(
      matching.body.items.map((q: any) => q.id),
      [milkQuota.id],
    );
    assert.deepEqual((await w.call('GET', '/api/v1/quotas?originCountry=VN')).body.items, []);
    assert.deepEqual(
      (await w.call('GET', `/api/v1/quotas?originCountry=JP&date=${Number(year) + 3}-01-01`)).body.items,
      [],
    );
    assert.equal(
      (await w.call('GET', '/api/v1/quotas/3f1c0a7e-0000-4000-8000-000000000000')).body.code,
      'quota.not_found',
    );
    assert.equal((await w.call('GET', '/api/v1/quotas/not-a-uuid')).status, 400);
  });

  test('an approved quota certificate is charged to the quota; declarations drawing on it count as used', async () => {
    const id = await inReview(importer, [milk(300, 'JP')]);
    const approved = await approve(id);
    assert.equal(approved.status, 200, JSON.stringify(approved.body));
    const permit = await permitOf(id);
    assert.equal(permit.kind, 'quota_certificate');
    assert.deepEqual(
      permit.balances.map((b: any) => [b.authorisedQuantity, b.remainingQuantity, b.unit]),
      [[300, 300, 'KGM']],
    );

    let view = await publicQuota(milkQuota.id);
    assert.deepEqual(
      [view.total, view.allocated, view.used, view.remaining, view.certificates],
      [1000, 300, 0, 700, 1],
    );
    const allocation = await w.ctx.db.one(
      'select q.permit_id, q.quantity::text as quantity, q.trader_rfc from quota_allocations q ' +
        'join permits p on p.id = q.permit_id where p.number = $1',
      [permit.number],
    );
    assert.deepEqual([allocation.quantity, allocation.trader_rfc], ['300', importer.rfc]);
    const event = await w.ctx.db.one(
      "select data from audit_events where type = 'quota.allocated' and object_id = $1",
      [milkQuota.id],
    );
    assert.equal(event.data.permit, permit.number);

    // A customs declaration draws 120 KGM from the certificate (declarations are another module: this is their
    // draw-down).
    await w.ctx.db.query(
      'update permit_lines set remaining_quantity = remaining_quantity - 120, remaining_value = ' +
        'remaining_value - 360 where permit_id = $1',
      [allocation.permit_id],
    );
    view = await publicQuota(milkQuota.id);
    assert.deepEqual([view.allocated, view.used, view.remaining], [300, 120, 700]);

    const published = JSON.stringify([view, (await w.call('GET', '/api/v1/quotas')).body]);
    assert.ok(
      !published.includes(importer.rfc) && !published.includes('Comercializadora'),
      'the public view names no trader',
    );
  });

  test('a certificate the quota cannot cover is refused and nothing is written; an exact fit is not', async () => {
    const big = await inReview(importer, [milk(500, 'JP'), milk(250, 'JP', { description: 'Segundo lote' })]);
    const before = await footprint();
    const refused = await approve(big);
    assert.equal(refused.status, 409, JSON.stringify(refused.body));
    assert.equal(refused.body.code, 'quota.exhausted');
    assert.match(refused.body.detail, /has 700 KGM left, but this certificate needs 750 KGM \(lines 1, 2\)/);
    assert.deepEqual(
      await footprint(),
      before,
      'no permit, balance, allocation, signature, number, notification or audit event',
    );
    assert.equal(
      (await w.call('GET', `/api/v1/applications/${big}`, { token: seResolver.token })).body.status,
      'in_review',
    );
    assert.equal((await publicQuota(milkQuota.id)).allocated, 300);

    const exact = await inReview(importer, [milk(700, 'JP')]);
    assert.equal((await approve(exact)).status, 200);
    const view = await publicQuota(milkQuota.id);
    assert.deepEqual([view.allocated, view.remaining, view.certificates], [1000, 0, 2]);
    assert.equal((await approve(big)).body.code, 'quota.exhausted', 'still refused, now with nothing left');
  });

  test('goods no open quota covers cannot be certified', async () => {
    const noQuota = await inReview(importer, [milk(10, 'PE')]);
    const before = await footprint();
    const refused = await approve(noQuota);
    assert.equal(refused.status, 422, JSON.stringify(refused.body));
    assert.equal(refused.body.code, 'quota.no_matching_quota');
    assert.match(refused.body.detail, /line 1 \(040210 from PE, in KGM\)/);
    assert.deepEqual(await footprint(), before);
    // The unit is part of the match: the JP quota counts kilograms, not tonnes.
    const inTonnes = await inReview(importer, [milk(1, 'JP', { unit: 'TNE' })]);
    assert.equal((await approve(inTonnes)).body.code, 'quota.no_matching_quota');
  });
});

describe("'assignment' quotas", () => {
  let assigned: { id: string };
  let other: Filer;
  let outsider: Filer;
  const assign = (rfc: string, amount: number, who = seAdmin) =>
    w.signed(who.token, who, 'PUT', `/api/v1/quotas/${assigned.id}/assignments/${rfc}`, { amount });

  before(async () => {
    assigned = await createQuota(
      quota({
        name: 'Cupo leche en polvo Chile (asignación directa)',
        originCountries: ['CL'],
        allocationMethod: 'assignment',
      }),
    );
    other = await newTrader('Quesos del Bajío');
    outsider = await newTrader('Sin Asignación');
  });

  test('SE assigns amounts to trader RFCs, signed, within the total', async () => {
    assert.equal((await assign(importer.rfc, 300, stranger)).body.code, 'auth.not_agency_officer');
    const firstCome = await createQuota(quota({ originCountries: ['MY'], hsCodes: ['040221'] }));
    const wrongKind = await w.call(
      'POST',
      `/api/v1/quotas/${firstCome.id}/assignments/${importer.rfc}/signing-payload`,
      { token: seAdmin.token, body: { amount: 1 } },
    );
    assert.equal(wrongKind.body.code, 'quota.not_assignment');

    const first = await assign(importer.rfc, 300);
    assert.equal(first.status, 200, JSON.stringify(first.body));
    assert.deepEqual(first.body.data, { quotaId: assigned.id, traderRfc: importer.rfc, amount: 300, unit: 'KGM' });
    const tooMuch = await assign(other.rfc, 800);
    assert.equal(tooMuch.status, 409);
    assert.equal(tooMuch.body.code, 'quota.over_assigned');
    assert.equal((await assign(other.rfc, 700)).status, 200);
    assert.equal((await publicQuota(assigned.id)).assigned, 1000);
    const badRfc = await w.call('POST', `/api/v1/quotas/${assigned.id}/assignments/AAA010101AAA/signing-payload`, {
      token: seAdmin.token,
      body: { amount: 1 },
    });
    assert.equal(badRfc.status, 400);
  });

  test("certificates are charged to the holder's assignment, never beyond it", async () => {
    const refusedOutsider = await approve(await inReview(outsider, [milk(10, 'CL')]));
    assert.equal(refusedOutsider.status, 409, JSON.stringify(refusedOutsider.body));
    assert.equal(refusedOutsider.body.code, 'quota.not_assigned');

    assert.equal((await approve(await inReview(importer, [milk(200, 'CL')]))).status, 200);
    const over = await inReview(importer, [milk(150, 'CL')]);
    const before = await footprint();
    const refused = await approve(over);
    assert.equal(refused.status, 409);
    assert.equal(refused.body.code, 'quota.assignment_exceeded');
    assert.match(refused.body.detail, new RegExp(`RFC ${importer.rfc} has 100 KGM left of the 300 KGM assigned`));
    assert.deepEqual(await footprint(), before);
    // The quota as a whole has 800 KGM left, and the other trader can use its own 700.
    assert.equal((await publicQuota(assigned.id)).remaining, 800);
    assert.equal((await approve(await inReview(other, [milk(700, 'CL')]))).status, 200);

    const lowered = await assign(importer.rfc, 100);
    assert.equal(
      lowered.body.code,
      'quota.assignment_below_allocated',
      'cannot assign less than was already certified',
    );
    assert.equal((await assign(importer.rfc, 200)).status, 200, 'down to exactly what was certified is fine');

    const mine = await w.call('GET', `/api/v1/quotas/${assigned.id}/assignments`, { token: importer.token });
    assert.deepEqual(
      mine.body.items.map((a: any) => [a.traderRfc, a.amount, a.allocated, a.remaining]),
      [[importer.rfc, 200, 200, 0]],
    );
    const agency = await w.call('GET', `/api/v1/quotas/${assigned.id}/assignments`, { token: seAdmin.token });
    assert.deepEqual(agency.body.items.map((a: any) => a.traderRfc).sort(), [importer.rfc, other.rfc].sort());
    const view = await publicQuota(assigned.id);
    assert.deepEqual(
      [view.total, view.assigned, view.allocated, view.remaining, view.certificates],
      [1000, 900, 900, 100, 2],
    );
    assert.ok(!JSON.stringify(view).includes(importer.rfc));
  });
});

// Races: on PGlite (one transaction at a time) they would pass without racing; the sequential rules (a certificate
// the quota cannot cover, an assignment never exceeded) are tested above on both backends.
describe('concurrency (PostgreSQL)', postgresOnly, () => {
  test('approvals racing on a nearly full quota never over-allocate', async () => {
    const nearlyFull = await createQuota(quota({ name: 'Cupo Vietnam', originCountries: ['VN'], total: 1000 }));
    assert.equal((await approve(await inReview(importer, [milk(650, 'VN')]))).status, 200);
    // 350 KGM left; eight certificates of 100 KGM each are resolved at the same time.
    const ids: string[] = [];
    for (let i = 0; i < 8; i++) ids.push(await inReview(importer, [milk(100, 'VN')]));
    const bodies = [];
    for (const id of ids) {
      const issued = await w.call('POST', `/api/v1/applications/${id}/resolution/signing-payload`, {
        token: seResolver.token,
        body: { decision: 'approve' },
      });
      bodies.push({
        id,
        body: { challengeId: issued.body.challengeId, ...signPayload(issued.body.payload, seResolver.signer) },
      });
    }
    const results = await Promise.all(
      bodies.map(({ id, body }) =>
        w.call('POST', `/api/v1/applications/${id}/resolution`, { token: seResolver.token, body }),
      ),
    );
    const statuses = results.map((r) => r.status).sort();
    assert.deepEqual(statuses, [200, 200, 200, 409, 409, 409, 409, 409], JSON.stringify(results.map((r) => r.body)));
    assert.ok(results.filter((r) => r.status === 409).every((r) => r.body.code === 'quota.exhausted'));
    const view = await publicQuota(nearlyFull.id);
    assert.deepEqual([view.allocated, view.remaining, view.certificates], [950, 50, 4]);
    const charged = await w.ctx.db.one(
      'select sum(quantity)::text as total, count(*)::int as lines from quota_allocations where quota_id = $1',
      [nearlyFull.id],
    );
    assert.deepEqual(charged, { total: '950', lines: 4 });
  });

  test('parallel transactions charging one quota through allocateFromQuota never exceed it', async () => {
    // Approvals of one agency also queue on its permit-number sequence; here the transactions meet at the quota
    // row itself. The certificates to charge are real permits with unallocated balance lines (used-tyre licences).
    const tyres = goodsLine('401220', 'CN', {
      description: 'Neumáticos usados',
      quantity: 40,
      unit: 'KGM',
      value: 80,
    });
    const permits: Array<{ id: string; trader_id: string; document: PermitDocument }> = [];
    for (let i = 0; i < 6; i++) {
      const id = await inReview(importer, [tyres], 'SE-USED-TYRES-IMPORT');
      assert.equal((await approve(id)).status, 200);
      permits.push(await w.ctx.db.one('select id, trader_id, document from permits where application_id = $1', [id]));
    }
    const q = await createQuota(
      quota({ name: 'Neumáticos de China', hsCodes: ['401220'], originCountries: ['CN'], total: 100 }),
    );
    const outcomes = await Promise.allSettled(
      permits.map((p) =>
        w.ctx.db.transaction((tx) =>
          allocateFromQuota(tx, {
            procedureCode: QUOTA_PROCEDURE,
            traderId: p.trader_id,
            goods: p.document.goods,
            date: today,
            permitId: p.id,
          }),
        ),
      ),
    );
    const won = outcomes.filter((o) => o.status === 'fulfilled');
    const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    assert.equal(won.length, 2, JSON.stringify(lost.map((o) => String(o.reason))));
    assert.ok(
      lost.every((o) => o.reason instanceof AppError && o.reason.code === 'quota.exhausted'),
      String(lost[0]?.reason),
    );
    const row = await w.ctx.db.one(
      'select allocated::text as allocated, (select count(*)::int from quota_allocations where ' +
        'quota_id = $1) as lines from quotas where id = $1',
      [q.id],
    );
    assert.deepEqual(row, { allocated: '80', lines: 2 });
  });
});
