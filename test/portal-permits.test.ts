/**
 * The trader's permits (/permisos) and verification by number and printed code (/verificar) in real Chromium
 * against one real window: reached from the dashboard, the list with its balances, a status filter, the link to
 * the permit's page; then, signed out, the right code confirms the permit and a wrong one is refused like a number
 * never issued. Every page state is audited (axe in both languages, two widths); every wait is on what the page shows.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { withoutChromium } from './support/browser.ts';
import { MEDICINES_FORM, medicines } from './support/pipeline.ts';
import { openPortal, type Portal } from './support/portal.ts';
import { startTestWindow, type Person, type TestWindow } from './support/window.ts';

let w: TestWindow;
let portal: Portal | undefined;
let rep: Person;
/** Newest first, as the list shows them: the valid one, then the revoked one. */
let valid: { number: string; code: string };
let revoked: string;

before(async () => {
  w = await startTestWindow();
  rep = await w.person({ name: 'Ana Importadora', keyType: 'ec' });
  const trader = await w.registerTrader(rep);
  const filer = { ...rep, token: trader.token };
  const cofepris = await w.officer('COFEPRIS', ['reviewer', 'resolver']);
  const file = () =>
    w.permit(filer, cofepris, { traderRfc: trader.rfc, goods: medicines(100, 2000), procedureData: MEDICINES_FORM });
  revoked = await file();
  const withdrawn = await w.signed(cofepris.token, cofepris, 'POST', `/api/v1/permits/${revoked}/revocation`, {
    reason: 'Registro sanitario cancelado',
  });
  assert.equal(withdrawn.status, 200, JSON.stringify(withdrawn.body));
  const number = await file();
  const read = await w.call('GET', `/api/v1/permits/${number}`, { token: trader.token });
  valid = { number, code: read.body.verificationCode };
  assert.match(valid.code, /^[0-9A-Z]{12}$/);
});
after(async () => {
  await portal?.close();
  await w?.close();
});

describe('permits and verification by number in Chromium', { skip: withoutChromium }, () => {
  let page: Page;
  before(async () => {
    portal = await openPortal(w);
  });

  test('the list from the dashboard, a filter, the link to the permit', async () => {
    const p = portal!;
    page = await p.newPage();
    // The dashboard's expiring permits are one call, not two per approved application (issue 9).
    const api: string[] = [];
    page.on(
      'request',
      (r) => r.url().includes('/api/v1/') && api.push(new URL(r.url()).pathname + new URL(r.url()).search),
    );
    const expiring = page.waitForResponse((r) => /\/api\/v1\/permits\?/.test(r.url()));
    await p.signIn(page, rep);
    await page.getByRole('heading', { level: 1, name: 'Mi panel' }).waitFor();
    assert.equal((await expiring).status(), 200);
    await page.getByRole('region', { name: 'Necesita su atención' }).waitFor();
    const permitCalls = api.filter((u) => u.startsWith('/api/v1/permits') || u.startsWith('/api/v1/applications/'));
    assert.equal(permitCalls.length, 1, permitCalls.join(', '));
    assert.match(permitCalls[0]!, /^\/api\/v1\/permits\?status=valid&endsBy=\d{4}-\d{2}-\d{2}&limit=50$/);
    await page.getByRole('link', { name: 'Ver todos mis permisos y su saldo' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mis permisos' }).waitFor();
    await page.getByRole('status').filter({ hasText: '2 permisos' }).waitFor();
    const rows = page.getByRole('table').getByRole('row');
    assert.equal(await rows.count(), 3, 'a header and two permits');
    assert.match(
      (await rows.nth(1).textContent()) ?? '',
      new RegExp(`${valid.number}.*Vigente.*Quedan 100 de 100 KGM`),
    );
    assert.match((await rows.nth(2).textContent()) ?? '', new RegExp(`${revoked}.*Revocado`));
    await p.audit(page, 'permits');

    await page.getByLabel('Estado').selectOption({ label: 'Revocado' });
    await page.getByRole('button', { name: 'Aplicar filtros' }).click();
    await page.getByRole('status').filter({ hasText: '1 permiso' }).waitFor();
    await page.getByRole('link', { name: revoked }).waitFor();
    assert.equal(await page.getByRole('link', { name: valid.number }).count(), 0, 'the valid one is filtered out');
    await p.audit(page, 'permits-revoked');

    await page.getByRole('link', { name: revoked }).click();
    await page.getByRole('heading', { level: 1, name: `Documento ${revoked}` }).waitFor();
    await page.getByText('Registro sanitario cancelado').waitFor();
    await p.closePage(page);
  });

  test('verification by number and printed code: the right code confirms, a wrong one is refused', async () => {
    const p = portal!;
    page = await p.newPage(390);
    await page.goto(`${p.base}/verificar`);
    await page.getByRole('heading', { level: 1, name: 'Verificar un permiso' }).waitFor();
    const check = page.getByRole('button', { name: 'Comprobar el número y el código' });

    await check.click();
    const summary = page.getByRole('alert');
    await summary.getByRole('link', { name: /Escriba el número del permiso/ }).waitFor();
    await summary.getByRole('link', { name: /Escriba el código de verificación/ }).waitFor();
    await p.audit(page, 'verify-number-missing');

    // As a person types it from paper: lower case, in the printed groups.
    const printed = valid.code.match(/.{4}/g)!.join('-').toLowerCase();
    await page.getByLabel('Número del permiso').fill(valid.number);
    await page.getByLabel('Código de verificación').fill(printed);
    await check.click();
    const result = page.getByRole('region', { name: 'Permiso auténtico' });
    await result.waitFor();
    await result.getByText('Vigente').waitFor();
    await result.getByText(valid.number).waitFor();
    await p.audit(page, 'verify-number-ok');

    const wrong = `${valid.code.slice(0, 11)}${valid.code.endsWith('0') ? '1' : '0'}`;
    await page.getByLabel('Código de verificación').fill(wrong);
    await check.click();
    const refused = page.getByRole('region', { name: 'No corresponde a un permiso emitido por esta Ventanilla' });
    await refused.waitFor();
    await refused.getByText(/Ningún permiso emitido por esta Ventanilla tiene ese número con ese código/).waitFor();
    assert.equal(await refused.getByText('Vigente').count(), 0, 'nothing of the permit is shown');
    await p.audit(page, 'verify-number-refused');
    await p.closePage(page);
  });
});
