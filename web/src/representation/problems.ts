import type { TFunction } from 'i18next';
import { ApiProblem } from '../api/client';
import type { FieldProblem } from '../components/ErrorSummary';
import { EfirmaForgottenError } from '../efirma/errors';
import { problemText } from '../i18n';

/** What went wrong in a step as the error summary's line, linked to `field` when the problem is about it. */
export function stepProblem(err: unknown, t: TFunction, field?: (code: string) => string | undefined): FieldProblem {
  if (err instanceof ApiProblem) return { field: field?.(err.problem.code), message: problemText(err.problem.code) };
  if (err instanceof EfirmaForgottenError) return { message: t('representation.keyForgotten') };
  return { message: problemText('internal') };
}
