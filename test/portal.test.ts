/**
 * The portal in real Chromium (Debian's, driven by playwright-core; never a downloaded browser) against a real
 * window on a fresh database: sign in with a real e.firma, the dashboard, the e.firma messages, public permit
 * verification, the catalogue; axe-core on every page in Spanish and English; screenshots at 390 and 1280 px.
 * Every wait is on what the page shows.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { ensurePortalBuilt } from '../src/http/portal-build.ts';
import { revokeCertificate } from '../src/pki/index.ts';
import { launchChromium, withoutChromium } from './support/browser.ts';
import { issueCertificate, startExporterWindow } from './support/exporter.ts';
import { type Person, PASSWORD, type TestWindow } from './support/window.ts';

/** Screenshots go to the test output, never the repository. */
const SHOTS = process.env.PORTAL_SCREENSHOTS ?? path.join(os.tmpdir(), `ventanilla-portal-${process.pid}`);
const AXE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let w: TestWindow;
let browser: Browser;
let base: string;
let rep: Person;
let permit: { number: string; token: string };

const pageErrors = new WeakMap<Page, string[]>();

/** A fresh browser context (empty storage: Spanish, as a first visit). */
async function newPage(width = 1280): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  const page = await context.newPage();
  const errors: string[] = [];
  pageErrors.set(page, errors);
  page.on('pageerror', (err) => errors.push(err.message));
  // The portal runs under the window's CSP as served: anything it blocks is a failure.
  page.on('console', (m) => m.text().includes('Content Security Policy') && errors.push(m.text()));
  return page;
}

async function closePage(page: Page) {
  assert.deepEqual(pageErrors.get(page), [], 'errors thrown in the page');
  await page.context().close();
}

/** axe-core in the page (evaluated through the DevTools protocol, so the page's CSP stays as served). */
async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  const result = await page.evaluate(async () => {
    const axe = (globalThis as any).axe;
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v: any) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length }));
  });
  return result
    .filter((v: { impact: string }) => v.impact === 'serious' || v.impact === 'critical')
    .map((v: any) => `${v.id} (${v.impact}, ${v.nodes} nodes)`);
}

/** axe in both languages and a screenshot at both widths of the page as it is now. */
async function audit(page: Page, name: string) {
  // English first, so the page is left in Spanish (the remembered choice) as it was.
  for (const language of ['en', 'es'] as const) {
    const toggle = page.getByRole('button', { name: language === 'es' ? 'Español' : 'English' });
    if (await toggle.isVisible()) await toggle.click();
    await page.locator(`html[lang="${language}"]`).waitFor();
    assert.deepEqual(await seriousViolations(page), [], `${name} in ${language}: serious or critical violations`);
    for (const width of [390, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      await page.screenshot({ path: path.join(SHOTS, `${name}-${language}-${width}.png`), fullPage: true });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `${name} in ${language} at ${width} px overflows by ${overflow} px`);
    }
  }
}

async function signIn(page: Page, person: Person, password = PASSWORD) {
  await page.goto(`${base}/entrar`);
  await page.getByRole('heading', { level: 1, name: 'Entrar con su e.firma' }).waitFor();
  await page.getByLabel('Certificado (.cer)').setInputFiles({
    name: `${person.rfc}.cer`,
    mimeType: 'application/pkix-cert',
    buffer: person.cer,
  });
  await page.getByLabel('Clave privada (.key)').setInputFiles({
    name: `${person.rfc}.key`,
    mimeType: 'application/octet-stream',
    buffer: person.key,
  });
  await page.getByLabel('Contraseña de la clave privada').fill(password);
  await page.getByRole('button', { name: 'Entrar', exact: true }).click();
}

describe('the web portal in Chromium', { skip: withoutChromium }, () => {
  before(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    await ensurePortalBuilt();
    const exporter = await startExporterWindow();
    ({ w, rep } = exporter);
    await w.app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(w.app.server.address() as AddressInfo).port}`;
    const issued = await issueCertificate(exporter);
    permit = { number: issued.number, token: issued.token };
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await w?.close();
    process.stdout.write(`# portal screenshots: ${SHOTS}\n`);
  });

  test('a trader signs in with a real e.firma, sees the dashboard, and signs out', async () => {
    const page = await newPage();
    await signIn(page, rep);
    await page.getByRole('heading', { level: 1, name: 'Mi panel' }).waitFor();
    await page.getByText(`RFC ${rep.rfc}`).waitFor();
    // The certificate of origin filed before: its operation and application, with their status.
    await page.getByRole('cell', { name: 'Presentada' }).first().waitFor();
    await page.getByRole('cell', { name: 'Aprobada' }).first().waitFor();
    await audit(page, 'dashboard');
    // Nothing of the key or the password in storage.
    const stored = await page.evaluate(() => JSON.stringify({ ...localStorage, ...sessionStorage }));
    assert.ok(!stored.includes(PASSWORD) && !stored.includes('BEGIN'), stored);
    await page.getByRole('button', { name: 'Salir' }).click();
    await page.getByRole('navigation').getByRole('link', { name: 'Entrar con e.firma' }).waitFor();
    await closePage(page);
  });

  test('a wrong password and a revoked certificate each show their message, from the error summary', async () => {
    const page = await newPage(390);
    await signIn(page, rep, 'not-the-password');
    const summary = page.getByRole('alert').filter({ hasText: 'Hay un problema' });
    await summary.getByRole('link', { name: /La contraseña no abre esta clave privada/ }).waitFor();
    await summary.getByRole('link').first().click();
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'password');
    await audit(page, 'sign-in-wrong-password');

    const revoked = await w.person({ name: 'Rita Revocada' });
    await revokeCertificate(w.pki, revoked.cer, 'keyCompromise');
    await signIn(page, revoked);
    await page
      .getByRole('alert')
      .getByText(/Su e.firma fue revocada/)
      .waitFor();
    await closePage(page);
  });

  test('public verification of a real permit from the QR link (token in the fragment)', async () => {
    const page = await newPage();
    const requested: string[] = [];
    page.on('request', (r) => requested.push(r.url()));
    await page.goto(`${base}/verificar#${permit.token}`);
    await page.getByRole('heading', { name: 'Permiso auténtico' }).waitFor();
    await page.getByText(permit.number).waitFor();
    await page.getByText('Vigente', { exact: true }).waitFor();
    assert.ok(
      requested.filter((u) => !u.includes('/api/v1/verify?')).every((u) => !u.includes(permit.token)),
      'the page itself is loaded without the token',
    );
    await audit(page, 'verify');
    await closePage(page);
  });

  test('the procedure catalogue and one procedure page, in both languages', async () => {
    const page = await newPage(1280);
    await page.goto(`${base}/tramites`);
    await page.getByRole('heading', { level: 1, name: 'Catálogo de trámites' }).waitFor();
    const first = page.getByRole('main').getByRole('listitem').first().getByRole('link');
    await first.waitFor();
    await audit(page, 'catalogue');
    const name = await first.textContent();
    await first.click();
    await page.getByRole('heading', { level: 1, name: name ?? '' }).waitFor();
    await page.getByText('Fundamento legal').waitFor();
    await audit(page, 'procedure');
    await page.goto(`${base}/`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await audit(page, 'home');
    await closePage(page);
  });

  test('the language choice is remembered', async () => {
    const page = await newPage();
    await page.goto(`${base}/`);
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('navigation').getByRole('link', { name: 'Procedure catalogue' }).waitFor();
    await page.reload();
    await page.getByRole('navigation').getByRole('link', { name: 'Procedure catalogue' }).waitFor();
    await closePage(page);
  });
});
