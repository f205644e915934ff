/**
 * Representation in the portal, in real Chromium against a real window: a legal representative grants a delegation
 * to a customs broker (check your answers, signed in the page), the broker switches to that trader and sees it on
 * every page, the representative revokes it (confirmation, signature) and the broker's next page says the window's
 * refusal; an API token is created (its secret shown once), works against the API, is revoked from the page and is
 * then refused. axe-core on every page of the flows, in Spanish and English, at 390 and 1280 px.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { withoutChromium } from './support/browser.ts';
import { carsToJapan, FORMS, submittedOf } from './support/pipeline.ts';
import { openPortal, type Portal } from './support/portal.ts';
import { type Person, startTestWindow, type TestWindow } from './support/window.ts';

let w: TestWindow;
let portal: Portal;
let rep: Person;
let broker: Person;
const trader = { a: '', b: '' };
const nameOf = (rfc: string) => `Comercializadora ${rfc} S.A. de C.V.`;
let patent: string;
let folio: string;

const heading = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name }).waitFor();
const nav = (page: Page, name: string) => page.getByRole('navigation').getByRole('link', { name }).click();
const actingBar = (page: Page) => page.getByRole('region', { name: 'Cliente por el que actúa' });
/** The header says which trader the broker acts for now. */
const actingNow = (page: Page, name: string) =>
  actingBar(page)
    .getByTestId('acting-now')
    .filter({ hasText: `Actúa por: ${name}` })
    .waitFor();

describe('representation in the portal', { skip: withoutChromium }, () => {
  before(async () => {
    w = await startTestWindow();
    rep = await w.person({ name: 'Ana Representante' });
    trader.a = (await w.registerTrader(rep)).rfc;
    const repB = await w.person();
    const b = await w.registerTrader(repB);
    trader.b = b.rfc;
    broker = await w.person({ name: 'Bruno Agente' });
    patent = (await w.registerBroker(broker)).patent;
    // Trader B delegated to the broker before (through the API): the broker has two clients to switch between.
    const granted = await w.signed(b.token, repB, 'POST', `/api/v1/traders/${trader.b}/delegations`, {
      brokerPatent: patent,
    });
    assert.equal(granted.status, 201, JSON.stringify(granted.body));
    // Trader A's own export, filed by its representative: what the broker will see once acting for A.
    const filed = await w.fileOperation(
      { ...rep, token: await w.login(rep) },
      { traderRfc: trader.a, flow: 'export', goods: [carsToJapan()], forms: FORMS },
    );
    folio = submittedOf(filed.answer).folio;
    assert.ok(folio, JSON.stringify(filed.answer));
    portal = await openPortal(w);
  });
  after(async () => {
    await portal?.close();
    await w?.close();
  });

  test('grant, switch, revoke: the broker acts for the trader, then the window refuses it', async () => {
    const repPage = await portal.newPage();
    await portal.signIn(repPage, rep);
    await heading(repPage, 'Mi panel');
    await nav(repPage, 'Representación');
    await heading(repPage, 'Representación');
    await repPage.getByRole('heading', { name: `Encargos de ${nameOf(trader.a)}` }).waitFor();
    await repPage.getByText('No ha conferido encargos a ningún agente aduanal.').waitFor();
    await repPage.getByText('No tiene claves de API.').waitFor();
    await portal.audit(repPage, 'representation');

    // One thing per page: the patent; the error summary links to the field.
    await repPage.getByRole('button', { name: 'Conferir un encargo' }).click();
    await heading(repPage, 'Conferir un encargo a un agente aduanal');
    await repPage.getByRole('button', { name: 'Continuar' }).click();
    await repPage.getByRole('alert').getByRole('link', { name: 'Escriba la patente del agente aduanal' }).click();
    assert.equal(await repPage.evaluate(() => document.activeElement?.id), 'patent');
    // A patent nobody holds: the window's sentence, linked to the field.
    await repPage.getByLabel('Patente del agente aduanal').fill(patent === '9999' ? '9998' : '9999');
    await repPage.getByRole('button', { name: 'Continuar' }).click();
    await repPage
      .getByRole('alert')
      .getByRole('link', { name: /No hay un agente aduanal registrado/ })
      .waitFor();
    await portal.audit(repPage, 'delegation-grant-error');
    await repPage.getByLabel('Patente del agente aduanal').fill(patent);
    await repPage.getByRole('button', { name: 'Continuar' }).click();

    // Check your answers, then the signature in the page.
    await heading(repPage, 'Revise el encargo antes de firmar');
    await repPage.getByText(`${nameOf(trader.a)} (${trader.a})`).waitFor();
    await repPage.getByRole('definition').filter({ hasText: broker.name }).waitFor();
    await portal.audit(repPage, 'delegation-check');
    await repPage.getByRole('button', { name: 'Firmar y conferir el encargo' }).click();
    await repPage.getByRole('status').getByText(`${broker.name} (patente ${patent}) ya puede actuar`).waitFor();
    const row = repPage.getByRole('row').filter({ hasText: broker.name });
    await row.getByRole('cell', { name: 'Vigente' }).waitFor();

    // The broker signs in (after the grant): two clients, none chosen; it picks A and sees it on every page.
    const brokerPage = await portal.newPage(390);
    await portal.signIn(brokerPage, broker);
    await heading(brokerPage, 'Mi panel');
    await actingBar(brokerPage).getByText('Elija el cliente por el que va a actuar.').waitFor();
    await brokerPage.getByLabel('Cambiar de cliente').selectOption(trader.a);
    await actingNow(brokerPage, nameOf(trader.a));
    // The dashboard lists what the broker may see: trader A's operation is there.
    await brokerPage.getByRole('cell', { name: folio }).waitFor();
    await portal.audit(brokerPage, 'dashboard-acting-for');
    await nav(brokerPage, 'Representación');
    await heading(brokerPage, 'Representación');
    const clients = brokerPage.getByRole('region', { name: 'Clientes que le confirieron un encargo' });
    await clients.getByRole('row').filter({ hasText: trader.b }).waitFor();
    await clients.getByRole('row').filter({ hasText: trader.a }).getByText('Actúa por ella ahora').waitFor();
    await actingNow(brokerPage, nameOf(trader.a));
    await portal.audit(brokerPage, 'representation-broker');

    // The broker starts an operation: step 1 asks for whom among its clients; the draft is the client's, its own.
    await nav(brokerPage, 'Nueva operación');
    await heading(brokerPage, '¿Para quién y qué operación?');
    const forWhom = brokerPage.getByRole('group', { name: '¿Por quién presenta esta operación?' });
    await forWhom.getByLabel(`${nameOf(trader.b)} · RFC ${trader.b}`).waitFor();
    await forWhom.getByLabel(`${nameOf(trader.a)} · RFC ${trader.a}`).check();
    await brokerPage.getByLabel('Exportación').check();
    await brokerPage.getByLabel('Aduana', { exact: true }).selectOption({ index: 1 });
    await portal.audit(brokerPage, 'broker-new-operation');
    await brokerPage.getByRole('button', { name: 'Continuar' }).click();
    await heading(brokerPage, 'Mercancías');
    const hs = brokerPage.getByRole('combobox', { name: 'Fracción arancelaria (código SA)' });
    await hs.fill('870323');
    await brokerPage.getByRole('option', { name: /^870323/ }).click();
    await brokerPage.getByLabel('Descripción').fill('Automóviles de pasajeros');
    await brokerPage.getByLabel('Cantidad').fill('2');
    await brokerPage.getByLabel('Valor total de la partida').fill('50000');
    await brokerPage.getByLabel('País de destino').fill('JP');
    await brokerPage.keyboard.press('Escape');
    await brokerPage.getByRole('button', { name: 'Agregar partida' }).click();
    await brokerPage.getByRole('cell', { name: 'Automóviles de pasajeros' }).waitFor();
    await brokerPage.getByRole('button', { name: 'Continuar' }).click();
    await heading(brokerPage, 'Trámites que necesita');
    const drafts = await w.ctx.db.query<{ created_by_rfc: string; broker: boolean }>(
      `select o.created_by_rfc, o.broker_id is not null as broker from operations o
        where o.status = 'draft' and o.trader_id = (select id from traders where rfc = $1)`,
      [trader.a],
    );
    assert.deepEqual(drafts, [{ created_by_rfc: broker.rfc, broker: true }]);

    // The representative revokes it: what it ends and why, a check page, then the signature.
    await row.getByRole('button', { name: /Revocar/ }).click();
    await heading(repPage, 'Revocar un encargo');
    await repPage.getByText(/dejará de poder presentar y consultar operaciones/).waitFor();
    await repPage.getByLabel('Motivo (opcional)').fill('Cambio de agente aduanal');
    await portal.audit(repPage, 'delegation-revoke');
    await repPage.getByRole('button', { name: 'Continuar' }).click();
    await heading(repPage, 'Revise la revocación antes de firmar');
    await repPage.getByRole('definition').filter({ hasText: 'Cambio de agente aduanal' }).waitFor();
    await portal.audit(repPage, 'delegation-revoke-check');
    await repPage.getByRole('button', { name: 'Firmar y revocar el encargo' }).click();
    await repPage.getByRole('status').getByText(`${broker.name} ya no actúa por`).waitFor();
    await row.getByRole('cell', { name: /Revocado/ }).waitFor();

    // The broker's next page: the window refuses trader A, said as a sentence; B is the one left.
    await nav(brokerPage, 'Mi panel');
    const refusal = actingBar(brokerPage).getByRole('alert');
    await refusal.getByText(`Ya no puede actuar por ${nameOf(trader.a)} (${trader.a}).`).waitFor();
    await refusal.getByText(/revocaron el encargo/).waitFor();
    await actingNow(brokerPage, nameOf(trader.b));
    // Its representation page asks afresh: only B is a client now, and the sentence stays until another choice.
    await nav(brokerPage, 'Representación');
    await clients.getByRole('row').filter({ hasText: trader.b }).getByText('Actúa por ella ahora').waitFor();
    assert.equal(await clients.getByRole('row').filter({ hasText: trader.a }).count(), 0);
    await refusal.waitFor();
    const brokerToken = await w.login(broker);
    assert.equal((await w.call('GET', `/api/v1/traders/${trader.a}`, { token: brokerToken })).status, 404);
    assert.equal((await w.call('GET', `/api/v1/traders/${trader.b}`, { token: brokerToken })).status, 200);

    await portal.closePage(brokerPage);
    await portal.closePage(repPage);
  });

  test('an API token: checked, signed, shown once; it works, is revoked in the page, then refused', async () => {
    const page = await portal.newPage(390);
    await portal.signIn(page, rep);
    await heading(page, 'Mi panel');
    await nav(page, 'Representación');
    await page.getByRole('button', { name: 'Crear una clave de API' }).click();
    await heading(page, 'Crear una clave de API');
    await page.getByLabel('Días de vigencia').fill('400');
    await page.getByRole('button', { name: 'Continuar' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'Hay un problema' });
    await summary.getByRole('link', { name: 'Escriba para qué es la clave' }).waitFor();
    await summary.getByRole('link', { name: 'Escriba un número de días entre 1 y 366' }).waitFor();
    await portal.audit(page, 'api-token-form-errors');
    await page.getByLabel('Para qué es').fill('Sistema de pedimentos');
    await page.getByLabel('Días de vigencia').fill('30');
    await page.getByRole('button', { name: 'Continuar' }).click();

    await heading(page, 'Revise la clave antes de firmar');
    await page.getByText('30 días').waitFor();
    await portal.audit(page, 'api-token-check');
    await page.getByRole('button', { name: 'Firmar y crear la clave' }).click();
    await heading(page, 'Su nueva clave de API');
    await page.getByText('no se volverá a mostrar').waitFor();
    const secret = (await page.getByTestId('token-secret').textContent()) ?? '';
    assert.ok(secret.length >= 20, secret);
    await portal.audit(page, 'api-token-created');

    // The secret works against the API, as the broker's software would use it.
    const me = await w.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${secret}` } });
    assert.equal(me.statusCode, 200, me.body);
    assert.equal(me.json().rfc, rep.rfc);
    assert.equal(me.json().session.kind, 'api_token');

    // Shown once: back on the list it is gone from the page.
    await page.getByRole('button', { name: 'Ya la guardé' }).click();
    await heading(page, 'Representación');
    const tokenRow = page.getByRole('row').filter({ hasText: 'Sistema de pedimentos' });
    await tokenRow.getByRole('cell', { name: 'Vigente' }).waitFor();
    assert.ok(!(await page.content()).includes(secret), 'the secret is not shown again');

    await tokenRow.getByRole('button', { name: /Revocar/ }).click();
    await heading(page, 'Revocar una clave de API');
    await portal.audit(page, 'api-token-revoke');
    await page.getByRole('button', { name: 'Revocar la clave' }).click();
    await page.getByRole('status').getByText('Clave revocada').waitFor();
    await tokenRow.getByRole('cell', { name: 'Revocada' }).waitFor();
    const refused = await w.app.inject({
      method: 'GET',
      url: '/api/v1/me',
      headers: { authorization: `Bearer ${secret}` },
    });
    assert.equal(refused.statusCode, 401, refused.body);
    await portal.closePage(page);
  });
});
