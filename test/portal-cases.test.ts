/**
 * A trader follows its applications in the portal (real Chromium, real window, real e.firma): the dashboard puts an
 * information request first and shows the notification, which is marked read; the trader answers it and withdraws
 * another application, each with a signature after a check page. Another trader is refused the permit as a sentence.
 * The permit's page, its PDF and the balance a declaration drew are in the story (portal-story.test.ts).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { withoutChromium } from './support/browser.ts';
import { MEDICINES_FORM, medicines } from './support/pipeline.ts';
import { openPortal, type Portal } from './support/portal.ts';
import { type Person, startTestWindow, type TestWindow } from './support/window.ts';

const REQUEST = 'Envíe la factura comercial legible, por favor.';
const ANSWER = 'La factura legible está en el eDocument 0123456789ABC.';

let w: TestWindow;
let portal: Portal;
let page: Page;
let rep: Person;
let trader: { rfc: string; token: string };
let asked: string;
let toWithdraw: string;
let permit: { number: string; applicationId: string };
let stranger: Person;

/** Moves inside the page as a link does (a reload would end the in-memory session). */
async function go(p: Page, path: string) {
  await p.evaluate((to) => {
    window.history.pushState(null, '', to);
    window.dispatchEvent(new PopStateEvent('popstate'));
  }, path);
}

describe('a trader follows its applications and permits in the portal', { skip: withoutChromium }, () => {
  before(async () => {
    w = await startTestWindow();
    rep = await w.person({ name: 'Ana Importadora' });
    trader = await w.registerTrader(rep);
    const filer = { ...rep, token: trader.token };
    const cofepris = await w.officer('COFEPRIS', ['reviewer', 'resolver']);
    const input = { traderRfc: trader.rfc, goods: medicines(500, 1000), procedureData: MEDICINES_FORM };

    // One application the agency asks about, one to withdraw, one approved with its permit.
    asked = (await w.fileOperation(filer, input)).applications[0]!.id;
    await w.review(cofepris, asked);
    const request = await w.signed(
      cofepris.token,
      cofepris,
      'POST',
      `/api/v1/applications/${asked}/information-request`,
      { message: REQUEST },
    );
    assert.equal(request.status, 200, JSON.stringify(request.body));
    toWithdraw = (await w.fileOperation(filer, input)).applications[0]!.id;
    const number = await w.permit(filer, cofepris, input);
    const read = await w.call('GET', `/api/v1/permits/${number}`, { token: trader.token });
    permit = { number, applicationId: read.body.applicationId };

    // A draft still to continue.
    const draft = await w.call('POST', '/api/v1/operations', {
      token: trader.token,
      body: { traderRfc: trader.rfc, flow: 'import', data: { goods: medicines(20, 40) } },
    });
    assert.equal(draft.status, 201, JSON.stringify(draft.body));

    stranger = await w.person({ name: 'Otra Comerciante' });
    await w.registerTrader(stranger);
    portal = await openPortal(w);
    page = await portal.newPage();
  });
  after(async () => {
    if (page) await portal.closePage(page);
    await portal?.close();
    await w?.close();
  });

  test('the dashboard puts the information request first; its notification is marked read', async () => {
    await portal.signIn(page, rep);
    await page.getByRole('heading', { level: 1, name: 'Mi panel' }).waitFor();
    const actions = page.getByRole('region', { name: 'Necesita su atención' }).getByRole('listitem');
    await actions.first().waitFor();
    assert.match((await actions.first().textContent()) ?? '', /Responda a la dependencia: COFEPRIS-MEDICINES-IMPORT/);
    assert.match((await actions.last().textContent()) ?? '', /Continúe su borrador/);

    const feed = page.getByRole('region', { name: 'Avisos' });
    const mark = feed.getByRole('button', { name: 'Marcar como leída: La autoridad solicita información' });
    await mark.waitFor();
    await portal.audit(page, 'dashboard');
    const unreadBefore = (await w.call('GET', '/api/v1/notifications', { token: trader.token })).body.unread;
    await mark.click();
    await mark.waitFor({ state: 'detached' });
    await feed.getByText(`${unreadBefore - 1} sin leer`).waitFor();
    const notes = (await w.call('GET', '/api/v1/notifications', { token: trader.token })).body.items as any[];
    const about = notes.find((n) => n.kind === 'application.request_information');
    assert.ok(about?.readAt, 'the window records it read');
  });

  test('the trader answers the information request with a signature, after checking it', async () => {
    await page.getByRole('region', { name: 'Necesita su atención' }).getByRole('link').first().click();
    await page.getByRole('heading', { level: 2, name: 'La dependencia le pide información' }).waitFor();
    await page.getByText(REQUEST).first().waitFor();
    await portal.audit(page, 'application');

    await page.getByRole('button', { name: 'Responder' }).click();
    await page.getByRole('heading', { level: 1, name: 'Responder a la solicitud de información' }).waitFor();
    // Nothing typed: the error summary links to the field.
    await page.getByRole('button', { name: 'Continuar' }).click();
    await page.getByRole('alert').getByRole('link', { name: 'Escriba su respuesta' }).click();
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'answer-message');
    await page.getByLabel('Su respuesta').fill(ANSWER);
    await page.getByRole('button', { name: 'Continuar' }).click();
    const check = page.getByRole('heading', { level: 1, name: 'Revise su respuesta antes de firmarla' });
    await check.waitFor();
    await page.getByText(ANSWER, { exact: true }).waitFor();
    await portal.audit(page, 'answer-check');

    // The browser's Back and Forward move between the steps, as between pages; what was typed stays.
    const form = page.getByRole('heading', { level: 1, name: 'Responder a la solicitud de información' });
    await page.goBack();
    await form.waitFor();
    assert.equal(await page.getByLabel('Su respuesta').inputValue(), ANSWER);
    await page.goForward();
    await check.waitFor();

    await page.getByRole('button', { name: 'Firmar y enviar la respuesta' }).click();
    const done = page.getByRole('status').getByText('Su respuesta firmada se envió');
    await done.waitFor();
    await page.getByText('Información enviada', { exact: true }).waitFor();

    // Back after the signature shows what was done, never the signature page again (nor a second answer).
    await page.goBack();
    await done.waitFor();
    assert.equal(await check.count(), 0);
    assert.equal(await page.getByRole('button', { name: 'Firmar y enviar la respuesta' }).count(), 0);
    await page.goForward();
    await done.waitFor();

    const seen = await w.call('GET', `/api/v1/applications/${asked}`, { token: trader.token });
    assert.equal(seen.body.status, 'answered');
    assert.ok(seen.body.timeline.some((e: any) => e.kind === 'answer' && e.body === ANSWER));
    const audit = await w.ctx.db.query<{ actor_rfc: string; signature_id: string | null }>(
      `select actor_rfc, signature_id from audit_events where type = 'application.answer' and object_id = $1`,
      [asked],
    );
    assert.equal(audit.length, 1);
    assert.equal(audit[0]!.actor_rfc, rep.rfc);
    assert.ok(audit[0]!.signature_id, 'the answer is signed evidence');
  });

  test('the trader withdraws another application: what it means, a check, a signature', async () => {
    await go(page, `/solicitudes/${toWithdraw}`);
    await page.getByRole('button', { name: 'Desistir de la solicitud' }).click();
    await page.getByRole('heading', { level: 1, name: 'Desistir de la solicitud' }).waitFor();
    await page.getByRole('heading', { name: 'Qué significa desistir' }).waitFor();
    await portal.audit(page, 'withdrawal-confirmation');
    await page.getByLabel('Motivo (opcional)').fill('Ya no importaremos este lote.');
    await page.getByRole('button', { name: 'Continuar' }).click();
    await page.getByRole('heading', { level: 1, name: 'Revise antes de firmar el desistimiento' }).waitFor();
    await page.getByRole('button', { name: 'Firmar y desistir' }).click();
    await page.getByRole('status').getByText('Desistió de la solicitud').waitFor();
    await page.getByText('Desistida', { exact: true }).waitFor();
    const seen = await w.call('GET', `/api/v1/applications/${toWithdraw}`, { token: trader.token });
    assert.equal(seen.body.status, 'withdrawn');
  });

  test("another trader is refused the permit's and the application's pages with the window's sentence", async () => {
    const other = await portal.newPage(390);
    await portal.signIn(other, stranger);
    await other.getByRole('heading', { level: 1, name: 'Mi panel' }).waitFor();
    await go(other, `/permisos/${permit.number}`);
    await other.getByRole('alert').getByText('No hay un permiso con ese número').waitFor();
    await go(other, `/solicitudes/${permit.applicationId}`);
    await other.getByRole('alert').getByText('No hay una solicitud con esa dirección').waitFor();
    await portal.closePage(other);
  });
});
