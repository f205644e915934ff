import { Type } from 'typebox';
import { appendAudit } from '../audit/log.ts';
import type { Context } from '../context.ts';
import type { App } from '../http/typed-app.ts';
import { notFound } from '../errors.ts';
import { principalOf } from '../http/access.ts';
import { Uuid } from '../http/identifiers.ts';
import { cursorKey, keyedPage, PageQuery } from '../http/pagination.ts';
import { ChallengeResponse, Problem, SignedBody } from '../http/schemas.ts';
import { signedRoute } from '../http/signed-route.ts';
import { ApiTokenCreated } from '../http/signed-action/results.ts';
import { checkApiTokenRequest, login, logout, MAX_API_TOKEN_DAYS, startLogin } from './login.ts';
import { SCOPES } from './principal.ts';
import { ApiTokenPage, Session } from './responses.ts';
import { createToken, listApiTokens, revokeToken } from './sessions.ts';

const tags = ['auth'];

const ApiTokenRequest = Type.Object(
  {
    label: Type.String({
      minLength: 1,
      maxLength: 100,
      description: "What the token is for, e.g. the broker's filing software",
    }),
    scopes: Type.Array(Type.Enum(SCOPES), { minItems: 1 }),
    expiresInDays: Type.Integer({ minimum: 1, maximum: MAX_API_TOKEN_DAYS }),
  },
  { additionalProperties: false },
);

export function authRoutes(app: App, ctx: Context) {
  app.post(
    '/api/v1/auth/challenge',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'startLogin',
        tags,
        summary: 'Start a login: get a single-use payload to sign with your e.firma',
        description:
          'Sign the RFC 8785 canonical JSON of `payload` (e.g. `ventanilla sign`) and send ' +
          'it to POST /api/v1/auth/login. Rate-limited per client address.',
        response: { 201: ChallengeResponse, '4xx': Problem },
      },
    },
    async (req, reply) => reply.code(201).send(await startLogin(ctx, { clientAddress: req.ip })),
  );

  app.post(
    '/api/v1/auth/login',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'login',
        tags,
        summary: 'Log in with the signed challenge',
        body: SignedBody,
        description:
          'The certificate must chain to a trusted CA, be valid and unrevoked; the session never outlives it.',
        response: { 200: Session, '4xx': Problem },
      },
    },
    async (req) => {
      const issued = await login(ctx, { input: req.body, clientAddress: req.ip });
      return { token: issued.token, expiresAt: issued.expiresAt };
    },
  );

  app.post(
    '/api/v1/auth/logout',
    {
      config: { access: { scope: 'read' } },
      schema: {
        operationId: 'logout',
        tags,
        summary: 'End this session (or revoke this API token)',
        response: { 204: Type.Null({ description: 'The session is over' }), '4xx': Problem },
      },
    },
    async (req, reply) => {
      await logout(ctx.db, principalOf(req), ctx.clock.now());
      return reply.code(204).send(null);
    },
  );

  signedRoute(app, ctx, {
    method: 'POST',
    url: '/api/v1/api-tokens',
    action: 'auth.create_api_token',
    tags,
    names: { prepare: 'prepareApiTokenCreation', act: 'createApiToken' },
    result: ApiTokenCreated,
    summary: 'Create a scoped API token for system-to-system clients',
    body: ApiTokenRequest,
    check: async (_db, { principal, data }) => checkApiTokenRequest(principal, data),
    act: async (tx, { principal, data, signer, signatureId }) => {
      const expiresAt = new Date(ctx.clock.now().getTime() + data.expiresInDays * 86_400_000);
      const issued = await createToken(tx, {
        kind: 'api_token',
        signer,
        scopes: data.scopes,
        expiresAt,
        label: data.label,
      });
      await appendAudit(tx, {
        type: 'auth.api_token_created',
        actorRfc: principal.rfc,
        objectType: 'api_token',
        objectId: issued.id,
        signatureId,
        data: { label: data.label, scopes: data.scopes, expiresAt: issued.expiresAt },
      });
      return {
        status: 201,
        object: { type: 'api_token', id: issued.id },
        result: { ...issued, label: data.label, scopes: data.scopes },
      };
    },
  });

  app.get(
    '/api/v1/api-tokens',
    {
      config: { access: { scope: 'read' } },
      schema: {
        operationId: 'listApiTokens',
        tags,
        summary: 'My API tokens (never the secrets), newest first',
        querystring: Type.Object({ ...PageQuery }, { additionalProperties: false }),
        response: { 200: ApiTokenPage, '4xx': Problem },
      },
    },
    async (req) => {
      const { limit = 50, cursor } = req.query;
      return keyedPage(
        await listApiTokens(ctx.db, principalOf(req).rfc, { limit, after: cursorKey(cursor, ['timestamp', 'uuid']) }),
        limit,
        req.url,
      );
    },
  );

  app.delete(
    '/api/v1/api-tokens/:id',
    {
      config: { access: { scope: 'write' } },
      schema: {
        operationId: 'revokeApiToken',
        tags,
        summary: 'Revoke one of my API tokens',
        params: Type.Object({ id: Uuid }),
        response: { 204: Type.Null({ description: 'Revoked' }), '4xx': Problem },
      },
    },
    async (req, reply) => {
      const principal = principalOf(req);
      const { id } = req.params;
      await ctx.db.transaction(async (tx) => {
        if (!(await revokeToken(tx, { id, rfc: principal.rfc, kind: 'api_token', at: ctx.clock.now() })))
          throw notFound('api_token', id);
        await appendAudit(tx, {
          type: 'auth.api_token_revoked',
          actorRfc: principal.rfc,
          objectType: 'api_token',
          objectId: id,
        });
      });
      return reply.code(204).send(null);
    },
  );
}
