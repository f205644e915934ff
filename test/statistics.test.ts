import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { FINAL } from '../src/applications/workflow.ts';
import { verifyAudit } from '../src/audit/log.ts';
import { mexicoDate } from '../src/calendar/calendar.ts';
import { seedDemoHistory } from '../src/cli/demo-history.ts';
import { MEDICINES_FORM, medicines, type Actor } from './support/pipeline.ts';
import { startTestWindow, type TestWindow } from './support/window.ts';

let w: TestWindow;
let filer: Actor;
let traderRfc: string;
let officer: Actor;
/** The application filed and approved through the API: the rows below copy its operation, trader and form. */
let template: string;
let folio: string;

before(async () => {
  w = await startTestWindow();
  const rep = await w.person({ name: 'Farmacéutica Estadística' });
  const trader = await w.registerTrader(rep);
  traderRfc = trader.rfc;
  filer = { ...rep, token: trader.token };
  officer = await w.officer('COFEPRIS', ['reviewer', 'resolver']);
  const filed = await w.fileOperation(filer, { traderRfc, goods: medicines(10, 500), procedureData: MEDICINES_FORM });
  template = filed.applications[0]!.id;
  await w.approve(officer, template);
  folio = (await w.ctx.db.one<{ folio: string }>('select folio from operations where id = $1', [filed.operationId]))
    .folio;
});
after(() => w.close());

/**
 * One application with known times, a copy of the template's operation, trader and form (so every reference holds).
 * Instants are UTC; Mexico City is UTC-6 all year since 2022.
 */
async function application(a: {
  agency?: string;
  status: string;
  action?: string;
  submitted: string;
  resolved?: string;
  due: string;
}) {
  const procedure =
    a.agency === 'SE'
      ? await w.ctx.db.one<{ code: string; version: number }>(
          "select code, version from procedure_versions where code = 'SE-ORIGIN-CERTIFICATE' limit 1",
        )
      : null;
  await w.ctx.db.query(
    `insert into applications (id, operation_id, procedure_code, procedure_version, agency_code, office_code,
       trader_id, status, form, prefilled_fields, typed_fields, matched_rules, submitted_at, due_date, resolution,
       resolved_at, updated_at)
     select gen_random_uuid(), operation_id, coalesce($2::text, procedure_code), coalesce($3::int, procedure_version),
            coalesce($4::text, agency_code), case when $4::text is null then office_code end, trader_id, $5, form,
            prefilled_fields, typed_fields, matched_rules, $6::timestamptz, $7::date, $8::jsonb, $9::timestamptz,
            coalesce($9::timestamptz, $6::timestamptz)
       from applications where id = $1`,
    [
      template,
      procedure?.code ?? null,
      procedure?.version ?? null,
      a.agency ?? null,
      a.status,
      new Date(a.submitted),
      a.due,
      a.action ? JSON.stringify({ action: a.action }) : null,
      a.resolved ? new Date(a.resolved) : null,
    ],
  );
}

const statistics = (query: string) => w.call('GET', `/api/v1/statistics${query}`);
const agency = (body: any, code: string) => body.agencies.find((a: any) => a.code === code);

describe('transparency statistics', () => {
  test('the figures of a known set of applications, computed by hand', async () => {
    // COFEPRIS, decided in May 2031: approved after 2, 10 and 30 days, rejected after 5, denied by silence after 29.
    await application({
      status: 'approved',
      action: 'approve',
      submitted: '2031-05-01T16:00:00Z',
      resolved: '2031-05-03T16:00:00Z',
      due: '2031-05-29',
    });
    await application({
      status: 'rejected',
      action: 'reject',
      submitted: '2031-05-01T16:00:00Z',
      resolved: '2031-05-06T16:00:00Z',
      due: '2031-05-29',
    });
    await application({
      status: 'approved',
      action: 'approve',
      submitted: '2031-05-01T16:00:00Z',
      resolved: '2031-05-11T16:00:00Z',
      due: '2031-05-29',
    });
    // Filed in April; decided at 23:00 on its due date in Mexico City (already the 5th in UTC): on time.
    await application({
      status: 'approved',
      action: 'approve',
      submitted: '2031-04-05T05:00:00Z',
      resolved: '2031-05-05T05:00:00Z',
      due: '2031-05-04',
    });
    // Filed at 23:30 on 30 April in Mexico City (1 May in UTC): an April filing. Silence is never on time.
    await application({
      status: 'denied_by_silence',
      action: 'silence_deny',
      submitted: '2031-05-01T05:30:00Z',
      resolved: '2031-05-30T05:30:00Z',
      due: '2031-05-29',
    });
    // Automatic and withdrawn: counted, but not timed.
    await application({
      status: 'approved',
      action: 'auto_approve',
      submitted: '2031-05-02T16:00:00Z',
      resolved: '2031-05-02T16:01:00Z',
      due: '2031-05-02',
    });
    await application({
      status: 'withdrawn',
      action: 'withdraw',
      submitted: '2031-05-02T16:00:00Z',
      resolved: '2031-05-04T16:00:00Z',
      due: '2031-05-29',
    });
    // Filed in May, decided in June; filed in May, still open.
    await application({
      status: 'approved',
      action: 'approve',
      submitted: '2031-05-20T16:00:00Z',
      resolved: '2031-06-02T16:00:00Z',
      due: '2031-06-17',
    });
    await application({ status: 'in_review', submitted: '2031-05-25T16:00:00Z', due: '2031-06-20' });
    // SE: an origin certificate approved by positive silence after 8 days.
    await application({
      agency: 'SE',
      status: 'approved_by_silence',
      action: 'silence_approve',
      submitted: '2031-05-05T16:00:00Z',
      resolved: '2031-05-13T16:00:00Z',
      due: '2031-05-12',
    });

    const res = await statistics('?from=2031-04&to=2031-05');
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.deepEqual(res.body.months, ['2031-04', '2031-05']);
    const cofepris = agency(res.body, 'COFEPRIS');
    assert.deepEqual(cofepris.filings, [
      { month: '2031-04', count: 2 },
      { month: '2031-05', count: 7 },
    ]);
    assert.equal(cofepris.filed, 9);
    // Timed decisions: 2, 5, 10, 29, 30 days. Median 10; p90 = 29 + 0.6 * (30 - 29) (linear interpolation).
    assert.deepEqual(cofepris.resolutionDays, { median: 10, p90: 29.6 });
    assert.equal(cofepris.onTime, 4);
    assert.equal(cofepris.onTimeShare, 0.8);
    assert.equal(cofepris.resolved, 6);
    assert.deepEqual(cofepris.outcomes, {
      approved: 3,
      rejected: 1,
      automatic: 1,
      approvedBySilence: 0,
      deniedBySilence: 1,
      withdrawn: 1,
    });
    const se = agency(res.body, 'SE');
    assert.equal(se.filed, 1);
    assert.deepEqual(se.resolutionDays, { median: 8, p90: 8 });
    assert.equal(se.onTimeShare, 0);
    assert.equal(se.outcomes.approvedBySilence, 1);
    const sedena = agency(res.body, 'SEDENA');
    assert.equal(sedena.filed, 0);
    assert.equal(sedena.resolutionDays, null);
    assert.equal(sedena.onTimeShare, null);

    // One month: May's filings only; the decisions are all May's.
    const may = agency((await statistics('?from=2031-05&to=2031-05')).body, 'COFEPRIS');
    assert.deepEqual(may.filings, [{ month: '2031-05', count: 7 }]);
    assert.deepEqual(may.resolutionDays, { median: 10, p90: 29.6 });
    // June: the one decided then (13 days, on time), nothing filed.
    const june = agency((await statistics('?from=2031-06&to=2031-06')).body, 'COFEPRIS');
    assert.equal(june.filed, 0);
    assert.deepEqual(june.resolutionDays, { median: 13, p90: 13 });
    assert.equal(june.onTimeShare, 1);
  });

  test('the application filed and approved through the API counts this month', async () => {
    const month = mexicoDate(w.ctx.clock.now()).slice(0, 7);
    const res = await statistics(`?from=${month}&to=${month}`);
    assert.equal(res.status, 200);
    const cofepris = agency(res.body, 'COFEPRIS');
    assert.deepEqual(cofepris.filings, [{ month, count: 1 }]);
    assert.equal(cofepris.outcomes.approved, 1);
    assert.equal(cofepris.onTime, 1);
    // Without a range: the twelve months up to this one.
    const recent = await statistics('');
    assert.equal(recent.body.months.length, 12);
    assert.equal(recent.body.to, month);
    assert.match(String(recent.headers['cache-control']), /public, max-age=\d+/);
  });

  test('answers are reused briefly, then computed again', async () => {
    const query = '?from=2032-01&to=2032-01';
    assert.equal(agency((await statistics(query)).body, 'COFEPRIS').filed, 0);
    await application({ status: 'in_review', submitted: '2032-01-10T16:00:00Z', due: '2032-02-10' });
    assert.equal(agency((await statistics(query)).body, 'COFEPRIS').filed, 0, 'the cached answer');
    const realNow = w.ctx.clock.now;
    try {
      const later = realNow().getTime() + 61_000;
      w.ctx.clock.now = () => new Date(later);
      assert.equal(agency((await statistics(query)).body, 'COFEPRIS').filed, 1);
    } finally {
      w.ctx.clock.now = realNow;
    }
  });

  test('nothing in the answer identifies a trader or an application', async () => {
    const res = await statistics('?from=2031-01&to=2032-12');
    assert.equal(res.status, 200);
    const text = JSON.stringify(res.body);
    const trader = await w.ctx.db.one<{ id: string; legal_name: string }>(
      'select id, legal_name from traders where rfc = $1',
      [traderRfc],
    );
    for (const secret of [traderRfc, trader.id, trader.legal_name, filer.rfc, officer.rfc, template, folio])
      assert.ok(!text.includes(secret), `the answer names ${secret}`);
  });

  test('bad ranges are refused with a problem', async () => {
    const cases: [string, string][] = [
      ['?from=2031-13', 'request.invalid'],
      ['?from=2031-5', 'request.invalid'],
      ['?to=31-05', 'request.invalid'],
      ['?from=2031-01&trader=X', 'request.invalid'],
      ['?from=2031-06&to=2031-05', 'statistics.range_reversed'],
      ['?from=2030-01&to=2032-01', 'statistics.range_too_long'],
    ];
    for (const [query, code] of cases) {
      const res = await statistics(query);
      assert.equal(res.status, 400, query);
      assert.equal(res.body.code, code, query);
      assert.match(String(res.headers['content-type']), /application\/problem\+json/);
    }
    // Exactly the longest range (24 months) is fine.
    assert.equal((await statistics('?from=2030-01&to=2031-12')).status, 200);
  });
});

describe('demo history', () => {
  test('seeds closed applications over past months through the window, invariants kept', async () => {
    const admin = await w.officer('SE', ['administrator']);
    const { applications } = await seedDemoHistory(w.ctx, { quotaAdmin: admin.signer, months: 2, perMonth: 8 });
    assert.ok(applications.length >= 10, `${applications.length} applications`);
    const now = w.ctx.clock.now();
    const rows = await w.ctx.db.query<{ status: string; submitted_at: Date; resolved_at: Date; permits: number }>(
      `select status, submitted_at, resolved_at, (select count(*)::int from permits p where p.application_id = a.id
          and p.issued_at = a.resolved_at) as permits
         from applications a where id = any($1::uuid[])`,
      [applications],
    );
    assert.equal(rows.length, applications.length);
    for (const r of rows) {
      assert.ok(FINAL.includes(r.status as never), `closed: ${r.status}`);
      assert.ok(r.submitted_at.getTime() > now.getTime() - 2 * 31 * 86_400_000, 'filed within the months asked');
      assert.ok(r.submitted_at < r.resolved_at && r.resolved_at < now, 'decided after filing, before today');
      const approved = r.status === 'approved' || r.status === 'approved_by_silence';
      assert.equal(r.permits, approved ? 1 : 0, `${r.status}: a permit issued at the decision iff approved`);
    }
    const audit = await verifyAudit(w.ctx.db);
    assert.ok(audit.ok, JSON.stringify(audit.failure));
    const unread = await w.ctx.db.one<{ n: number }>(
      'select count(*)::int as n from notifications where read_at is null and object_id = any($1::text[])',
      [applications],
    );
    assert.equal(unread.n, 0, 'the notices of closed history are read');

    // The statistics see them: thirteen months up to this one (a range no earlier test asked, so not cached).
    const month = mexicoDate(now).slice(0, 7);
    const from = `${Number(month.slice(0, 4)) - 1}-${month.slice(5, 7)}`;
    const body = (await statistics(`?from=${from}&to=${month}`)).body;
    const filed = body.agencies.reduce((s: number, a: any) => s + a.filed, 0);
    assert.equal(filed, applications.length + 1, 'the history and the one filing of the first test');
    assert.ok(body.agencies.filter((a: any) => a.filed > 0).length >= 2, 'more than one agency');
  });
});
