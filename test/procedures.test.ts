/**
 * Every procedure of the catalogue, filed end to end with the example of its own file, through the public API:
 * operation -> preview -> signed submit -> approval (by an officer of its agency and office, or by the
 * auto-approve job) -> the issued document -> its PDF, with the kind's title and the file's labels.
 * A new procedure file is in this table without touching this test.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { mexicoDate } from '../src/calendar/calendar.ts';
import { autoApprove } from '../src/applications/timers.ts';
import { ISSUED_KINDS, type Procedure } from '../src/catalog/procedure.ts';
import type { OfficerRole } from '../src/registry/schemas.ts';
import { startTestWindow, type Person, type TestWindow } from './support/window.ts';

let w: TestWindow;
let rep: Person;
let trader: { rfc: string; token: string };
/**
 * The version of every procedure in force today, as the table (read before
 * the window starts: the catalogue is shipped data).
 */
let table: Procedure[] = [];
const officers = new Map<string, Person & { token: string }>();

before(async () => {
  w = await startTestWindow();
  table = w.ctx.catalogue.list().map((def) => w.ctx.catalogue.files().find((p) => p.definition === def)!);
  rep = await w.person({ name: 'Mariana Tramites' });
  // Every prefill source a procedure may need: the IMMEX programme for the annual report, for one.
  trader = await w.registerTrader(rep, { programmes: { immex: 'IMMEX-2024-0042', prosec: 'PROSEC-2024-0042' } });
});
after(() => w.close());

/** One officer per agency, office and roles, made on first use. */
async function officer(agency: string, office: string | null, roles: OfficerRole[]) {
  const key = `${agency}/${office}/${roles.join('+')}`;
  if (!officers.has(key)) officers.set(key, await w.officer(agency, roles, office ?? undefined));
  return officers.get(key)!;
}

const exampleOf = (code: string) => table.find((p) => p.definition.code === code)!.example;

/** Quota certificates draw on a quota: SE defines one that covers the example's goods. */
async function quotaFor(p: Procedure) {
  const admin = await officer('SE', null, ['administrator']);
  const year = mexicoDate(new Date()).slice(0, 4);
  const g = p.example.goods[0]!;
  const res = await w.signed(admin.token, admin, 'POST', '/api/v1/quotas', {
    name: `Cupo de ejemplo ${p.definition.code}`,
    hsCodes: [g.hsCode.slice(0, 6)],
    originCountries: [g.originCountry],
    periodFrom: `${year}-01-01`,
    periodTo: `${year}-12-31`,
    total: 1_000_000,
    unit: g.unit,
    allocationMethod: 'first_come',
  });
  assert.equal(res.status, 201, JSON.stringify(res.body));
}

async function approve(p: Procedure, applicationId: string) {
  const def = p.definition;
  if (def.autoApprove) {
    // What the auto-approve job does (it may have run already: the action takes effect once).
    await autoApprove(w.ctx, applicationId);
    return;
  }
  const office = (await w.call('GET', `/api/v1/applications/${applicationId}`, { token: trader.token })).body.office as
    | string
    | null;
  const reviewer = await officer(def.agency, office, def.fourEyes ? ['reviewer'] : ['reviewer', 'resolver']);
  const act = (who: Person & { token: string }, step: string) =>
    w.call('POST', `/api/v1/applications/${applicationId}/${step}`, { token: who.token });
  assert.equal((await act(reviewer, 'assignment')).status, 200);
  assert.equal((await act(reviewer, 'review')).status, 200);
  let resolver = reviewer;
  if (def.fourEyes) {
    const proposed = await w.signed(
      reviewer.token,
      reviewer,
      'POST',
      `/api/v1/applications/${applicationId}/proposal`,
      { decision: 'approve' },
    );
    assert.equal(proposed.status, 200, JSON.stringify(proposed.body));
    resolver = await officer(def.agency, office, ['resolver']);
  }
  const resolved = await w.signed(
    resolver.token,
    resolver,
    'POST',
    `/api/v1/applications/${applicationId}/resolution`,
    { decision: 'approve' },
  );
  assert.equal(resolved.status, 200, JSON.stringify(resolved.body));
}

function pdfText(pdf: Buffer): string {
  const file = path.join(w.dataDir, `permit-${process.hrtime.bigint()}.pdf`);
  fs.writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
}

describe('every procedure is filed end to end with its example', () => {
  test('the table holds every procedure of the catalogue', () => {
    assert.ok(table.length >= 26, `${table.length} procedures`);
    assert.ok(
      table.some((p) => p.trigger === 'request'),
      'and at least one is filed on request',
    );
  });

  // One test per procedure, in sequence on one window: the table is read when the tests run.
  test('each procedure: operation, preview, signed submit, approval, document and PDF', async (t) => {
    for (const p of table) {
      await t.test(p.definition.code, async () => {
        const def = p.definition;
        const data: Record<string, unknown> = {
          goods: p.example.goods,
          ...(p.trigger === 'request' ? { procedures: [def.code] } : {}),
        };
        const draft = await w.call('POST', '/api/v1/operations', {
          token: trader.token,
          body: { traderRfc: trader.rfc, flow: def.flow, data },
        });
        assert.equal(draft.status, 201, JSON.stringify(draft.body));

        // The goods may need other procedures too: each is completed with its own file's example.
        const first = await w.call('GET', `/api/v1/operations/${draft.body.id}/preview`, { token: trader.token });
        const codes: string[] = first.body.applications.map((a: any) => a.procedure.code);
        assert.ok(codes.includes(def.code), `${def.code} is planned: ${codes.join(', ')}`);
        const procedureData = Object.fromEntries(codes.map((c) => [c, exampleOf(c).data]));
        const completed = await w.call('PUT', `/api/v1/operations/${draft.body.id}`, {
          token: trader.token,
          body: { expectedVersion: 1, data: { ...data, procedureData } },
        });
        assert.equal(completed.status, 200, JSON.stringify(completed.body));
        const preview = (await w.call('GET', `/api/v1/operations/${draft.body.id}/preview`, { token: trader.token }))
          .body;
        const planned = preview.applications.find((a: any) => a.procedure.code === def.code);
        assert.deepEqual(planned.problems, [], 'the example completes the form');
        assert.equal(planned.because.length > 0, p.trigger === 'goods', 'goods-triggered procedures cite their rules');
        for (const rule of planned.because)
          assert.match(rule.id, new RegExp(`^${def.code}:${rule.hsPrefix}@\\d{4}-\\d{2}-\\d{2}$`));

        const submitted = await w.signed(trader.token, rep, 'POST', `/api/v1/operations/${draft.body.id}/submit`, {});
        assert.equal(submitted.status, 201, JSON.stringify(submitted.body));
        const applicationId = submitted.body.data.applications.find((a: any) => a.procedureCode === def.code).id;

        if (def.issues.kind === 'quota_certificate') await quotaFor(p);
        await approve(p, applicationId);
        const application = (await w.call('GET', `/api/v1/applications/${applicationId}`, { token: trader.token }))
          .body;
        assert.equal(application.status, 'approved');
        const permit = (await w.call('GET', `/api/v1/permits/${application.permit.number}`, { token: trader.token }))
          .body;
        assert.equal(permit.kind, def.issues.kind);
        assert.equal(permit.approvedBy, def.autoApprove ? 'automatic' : 'officer');
        assert.equal(permit.document.procedure.code, def.code);
        assert.equal(permit.document.goods.length, p.example.goods.length);

        const pdf = await w.app.inject({
          method: 'GET',
          url: `/api/v1/permits/${permit.number}/pdf`,
          headers: { authorization: `Bearer ${trader.token}` },
        });
        assert.equal(pdf.statusCode, 200);
        const text = pdfText(pdf.rawPayload);
        assert.ok(text.includes(ISSUED_KINDS[def.issues.kind].es.toUpperCase()), `the title of a ${def.issues.kind}`);
        assert.ok(text.includes(permit.number));
        // The coded form fields a document prints beside its words (permits/pdf.ts): a certificate of origin's.
        const printed = def.issues.kind === 'certificate_of_origin' ? ['originCriterion', 'tradeAgreement'] : [];
        for (const field of printed) {
          const label = p.labels[field]![String(application.form[field])]!;
          assert.ok(
            text.replace(/\s+/g, ' ').includes(`${label.es} / ${label.en}`),
            `the label of ${field} printed on the ${def.issues.kind}`,
          );
        }
      });
    }
  });
});

describe('a procedure filed on request', () => {
  test(
    'only procedures filed on request may be named, in their ' + 'flow; an operation names goods or procedures',
    async () => {
      const file = (flow: string, data: Record<string, unknown>) =>
        w.call('POST', '/api/v1/operations', { token: trader.token, body: { traderRfc: trader.rfc, flow, data } });
      const count = async () => (await w.ctx.db.one<{ n: number }>('select count(*)::int as n from operations')).n;
      const before = await count();
      const empty = await file('export', { goods: [] });
      assert.equal(empty.status, 400);
      assert.equal(empty.body.code, 'operation.goods_missing');
      assert.equal(await count(), before, 'the refused draft was not written');

      const preview = async (flow: string, procedures: string[]) => {
        const draft = await file(flow, { goods: [], procedures });
        assert.equal(draft.status, 201, JSON.stringify(draft.body));
        return w.call('GET', `/api/v1/operations/${draft.body.id}/preview`, { token: trader.token });
      };
      for (const [flow, code] of [
        ['import', 'SEDENA-ARMS-IMPORT'],
        ['import', 'SE-IMMEX-ANNUAL-REPORT'],
        ['export', 'NOPE-NOTHING'],
      ]) {
        const res = await preview(flow!, [code!]);
        assert.equal(res.status, 400, `${code} in an ${flow}`);
        assert.equal(res.body.code, 'operation.procedure_not_on_request');
      }

      const report = await preview('export', ['SE-IMMEX-ANNUAL-REPORT']);
      assert.equal(report.status, 200, JSON.stringify(report.body));
      const [planned] = report.body.applications;
      assert.equal(planned.procedure.code, 'SE-IMMEX-ANNUAL-REPORT');
      assert.deepEqual(planned.lines, []);
      assert.equal(planned.form.immexProgramme, 'IMMEX-2024-0042', 'prefilled from the registry');
    },
  );
});
