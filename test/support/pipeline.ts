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
  applications: { id: string; procedureCode: string; agency: string; dueDate?: string }[];
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
}

/** Drafts an operation and submits it signed by `filer`; fails the test if either step is refused. */
export async function fileOperation(w: TestWindow, filer: Actor, input: FileOperationInput): Promise<FiledOperation> {
  const draft = await w.call('POST', '/api/v1/operations', {
    token: filer.token,
    body: {
      traderRfc: input.traderRfc,
      flow: input.flow ?? 'import',
      data: {
        goods: input.goods,
        ...input.data,
        ...(input.procedureData ? { procedureData: input.procedureData } : {}),
      },
    },
  });
  assert.equal(draft.status, 201, `draft: ${JSON.stringify(draft.body)}`);
  const submitted = await w.signed(filer.token, filer, 'POST', `/api/v1/operations/${draft.body.id}/submit`, {});
  assert.equal(submitted.status, 201, `submission: ${JSON.stringify(submitted.body)}`);
  return { operationId: draft.body.id, applications: submittedOf(submitted.body).applications, answer: submitted.body };
}

/** Takes an application through assignment and review to a signed approval by `officer` (reviewer and resolver). */
export async function approve(w: TestWindow, officer: Actor, applicationId: string): Promise<void> {
  for (const step of ['assignment', 'review']) {
    const res = await w.call('POST', `/api/v1/applications/${applicationId}/${step}`, { token: officer.token });
    assert.equal(res.status, 200, `${step}: ${JSON.stringify(res.body)}`);
  }
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

let sequence = 0;
/** A fresh pedimento number of `office` (its two-digit key) and the broker's patent, in the date's year. */
export function pedimentoNumber(patent: string, date: string, officeKey = '24'): string {
  return `${date.slice(2, 4)}${officeKey}${patent}${String(++sequence).padStart(7, '0')}`;
}

/** A customs declaration body: today's date in Mexico City unless given; Nuevo Laredo. */
export function declarationBody(
  w: TestWindow,
  input: { brokerPatent: string; traderRfc: string; lines: unknown[] } & Record<string, unknown>,
) {
  const date = (input.date as string | undefined) ?? mexicoDate(w.ctx.clock.now());
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
