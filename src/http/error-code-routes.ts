import { Type } from 'typebox';
import { ERROR_CODES } from '../error-codes.ts';
import { Problem } from './schemas.ts';
import type { App } from './typed-app.ts';

/** Said in the document's description and in Problem's, so a client generator carries it. */
export const PROBLEM_DESCRIPTION =
  'every `code` the window answers with, its status and meaning, is listed at GET /api/v1/error-codes; ' +
  'codes never change once released.';

const ErrorCodeEntry = Type.Object(
  {
    code: Type.String({ examples: ['registry.rfc_check_digit'] }),
    status: Type.Integer({ minimum: 400, maximum: 599 }),
    meaning: Type.String(),
  },
  { title: 'ErrorCode' },
);
const ErrorCodeList = Type.Object(
  { items: Type.Array(ErrorCodeEntry) },
  { title: 'ErrorCodeList', description: 'Every problem code (a fixed list)' },
);

const items = Object.entries(ERROR_CODES)
  .map(([code, { status, meaning }]) => ({ code, status, meaning }))
  .sort((a, b) => a.code.localeCompare(b.code));

export function errorCodeRoutes(app: App) {
  app.get(
    '/api/v1/error-codes',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'listErrorCodes',
        tags: ['errors'],
        summary: 'Every problem code, its HTTP status and meaning',
        description: 'The `code` of a problem+json answer is stable: clients may branch on it.',
        response: { 200: ErrorCodeList, '4xx': Problem },
      },
    },
    async (_req, reply) => reply.header('cache-control', 'public, max-age=3600').send({ items }),
  );
}
