/**
 * The public pages and the customs check in real Chromium against one real window: "what do I need?" (HS search in
 * Spanish words and by code, the procedures with the rule that requires each), the transparency charts over
 * seeded history with their data tables, permit verification online through POST (the token in no URL) and, with
 * the window stopped, offline in the page with the keys its service worker kept (a tampered token refused too), and
 * a customs officer checking declarations and a permit's draw-downs. Also the API of POST /api/v1/verify and the
 * service worker's serving, through inject. Every wait is on what the page shows.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page, Request } from 'playwright-core';
import { seedDemoHistory } from '../src/cli/demo-history.ts';
import { withoutChromium } from './support/browser.ts';
import { type Actor, declarationBody, MEDICINES_FORM, medicines } from './support/pipeline.ts';
import { openPortal, type Portal } from './support/portal.ts';
import { startTestWindow, type Person, type TestWindow } from './support/window.ts';

const PATENT = '3170';
let w: TestWindow;
let portal: Portal | undefined;
let filer: Actor;
let traderRfc: string;
let customs: Person & { token: string };
let permit: { number: string; token: string };

/** A medicines line of a declaration, citing `permitNumber` (none: the permit the goods need is missing). */
const line = (permitNumber: string | null, extra: Record<string, unknown> = {}) => ({
  hsCode: '3004909999',
  quantity: 10,
  unit: 'KGM',
  value: 20,
  currency: 'USD',
  originCountry: 'DE',
  destinationCountry: 'MX',
  permits: permitNumber ? [{ number: permitNumber }] : [],
  ...extra,
});

/** The portal's "who decides" sentence (es) for a procedure's flags. */
const decidedBy = (p: { autoApprove: boolean; fourEyes: boolean }) =>
  p.autoApprove
    ? 'Nadie: se aprueba en automático al presentarlo'
    : p.fourEyes
      ? 'Cuatro ojos: un dictaminador propone y un supervisor distinto resuelve'
      : 'Un dictaminador de la dependencia';

/** The token with one character of its signature changed: same shape, a seal that no longer verifies. */
function tampered(token: string): string {
  const [h, p, s] = token.split('.') as [string, string, string];
  const i = Math.floor(s.length / 2);
  return `${h}.${p}.${s.slice(0, i)}${s[i] === 'A' ? 'B' : 'A'}${s.slice(i + 1)}`;
}

before(async () => {
  w = await startTestWindow();
  const rep = await w.person({ name: 'Ana Importadora' });
  const trader = await w.registerTrader(rep);
  traderRfc = trader.rfc;
  filer = { ...rep, token: trader.token };
  const cofepris = await w.officer('COFEPRIS', ['reviewer', 'resolver']);
  customs = await w.officer('ANAM', ['customs_officer'], 'ANAM-TAMPS-NLD');
  const number = await w.permit(filer, cofepris, {
    traderRfc,
    goods: medicines(100, 2000),
    procedureData: MEDICINES_FORM,
  });
  const read = await w.call('GET', `/api/v1/permits/${number}`, { token: trader.token });
  permit = { number, token: read.body.token };
  assert.ok(permit.token, JSON.stringify(read.body));
});
after(async () => {
  await portal?.close();
  // Closing the server again (after the offline test stopped it) is a no-op.
  await w?.close();
});

describe('POST /api/v1/verify and the service worker (API)', () => {
  test('the token in the body verifies like the GET did; problems are problem+json', async () => {
    const posted = await w.call('POST', '/api/v1/verify', { body: { token: permit.token } });
    assert.equal(posted.status, 200, JSON.stringify(posted.body));
    assert.equal(posted.body.authentic, true);
    assert.equal(posted.body.status, 'valid');
    assert.equal(posted.body.number, permit.number);
    assert.ok(!JSON.stringify(posted.body).includes(traderRfc), 'the holder RFC stays masked');
    const got = await w.call('GET', `/api/v1/verify?token=${encodeURIComponent(permit.token)}`);
    assert.deepEqual(got.body, posted.body, 'the deprecated GET answers the same');

    const bad = await w.call('POST', '/api/v1/verify', { body: { token: tampered(permit.token) } });
    assert.equal(bad.status, 422);
    assert.equal(bad.body.code, 'permit.token_invalid');
    assert.match(String(bad.headers['content-type']), /application\/problem\+json/);
    for (const body of [{}, { token: 'short' }, { token: permit.token, extra: 1 }]) {
      const res = await w.call('POST', '/api/v1/verify', { body });
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.equal(res.body.code, 'request.invalid');
    }

    const doc = (await w.call('GET', '/openapi.json')).body;
    assert.equal(doc.paths['/api/v1/verify'].post.operationId, 'verifyPermitTokenPosted');
    assert.deepEqual(doc.paths['/api/v1/verify'].post.security, [], 'public');
    assert.equal(doc.paths['/api/v1/verify'].get.deprecated, true);
  });

  test('the service worker is served at the root, revalidated every time, as JavaScript', async () => {
    const res = await w.app.inject({ method: 'GET', url: '/sw.js' });
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['cache-control'], 'no-cache');
    assert.match(String(res.headers['content-type']), /javascript/);
    assert.match(res.body, /ventanilla-keys\.json/);
  });
});

describe('the public pages and the customs check in Chromium', { skip: withoutChromium }, () => {
  before(async () => {
    portal = await openPortal(w);
  });

  test('what do I need: by Spanish words and by code, each procedure with the rule that requires it', async () => {
    const p = portal!;
    const page = await p.newPage(390);
    await page.goto(`${p.base}/que-necesito`);
    await page.getByRole('heading', { level: 1, name: '¿Qué necesito?' }).waitFor();
    // Nothing typed: the error summary links to the field.
    await page.getByRole('button', { name: 'Buscar' }).click();
    await page
      .getByRole('alert')
      .getByRole('link', { name: /Escriba una fracción/ })
      .click();
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'hs-query');

    await page.getByLabel('Mercancía: fracción o palabras').fill('armas de fuego');
    await page.getByRole('button', { name: 'Buscar' }).click();
    await page.getByRole('button', { name: 'Elegir 9302.00' }).click();
    await page.getByText('Mercancía elegida:').waitFor();
    await page.getByRole('button', { name: 'Ver qué necesito' }).click();
    await page.getByRole('alert').getByRole('link', { name: 'Elija si importa o exporta' }).waitFor();
    await page.getByLabel('Importación').check();
    await page.getByRole('button', { name: 'Ver qué necesito' }).click();
    const expected = (await w.call('GET', '/api/v1/requirements?hs=930200&flow=import')).body.requirements;
    assert.ok(expected.length >= 1);
    await page.getByRole('heading', { level: 2, name: /^Necesita \d+ trámites?$/ }).waitFor();
    for (const r of expected) {
      await page.getByRole('link', { name: r.procedure.name.es }).waitFor();
      // Who decides, as the window will enforce it (four eyes: a proposal, then a different supervisor).
      const article = page.getByRole('article', { name: r.procedure.name.es });
      await article.getByText(decidedBy(r.procedure), { exact: true }).waitFor();
      for (const rule of r.because) {
        await page.getByText(rule.rule, { exact: true }).waitFor();
        await page.getByText(rule.note.es, { exact: true }).waitFor();
      }
    }
    await p.audit(page, 'what-do-i-need-arms');

    await page.getByLabel('Mercancía: fracción o palabras').fill('3004.90');
    await page.getByRole('button', { name: 'Buscar' }).click();
    await page.getByRole('button', { name: 'Elegir 3004.90' }).click();
    await page.getByLabel('País').selectOption('DE');
    await page.getByRole('button', { name: 'Ver qué necesito' }).click();
    await page.getByText('Mercancía 3004.90, importación, Alemania.').waitFor();
    const medicinesRule = page.getByText(/^COFEPRIS-MEDICINES-IMPORT:3004/);
    await medicinesRule.first().waitFor();
    // The procedure's own page is one click away.
    const procedure = (await w.call('GET', '/api/v1/procedures/COFEPRIS-MEDICINES-IMPORT')).body;
    await page.getByRole('link', { name: procedure.name.es }).click();
    await page.getByRole('heading', { level: 1, name: procedure.name.es }).waitFor();
    await page.getByText(decidedBy(procedure), { exact: true }).waitFor();
    await p.closePage(page);
  });

  test('statistics: charts over months of history, each with its data table', async () => {
    const p = portal!;
    const admin = await w.officer('SE', ['administrator']);
    await seedDemoHistory(w.ctx, { quotaAdmin: admin.signer, months: 3, perMonth: 6 });
    const stats = (await w.call('GET', '/api/v1/statistics')).body;
    const filed = stats.agencies.reduce((n: number, a: any) => n + a.filed, 0);
    assert.ok(filed >= 10, `${filed} applications seeded`);

    const page = await p.newPage(1280);
    await page.goto(`${p.base}/estadisticas`);
    await page.getByRole('heading', { level: 1, name: 'Estadísticas de la Ventanilla' }).waitFor();
    for (const chart of [
      'Solicitudes presentadas por mes y dependencia',
      'Días naturales de la presentación a la resolución, por dependencia',
      'Parte de las resoluciones dentro del plazo legal, por dependencia',
      'Cómo terminaron las solicitudes, por dependencia',
      'Uso de los cupos',
    ])
      await page.getByRole('img', { name: new RegExp(`^${chart}`) }).waitFor();
    // Each bar is drawn: the filings chart has a rectangle per agency and month with filings.
    const bars = await page
      .getByRole('img', { name: /^Solicitudes presentadas por mes/ })
      .locator('rect')
      .evaluateAll((rects) => rects.filter((r) => Number(r.getAttribute('height')) > 0).length);
    assert.ok(bars >= 3, `${bars} bars`);

    // The data table gives the same numbers: the filings per month add up to the total filed.
    await page.getByText('Ver los datos en una tabla: Solicitudes presentadas por mes y dependencia').click();
    const table = page.getByRole('table', { name: 'Solicitudes presentadas por mes y dependencia' });
    await table.waitFor();
    const cells = await table.locator('tbody td').allTextContents();
    const sum = cells.reduce((n, c) => n + Number(c.replace(/\D/g, '')), 0);
    assert.equal(sum, filed);
    assert.equal(await table.locator('tbody tr').count(), stats.months.length);
    await page.getByText(`${filed} solicitudes presentadas`, { exact: false }).waitFor();
    await p.audit(page, 'statistics');

    // The busiest month alone: the table has one row, with what the API answers for that month.
    const perMonth = stats.months.map((_: string, i: number) =>
      stats.agencies.reduce((n: number, a: any) => n + a.filings[i].count, 0),
    );
    const busiest: string = stats.months[perMonth.indexOf(Math.max(...perMonth))];
    const one = (await w.call('GET', `/api/v1/statistics?from=${busiest}&to=${busiest}`)).body;
    const filedInLast = one.agencies.reduce((n: number, a: any) => n + a.filed, 0);
    await page.getByLabel('Desde (mes)').fill(busiest);
    await page.getByLabel('Hasta (mes)').fill(busiest);
    await page.getByRole('button', { name: 'Ver el periodo' }).click();
    const monthName = new Intl.DateTimeFormat('es-MX', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
      new Date(`${busiest}-15T12:00:00Z`),
    );
    await page.getByText(`De ${monthName} a ${monthName}.`, { exact: true }).waitFor();
    await page.getByText(new RegExp(`^${filedInLast} solicitudes presentadas$`)).waitFor();
    await page.getByText('Ver los datos en una tabla: Solicitudes presentadas por mes y dependencia').click();
    await table.waitFor();
    assert.equal(await table.locator('tbody tr').count(), 1);
    // A period that ends before it starts is refused with the window's own sentence.
    await page.getByLabel('Desde (mes)').fill(stats.to);
    await page.getByLabel('Hasta (mes)').fill(stats.from);
    await page.getByRole('button', { name: 'Ver el periodo' }).click();
    await page.getByText('El mes final es anterior al mes inicial', { exact: false }).waitFor();
    await p.audit(page, 'statistics-period-refused');
    await p.closePage(page);
  });

  test('a customs officer checks a declaration line by line and a permit with its draw-downs', async () => {
    const p = portal!;
    const accepted = declarationBody(w, {
      brokerPatent: PATENT,
      traderRfc,
      lines: [line(permit.number, { quantity: 30, value: 600 })],
    });
    assert.equal((await w.declaration(customs.token, accepted)).status, 201);
    const refused = declarationBody(w, {
      brokerPatent: PATENT,
      traderRfc,
      lines: [line(null), line('COFEPRIS-2000-999999')],
    });
    const refusal = await w.declaration(customs.token, refused);
    assert.equal(refusal.status, 422, JSON.stringify(refusal.body));

    const page = await p.newPage(390);
    await p.signIn(page, customs);
    await page.getByRole('navigation').getByRole('link', { name: 'Revisión aduanera' }).click();
    await page.getByRole('heading', { level: 1, name: 'Revisión aduanera' }).waitFor();

    // Typed with spaces, as read off the paper.
    const spaced = `${refused.number.slice(0, 2)} ${refused.number.slice(2, 4)} ${refused.number.slice(4)}`;
    await page.getByLabel('Número de pedimento').fill(spaced);
    await page.getByRole('button', { name: 'Revisar' }).click();
    await page.getByRole('heading', { name: `Pedimento ${refused.number} Rechazado` }).waitFor();
    await page.getByText('Partida 1', { exact: true }).waitFor();
    await page.getByText('Partida 2', { exact: true }).waitFor();
    // Every reason the window gave, each in plain words, with the window's own message beside it.
    const titles: Record<string, string> = {
      permit_missing: 'Falta el permiso que la mercancía requiere',
      permit_not_found: 'El permiso citado no existe en la Ventanilla',
    };
    const reasons = refusal.body.reasons as Array<{ code: string; message: string }>;
    assert.deepEqual([...new Set(reasons.map((r) => r.code))].sort(), Object.keys(titles));
    for (const r of reasons) await page.getByText(r.message, { exact: true }).waitFor();
    for (const [code, title] of Object.entries(titles))
      assert.equal(await page.getByText(title, { exact: true }).count(), reasons.filter((r) => r.code === code).length);
    await p.audit(page, 'customs-refused');

    await page.getByLabel('Número de pedimento').fill(accepted.number);
    await page.getByRole('button', { name: 'Revisar' }).click();
    await page.getByRole('heading', { name: `Pedimento ${accepted.number} Aceptado` }).waitFor();
    await page.getByText('Cumple', { exact: true }).waitFor();
    await page.getByText(`Descargó 30 del permiso ${permit.number}, partida 1 (quedan 70).`).waitFor();
    await page.getByRole('button', { name: `Ver el permiso ${permit.number}` }).click();
    await page.getByRole('heading', { name: `Permiso ${permit.number} Vigente` }).waitFor();
    await page.getByText('70 KGM', { exact: true }).waitFor();
    await page.getByRole('button', { name: accepted.number }).waitFor();
    await p.audit(page, 'customs-permit');

    // A wrong permit number is caught in the page, linked from the error summary.
    await page.getByLabel('Número de permiso').fill('12345');
    await page.getByRole('button', { name: 'Consultar' }).click();
    await page
      .getByRole('alert')
      .getByRole('link', { name: /Escriba el número del permiso/ })
      .waitFor();
    await p.closePage(page);
  });

  test('verification: online through POST, then with the window stopped, offline in the page', async () => {
    const p = portal!;
    const page: Page = await p.newPage(390);
    const requests: Request[] = [];
    page.context().on('request', (r) => requests.push(r));
    await page.goto(`${p.base}/verificar#${permit.token}`);
    await page.getByRole('heading', { name: 'Permiso auténtico' }).waitFor();
    await page.getByText(permit.number).waitFor();
    await page.getByText('Verificado en línea con la Ventanilla en este momento.').waitFor();
    // The service worker kept the page and the keys.
    await page.getByText(/quedó guardada en este dispositivo para verificar sin conexión/).waitFor();
    await p.audit(page, 'verify-online');
    assert.ok(
      requests.every((r) => !r.url().includes(permit.token)),
      'no request URL carries the token',
    );
    const posts = requests.filter((r) => r.method() === 'POST' && new URL(r.url()).pathname === '/api/v1/verify');
    assert.equal(posts.length, 1);
    assert.deepEqual(posts[0]!.postDataJSON(), { token: permit.token });

    // The window goes away: the page opens from the service worker and checks the token with the kept keys.
    await w.app.close();
    await page.reload();
    await page.getByRole('heading', { name: 'Firma auténtica de la Ventanilla (verificado sin conexión)' }).waitFor();
    await page.getByText(/^Verificado sin conexión, con las llaves de la Ventanilla obtenidas el \d/).waitFor();
    await page.getByText(/Sin conexión no se puede saber si el permiso fue revocado/).waitFor();
    await page.getByText(permit.number).waitFor();
    await page.getByText('Vigente', { exact: true }).waitFor();
    await p.audit(page, 'verify-offline');

    // A token with one character changed, pasted as a whole link to the page: refused offline too.
    await page.getByLabel('Texto del código QR').fill(`${p.base}/verificar#${tampered(permit.token)}`);
    await page.getByRole('button', { name: 'Verificar' }).click();
    await page
      .getByRole('heading', { name: 'No se pudo comprobar que sea auténtico (verificado sin conexión)' })
      .waitFor();
    await page.getByText(/La firma no corresponde a las llaves de la Ventanilla/).waitFor();
    assert.ok(
      requests.every((r) => !r.url().includes(permit.token.split('.')[2]!)),
      'no URL carries the token',
    );
    await p.closePage(page);
  });
});
