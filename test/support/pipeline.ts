/**
 * Factories for the whole pipeline, through the public API as a client calls it: file an operation,
 * approve an application, get a permit, declare goods at customs. Tests that are about one of these
 * steps call the routes themselves; the others use these, so a change to a route's shape (the signed
 * answer's, for one) is made here once.
 */
import assert from 'node:assert/strict';
import { mexicoDate } from '../../src/calendar/calendar.ts';
import type { Person, TestWindow } from './window.ts';

/** Someone acting through the API: a session token and the e.firma that signs. */
export type Actor = Person & { token: string };

export interface FiledOperation {
  operationId: string;
  /** The applications the submission opened, as its acknowledgement lists them. */
  applications: { id: string; procedureCode: string; agency: string; dueDate?: string; office?: string | null }[];
  /** The whole signed answer, for tests that read more of it. */
  answer: any;
}

/**
 * What a signed submit filed: the one place that knows the signed answer's shape ({ data, acknowledgement, seal,
 * replayed }).
 */
export const submittedOf = (answer: any) => answer.data;

export interface FileOperationInput {
  traderRfc: string;
  goods: unknown[];
  flow?: 'import' | 'export';
  /** Typed data per procedure code. */
  procedureData?: Record<string, unknown>;
  /** Other fields of the operation's data (COVE and eDocument numbers). */
  data?: Record<string, unknown>;
  /**
   * Typed data to choose from, per procedure code (FORMS, say): the draft is made without forms, its preview says
   * which procedures the goods open, and the draft is completed with theirs, as the portal does.
   */
  forms?: Record<string, unknown>;
}

/** Drafts an operation and submits it signed by `filer`; fails the test if any step is refused. */
export async function fileOperation(w: TestWindow, filer: Actor, input: FileOperationInput): Promise<FiledOperation> {
  const data = (procedureData?: Record<string, unknown>) => ({
    goods: input.goods,
    ...input.data,
    ...(procedureData ? { procedureData } : {}),
  });
  const draft = await w.call('POST', '/api/v1/operations', {
    token: filer.token,
    body: { traderRfc: input.traderRfc, flow: input.flow ?? 'import', data: data(input.procedureData) },
  });
  assert.equal(draft.status, 201, `draft: ${JSON.stringify(draft.body)}`);
  const id = draft.body.id as string;
  if (input.forms) await completeForms(w, filer, id, input.forms, data);
  const submitted = await w.signed(filer.token, filer, 'POST', `/api/v1/operations/${id}/submit`, {});
  assert.equal(submitted.status, 201, `submission: ${JSON.stringify(submitted.body)}`);
  return { operationId: id, applications: submittedOf(submitted.body).applications, answer: submitted.body };
}

/** Completes a draft with the forms of the procedures its preview names, taken from `forms`. */
async function completeForms(
  w: TestWindow,
  filer: Actor,
  id: string,
  forms: Record<string, unknown>,
  data: (procedureData: Record<string, unknown>) => Record<string, unknown>,
) {
  const preview = await w.call('GET', `/api/v1/operations/${id}/preview`, { token: filer.token });
  assert.equal(preview.status, 200, `preview: ${JSON.stringify(preview.body)}`);
  const codes: string[] = preview.body.applications.map((a: any) => a.procedure.code);
  const missing = codes.filter((c) => !(c in forms));
  assert.deepEqual(missing, [], `no form data for ${missing.join(', ')}`);
  const completed = await w.call('PUT', `/api/v1/operations/${id}`, {
    token: filer.token,
    body: { expectedVersion: 1, data: data(Object.fromEntries(codes.map((c) => [c, forms[c]]))) },
  });
  assert.equal(completed.status, 200, `completion: ${JSON.stringify(completed.body)}`);
}

/** Takes an application through assignment and review by `officer`: ready for a resolution. */
export async function review(w: TestWindow, officer: Actor, applicationId: string): Promise<void> {
  for (const step of ['assignment', 'review']) {
    const res = await w.call('POST', `/api/v1/applications/${applicationId}/${step}`, { token: officer.token });
    assert.equal(res.status, 200, `${step}: ${JSON.stringify(res.body)}`);
  }
}

/** Takes an application through assignment and review to a signed approval by `officer` (reviewer and resolver). */
export async function approve(w: TestWindow, officer: Actor, applicationId: string): Promise<void> {
  await review(w, officer, applicationId);
  const resolved = await w.signed(officer.token, officer, 'POST', `/api/v1/applications/${applicationId}/resolution`, {
    decision: 'approve',
  });
  assert.equal(resolved.status, 200, `approval: ${JSON.stringify(resolved.body)}`);
}

/** Files an operation that opens one application, has `officer` approve it and answers the permit's number. */
export async function permit(w: TestWindow, filer: Actor, officer: Actor, input: FileOperationInput): Promise<string> {
  const filed = await fileOperation(w, filer, input);
  assert.equal(filed.applications.length, 1, `one application expected: ${JSON.stringify(filed.applications)}`);
  const id = filed.applications[0]!.id;
  await approve(w, officer, id);
  const seen = await w.call('GET', `/api/v1/applications/${id}`, { token: filer.token });
  assert.ok(seen.body?.permit?.number, `a permit: ${JSON.stringify(seen.body)}`);
  return seen.body.permit.number as string;
}

/** The medicines COFEPRIS reviews: an import of tablets from Germany through Nuevo Laredo. */
export const MEDICINES_FORM = {
  'COFEPRIS-MEDICINES-IMPORT': {
    sanitaryRegistrations: ['123M2015 SSA IV'],
    pharmaceuticalForm: 'tablet',
    responsiblePharmacistLicence: '12345678',
  },
};
/** Complete typed data of the procedures tests file most, by code (the `forms` a filing picks from). */
export const FORMS: Record<string, Record<string, unknown>> = {
  ...MEDICINES_FORM,
  'SEDENA-ARMS-IMPORT': {
    purpose: 'sport_shooting',
    endUser: 'Club de Tiro Monterrey A.C.',
    storageAddress: 'Av. Constitución 1500, Monterrey, N.L.',
  },
  'SE-STEEL-NOTICE': {
    meltCountry: 'CN',
    millName: 'Baosteel',
    millCertificateNumber: 'MC-2026-001',
    millCertificateDate: '2026-11-01',
  },
  'SENASICA-PHYTOSANITARY-IMPORT': {
    productCategory: 'fresh_fruit',
    requirementSheet: 'HRF-0804-PE',
    originPhytosanitaryCertificate: 'PE-2026-9981',
    treatment: 'cold_treatment',
  },
  'SENASICA-ZOOSANITARY-IMPORT': {
    commodityType: 'dairy_products',
    species: 'bovine',
    requirementSheet: '0402-01-JP',
    originHealthCertificate: 'JP-ZS-0001',
  },
  'SE-USED-CLOTHING-IMPORT': { intendedUse: 'industrial_recycling', fumigationCertificate: 'FUM-2026-11' },
  'SE-USED-TYRES-IMPORT': {
    intendedUse: 'retreading',
    tyreCategory: 'passenger_car',
    wasteManagementPlan: 'PM-19-0042',
  },
  'SE-ORIGIN-CERTIFICATE': {
    tradeAgreement: 'mexico_japan_epa',
    originCriterion: 'regional_value_content',
    invoiceNumbers: ['FAC-2026-0815'],
  },
};
/** Forty cars exported to Japan through Nuevo Laredo: SE's certificate of origin (office-bound). */
export const carsToJapan = () =>
  goodsLine('870323', 'MX', {
    description: 'Automóviles de turismo, motor de 1 500 a 3 000 cm³',
    quantity: 40,
    value: 960000,
    destinationCountry: 'JP',
  });
/** One goods line of an import through Nuevo Laredo: ten pieces worth USD 1,000 unless `extra` says otherwise. */
export const goodsLine = (hsCode: string, originCountry: string, extra: Record<string, unknown> = {}) => ({
  hsCode,
  description: `Mercancía ${hsCode}`,
  quantity: 10,
  unit: 'PCE',
  value: 1000,
  currency: 'USD',
  originCountry,
  destinationCountry: 'MX',
  customsOffice: 'ANAM-TAMPS-NLD',
  ...extra,
});
export const medicines = (quantity: number, value: number, extra: Record<string, unknown> = {}) => [
  goodsLine('300490', 'DE', { description: 'Medicamento en tabletas', quantity, unit: 'KGM', value, ...extra }),
];

// Past the demo's own declarations (the first sequences of the year under the demo broker's patent), which the
// tests on a demo window would otherwise repeat.
let sequence = 1_000_000;
/** A fresh pedimento number of `office` (its two-digit key) and the broker's patent, in the date's year. */
export function pedimentoNumber(patent: string, date: string, officeKey = '24'): string {
  return `${date.slice(2, 4)}${officeKey}${patent}${String(++sequence).padStart(7, '0')}`;
}

/** A declaration body through Nuevo Laredo, dated today in Mexico City (the window's clock if given) unless given. */
export function declarationBody(
  w: TestWindow | null,
  input: { brokerPatent: string; traderRfc: string; lines: unknown[] } & Record<string, unknown>,
) {
  const date = (input.date as string | undefined) ?? mexicoDate(w ? w.ctx.clock.now() : new Date());
  return {
    number: pedimentoNumber(input.brokerPatent, date),
    customsOffice: 'ANAM-TAMPS-NLD',
    flow: 'import',
    date,
    ...input,
  };
}

/** Posts a declaration as the customs system does; returns status and body. */
export const declaration = (w: TestWindow, token: string, body: unknown) =>
  w.call('POST', '/api/v1/customs/declarations', { token, body });
