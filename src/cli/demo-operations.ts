import crypto from 'node:crypto';
import { createOperation } from '../applications/operations.ts';
import { submitAction } from '../applications/submit-action.ts';
import { autoApprove } from '../applications/timers.ts';
import { transition } from '../applications/transition.ts';
import type { Action } from '../applications/workflow.ts';
import type { Principal } from '../auth/principal.ts';
import { mexicoDate } from '../calendar/calendar.ts';
import type { Context } from '../context.ts';
import { windowDocuments } from '../customs/declaration-documents.ts';
import { submitDeclaration } from '../customs/declarations.ts';
import { AppError } from '../errors.ts';
import type { Sql } from '../db/db.ts';
import type { VerifiedSigner } from '../pki/signature.ts';
import { issueSigningPayload, performSignedAction } from '../http/signed-action/perform.ts';
import { signPayload, type Signer } from '../pki/index.ts';
import { actSigned, DEMO_TRADER_RFC } from './demo-signing.ts';

/** A principal as a login with this e.firma would give (demo seeding acts without HTTP). */
export const principalOf = (signer: Signer): Principal => ({
  sessionId: crypto.randomUUID(),
  kind: 'session',
  rfc: signer.certificate.rfc!,
  curp: signer.certificate.curp,
  name: signer.certificate.name,
  certificateFingerprint: signer.certificate.fingerprint,
  scopes: ['read', 'write'],
});

const line = (
  hsCode: string,
  description: string,
  quantity: number,
  unit: string,
  value: number,
  originCountry: string,
) => ({
  hsCode,
  description,
  quantity,
  unit,
  value,
  currency: 'USD',
  originCountry,
  destinationCountry: 'MX',
  customsOffice: 'ANAM-TAMPS-NLD',
});

const ARMS = {
  purpose: 'sport_shooting',
  endUser: 'Club de Tiro Monterrey, A.C.',
  storageAddress: 'Av. Constitución 1500, Centro, Monterrey, N.L.',
};
const MEDICINES = {
  sanitaryRegistrations: ['123M2015 SSA IV'],
  pharmaceuticalForm: 'tablet',
  responsiblePharmacistLicence: '12345678',
};
const STEEL = {
  meltCountry: 'CN',
  millName: 'Baosteel',
  millCertificateNumber: 'MC-2026-0311',
  millCertificateDate: '2026-11-02',
};

async function file(
  ctx: Context,
  signer: Signer,
  flow: 'import',
  goods: ReturnType<typeof line>[],
  procedureData: Record<string, Record<string, unknown>>,
) {
  const principal = principalOf(signer);
  const draft = await createOperation(ctx.db, principal, {
    traderRfc: DEMO_TRADER_RFC,
    flow,
    data: { goods, procedureData },
  });
  // Through the same signed-action pipeline as the API: payload, signature, one sealed answer.
  const action = submitAction(ctx, { autoApproval: 'caller' });
  const params = { id: draft.id };
  const issued = await issueSigningPayload(ctx, action, { principal, params, input: {} });
  const signed = { challengeId: issued.challengeId, ...signPayload(issued.payload, signer) };
  const { answer } = await performSignedAction(ctx, action, { principal, params, signed });
  return answer.data as { applications: Array<{ id: string; agency: string }> };
}

async function step(ctx: Context, officer: Signer, applicationId: string, action: Action, message?: string) {
  const principal = principalOf(officer);
  const run = (signed?: { signer: VerifiedSigner; signatureId: string }) => (tx: Sql) =>
    transition(tx, ctx, { applicationId, action, actor: { kind: 'officer', principal, ...signed }, message });
  if (['assign', 'start_review', 'resume_review', 'return_proposal'].includes(action)) return ctx.db.transaction(run());
  return actSigned(ctx, officer, `application.${action}`, { id: applicationId }, { message }, (tx, s) => run(s)(tx));
}

/**
 * A few operations in the states people meet first: one waiting in the agencies' inboxes with an
 * information request, one approved with a permit that a customs declaration drew on, an automatic notice
 * approved without a human, and a broker's draft.
 */
export async function seedDemoOperations(ctx: Context, signers: Map<string, Signer>, brokerPatent: string) {
  const rep = signers.get('legal-rep')!;
  const cofepris = signers.get('cofepris-reviewer')!;
  const pending = await file(
    ctx,
    rep,
    'import',
    [
      line('930190', 'Rifles deportivos calibre .22', 12, 'PCE', 8400, 'US'),
      line('300490', 'Medicamento antihipertensivo en tabletas', 400, 'KGM', 36000, 'DE'),
    ],
    { 'SEDENA-ARMS-IMPORT': ARMS, 'COFEPRIS-MEDICINES-IMPORT': MEDICINES },
  );
  const medicines = pending.applications;
  const health = medicines.find((a) => a.agency === 'COFEPRIS')!.id;
  await step(ctx, cofepris, health, 'assign');
  await step(ctx, cofepris, health, 'start_review');
  await step(
    ctx,
    cofepris,
    health,
    'request_information',
    'Adjunte el certificado de análisis del lote y la carta de la farmacia responsable.',
  );

  const approved = await file(
    ctx,
    rep,
    'import',
    [line('300490', 'Medicamento analgésico en tabletas', 150, 'KGM', 9000, 'ES')],
    { 'COFEPRIS-MEDICINES-IMPORT': MEDICINES },
  );
  const approvedId = approved.applications[0]!.id;
  await step(ctx, cofepris, approvedId, 'assign');
  await step(ctx, cofepris, approvedId, 'start_review');
  await step(ctx, cofepris, approvedId, 'approve');
  await declareDemo(ctx, signers, approvedId, brokerPatent);

  const notice = await file(
    ctx,
    rep,
    'import',
    [line('720851', 'Lámina de acero rolada en caliente', 24000, 'KGM', 19200, 'CN')],
    { 'SE-STEEL-NOTICE': STEEL },
  );
  for (const { id } of notice.applications) await autoApprove(ctx, id);

  const broker = principalOf(signers.get('broker')!);
  await createOperation(ctx.db, broker, {
    traderRfc: DEMO_TRADER_RFC,
    flow: 'import',
    data: { goods: [line('401220', 'Llantas usadas para recauchutar', 300, 'PCE', 4500, 'US')] },
  });
}

/**
 * What the customs officer finds at /aduana: a declaration at Nuevo Laredo that drew 40 of the approved permit's 150
 * KGM, and one refused under another number (a line with no permit, a line citing one never issued). Numbers are
 * this year's, office key 24, the demo broker's patent, sequences 1 and 2.
 */
async function declareDemo(ctx: Context, signers: Map<string, Signer>, applicationId: string, brokerPatent: string) {
  const officer = principalOf(signers.get('customs-officer')!);
  const { number: permit } = await ctx.db.one<{ number: string }>(
    'select number from permits where application_id = $1',
    [applicationId],
  );
  const date = mexicoDate(ctx.clock.now());
  const goods = (permits: string[], quantity: number) => ({
    hsCode: '3004909999',
    quantity,
    unit: 'KGM',
    value: quantity * 60,
    currency: 'USD',
    originCountry: 'ES',
    destinationCountry: 'MX',
    permits: permits.map((number) => ({ number })),
  });
  const declaration = (sequence: number, lines: ReturnType<typeof goods>[]) => ({
    number: `${date.slice(2, 4)}24${brokerPatent}${String(sequence).padStart(7, '0')}`,
    customsOffice: 'ANAM-TAMPS-NLD',
    brokerPatent,
    traderRfc: DEMO_TRADER_RFC,
    flow: 'import' as const,
    date,
    lines,
  });
  await submitDeclaration(ctx, officer, declaration(1, [goods([permit], 40)]), windowDocuments);
  try {
    const [year] = date.split('-');
    await submitDeclaration(
      ctx,
      officer,
      declaration(2, [goods([], 10), goods([`COFEPRIS-${Number(year) - 1}-999999`], 5)]),
      windowDocuments,
    );
  } catch (err) {
    if (!(err instanceof AppError && err.code === 'declaration.refused')) throw err;
  }
}
