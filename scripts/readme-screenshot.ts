/**
 * The README's screenshot (docs/portal-dashboard.png): a fresh demo window, the demo legal representative signed in
 * with the demo e.firma files through the sign-in page, the dashboard at 1280 px. Run by hand when the dashboard
 * changes: `node --import tsx scripts/readme-screenshot.ts`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launchChromium } from '../test/support/browser.ts';
import { startServerProcess } from '../test/support/processes.ts';

const OUT = path.join(import.meta.dirname, '..', 'docs', 'portal-dashboard.png');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ventanilla-screenshot-'));
const server = await startServerProcess({ VENTANILLA_DATA_DIR: dataDir });
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
  await page.goto(`${server.url}/entrar`);
  const efirma = path.join(dataDir, 'demo-efirma');
  await page.getByLabel('Certificado (.cer)').setInputFiles(path.join(efirma, 'GALA800101ABA.cer'));
  await page.getByLabel('Clave privada (.key)').setInputFiles(path.join(efirma, 'GALA800101ABA.key'));
  await page.getByLabel('Contraseña de la clave privada').fill('demo1234');
  await page.getByRole('button', { name: 'Entrar', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Mi panel' }).waitFor();
  await page.getByRole('table').first().waitFor();
  await page.screenshot({ path: OUT });
  console.log(`wrote ${path.relative(process.cwd(), OUT)}`);
} finally {
  await browser.close();
  await server.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
