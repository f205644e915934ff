/**
 * Filing a new operation in the portal, in real Chromium against a real window: a legal representative signs in
 * with a real e.firma and files goods that need two agencies' procedures (COFEPRIS and SE), types what the registry
 * does not fill, records a COVE, uploads an eDocument (progress bar to 100 %), checks the answers, signs once, gets
 * the folio and the acknowledgement PDF; then the whole filing again with the keyboard alone. Every wait is on what
 * the page shows.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import tyres from '../src/catalog/procedures/se-used-tyres-import.ts';
import { withoutChromium } from './support/browser.ts';
import { FORMS, goodsLine } from './support/pipeline.ts';
import { openPortal, type Portal } from './support/portal.ts';
import { invoicePdf } from './support/roles.ts';
import { type Person, startTestWindow, type TestWindow, traderProfile } from './support/window.ts';

let w: TestWindow;
let portal: Portal;
let rep: Person;
let trader: { rfc: string; token: string };
let pdf: Uint8Array;

const MEDICINES = FORMS['COFEPRIS-MEDICINES-IMPORT'] as Record<string, any>;
const TYRES = FORMS['SE-USED-TYRES-IMPORT'] as Record<string, any>;

/** Presses Tab (Shift+Tab when `back`) until the focused element's label or text matches; fails after 60. */
async function tabTo(page: Page, name: RegExp, back = false): Promise<void> {
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLInputElement | null;
      if (!el) return '';
      const label = el.labels?.[0]?.textContent ?? el.getAttribute('aria-label') ?? '';
      return `${label} ${el.textContent ?? ''}`.trim();
    });
    if (name.test(focused)) return;
  }
  assert.fail(`no focusable element matching ${name}`);
}

/** Tabs to a field and types into it. */
async function typeInto(page: Page, name: RegExp, text: string) {
  await tabTo(page, name);
  await page.keyboard.type(text);
}

/** The invoice of the keyboard test's goods, as the trader's own system exports a COVE. */
function coveXml(): string {
  const a = traderProfile(trader.rfc).taxAddress;
  const line = (description: string, quantity: number, unit: string, total: number) =>
    `<mercancia><descripcionGenerica>${description}</descripcionGenerica><cantidad>${quantity}</cantidad>` +
    `<claveUnidadMedida>${unit}</claveUnidadMedida><tipoMoneda>USD</tipoMoneda>` +
    `<valorUnitario>${total / quantity}</valorUnitario><valorTotal>${total}</valorTotal>` +
    `<valorDolares>${total}</valorDolares></mercancia>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<comprobante>
  <tipoOperacion>IMPORTACION</tipoOperacion>
  <numeroFacturaOriginal>INV-2026-0043</numeroFacturaOriginal>
  <fechaExpedicion>2026-10-16</fechaExpedicion>
  <certificadoOrigen>0</certificadoOrigen>
  <emisor><identificacion>12-3456789</identificacion><nombre>Pharma Export GmbH</nombre>
    <domicilio><calle>Hauptstrasse 1</calle><localidad>Berlin</localidad><pais>DE</pais></domicilio></emisor>
  <destinatario><identificacion>${trader.rfc}</identificacion><nombre>Comercializadora ${trader.rfc}</nombre>
    <domicilio><calle>${a.street}</calle><municipio>${a.municipality}</municipio>\
<entidadFederativa>${a.state}</entidadFederativa><codigoPostal>${a.postalCode}</codigoPostal><pais>MX</pais></domicilio>
  </destinatario>
  <mercancias>${line('Medicamento en tabletas', 1200, 'C62', 18000)}\
${line('Llantas usadas', 200, 'C62', 4000)}</mercancias>
</comprobante>`;
}

/** The operation just filed, through the API: submitted, its folio, its documents. */
async function filedOperation(folio: string) {
  const list = await w.call('GET', '/api/v1/operations?status=submitted', { token: trader.token });
  assert.equal(list.status, 200);
  const op = list.body.items.find((o: any) => o.folio === folio);
  assert.ok(op, `operation ${folio} in ${JSON.stringify(list.body.items.map((o: any) => o.folio))}`);
  return op;
}

describe('filing a new operation in the portal', { skip: withoutChromium }, () => {
  before(async () => {
    w = await startTestWindow();
    rep = await w.person({ name: 'Rosa Representante' });
    trader = await w.registerTrader(rep);
    pdf = await invoicePdf();
    portal = await openPortal(w);
  });
  after(async () => {
    await portal?.close();
    await w?.close();
  });

  test('a legal representative files goods for two agencies, a COVE and an eDocument, signing once', async () => {
    const page = await portal.newPage();
    await portal.signIn(page, rep);
    await page.getByRole('heading', { level: 1, name: 'Mi panel' }).waitFor();
    await page.getByRole('navigation').getByRole('link', { name: 'Nueva operación' }).click();

    // 1. Who, which flow, which customs office.
    await page.getByRole('heading', { level: 1, name: '¿Para quién y qué operación?' }).waitFor();
    await page.getByText(`RFC ${trader.rfc}`).waitFor();
    await page.getByRole('radio', { name: 'Importación' }).check();
    await page.getByLabel('Aduana', { exact: true }).selectOption('ANAM-TAMPS-NLD');
    await page.getByRole('button', { name: 'Continuar' }).click();

    // 2. Goods: one line found by words in the HS search, one by its code typed.
    await page.getByRole('heading', { level: 1, name: 'Mercancías' }).waitFor();
    const hs = page.getByRole('combobox', { name: 'Fracción arancelaria (código SA)' });
    await hs.fill('30049');
    await page.getByRole('option', { name: /^300490/ }).click();
    assert.match(await hs.inputValue(), /^300490 /);
    assert.ok((await page.getByLabel('Descripción').inputValue()).length > 0, 'the HS description is offered');
    await page.getByLabel('Descripción').fill('Medicamento en tabletas');
    await page.getByLabel('Cantidad').fill('1200');
    await page.getByLabel('Unidad de medida').selectOption('KGM');
    await page.getByLabel('Valor total de la partida').fill('18000');
    // A country by its code, picked from the list by its name.
    await page.getByLabel('País de origen').fill('de');
    await page.getByRole('option', { name: 'Alemania (DE)' }).click();
    assert.equal(await page.getByLabel('País de origen').inputValue(), 'Alemania (DE)');
    await page.getByLabel('Moneda').selectOption('EUR');
    await page.getByRole('button', { name: 'Agregar partida' }).click();
    await page.getByRole('cell', { name: 'Medicamento en tabletas' }).waitFor();
    await hs.fill('401220');
    await page.getByLabel('Descripción').fill('Llantas usadas');
    await page.getByLabel('Cantidad').fill('200');
    await page.getByLabel('Valor total de la partida').fill('4000');
    // The currency stays as chosen for the next line; this invoice's tyres are in dollars.
    assert.equal(await page.getByLabel('Moneda').inputValue(), 'EUR');
    await page.getByLabel('Moneda').selectOption('USD');
    // A code typed as it is, the list dismissed.
    await page.getByLabel('País de origen').fill('US');
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Agregar partida' }).click();
    await page.getByRole('cell', { name: 'Llantas usadas' }).waitFor();
    await portal.audit(page, 'filing-goods');
    await page.getByRole('button', { name: 'Continuar' }).click();

    // 3. The procedures these goods need, and why.
    await page.getByRole('heading', { level: 1, name: 'Trámites que necesita' }).waitFor();
    await page.getByRole('heading', { level: 2, name: /medicamentos/ }).waitFor();
    await page.getByRole('heading', { level: 2, name: /llantas usadas/i }).waitFor();
    await page.getByText(/regula el código 3004/).waitFor();
    await page.getByRole('button', { name: 'Continuar' }).click();

    // 4. COFEPRIS' form: nothing typed yet shows the error summary, whose link focuses the field.
    await page.getByText('Trámite 1 de 2 · COFEPRIS').waitFor();
    await page.getByText('de su registro').first().waitFor();
    await page.getByRole('button', { name: 'Continuar' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'Hay un problema' });
    await summary.getByRole('link', { name: 'Escriba: Números de registro sanitario' }).click();
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'field-sanitaryRegistrations');
    await portal.audit(page, 'filing-form-errors');
    await page.getByLabel('Números de registro sanitario').fill(MEDICINES.sanitaryRegistrations.join('\n'));
    await page.getByLabel('Forma farmacéutica').selectOption(MEDICINES.pharmaceuticalForm);
    await page.getByLabel('Cédula profesional del responsable sanitario').fill(MEDICINES.responsiblePharmacistLicence);
    await page.getByRole('button', { name: 'Continuar' }).click();

    // SE's form.
    await page.getByText('Trámite 2 de 2 · SE').waitFor();
    await page.getByLabel('Uso que se dará a la mercancía').selectOption(TYRES.intendedUse);
    await page.getByLabel('Tipo de llanta').selectOption(TYRES.tyreCategory);
    // The options read in Spanish, in the words of the procedure's own file.
    const tyreWords = tyres.labels.tyreCategory![TYRES.tyreCategory]!.es;
    assert.equal(await page.getByLabel('Tipo de llanta').locator('option:checked').textContent(), tyreWords);
    await page.getByLabel('Número del plan de manejo de residuos').fill(TYRES.wasteManagementPlan);
    await page.getByRole('button', { name: 'Continuar' }).click();

    // 5. COVE and eDocument, each signed in the page.
    await page.getByRole('heading', { level: 1, name: 'Factura (COVE) y documentos' }).waitFor();
    await page.getByLabel('Número de factura').fill('INV-2026-0042');
    await page.getByLabel('Fecha de la factura').fill('2026-10-15');
    await page.getByLabel('Número fiscal del proveedor').fill('12-3456789');
    await page.getByLabel('Nombre del proveedor').fill('Pharma Export GmbH');
    await page.getByLabel('Calle y número de la otra parte').fill('Hauptstrasse 1');
    // The medicines are invoiced in euros: the COVE asks the rate that turns them into dollars.
    await page.getByRole('button', { name: 'Firmar y registrar el COVE' }).click();
    await page
      .getByRole('alert')
      .getByRole('link', { name: 'Escriba el tipo de cambio de EUR a dólares, por ejemplo 1.08' })
      .click();
    await page.getByLabel('Tipo de cambio: dólares estadounidenses por 1 EUR').fill('1.08');
    await page.getByRole('button', { name: 'Firmar y registrar el COVE' }).click();
    await page
      .getByRole('listitem')
      .filter({ hasText: /^COVE COVE/ })
      .waitFor();
    await page
      .getByLabel('Archivo PDF')
      .setInputFiles({ name: 'factura.pdf', mimeType: 'application/pdf', buffer: Buffer.from(pdf) });
    await page.getByRole('button', { name: 'Subir y firmar el documento' }).click();
    await page
      .getByRole('listitem')
      .filter({ hasText: /^eDocument ED.* \(factura\.pdf\)$/ })
      .waitFor();
    assert.equal(await page.getByRole('progressbar', { name: 'Avance de la carga' }).getAttribute('value'), '100');
    await page.locator('.progress span').filter({ hasText: '100 %' }).waitFor();
    await portal.audit(page, 'filing-documents');
    await page.getByRole('button', { name: 'Continuar', exact: true }).click();

    // 6. Check your answers, then one signature.
    await page.getByRole('heading', { level: 1, name: 'Revise su operación antes de firmar' }).waitFor();
    await page.getByText('123M2015 SSA IV', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Cambiar Tipo de llanta' }).waitFor();
    await page.getByText(tyreWords, { exact: true }).waitFor();
    const sign = page.getByRole('button', { name: 'Firmar y presentar' });
    await page.getByText('Ver los datos exactos que firmará').waitFor();
    await portal.audit(page, 'filing-check');
    await sign.click();

    // 7. The acknowledgement: folio, what next, PDF.
    await page.getByRole('heading', { level: 1, name: 'Operación presentada' }).waitFor();
    const folio = (await page.locator('.folio strong').textContent()) ?? '';
    assert.match(folio, /^VU-\d{4}-\d+$/);
    await page.getByRole('link', { name: /medicamentos/ }).waitFor();
    await portal.audit(page, 'filing-acknowledgement');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: `Descargar el acuse ${folio} (PDF)` }).click(),
    ]);
    assert.equal(download.suggestedFilename(), `${folio}.pdf`);
    const bytes = fs.readFileSync((await download.path())!);
    assert.equal(bytes.subarray(0, 5).toString('latin1'), '%PDF-');

    // In the API: submitted, with its COVE and eDocument; its audit events exist.
    const op = await filedOperation(folio);
    assert.equal(op.data.coves.length, 1);
    const cove = (await w.call('GET', `/api/v1/coves/${op.data.coves[0]}`, { token: trader.token })).body;
    assert.deepEqual(
      cove.latest.content.goods.map((g: any) => [g.currency, g.total, g.usdValue]),
      [
        ['EUR', 18000, 19440],
        ['USD', 4000, 4000],
      ],
    );
    assert.equal(op.data.edocuments.length, 1);
    assert.deepEqual(op.acknowledgement.applications.map((a: any) => a.procedureCode).sort(), [
      'COFEPRIS-MEDICINES-IMPORT',
      'SE-USED-TYRES-IMPORT',
    ]);
    const events = await w.ctx.db.query<{ type: string }>(
      "select type from audit_events where object_type = 'operation' and object_id = $1 order by seq",
      [op.id],
    );
    assert.ok(
      events.some((e) => e.type === 'operation.submitted'),
      JSON.stringify(events),
    );

    // The operation page: lines, applications with status and due date, documents.
    await page.getByRole('link', { name: 'Ver la operación' }).click();
    await page.getByRole('heading', { level: 1, name: `Operación ${folio}` }).waitFor();
    await page.getByRole('cell', { name: 'Recibida' }).first().waitFor();
    await page.getByText(op.data.coves[0]).waitFor();
    await portal.audit(page, 'filing-operation');
    await portal.closePage(page);
  });

  test('the whole filing with the keyboard alone', async () => {
    const page = await portal.newPage();
    await portal.signIn(page, rep);
    await page.getByRole('heading', { level: 1, name: 'Mi panel' }).waitFor();
    // From here on: Tab, Shift+Tab, Enter, Space and typing only.
    await tabTo(page, /^Nueva operación$/);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: '¿Para quién y qué operación?' }).waitFor();
    await tabTo(page, /^Importación/);
    await page.keyboard.press('Space');
    await typeInto(page, /^Aduana/, 'Aduana de Nuevo');
    await tabTo(page, /^Continuar$/);
    await page.keyboard.press('Enter');

    await page.getByRole('heading', { level: 1, name: 'Mercancías' }).waitFor();
    const lines: Array<[string, string, string, string, string]> = [
      ['300490', 'Medicamento en tabletas', '1200', '18000', 'DE'],
      ['401220', 'Llantas usadas', '200', '4000', 'US'],
    ];
    for (const [code, description, quantity, value, country] of lines) {
      await typeInto(page, /^Fracción arancelaria/, code);
      await typeInto(page, /^Descripción/, description);
      await typeInto(page, /^Cantidad/, quantity);
      await typeInto(page, /^Valor total/, value);
      await typeInto(page, /^País de origen/, country);
      await tabTo(page, /^Agregar partida$/);
      await page.keyboard.press('Enter');
      await page.getByRole('cell', { name: description }).waitFor();
    }
    await tabTo(page, /^Continuar$/);
    await page.keyboard.press('Enter');

    await page.getByRole('heading', { level: 1, name: 'Trámites que necesita' }).waitFor();
    await tabTo(page, /^Continuar$/);
    await page.keyboard.press('Enter');

    await page.getByText('Trámite 1 de 2 · COFEPRIS').waitFor();
    await typeInto(page, /^Números de registro sanitario/, MEDICINES.sanitaryRegistrations[0]);
    await typeInto(page, /^Forma farmacéutica/, 'Tabletas');
    await typeInto(page, /^Cédula profesional/, MEDICINES.responsiblePharmacistLicence);
    await tabTo(page, /^Continuar$/);
    await page.keyboard.press('Enter');

    await page.getByText('Trámite 2 de 2 · SE').waitFor();
    await typeInto(page, /^Uso que se dará/, 'Renovado');
    await typeInto(page, /^Tipo de llanta/, 'Automóvil');
    await typeInto(page, /^Número del plan/, TYRES.wasteManagementPlan);
    await tabTo(page, /^Continuar$/);
    await page.keyboard.press('Enter');

    await page.getByRole('heading', { level: 1, name: 'Factura (COVE) y documentos' }).waitFor();
    // A new step moves focus to the top of main once rendered; tabbing before that could lose the focused field.
    await page.waitForFunction(() => document.activeElement?.id === 'main');
    // This time the COVE comes as the XML <comprobante> the trader's system exported. Tab reaches its field; the
    // file is handed to the focused input (the system's chooser is not the page's; the eDocument below opens it with
    // Space, which here failed to fire now and then in CI).
    await tabTo(page, /^O suba el COVE en XML/);
    const xmlField = page.locator('input[type=file]:focus');
    await xmlField.setInputFiles({ name: 'cove.xml', mimeType: 'application/xml', buffer: Buffer.from(coveXml()) });
    await tabTo(page, /^Firmar y registrar el XML del COVE$/);
    await page.keyboard.press('Enter');
    await page
      .getByRole('listitem')
      .filter({ hasText: /^COVE COVE/ })
      .waitFor();
    // The file input opens the system's file chooser on Space; the test answers it.
    await tabTo(page, /^Archivo PDF/);
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.keyboard.press('Space')]);
    await chooser.setFiles({ name: 'certificado.pdf', mimeType: 'application/pdf', buffer: Buffer.from(pdf) });
    await tabTo(page, /^Subir y firmar el documento$/);
    await page.keyboard.press('Enter');
    await page
      .getByRole('listitem')
      .filter({ hasText: /\(certificado\.pdf\)$/ })
      .waitFor();
    await tabTo(page, /^Continuar$/);
    await page.keyboard.press('Enter');

    await page.getByRole('heading', { level: 1, name: 'Revise su operación antes de firmar' }).waitFor();
    // A change from the check page comes back to it.
    await tabTo(page, /^Cambiar Tipo de llanta$/);
    await page.keyboard.press('Enter');
    await page.getByText('Trámite 2 de 2 · SE').waitFor();
    await tabTo(page, /^Continuar$/);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Revise su operación antes de firmar' }).waitFor();
    await page.getByText('Ver los datos exactos que firmará').waitFor();
    await tabTo(page, /^Firmar y presentar$/);
    await page.keyboard.press('Enter');

    await page.getByRole('heading', { level: 1, name: 'Operación presentada' }).waitFor();
    const folio = (await page.locator('.folio strong').textContent()) ?? '';
    await tabTo(page, /^Descargar el acuse/);
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    assert.equal(download.suggestedFilename(), `${folio}.pdf`);
    const op = await filedOperation(folio);
    assert.equal(op.acknowledgement.applications.length, 2);
    assert.equal(op.data.edocuments.length, 1);
    await portal.closePage(page);
  });

  test('a draft left on the server is continued after a new sign-in, from its operation page', async () => {
    const draft = await w.call('POST', '/api/v1/operations', {
      token: trader.token,
      body: { traderRfc: trader.rfc, flow: 'import', data: { goods: [goodsLine('300490', 'DE')] } },
    });
    assert.equal(draft.status, 201, JSON.stringify(draft.body));
    const page = await portal.newPage(390);
    await portal.signIn(page, rep);
    await page.getByRole('heading', { level: 1, name: 'Mi panel' }).waitFor();
    // In the page (the session lives in its memory), as a link from the dashboard would.
    await page.evaluate((path) => {
      window.history.pushState(null, '', path);
      window.dispatchEvent(new PopStateEvent('popstate'));
    }, `/operaciones/${draft.body.id}`);
    await page.getByRole('heading', { level: 1, name: 'Operación en borrador' }).waitFor();
    await page.getByRole('cell', { name: 'Mercancía 300490' }).waitFor();
    await portal.audit(page, 'filing-operation-draft');
    await page.getByRole('link', { name: 'Continuar el borrador' }).click();
    await page.getByRole('heading', { level: 1, name: 'Trámites que necesita' }).waitFor();
    await page.getByRole('heading', { level: 2, name: /medicamentos/ }).waitFor();
    await portal.closePage(page);
  });
});
