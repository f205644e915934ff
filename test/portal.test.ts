/**
 * The portal in real Chromium (Debian's, driven by playwright-core; never a downloaded browser) against a real
 * window on a fresh database: sign in with a real e.firma, the dashboard and sign-out, the catalogue, the language
 * choice; axe-core on every page in Spanish and English; no overflow at 390 and 1280 px. The e.firma messages and
 * the permit's verification are in the story (portal-story.test.ts). Every wait is on what the page shows.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { withoutChromium } from './support/browser.ts';
import { issueCertificate, startExporterWindow } from './support/exporter.ts';
import { openPortal, type Portal } from './support/portal.ts';
import { type Person, PASSWORD, type TestWindow } from './support/window.ts';

let w: TestWindow;
let portal: Portal;
let rep: Person;

describe('the web portal in Chromium', { skip: withoutChromium }, () => {
  before(async () => {
    const exporter = await startExporterWindow();
    ({ w, rep } = exporter);
    // An approved certificate of origin for the dashboard to show.
    await issueCertificate(exporter);
    portal = await openPortal(w);
  });
  after(async () => {
    await portal?.close();
    await w?.close();
  });

  test('a trader signs in with a real e.firma, sees the dashboard, and signs out', async () => {
    const page = await portal.newPage();
    await portal.signIn(page, rep);
    await page.getByRole('heading', { level: 1, name: 'Mi panel' }).waitFor();
    await page.getByText(`RFC ${rep.rfc}`).waitFor();
    // The certificate of origin filed before: its operation and application, with their status.
    await page.getByRole('cell', { name: 'Presentada' }).first().waitFor();
    await page.getByRole('cell', { name: 'Aprobada' }).first().waitFor();
    await portal.audit(page, 'dashboard');
    // Nothing of the key or the password in storage.
    const stored = await page.evaluate(() => JSON.stringify({ ...localStorage, ...sessionStorage }));
    assert.ok(!stored.includes(PASSWORD) && !stored.includes('BEGIN'), stored);
    await page.getByRole('button', { name: 'Salir' }).click();
    await page.getByRole('navigation').getByRole('link', { name: 'Entrar con e.firma' }).waitFor();
    await portal.closePage(page);
  });

  test('the procedure catalogue and one procedure page, in both languages', async () => {
    const page = await portal.newPage(1280);
    await page.goto(`${portal.base}/tramites`);
    await page.getByRole('heading', { level: 1, name: 'Catálogo de trámites' }).waitFor();
    const first = page.getByRole('main').getByRole('listitem').first().getByRole('link');
    await first.waitFor();
    await portal.audit(page, 'catalogue');
    const name = await first.textContent();
    await first.click();
    await page.getByRole('heading', { level: 1, name: name ?? '' }).waitFor();
    await page.getByText('Fundamento legal').waitFor();
    await portal.audit(page, 'procedure');
    await page.goto(`${portal.base}/`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await portal.audit(page, 'home');
    await portal.closePage(page);
  });

  test('the language choice is remembered', async () => {
    const page = await portal.newPage();
    await page.goto(`${portal.base}/`);
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('navigation').getByRole('link', { name: 'Procedure catalogue' }).waitFor();
    await page.reload();
    await page.getByRole('navigation').getByRole('link', { name: 'Procedure catalogue' }).waitFor();
    await portal.closePage(page);
  });
});
