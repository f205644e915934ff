/**
 * The portal in real Chromium against a test window, for every browser test: open pages with empty storage (Spanish,
 * as a first visit), sign in through the page with a real e.firma, and audit a page (axe-core in both languages,
 * no horizontal overflow at 390 and 1280 px, screenshots when asked for). Every wait is on what the page shows.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import net, { type AddressInfo } from 'node:net';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './browser.ts';
import { PASSWORD, type Person, type TestWindow } from './window.ts';

/**
 * Where screenshots go when PORTAL_SCREENSHOTS names a folder (never the repository). Without it none are taken:
 * four full-page screenshots per audited page cost about a sixth of the browser tests' time, and nothing reads them
 * but a person reviewing the portal's looks.
 */
const SHOTS = process.env.PORTAL_SCREENSHOTS;
const AXE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface Portal {
  /** http://127.0.0.1:<port> of the window serving the portal. */
  base: string;
  browser: Browser;
  /** A fresh browser context: empty storage, so Spanish. Page errors and CSP reports are collected. */
  newPage(width?: number): Promise<Page>;
  /** Fails on any error the page threw or any CSP report, then closes the context. */
  closePage(page: Page): Promise<void>;
  /** axe-core (0 serious or critical) in en then es, no overflow at 390 and 1280 px (and screenshots if asked). */
  audit(page: Page, name: string): Promise<void>;
  /** Fills the sign-in page with this person's .cer, .key and password and presses "Entrar". */
  signIn(page: Page, person: Person, password?: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * Serves the portal (built by startTestWindow) from this window on `port` (a free one by default), and starts
 * Chromium.
 */
export async function openPortal(w: TestWindow, port = 0): Promise<Portal> {
  if (SHOTS) fs.mkdirSync(SHOTS, { recursive: true });
  await w.app.listen({ host: '127.0.0.1', port });
  const base = `http://127.0.0.1:${(w.app.server.address() as AddressInfo).port}`;
  const browser = await launchChromium();
  const pageErrors = new WeakMap<Page, string[]>();

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

  async function audit(page: Page, name: string) {
    // English first, so the page is left in Spanish (the remembered choice) as it was.
    for (const language of ['en', 'es'] as const) {
      const toggle = page.getByRole('button', { name: language === 'es' ? 'Español' : 'English' });
      if (await toggle.isVisible()) await toggle.click();
      await page.locator(`html[lang="${language}"]`).waitFor();
      assert.deepEqual(await seriousViolations(page), [], `${name} in ${language}: serious or critical violations`);
      for (const width of [390, 1280]) {
        await page.setViewportSize({ width, height: 900 });
        const file = SHOTS && path.join(SHOTS, `${name}-${language}-${width}.png`);
        if (file) await page.screenshot({ path: file, fullPage: true });
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

  async function close() {
    await browser.close();
    if (SHOTS) process.stdout.write(`# portal screenshots: ${SHOTS}\n`);
  }

  return { base, browser, newPage, closePage, audit, signIn, close };
}

/** A port free now on 127.0.0.1, for a window that must know its own address (PUBLIC_URL) before it listens. */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** On the filing's documents page: types an invoice for the COVE, signs it and waits for it in the list. */
export async function recordCove(page: Page, invoice = 'INV-2026-0042') {
  await page.getByLabel('Número de factura').fill(invoice);
  await page.getByLabel('Fecha de la factura').fill('2026-10-15');
  await page.getByLabel('Número fiscal del proveedor').fill('12-3456789');
  await page.getByLabel('Nombre del proveedor').fill('Proveedor Internacional GmbH');
  await page.getByLabel('Calle y número de la otra parte').fill('Hauptstrasse 1');
  await page.getByRole('button', { name: 'Firmar y registrar el COVE' }).click();
  await page
    .getByRole('listitem')
    .filter({ hasText: /^COVE COVE/ })
    .waitFor();
}

/** axe-core in the page (evaluated through the DevTools protocol, so the page's CSP stays as served). */
async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  const result = await page.evaluate(async () => {
    const axe = (globalThis as any).axe;
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v: any) => ({
      id: v.id,
      impact: v.impact,
      nodes: v.nodes.length,
      // Where, and why (e.g. the two colours and their contrast), for the first few.
      at: v.nodes.slice(0, 3).map((n: any) => `${n.target.join(' ')}: ${n.failureSummary?.split('\n')[1]?.trim()}`),
    }));
  });
  return result
    .filter((v: { impact: string }) => v.impact === 'serious' || v.impact === 'critical')
    .map((v: any) => `${v.id} (${v.impact}, ${v.nodes} nodes) at ${v.at.join('; ')}`);
}
