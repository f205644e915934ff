/**
 * Issue 9's whole story in one real Chromium against one real window, as its people live it in the portal: a trader
 * signs in with a SAT-style e.firma (after a wrong password and a revoked certificate each show their sentence),
 * finds what arms and medicines need, files both in one operation with a COVE and an eDocument and signs once;
 * COFEPRIS asks for information, the trader answers, COFEPRIS approves; SEDENA's four eyes (the proposer cannot
 * sign the decision, a supervisor does); the trader downloads the permit, whose QR is the verification link; a
 * customs declaration draws both permits and the customs officer checks it; the public page verifies the permit
 * online and then, with the window stopped, offline. Each step leaves its state for the next. No fixed sleeps.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { revokeCertificate } from '../src/pki/index.ts';
import { withoutChromium } from './support/browser.ts';
import { declarationBody, FORMS } from './support/pipeline.ts';
import { freePort, openPortal, type Portal, recordCove } from './support/portal.ts';
import { invoicePdf } from './support/roles.ts';
import { PASSWORD, type Person, startTestWindow, type TestWindow } from './support/window.ts';

type Officer = Person & { token: string; id: string };

const MEDICINES = FORMS['COFEPRIS-MEDICINES-IMPORT'] as Record<string, any>;
const ARMS = FORMS['SEDENA-ARMS-IMPORT'] as Record<string, any>;
const REQUEST = 'Envíe el registro sanitario vigente, por favor.';
const ANSWER = 'El registro sanitario vigente está en el eDocument de la operación.';
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ventanilla-story-'));

let w: TestWindow;
let portal: Portal;
/** The trader's page: the session lives in its memory, so it stays open from sign-in to the permit. */
let trader: Page;
let rep: Person;
let traderRfc: string;
let cofepris: Officer;
let proposer: Officer;
let supervisor: Officer;
let customs: Officer;
let applications: { medicines: string; arms: string };
const permits: { medicines?: string; arms?: string } = {};
let pedimento: string;
let qrLink: string;

/** Moves inside the single-page portal as a link does (a reload would end the in-memory session). */
async function go(page: Page, to: string) {
  await page.evaluate((url) => {
    window.history.pushState(null, '', url);
    window.dispatchEvent(new PopStateEvent('popstate'));
  }, to);
}

/** The same key re-encrypted as SAT encrypts e.firma keys: PBES2 with des-ede3-cbc. */
const satKey = (key: Buffer) =>
  crypto
    .createPrivateKey({ key, format: 'der', type: 'pkcs8', passphrase: PASSWORD })
    .export({ format: 'der', type: 'pkcs8', cipher: 'des-ede3-cbc', passphrase: PASSWORD });

async function downloaded(page: Page, button: string, filename: string): Promise<Buffer> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: button }).click(),
  ]);
  assert.equal(download.suggestedFilename(), filename);
  const bytes = fs.readFileSync(await download.path());
  assert.equal(bytes.subarray(0, 5).toString('latin1'), '%PDF-');
  return bytes;
}

function pdfText(pdf: Buffer): string {
  const file = path.join(tmp, `text-${process.hrtime.bigint()}.pdf`);
  fs.writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
}

/** Renders page 1 at 150 dpi and returns what zbarimg reads from it, as a phone camera would. */
function scannedQr(pdf: Buffer): string {
  const base = path.join(tmp, `qr-${process.hrtime.bigint()}`);
  fs.writeFileSync(`${base}.pdf`, pdf);
  execFileSync('pdftoppm', ['-r', '150', '-png', '-f', '1', '-l', '1', '-singlefile', `${base}.pdf`, base]);
  return execFileSync('zbarimg', ['--quiet', '--raw', `${base}.png`], { encoding: 'utf8' }).trim();
}

async function signedIn(person: Person): Promise<Page> {
  const page = await portal.newPage();
  await portal.signIn(page, person);
  await page.getByRole('heading', { level: 1, name: 'Mi panel' }).waitFor();
  return page;
}

/** An officer's application page, fresh from the window: through the inbox, as the officer would go. */
async function application(page: Page, id: string, code: string) {
  await page.getByRole('navigation').getByRole('link', { name: 'Bandeja de la dependencia' }).click();
  await page.getByRole('heading', { level: 1, name: 'Bandeja de la dependencia' }).waitFor();
  await go(page, `/dependencia/solicitudes/${id}`);
  await page.getByRole('heading', { level: 1, name: `Solicitud ${code}` }).waitFor();
}

/** Takes the application and starts its review, from its page. */
async function takeAndReview(page: Page) {
  await page.getByRole('button', { name: 'Tomar esta solicitud' }).click();
  await page.getByRole('button', { name: 'Empezar la revisión' }).click();
  await page.getByText('La revisión está en curso.').waitFor();
}

let broken = false;
/** A step of the story: each needs the state the ones before left, so after a failure the rest are skipped. */
function step(name: string, fn: () => Promise<void>) {
  it(name, async (t) => {
    if (broken) return t.skip('an earlier step failed');
    try {
      await fn();
    } catch (err) {
      broken = true;
      throw err;
    }
  });
}

describe("issue 9's story in the portal, one window and one Chromium", { skip: withoutChromium }, () => {
  before(async () => {
    // The window knows its own address, so the permit's QR opens this portal's verification page.
    const port = await freePort();
    w = await startTestWindow({ PUBLIC_URL: `http://127.0.0.1:${port}` });
    rep = await w.person({ name: 'Rosa Representante' });
    traderRfc = (await w.registerTrader(rep)).rfc;
    cofepris = await w.officer('COFEPRIS', ['reviewer', 'resolver']);
    proposer = await w.officer('SEDENA', ['reviewer', 'resolver']);
    supervisor = await w.officer('SEDENA', ['resolver', 'supervisor']);
    customs = await w.officer('ANAM', ['customs_officer'], 'ANAM-TAMPS-NLD');
    portal = await openPortal(w, port);
    assert.equal(portal.base, w.ctx.config.publicUrl);
    trader = await portal.newPage(390);
  });
  after(async () => {
    if (trader) await portal.closePage(trader);
    await portal?.close();
    await w?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  step('1. sign-in: a wrong password, a revoked certificate, then a SAT-style key signs in', async () => {
    await portal.signIn(trader, rep, 'not-the-password');
    const summary = trader.getByRole('alert').filter({ hasText: 'Hay un problema' });
    await summary.getByRole('link', { name: /La contraseña no abre esta clave privada/ }).click();
    assert.equal(await trader.evaluate(() => document.activeElement?.id), 'password');
    await portal.audit(trader, 'story-sign-in-wrong-password');

    // Revoked by the CA, as `ventanilla pki revoke` does: the window refuses it at sign-in.
    const revoked = await w.person({ name: 'Rita Revocada' });
    await revokeCertificate(w.pki, revoked.cer, 'keyCompromise');
    await portal.signIn(trader, revoked);
    await trader
      .getByRole('alert')
      .getByText(/Su e.firma fue revocada/)
      .waitFor();
    await portal.audit(trader, 'story-sign-in-revoked');

    await portal.signIn(trader, { ...rep, key: satKey(rep.key) });
    await trader.getByRole('heading', { level: 1, name: 'Mi panel' }).waitFor();
    await trader.getByText(`RFC ${rep.rfc}`).waitFor();
    await portal.audit(trader, 'story-dashboard');
  });

  step('2. what do I need: words find the goods, and the page names each procedure', async () => {
    await trader.getByRole('navigation').getByRole('link', { name: '¿Qué necesito?' }).click();
    await trader.getByRole('heading', { level: 1, name: '¿Qué necesito?' }).waitFor();
    for (const [words, code, hs, country, procedure] of [
      ['escopetas', '9303.20', '930320', 'IT', 'SEDENA-ARMS-IMPORT'],
      ['medicamentos', '3004.90', '300490', 'DE', 'COFEPRIS-MEDICINES-IMPORT'],
    ] as const) {
      await trader.getByLabel('Mercancía: fracción o palabras').fill(words);
      await trader.getByRole('button', { name: 'Buscar' }).click();
      await trader.getByRole('button', { name: `Elegir ${code}` }).click();
      await trader.getByLabel('Importación').check();
      await trader.getByLabel('País').selectOption(country);
      await trader.getByRole('button', { name: 'Ver qué necesito' }).click();
      const expected = (await w.call('GET', `/api/v1/requirements?hs=${hs}&flow=import&country=${country}`)).body;
      const names = expected.requirements.map((r: any) => r.procedure.code);
      assert.ok(names.includes(procedure), `${words}: ${names}`);
      for (const r of expected.requirements) await trader.getByRole('link', { name: r.procedure.name.es }).waitFor();
      await trader
        .getByText(new RegExp(`^${procedure}:${hs.slice(0, 2)}`))
        .first()
        .waitFor();
      await portal.audit(trader, `story-what-do-i-need-${hs}`);
    }
  });

  step('3. filing: arms and medicines for two agencies, a COVE, an eDocument, one signature, the PDF', async () => {
    await trader.getByRole('navigation').getByRole('link', { name: 'Nueva operación' }).click();
    await trader.getByRole('heading', { level: 1, name: '¿Para quién y qué operación?' }).waitFor();
    await trader.getByText(`RFC ${traderRfc}`).waitFor();
    await trader.getByRole('radio', { name: 'Importación' }).check();
    await trader.getByLabel('Aduana', { exact: true }).selectOption('ANAM-TAMPS-NLD');
    await trader.getByRole('button', { name: 'Continuar' }).click();

    await trader.getByRole('heading', { level: 1, name: 'Mercancías' }).waitFor();
    const hs = trader.getByRole('combobox', { name: 'Fracción arancelaria (código SA)' });
    for (const [code, description, quantity, unit, value, country] of [
      ['300490', 'Medicamento en tabletas', '500', 'KGM', '7500', 'Alemania (DE)'],
      ['930320', 'Escopetas deportivas calibre 12', '4', 'C62', '15000', 'Italia (IT)'],
    ]) {
      await hs.fill(code!);
      await trader.getByRole('option', { name: new RegExp(`^${code}`) }).click();
      await trader.getByLabel('Descripción').fill(description!);
      await trader.getByLabel('Cantidad').fill(quantity!);
      await trader.getByLabel('Unidad de medida').selectOption(unit!);
      await trader.getByLabel('Valor total de la partida').fill(value!);
      await trader.getByLabel('Moneda').selectOption('USD');
      await trader.getByLabel('País de origen').fill(country!.slice(0, 4));
      await trader.getByRole('option', { name: country }).click();
      await trader.getByRole('button', { name: 'Agregar partida' }).click();
      await trader.getByRole('cell', { name: description }).waitFor();
    }
    await portal.audit(trader, 'story-filing-goods');
    await trader.getByRole('button', { name: 'Continuar' }).click();

    await trader.getByRole('heading', { level: 1, name: 'Trámites que necesita' }).waitFor();
    await trader.getByRole('heading', { level: 2, name: /medicamentos/ }).waitFor();
    await trader.getByRole('heading', { level: 2, name: /armas de fuego/ }).waitFor();
    await portal.audit(trader, 'story-filing-procedures');
    await trader.getByRole('button', { name: 'Continuar' }).click();

    // Each agency's form: what the registry filled is marked, the rest is typed.
    for (let i = 1; i <= 2; i++) {
      const heading = trader.getByText(new RegExp(`^Trámite ${i} de 2 · (COFEPRIS|SEDENA)$`));
      const agency = ((await heading.textContent()) ?? '').endsWith('COFEPRIS') ? 'cofepris' : 'sedena';
      await trader.getByText('de su registro').first().waitFor();
      if (agency === 'cofepris') {
        await trader.getByLabel('Números de registro sanitario').fill(MEDICINES.sanitaryRegistrations.join('\n'));
        await trader.getByLabel('Forma farmacéutica').selectOption(MEDICINES.pharmaceuticalForm);
        await trader
          .getByLabel('Cédula profesional del responsable sanitario')
          .fill(MEDICINES.responsiblePharmacistLicence);
      } else {
        await trader.getByLabel('Finalidad').selectOption({ label: 'Tiro deportivo' });
        await trader.getByLabel('Usuario final').fill(ARMS.endUser);
        await trader.getByLabel('Domicilio de almacenamiento').fill(ARMS.storageAddress);
      }
      await portal.audit(trader, `story-filing-form-${agency}`);
      await trader.getByRole('button', { name: 'Continuar' }).click();
    }

    await trader.getByRole('heading', { level: 1, name: 'Factura (COVE) y documentos' }).waitFor();
    await recordCove(trader);
    await trader
      .getByLabel('Archivo PDF')
      .setInputFiles({ name: 'factura.pdf', mimeType: 'application/pdf', buffer: Buffer.from(await invoicePdf()) });
    await trader.getByRole('button', { name: 'Subir y firmar el documento' }).click();
    await trader
      .getByRole('listitem')
      .filter({ hasText: /^eDocument ED.* \(factura\.pdf\)$/ })
      .waitFor();
    await portal.audit(trader, 'story-filing-documents');
    await trader.getByRole('button', { name: 'Continuar', exact: true }).click();

    await trader.getByRole('heading', { level: 1, name: 'Revise su operación antes de firmar' }).waitFor();
    await trader.getByText(ARMS.endUser, { exact: true }).waitFor();
    await portal.audit(trader, 'story-filing-check');
    const signaturesBefore = await signatureCount();
    await trader.getByRole('button', { name: 'Firmar y presentar' }).click();

    await trader.getByRole('heading', { level: 1, name: 'Operación presentada' }).waitFor();
    assert.equal(await signatureCount(), signaturesBefore + 1, 'one signature files both applications');
    const folio = (await trader.locator('.folio strong').textContent()) ?? '';
    assert.match(folio, /^VU-\d{4}-\d+$/);
    await portal.audit(trader, 'story-filing-acknowledgement');
    const pdf = await downloaded(trader, `Descargar el acuse ${folio} (PDF)`, `${folio}.pdf`);
    assert.ok(pdfText(pdf).includes(folio), 'pdftotext reads the folio');

    const ops = await w.call('GET', '/api/v1/operations?status=submitted', { token: await w.login(rep) });
    const op = ops.body.items.find((o: any) => o.folio === folio);
    assert.equal(op.data.coves.length, 1);
    assert.equal(op.data.edocuments.length, 1);
    const byCode = Object.fromEntries(op.acknowledgement.applications.map((a: any) => [a.procedureCode, a.id]));
    applications = { medicines: byCode['COFEPRIS-MEDICINES-IMPORT'], arms: byCode['SEDENA-ARMS-IMPORT'] };
    assert.ok(applications.medicines && applications.arms, JSON.stringify(byCode));
  });

  step('4. COFEPRIS asks for information, the trader answers from the dashboard, COFEPRIS approves', async () => {
    const officer = await signedIn(cofepris);
    await application(officer, applications.medicines, 'COFEPRIS-MEDICINES-IMPORT');
    await takeAndReview(officer);
    await officer.getByRole('button', { name: 'Pedir información al solicitante' }).click();
    await officer.getByLabel('Qué información necesita').fill(REQUEST);
    await officer.getByRole('button', { name: 'Continuar' }).click();
    await officer.getByRole('heading', { level: 1, name: 'Revise la petición antes de firmarla' }).waitFor();
    await officer.getByRole('button', { name: 'Firmar y enviar la petición' }).click();
    await officer.getByText(/Se pidió la información y se detuvo el plazo/).waitFor();
    await portal.audit(officer, 'story-cofepris-asked');

    await trader.getByRole('navigation').getByRole('link', { name: 'Mi panel' }).click();
    const actions = trader.getByRole('region', { name: 'Necesita su atención' });
    await actions.getByText(/Responda a la dependencia: COFEPRIS-MEDICINES-IMPORT/).waitFor();
    await portal.audit(trader, 'story-dashboard-request');
    await actions.getByRole('link').first().click();
    await trader.getByText(REQUEST).first().waitFor();
    await trader.getByRole('button', { name: 'Responder' }).click();
    await trader.getByLabel('Su respuesta').fill(ANSWER);
    await trader.getByRole('button', { name: 'Continuar' }).click();
    await trader.getByRole('heading', { level: 1, name: 'Revise su respuesta antes de firmarla' }).waitFor();
    await trader.getByRole('button', { name: 'Firmar y enviar la respuesta' }).click();
    await trader.getByRole('status').getByText('Su respuesta firmada se envió').waitFor();
    await portal.audit(trader, 'story-answered');

    await application(officer, applications.medicines, 'COFEPRIS-MEDICINES-IMPORT');
    await officer.getByText(ANSWER).waitFor();
    await officer.getByRole('button', { name: 'Reanudar la revisión' }).click();
    await officer.getByRole('button', { name: 'Resolver' }).click();
    await officer.getByLabel('Aprobar').check();
    await officer.getByRole('button', { name: 'Continuar' }).click();
    await officer.getByRole('heading', { level: 1, name: 'Revise la resolución antes de firmarla' }).waitFor();
    await officer.getByRole('button', { name: 'Firmar la resolución' }).click();
    await officer.getByText('Se firmó la resolución.').waitFor();
    await portal.audit(officer, 'story-cofepris-approved');
    await portal.closePage(officer);
    permits.medicines = await permitOf(applications.medicines);
  });

  step('5. SEDENA four eyes: the proposer cannot sign the decision; a supervisor does', async () => {
    const first = await signedIn(proposer);
    await application(first, applications.arms, 'SEDENA-ARMS-IMPORT');
    await takeAndReview(first);
    // The filed form in words: each field's label and the chosen option, not the names the window stores.
    const form = first.getByRole('region', { name: 'Datos del formulario' });
    await form.getByText('Usuario final', { exact: true }).waitFor();
    await form.getByText(/^Tiro deportivo/).waitFor();
    assert.equal(await form.getByText(/endUser|sport_shooting/).count(), 0);
    await first.getByRole('button', { name: 'Proponer resolución' }).click();
    await first.getByLabel('Aprobar').check();
    await first.getByRole('button', { name: 'Continuar' }).click();
    await first.getByRole('heading', { level: 1, name: 'Revise la propuesta antes de firmarla' }).waitFor();
    await first.getByRole('button', { name: 'Firmar la propuesta' }).click();
    await first.getByText(/Se firmó la propuesta/).waitFor();
    // The page says why there is no decision to sign; the window refuses the proposer's signature anyway.
    await first.getByText(/Usted propuso esta resolución, así que no puede firmarla/).waitFor();
    assert.equal(await first.getByRole('button', { name: 'Resolver' }).count(), 0);
    await portal.audit(first, 'story-sedena-proposed');
    const refused = await w.signed(
      proposer.token,
      proposer,
      'POST',
      `/api/v1/applications/${applications.arms}/resolution`,
      {
        decision: 'approve',
      },
    );
    assert.equal(refused.status, 403);
    assert.equal(refused.body.code, 'workflow.four_eyes');
    await portal.closePage(first);

    const second = await signedIn(supervisor);
    await application(second, applications.arms, 'SEDENA-ARMS-IMPORT');
    await second.getByText('Propuesta pendiente: Aprobar').waitFor();
    await second.getByRole('button', { name: 'Resolver' }).click();
    assert.equal(await second.getByLabel('Aprobar').isChecked(), true);
    await second.getByRole('button', { name: 'Continuar' }).click();
    await second.getByRole('button', { name: 'Firmar la resolución' }).click();
    await second.getByText('Se firmó la resolución.').waitFor();
    await portal.audit(second, 'story-sedena-approved');
    await portal.closePage(second);
    permits.arms = await permitOf(applications.arms);
  });

  step('6. the trader downloads the permit; its QR is the verification link with the token after #', async () => {
    await go(trader, `/solicitudes/${applications.arms}`);
    await trader.getByRole('link', { name: `Ver el documento emitido: ${permits.arms}` }).click();
    await trader.getByRole('heading', { level: 1, name: `Documento ${permits.arms}` }).waitFor();
    await portal.audit(trader, 'story-permit');
    const requested: string[] = [];
    trader.on('request', (r) => requested.push(r.url()));
    const pdf = await downloaded(trader, 'Descargar el PDF', `${permits.arms}.pdf`);
    assert.ok(requested.some((u) => u.endsWith(`/api/v1/permits/${permits.arms}/pdf`)));
    assert.ok(!requested.some((u) => /token|authorization/i.test(u)), 'no token in any URL');
    const { token } = (await w.call('GET', `/api/v1/permits/${permits.arms}`, { token: await w.login(rep) })).body;
    qrLink = scannedQr(pdf);
    assert.equal(qrLink, `${portal.base}/verificar#${token}`);
  });

  step('7. a declaration draws both permits; the customs officer checks it; the trader sees the draw', async () => {
    const line = (hsCode: string, quantity: number, unit: string, originCountry: string, number: string) => ({
      hsCode,
      quantity,
      unit,
      value: quantity * 10,
      currency: 'USD',
      originCountry,
      destinationCountry: 'MX',
      permits: [{ number }],
    });
    const body = declarationBody(w, {
      brokerPatent: '3170',
      traderRfc,
      lines: [
        line('3004909999', 100, 'KGM', 'DE', permits.medicines!),
        line('9303209999', 1, 'C62', 'IT', permits.arms!),
      ],
    });
    const declared = await w.declaration(customs.token, body);
    assert.equal(declared.status, 201, JSON.stringify(declared.body));
    pedimento = body.number;

    const officer = await signedIn(customs);
    await officer.getByRole('navigation').getByRole('link', { name: 'Revisión aduanera' }).click();
    await officer.getByLabel('Número de pedimento').fill(pedimento);
    await officer.getByRole('button', { name: 'Revisar' }).click();
    await officer.getByRole('heading', { name: `Pedimento ${pedimento} Aceptado` }).waitFor();
    await officer.getByText(`Descargó 100 del permiso ${permits.medicines}, partida 1 (quedan 400).`).waitFor();
    await officer.getByText(`Descargó 1 del permiso ${permits.arms}, partida 2 (quedan 3).`).waitFor();
    await portal.audit(officer, 'story-customs');
    await portal.closePage(officer);

    // The trader's permit page: the declaration's draw and the balance left.
    await go(trader, `/permisos/${permits.medicines}`);
    await trader.getByRole('heading', { level: 1, name: `Documento ${permits.medicines}` }).waitFor();
    await trader.getByRole('table').last().getByRole('cell', { name: pedimento }).waitFor();
    await trader.getByRole('cell', { name: '400 KGM' }).waitFor();
    await portal.audit(trader, 'story-permit-drawn');
  });

  step('8. /verificar checks the permit online, then offline with the window stopped', async () => {
    const page = await portal.newPage(390);
    const requested: string[] = [];
    page.context().on('request', (r) => requested.push(r.url()));
    await page.goto(qrLink);
    await page.getByRole('heading', { name: 'Permiso auténtico' }).waitFor();
    await page.getByText(permits.arms!).waitFor();
    await page.getByText('Vigente', { exact: true }).waitFor();
    await page.getByText('Verificado en línea con la Ventanilla en este momento.').waitFor();
    await page.getByText(/quedó guardada en este dispositivo para verificar sin conexión/).waitFor();
    await portal.audit(page, 'story-verify-online');
    const token = qrLink.split('#')[1]!;
    assert.ok(
      requested.every((u) => !u.includes(token)),
      'no request URL carries the token',
    );

    // The window goes away: the service worker serves the page and the keys it kept.
    await w.app.close();
    await page.reload();
    await page.getByRole('heading', { name: 'Firma auténtica de la Ventanilla (verificado sin conexión)' }).waitFor();
    await page.getByText(/Sin conexión no se puede saber si el permiso fue revocado/).waitFor();
    await page.getByText(permits.arms!).waitFor();
    await portal.audit(page, 'story-verify-offline');
    await portal.closePage(page);
  });
});

async function signatureCount(): Promise<number> {
  const rows = await w.ctx.db.query<{ n: number }>('select count(*)::int as n from signatures');
  return rows[0]!.n;
}

/** The permit an approved application issued, as its trader reads it. */
async function permitOf(applicationId: string): Promise<string> {
  const seen = await w.call('GET', `/api/v1/applications/${applicationId}`, { token: await w.login(rep) });
  assert.equal(seen.body.status, 'approved', JSON.stringify(seen.body));
  return seen.body.permit.number as string;
}
