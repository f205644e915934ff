import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { goodsDigestClaim, verifyPermitToken } from '../src/permits/token.ts';
import { ORIGIN_FORM, startExporterWindow } from './support/exporter.ts';
import { carsToJapan, type Actor } from './support/pipeline.ts';
import type { Person, TestWindow } from './support/window.ts';

let w: TestWindow;
let rep: Actor;
let exporter: { rfc: string; token: string };
let officer: Person & { token: string };
/**
 * Certificates of origin are office-bound: exports through Nuevo Laredo go to this SE office, where the officer works.
 */
const SE_OFFICE = 'SE-TAMPS-MAT';

before(async () => {
  ({ w, rep, exporter } = await startExporterWindow());
  officer = await w.officer('SE', ['reviewer', 'resolver'], SE_OFFICE);
});
after(() => w.close());

const cars = carsToJapan();
const ORIGIN = ORIGIN_FORM['SE-ORIGIN-CERTIFICATE'];

const hasPdftotext = !spawnSync('pdftotext', ['-v'], { stdio: 'ignore' }).error;

describe('certificate of origin: an export of cars to Japan', () => {
  let operationId: string;
  let applicationId: string;
  let permit: any;

  test('the procedure asks for the origin criterion; the exporter files it with one signature', async () => {
    const procedure = w.ctx.catalogue.procedure('SE-ORIGIN-CERTIFICATE', '2026-01-01');
    assert.equal(procedure.flow, 'export');
    assert.ok((procedure.form.required as string[]).includes('originCriterion'));

    const draft = await w.call('POST', '/api/v1/operations', {
      token: exporter.token,
      body: { traderRfc: exporter.rfc, flow: 'export', data: { goods: [cars] } },
    });
    assert.equal(draft.status, 201, JSON.stringify(draft.body));
    operationId = draft.body.id;
    const preview = await w.call('GET', `/api/v1/operations/${operationId}/preview`, { token: exporter.token });
    assert.deepEqual(
      preview.body.applications.map((a: any) => a.procedure.code),
      ['SE-ORIGIN-CERTIFICATE'],
      'rule SE-ORIGIN-CERTIFICATE:87@2024-01-01: chapter 87 exported to JP',
    );

    const { originCriterion: _, ...withoutCriterion } = ORIGIN;
    await w.call('PUT', `/api/v1/operations/${operationId}`, {
      token: exporter.token,
      body: {
        expectedVersion: 1,
        data: { goods: [cars], procedureData: { 'SE-ORIGIN-CERTIFICATE': withoutCriterion } },
      },
    });
    const incomplete = await w.call('POST', `/api/v1/operations/${operationId}/submit/signing-payload`, {
      token: exporter.token,
      body: {},
    });
    assert.equal(incomplete.body.code, 'operation.forms_incomplete');
    assert.match(incomplete.body.detail, /originCriterion/);

    const completed = await w.call('PUT', `/api/v1/operations/${operationId}`, {
      token: exporter.token,
      body: { expectedVersion: 2, data: { goods: [cars], procedureData: { 'SE-ORIGIN-CERTIFICATE': ORIGIN } } },
    });
    assert.equal(completed.status, 200, JSON.stringify(completed.body));
    const submitted = await w.signed(exporter.token, rep, 'POST', `/api/v1/operations/${operationId}/submit`, {});
    assert.equal(submitted.status, 201, JSON.stringify(submitted.body));
    applicationId = submitted.body.data.applications[0].id;
    const form = (await w.call('GET', `/api/v1/applications/${applicationId}`, { token: exporter.token })).body.form;
    assert.equal(form.exporter, exporter.rfc);
    assert.deepEqual(form.destinationCountries, ['JP']);
    assert.equal(
      (await w.call('GET', `/api/v1/applications/${applicationId}`, { token: exporter.token })).body.office,
      SE_OFFICE,
    );
  });

  test('SE approves: a certificate held by the exporter, with its goods and origin criterion', async () => {
    await w.approve(officer, applicationId);
    const app = (await w.call('GET', `/api/v1/applications/${applicationId}`, { token: exporter.token })).body;
    assert.equal(app.status, 'approved');
    permit = (await w.call('GET', `/api/v1/permits/${app.permit.number}`, { token: exporter.token })).body;
    assert.match(permit.number, /^SE-\d{4}-\d{6}$/);
    assert.equal(permit.kind, 'certificate_of_origin');
    assert.equal(permit.status, 'valid');
    assert.equal(permit.document.flow, 'export');
    assert.equal(permit.document.holder.rfc, exporter.rfc);
    assert.deepEqual(permit.document.origin, { criterion: 'regional_value_content', agreement: 'mexico_japan_epa' });
    assert.deepEqual(
      permit.document.goods.map((g: any) => [g.hsCode, g.quantity, g.destinationCountry]),
      [['870323', 40, 'JP']],
    );
    assert.deepEqual(permit.balances, [], 'a certificate of origin carries no balances');
    assert.equal(permit.document.resolution.officerRfc, officer.rfc);
  });

  test(
    "the importing country's authority verifies it online, by " + 'number with its printed code and by the QR token',
    async () => {
      const byNumber = await w.call('GET', `/api/v1/verify/${permit.number}?code=${permit.verificationCode}`);
      assert.equal(byNumber.status, 200);
      assert.equal(byNumber.body.authentic, true);
      assert.equal(byNumber.body.status, 'valid');
      assert.equal(byNumber.body.kind, 'certificate_of_origin');
      assert.equal(byNumber.body.agency.code, 'SE');
      assert.equal(byNumber.body.procedure.code, 'SE-ORIGIN-CERTIFICATE');
      assert.ok(!JSON.stringify(byNumber.body).includes(exporter.rfc), 'the exporter RFC is masked');

      const byToken = await w.call('GET', `/api/v1/verify?token=${encodeURIComponent(permit.token)}`);
      assert.equal(byToken.body.authentic, true);
      assert.equal(byToken.body.number, permit.number);
      assert.equal(byToken.body.goodsDigest, goodsDigestClaim(permit.document.goods));
      assert.equal(
        (await w.call('GET', `/api/v1/verify/SE-2000-999999?code=${permit.verificationCode}`)).body.authentic,
        false,
      );
    },
  );

  test('and offline, with nothing but the published keys', async () => {
    const keys = (await w.call('GET', '/.well-known/ventanilla-keys.json')).body;
    const offline = await verifyPermitToken(permit.token, keys);
    assert.equal(offline.status, 'valid');
    assert.equal(offline.claims.num, permit.number);
    assert.equal(offline.claims.kind, 'certificate_of_origin');
    assert.equal(offline.claims.rfc, exporter.rfc);
    assert.equal(
      offline.claims.gd,
      goodsDigestClaim(permit.document.goods),
      'the goods printed on the certificate are the goods sealed',
    );
    const [h, p, s] = permit.token.split('.');
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString());
    const forged = [h, Buffer.from(JSON.stringify({ ...claims, rfc: 'XAXX010101000' })).toString('base64url'), s].join(
      '.',
    );
    await assert.rejects(verifyPermitToken(forged, keys), { code: 'permit.token_invalid' });
  });

  test('the printed certificate shows the origin criterion and the agreement', {
    skip: hasPdftotext ? false : 'pdftotext is not installed (poppler-utils)',
  }, async () => {
    const pdf = await w.app.inject({
      method: 'GET',
      url: `/api/v1/permits/${permit.number}/pdf`,
      headers: { authorization: `Bearer ${exporter.token}` },
    });
    assert.equal(pdf.statusCode, 200);
    const file = path.join(w.dataDir, `${permit.number}.pdf`);
    fs.writeFileSync(file, pdf.rawPayload);
    const text = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, ' ');
    assert.match(text, /CERTIFICADO DE ORIGEN/);
    assert.ok(text.includes(permit.number));
    assert.match(text, /Exportación \/ Export/);
    const criterion =
      'Criterio / Criterion: Regla específica: valor de contenido regional / ' +
      'Product-specific rule: regional value content \\(PSR\\) \\[regional_value_content\\]';
    assert.match(text, new RegExp(criterion));
    assert.match(text, /Mexico-Japan Economic Partnership Agreement/);
    assert.match(text, /870323/);
  });
});
