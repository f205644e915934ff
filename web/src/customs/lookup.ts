import { ApiProblem, api, call, type Problem, type Schemas } from '../api/client';

export type Declaration = Schemas['Declaration'];
export type PermitDraws = Schemas['PermitDraws'];
export type Reason = Schemas['DeclarationReason'];

/** A pedimento as people type it ("26 24 3170 0000123"): digits only, 15 of them. */
export const pedimentoDigits = (text: string) => text.replace(/[\s-]/g, '');
export const isPedimento = (text: string) => /^[0-9]{15}$/.test(pedimentoDigits(text));
/** A permit number as printed, in any case ("cofepris-2026-000123"). */
export const permitNumber = (text: string) => text.trim().toUpperCase();
export const isPermitNumber = (text: string) => /^[A-Z]+-[0-9]{4}-[0-9]{6}$/.test(permitNumber(text));

const problemOf = (err: unknown): Problem =>
  err instanceof ApiProblem ? err.problem : { status: 0, code: 'internal' };

export async function readDeclaration(
  number: string,
): Promise<{ ok: true; data: Declaration } | { ok: false; problem: Problem }> {
  try {
    const data = await call(api.GET('/api/v1/customs/declarations/{number}', { params: { path: { number } } }));
    return { ok: true, data };
  } catch (err) {
    return { ok: false, problem: problemOf(err) };
  }
}

export async function readPermitDraws(
  number: string,
): Promise<{ ok: true; data: PermitDraws } | { ok: false; problem: Problem }> {
  try {
    const data = await call(api.GET('/api/v1/customs/permits/{number}/draws', { params: { path: { number } } }));
    return { ok: true, data };
  } catch (err) {
    return { ok: false, problem: problemOf(err) };
  }
}

/** The reasons of one goods line (or, with null, of the declaration as a whole). */
export const reasonsOf = (reasons: Reason[], line: number | null) => reasons.filter((r) => r.line === line);
