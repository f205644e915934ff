import { Type } from 'typebox';
import type { Context } from '../context.ts';
import type { App } from '../http/typed-app.ts';
import { principalOf } from '../http/access.ts';
import { AgencyCode, PermitNumber, ProcedureCode, Rfc } from '../http/identifiers.ts';
import { cursorKey, keyedPage, PageQuery } from '../http/pagination.ts';
import { Problem } from '../http/schemas.ts';
import { signedRoute } from '../http/signed-route.ts';
import { PermitRevoked } from '../http/signed-action/results.ts';
import { checkRevocation, permitView, readPermit, revokePermit, verifyPermit } from './permits.ts';
import { renderPermitPdf } from './pdf.ts';
import { Permit, PermitPage, PermitPdf, PermitVerification } from './responses.ts';
import { listPermits } from './list.ts';
import { PERMIT_STATUSES } from './status.ts';
import { VERIFICATION_CODE_INPUT } from './verification-code.ts';
import { hitRateLimit } from '../rate-limit.ts';

const Number_ = Type.Object({ number: PermitNumber });
const PrintedCode = Type.String({
  pattern: VERIFICATION_CODE_INPUT,
  description: 'The verification code printed on the permit, e.g. 7K3M-Q9TX-2B4R',
});
const VerifyTokenBody = Type.Object(
  { token: Type.String({ minLength: 20, maxLength: 4096, description: 'The token in the QR code (a compact JWS)' }) },
  { title: 'PermitTokenVerificationRequest', additionalProperties: false },
);
const tags = ['permits'];

const PermitFilters = Type.Object(
  {
    status: Type.Optional(Type.Enum(PERMIT_STATUSES, { description: 'Only permits in this status today' })),
    procedure: Type.Optional(ProcedureCode),
    agency: Type.Optional(AgencyCode),
    traderRfc: Type.Optional(Rfc),
    endsBy: Type.Optional(
      Type.String({
        format: 'date',
        description: 'Only permits whose last valid day is on or before this day (with status=valid: ending soon)',
      }),
    ),
    ...PageQuery,
  },
  { additionalProperties: false },
);

export function permitRoutes(app: App, ctx: Context) {
  app.get(
    '/api/v1/permits',
    {
      config: { access: { scope: 'read' } },
      schema: {
        tags,
        operationId: 'listPermits',
        summary: 'The permits I may see, newest first, with their balances',
        description:
          'The permits of the traders the caller acts for now (the trader, its legal representative, a broker while ' +
          'delegated) and, for officers, those of the applications they handle. Customs officers read permits by ' +
          'number, not in lists. One page at a time (follow `next`).',
        querystring: PermitFilters,
        response: { 200: PermitPage, '4xx': Problem },
      },
    },
    async (req) => {
      const { cursor, limit = 50, ...filters } = req.query;
      const rows = await listPermits(ctx, principalOf(req), {
        ...filters,
        limit,
        after: cursorKey(cursor, ['timestamp', 'uuid']),
      });
      return keyedPage(rows, limit, req.url);
    },
  );

  app.get(
    '/api/v1/permits/:number',
    {
      config: { access: { scope: 'read' } },
      schema: {
        tags,
        operationId: 'getPermit',
        summary: 'A permit with its balances (holder, its agency, customs)',
        description:
          "The holder's applicant side, the officers who handled its application and ANAM customs officers " +
          'read it; to anyone else it does not exist.',
        params: Number_,
        response: { 200: Permit, '4xx': Problem },
      },
    },
    async (req) => permitView(ctx, await readPermit(ctx, principalOf(req), req.params.number)),
  );

  app.get(
    '/api/v1/permits/:number/pdf',
    {
      config: { access: { scope: 'read' } },
      schema: {
        tags,
        operationId: 'getPermitPdf',
        summary: 'The permit as PDF, with its QR code',
        params: Number_,
        produces: ['application/pdf'],
        response: { 200: PermitPdf, '4xx': Problem },
      },
    },
    async (req, reply) => {
      const permit = await readPermit(ctx, principalOf(req), req.params.number);
      const pdf = await renderPermitPdf(
        permit.document,
        permit.token,
        permit.verification_code,
        ctx.catalogue.labels(permit.document.procedure.code),
      );
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="${permit.number}.pdf"`)
        .send(Buffer.from(pdf));
    },
  );

  // Public, so counted per client address: nobody walks the number space or hammers the database.
  const countHit = (ip: string) => hitRateLimit(ctx.db, `verify:${ip}`, ctx.config.verifyRateLimit, ctx.clock.now());

  app.get(
    '/api/v1/verify/:number',
    {
      config: { access: 'public' },
      schema: {
        tags,
        operationId: 'verifyPermitByNumber',
        params: Number_,
        summary:
          'Public verification by number: without a code only whether the number was issued; with the code ' +
          'printed on the permit, authentic, status, agency, validity',
        description: 'Rate-limited per client address. A wrong code answers like a number never issued.',
        querystring: Type.Object(
          {
            code: Type.Optional(PrintedCode),
          },
          { additionalProperties: false },
        ),
        response: { 200: PermitVerification, '4xx': Problem },
      },
    },
    async (req) => {
      await countHit(req.ip);
      return verifyPermit(ctx, { number: req.params.number, code: req.query.code });
    },
  );

  app.post(
    '/api/v1/verify/:number',
    {
      config: { access: 'public' },
      schema: {
        tags,
        operationId: 'verifyPermitByNumberPosted',
        params: Number_,
        summary: 'Public verification by number and the printed code, sent in the body',
        description:
          'Rate-limited per client address. Answers as `GET /api/v1/verify/{number}?code=`, but the code travels ' +
          'in the body, so it stays out of access logs and proxies. A wrong code answers like a number never ' +
          'issued. The portal (/verificar) calls this.',
        body: Type.Object(
          {
            code: PrintedCode,
          },
          { additionalProperties: false },
        ),
        response: { 200: PermitVerification, '4xx': Problem },
      },
    },
    async (req) => {
      await countHit(req.ip);
      return verifyPermit(ctx, { number: req.params.number, code: req.body.code });
    },
  );

  app.get(
    '/api/v1/verify',
    {
      config: { access: 'public' },
      schema: {
        tags,
        operationId: 'verifyPermitToken',
        deprecated: true,
        summary: "Public verification of a permit's QR token in the query string (deprecated: use POST)",
        description:
          "Rate-limited per client address. The token is checked with the window's published keys, then " +
          'against the permit it names. Deprecated: a query string lands in access logs and proxies, so the ' +
          'token (the whole QR content) would be kept there; use `POST /api/v1/verify` with the token in the body. ' +
          'Kept, answering the same, for the clients already written against it.',
        querystring: Type.Object(
          { token: Type.String({ minLength: 20, maxLength: 4096, description: 'The token in the QR code' }) },
          { additionalProperties: false },
        ),
        response: { 200: PermitVerification, '4xx': Problem },
      },
    },
    async (req) => {
      await countHit(req.ip);
      return verifyPermit(ctx, { token: req.query.token });
    },
  );

  app.post(
    '/api/v1/verify',
    {
      config: { access: 'public' },
      schema: {
        tags,
        operationId: 'verifyPermitTokenPosted',
        summary: "Public verification of a permit's QR token, sent in the body",
        description:
          "Rate-limited per client address. The token is checked with the window's published keys (422 " +
          '`permit.token_invalid` when it does not verify), then against the permit it names: authentic, status ' +
          '(revoked, expired, exhausted…), agency, validity. The token travels in the body, so it stays out of ' +
          'access logs and proxies. The portal (/verificar) calls this.',
        body: VerifyTokenBody,
        response: { 200: PermitVerification, '4xx': Problem },
      },
    },
    async (req) => {
      await countHit(req.ip);
      return verifyPermit(ctx, { token: req.body.token });
    },
  );

  signedRoute(app, ctx, {
    method: 'POST',
    url: '/api/v1/permits/:number/revocation',
    action: 'permit.revoke',
    tags,
    params: Number_,
    names: { prepare: 'preparePermitRevocation', act: 'revokePermit' },
    result: PermitRevoked,
    summary: 'Revoke a permit (its agency, signed, with a reason)',
    body: Type.Object({ reason: Type.String({ minLength: 3, maxLength: 2000 }) }, { additionalProperties: false }),
    check: (db, { principal, params }) => checkRevocation(db, principal, params.number),
    act: async (tx, { principal, params, data, signatureId }) => {
      await revokePermit(tx, {
        number: params.number,
        reason: data.reason,
        principal,
        signatureId,
        now: ctx.clock.now(),
      });
      return { object: { type: 'permit', id: params.number }, result: { number: params.number, status: 'revoked' } };
    },
  });
}
