import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';

/** RFC 9457 problem details, with our stable `code` beside the standard members. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  instance: string;
  errors?: Array<{ path: string; message: string }>;
  [extra: string]: unknown;
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  410: 'Gone',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export function sendProblem(
  reply: FastifyReply,
  req: FastifyRequest,
  status: number,
  code: string,
  detail: string,
  extra: Record<string, unknown> = {},
) {
  // Details first: they may add members but never replace the standard ones.
  const problem: Problem = {
    ...extra,
    type: `urn:ventanilla:problem:${code}`,
    title: TITLES[status] ?? 'Error',
    status,
    code,
    detail,
    instance: req.url,
  };
  if (status === 429 && typeof extra.retryAfterSeconds === 'number')
    reply.header('retry-after', String(extra.retryAfterSeconds));
  return reply.code(status).type('application/problem+json').send(problem);
}

// Fastify's own client errors, given stable codes of ours.
const FASTIFY_CODES: Record<string, [number, string, string]> = {
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'request.malformed_json', 'The body is not valid JSON.'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'request.malformed_json', 'The body is empty but declared as JSON.'],
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'request.too_large', 'The body is larger than this endpoint accepts.'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'request.unsupported_media_type', 'Send application/json.'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, 'request.bad_content_length', 'Content-Length does not match the body.'],
};

export function installErrorHandling(app: FastifyInstance) {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (err instanceof AppError) {
      return sendProblem(reply, req, err.status, err.code, err.message, err.details ?? {});
    }
    if (err.validation) {
      const errors = err.validation.map((v) => ({
        path: `${err.validationContext ?? 'body'}${v.instancePath || ''}`,
        message:
          v.keyword === 'additionalProperties'
            ? `unknown field "${(v.params as { additionalProperty: string }).additionalProperty}"`
            : (v.message ?? 'is invalid'),
      }));
      const detail = errors.map((e) => `${e.path}: ${e.message}`).join('; ');
      return sendProblem(reply, req, 400, 'request.invalid', `The request does not match the schema: ${detail}`, {
        errors,
      });
    }
    const known = err.code ? FASTIFY_CODES[err.code] : undefined;
    if (known) return sendProblem(reply, req, known[0], known[1], known[2]);
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      return sendProblem(reply, req, err.statusCode, 'request.rejected', err.message);
    }
    req.log.error({ err }, 'unhandled error');
    return sendProblem(reply, req, 500, 'internal', 'Something failed on our side; it was logged.');
  });
  app.setNotFoundHandler((req, reply) =>
    sendProblem(reply, req, 404, 'route.not_found', `No route ${req.method} ${req.url.split('?')[0]}.`),
  );
}
