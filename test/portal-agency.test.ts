/**
 * The agency officer's portal in real Chromium against a real window: the inbox (due colour in words, filters,
 * taking an application, an officer of two agencies picking one), the application (goods, prefilled and typed form
 * fields, an eDocument's PDF shown in the page, internal notes the applicant never sees), and every signed step with
 * its check-your-answers page: asking for information, a four-eyes proposal its proposer cannot resolve, the
 * supervisor's signed decision, assignment to a colleague and a permit's revocation. Every wait is on the page.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { registerOfficer } from '../src/registry/officers.ts';
import { withoutChromium } from './support/browser.ts';
import { FORMS, goodsLine, medicines } from './support/pipeline.ts';
import { openPortal, type Portal } from './support/portal.ts';
import { fileEdocument } from './support/roles.ts';
import type { Person, TestWindow } from './support/window.ts';
import { startTestWindow } from './support/window.ts';

type Officer = Person & { token: string; id: string };

let w: TestWindow;
let portal: Portal;
let filer: Person & { token: string };
let traderRfc: string;
let traderName: string;
let edocument: string;
/** Arms (SEDENA, four eyes) and medicines (COFEPRIS, decided directly) in one operation; a second arms filing. */
let arms: string;
let medicinesId: string;
let armsAgain: string;
let officerA: Officer;
let supervisorB: Officer;
let colleagueC: Officer;

const arm = () => goodsLine('930320', 'IT', { description: 'Escopetas deportivas calibre 12', value: 15000 });

/** Moves inside the single-page portal (a reload would end the session, which lives in the page's memory). */
async function go(page: Page, path: string) {
  await page.evaluate((to) => {
    window.history.pushState(null, '', to);
    window.dispatchEvent(new PopStateEvent('popstate'));
  }, path);
}

async function signedInAs(officer: Person) {
  const page = await portal.newPage();
  await portal.signIn(page, officer);
  await page.getByRole('heading', { level: 1, name: 'Mi panel' }).waitFor();
  return page;
}

describe('the agency officer in the portal', { skip: withoutChromium }, () => {
  before(async () => {
    w = await startTestWindow();
    const rep = await w.person({ name: 'Rosa Representante' });
    const trader = await w.registerTrader(rep);
    traderRfc = trader.rfc;
    traderName = `Comercializadora ${traderRfc} S.A. de C.V.`;
    filer = { ...rep, token: trader.token };
    edocument = await fileEdocument(w, filer, traderRfc);
    officerA = await w.officer('SEDENA', ['reviewer', 'resolver']);
    // The same person also reviews for COFEPRIS: an officer of two agencies.
    await w.ctx.db.transaction((tx) =>
      registerOfficer(tx, {
        agency: 'COFEPRIS',
        actorRfc: null,
        signatureId: null,
        input: {
          rfc: officerA.rfc,
          curp: officerA.curp,
          name: officerA.name,
          roles: ['reviewer', 'resolver'],
          certificate: officerA.cer.toString('base64'),
        },
      }),
    );
    supervisorB = await w.officer('SEDENA', ['resolver', 'supervisor']);
    colleagueC = await w.officer('SEDENA', ['reviewer']);
    const filed = await w.fileOperation(filer, {
      traderRfc,
      goods: [arm(), ...medicines(100, 5000)],
      forms: FORMS,
      data: { edocuments: [edocument] },
    });
    arms = filed.applications.find((a) => a.agency === 'SEDENA')!.id;
    medicinesId = filed.applications.find((a) => a.agency === 'COFEPRIS')!.id;
    const again = await w.fileOperation(filer, { traderRfc, goods: [arm()], forms: FORMS });
    armsAgain = again.applications[0]!.id;
    portal = await openPortal(w);
  });
  after(async () => {
    await portal?.close();
    await w?.close();
  });

  test('the API: an application names its trader, eDocuments and prefilled fields; inbox filters', async () => {
    const seen = await w.call('GET', `/api/v1/applications/${arms}`, { token: officerA.token });
    assert.equal(seen.status, 200, JSON.stringify(seen.body));
    assert.deepEqual(seen.body.trader, { rfc: traderRfc, legalName: traderName });
    assert.deepEqual(seen.body.edocuments, [edocument]);
    assert.ok(seen.body.prefilled.includes('goods') && seen.body.prefilled.includes('importer'));
    assert.ok(!seen.body.prefilled.includes('purpose'), 'typed by the applicant');
    const only = await w.call('GET', '/api/v1/inbox?procedure=SEDENA-ARMS-IMPORT', { token: officerA.token });
    assert.deepEqual(only.body.items.map((i: any) => i.procedure.code).sort(), [
      'SEDENA-ARMS-IMPORT',
      'SEDENA-ARMS-IMPORT',
    ]);
    const none = await w.call('GET', '/api/v1/inbox?procedure=COFEPRIS-MEDICINES-IMPORT&agency=SEDENA', {
      token: officerA.token,
    });
    assert.deepEqual(none.body.items, []);
    const bad = await w.call('GET', '/api/v1/inbox?procedure=no%20such', { token: officerA.token });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.code, 'request.invalid');
    const page = await w.call('GET', '/dependencia');
    assert.match(String(page.headers['content-security-policy']), /frame-src 'self' blob:/);
  });

  test('officer A: inbox, filters, takes it, the PDF in the page, a note, a signed request, a proposal', async () => {
    const page = await signedInAs(officerA);
    await page.getByRole('navigation').getByRole('link', { name: 'Bandeja de la dependencia' }).click();
    await page.getByRole('heading', { level: 1, name: 'Bandeja de la dependencia' }).waitFor();
    // An officer of two agencies picks one.
    await page.getByLabel('Dependencia', { exact: true }).selectOption('COFEPRIS');
    const medicinesLink = page.getByRole('link', { name: 'COFEPRIS-MEDICINES-IMPORT' });
    assert.equal(await medicinesLink.getAttribute('href'), `/dependencia/solicitudes/${medicinesId}`);
    await page.getByLabel('Dependencia', { exact: true }).selectOption('SEDENA');
    const rows = page.getByRole('row').filter({ hasText: 'SEDENA-ARMS-IMPORT' });
    await rows.nth(1).waitFor();
    // Due in 20 working days: on time, said in words (and an icon), not by colour alone.
    await rows.first().getByText('En plazo').waitFor();
    await rows
      .first()
      .getByText(/quedan \d+ días hábiles/)
      .waitFor();
    await portal.audit(page, 'agency-inbox');

    // Filters: overdue shows none; SEDENA's procedure and "not assigned" show both arms applications.
    await page.getByLabel('Solo las vencidas').check();
    await page.getByRole('button', { name: 'Aplicar filtros' }).click();
    await page.getByText('0 solicitudes').waitFor();
    await page.getByLabel('Solo las vencidas').uncheck();
    await page.getByLabel('Trámite', { exact: true }).selectOption('SEDENA-ARMS-IMPORT');
    await page.getByLabel('Asignación').selectOption('unassigned');
    await page.getByRole('button', { name: 'Aplicar filtros' }).click();
    await page.getByText('2 solicitudes').waitFor();

    // Takes one from the inbox, then filters to what is assigned to them.
    await page
      .getByRole('button', { name: `Tomarla (solicitud SEDENA-ARMS-IMPORT de ${traderName})` })
      .first()
      .click();
    await page
      .getByRole('status')
      .getByText(/Tomó la solicitud SEDENA-ARMS-IMPORT/)
      .waitFor();
    await page.getByLabel('Asignación').selectOption('me');
    await page.getByRole('button', { name: 'Aplicar filtros' }).click();
    await page.getByText('1 solicitud', { exact: true }).waitFor();
    const taken = (await w.call('GET', '/api/v1/inbox?assigned=me', { token: officerA.token })).body.items[0].id;
    // The arms application with the eDocument is the one this test follows; take it if the first was the other.
    if (taken !== arms) {
      const res = await w.call('POST', `/api/v1/applications/${arms}/assignment`, { token: officerA.token, body: {} });
      assert.equal(res.status, 200);
    }
    await go(page, `/dependencia/solicitudes/${arms}`);
    await page.getByRole('heading', { level: 1, name: 'Solicitud SEDENA-ARMS-IMPORT' }).waitFor();
    await page.getByRole('button', { name: 'Empezar la revisión' }).click();
    await page.getByText('La revisión está en curso.').waitFor();

    // The operation: trader, goods with HS codes, the form with prefilled and typed fields.
    await page.getByText(`${traderName} (${traderRfc})`).waitFor();
    await page.getByRole('cell', { name: '930320' }).waitFor();
    await page.getByText('Club de Tiro Monterrey A.C.').waitFor();
    await page.getByText('Tiro deportivo').waitFor(); // the typed code sport_shooting, in the procedure's words
    assert.ok((await page.locator('.tag-prefilled').count()) > 0 && (await page.locator('.tag-typed').count()) > 0);

    // The eDocument's PDF in the page: fetched with the token into a blob: URL, framed under the window's CSP.
    const content = page.waitForResponse((r) => r.url().endsWith(`/api/v1/edocuments/${edocument}/content`));
    await page.getByRole('button', { name: `Ver el PDF de ${edocument}` }).click();
    assert.equal((await content).status(), 200);
    const frame = page.locator(`iframe[title="Documento electrónico ${edocument} (PDF)"]`);
    await frame.waitFor();
    const src = (await frame.getAttribute('src'))!;
    assert.match(src, /^blob:http:\/\/127\.0\.0\.1:\d+\//);
    // The frame navigated to the blob (a CSP refusal would leave an error page and a report closePage fails on).
    assert.ok(
      page.frames().some((f) => f.url() === src),
      'the PDF frame is loaded from its blob: URL',
    );
    await portal.audit(page, 'agency-application');

    // An internal note: shown apart, never to the applicant.
    await page.getByLabel('Nueva nota interna').fill('Revisar el certificado de usuario final con el club.');
    await page.getByRole('button', { name: 'Guardar la nota interna' }).click();
    await page.getByText('Se guardó la nota interna.').waitFor();
    await page
      .getByRole('region', { name: 'Notas internas de la dependencia' })
      .getByText('Revisar el certificado de usuario final con el club.')
      .waitFor();
    const asTrader = await w.call('GET', `/api/v1/applications/${arms}`, { token: filer.token });
    assert.equal(asTrader.status, 200);
    assert.ok(!JSON.stringify(asTrader.body).includes('certificado de usuario final con el club'));
    assert.ok(asTrader.body.timeline.every((e: any) => e.kind !== 'internal_comment'));

    // Asks for information, signed, after checking the request.
    await page.getByRole('button', { name: 'Pedir información al solicitante' }).click();
    await page.getByRole('heading', { level: 1, name: 'Pedir información al solicitante' }).waitFor();
    await page.getByRole('button', { name: 'Continuar' }).click();
    await page.getByRole('alert').getByRole('link', { name: 'Escriba qué información necesita' }).waitFor();
    await page.getByLabel('Qué información necesita').fill('Adjunte el permiso de portación del club.');
    await page.getByRole('button', { name: 'Continuar' }).click();
    await page.getByRole('heading', { level: 1, name: 'Revise la petición antes de firmarla' }).waitFor();
    await page.getByText('Adjunte el permiso de portación del club.', { exact: true }).waitFor();
    await portal.audit(page, 'agency-check-information');
    await page.getByRole('button', { name: 'Firmar y enviar la petición' }).click();
    await page.getByText(/Se pidió la información y se detuvo el plazo/).waitFor();
    await page.getByText('Plazo detenido').first().waitFor();

    // The trader answers through the API.
    const answered = await w.signed(filer.token, filer, 'POST', `/api/v1/applications/${arms}/answer`, {
      message: 'Se adjunta el permiso de portación.',
    });
    assert.equal(answered.status, 200, JSON.stringify(answered.body));
    await go(page, '/dependencia');
    await go(page, `/dependencia/solicitudes/${arms}`);
    await page.getByText('Se adjunta el permiso de portación.').waitFor();
    await page.getByRole('button', { name: 'Reanudar la revisión' }).click();
    await page.getByText('La revisión está en curso.').waitFor();

    // Proposes approval (four eyes), signed.
    await page.getByText(/Este trámite pide cuatro ojos: primero alguien propone/).waitFor();
    await page.getByRole('button', { name: 'Proponer resolución' }).click();
    await page.getByRole('heading', { level: 1, name: 'Proponer la resolución' }).waitFor();
    await page.getByLabel('Aprobar').check();
    await page.getByRole('button', { name: 'Continuar' }).click();
    await page.getByRole('heading', { level: 1, name: 'Revise la propuesta antes de firmarla' }).waitFor();
    await portal.audit(page, 'agency-check-proposal');
    await page.getByRole('button', { name: 'Firmar la propuesta' }).click();
    await page.getByText(/Se firmó la propuesta/).waitFor();

    // A may resolve in general, but not what they proposed: the page says why and offers no decision.
    await page.getByText(/Usted propuso esta resolución, así que no puede firmarla/).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Resolver' }).count(), 0);
    const refused = await w.signed(officerA.token, officerA, 'POST', `/api/v1/applications/${arms}/resolution`, {
      decision: 'approve',
    });
    assert.equal(refused.body.code, 'workflow.four_eyes');
    await portal.closePage(page);
  });

  test('supervisor B: resolves with a signature, assigns to a colleague, revokes the permit', async () => {
    const page = await signedInAs(supervisorB);
    await go(page, `/dependencia/solicitudes/${arms}`);
    await page.getByRole('heading', { level: 1, name: 'Solicitud SEDENA-ARMS-IMPORT' }).waitFor();
    await page.getByText('Propuesta pendiente: Aprobar').waitFor();
    await page.getByRole('button', { name: 'Resolver' }).click();
    await page.getByRole('heading', { level: 1, name: 'Resolver la solicitud' }).waitFor();
    // The proposal was to approve: approving is the one decision open, already chosen.
    assert.equal(await page.getByLabel('Aprobar').isChecked(), true);
    await page.getByRole('button', { name: 'Continuar' }).click();
    await page.getByRole('heading', { level: 1, name: 'Revise la resolución antes de firmarla' }).waitFor();
    await portal.audit(page, 'agency-check-resolution');
    await page.getByRole('button', { name: 'Firmar la resolución' }).click();
    await page.getByText('Se firmó la resolución.').waitFor();
    const approved = await w.call('GET', `/api/v1/applications/${arms}`, { token: filer.token });
    assert.equal(approved.body.status, 'approved');
    const number = approved.body.permit.number as string;
    assert.equal(approved.body.permit.status, 'active');

    // Revokes it, signed, from a confirmation page.
    await page.getByRole('button', { name: 'Revocar el permiso' }).click();
    await page.getByRole('heading', { level: 1, name: `Revocar el permiso ${number}` }).waitFor();
    await page.getByLabel('Motivo de la revocación').fill('El club perdió su registro ante la Defensa.');
    await page.getByRole('button', { name: 'Continuar' }).click();
    await page.getByRole('heading', { level: 1, name: `Confirme la revocación del permiso ${number}` }).waitFor();
    await portal.audit(page, 'agency-check-revocation');
    await page.getByRole('button', { name: 'Firmar y revocar el permiso' }).click();
    await page.getByText(`El permiso ${number} quedó revocado.`).waitFor();
    const revoked = await w.call('GET', `/api/v1/applications/${arms}`, { token: filer.token });
    assert.equal(revoked.body.permit.status, 'revoked');

    // Assigns the other arms application to a colleague.
    await go(page, `/dependencia/solicitudes/${armsAgain}`);
    await page.getByRole('heading', { level: 1, name: 'Solicitud SEDENA-ARMS-IMPORT' }).waitFor();
    await page.getByLabel('Asignar a un colega').selectOption({ label: `${colleagueC.name} (revisor)` });
    await page.getByRole('button', { name: 'Asignar', exact: true }).click();
    await page.getByText(`La solicitud quedó asignada a ${colleagueC.name}.`).waitFor();
    const assigned = await w.call('GET', `/api/v1/applications/${armsAgain}`, { token: supervisorB.token });
    assert.equal(assigned.body.assignedOfficerId, colleagueC.id);
    await portal.closePage(page);
  });
});
