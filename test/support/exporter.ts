/**
 * The window of the certificate-of-origin tests: one exporter (its legal representative files) and SE's certificate
 * of cars to Japan, the quickest permit to obtain through the API.
 */
import assert from 'node:assert/strict';
import { carsToJapan, FORMS, type Actor } from './pipeline.ts';
import { startTestWindow, type TestWindow } from './window.ts';

export const ORIGIN_FORM = { 'SE-ORIGIN-CERTIFICATE': FORMS['SE-ORIGIN-CERTIFICATE']! };

export interface ExporterWindow {
  w: TestWindow;
  /** The exporter's legal representative, logged in: the one who files and signs. */
  rep: Actor;
  exporter: { rfc: string; token: string };
}

export async function startExporterWindow(): Promise<ExporterWindow> {
  const w = await startTestWindow();
  const person = await w.person({ name: 'Carla Exportadora' });
  const exporter = await w.registerTrader(person);
  return { w, rep: { ...person, token: exporter.token }, exporter };
}

/** Files the certificate, has an officer of the SE office it was routed to approve it; answers the permit. */
export async function issueCertificate({ w, rep, exporter }: ExporterWindow): Promise<any> {
  const filed = await w.fileOperation(rep, {
    traderRfc: exporter.rfc,
    flow: 'export',
    goods: [carsToJapan()],
    procedureData: ORIGIN_FORM,
  });
  const [application] = filed.applications;
  assert.ok(application?.office, `an office-bound application: ${JSON.stringify(filed.applications)}`);
  const officer = await w.officer('SE', ['reviewer', 'resolver'], application.office);
  await w.approve(officer, application.id);
  const number = (await w.call('GET', `/api/v1/applications/${application.id}`, { token: exporter.token })).body.permit
    .number;
  return (await w.call('GET', `/api/v1/permits/${number}`, { token: exporter.token })).body;
}
