import crypto from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import helmet from '@fastify/helmet';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Ajv, type ValidateFunction } from 'ajv';
import { Type } from 'typebox';
import addFormats from 'ajv-formats';
import type { Config } from '../config.ts';
import type { Context } from '../context.ts';
import { AppError } from '../errors.ts';
import { errorCodeRoutes, PROBLEM_DESCRIPTION } from './error-code-routes.ts';
import { installAccessControl } from './access.ts';
import { hoistComponents } from './openapi.ts';
import { portalRoutes } from './portal.ts';
import { installErrorHandling, sendProblem } from './problem.ts';
import { Problem } from './schemas.ts';
import { API_TAGS } from './tags.ts';
import type { App } from './typed-app.ts';

/**
 * Bodies are validated strictly (no coercion, unknown fields rejected, not stripped);
 * path and query strings arrive as text, so there types are coerced.
 * Compiled once per process and schema text: a second server in the process (each test window) reuses them, also
 * for the schemas that routes build anew at each registration.
 */
const validators = (() => {
  const make = (coerceTypes: boolean) => {
    const ajv = new Ajv({ coerceTypes, removeAdditional: false, useDefaults: true, allErrors: true, strict: false });
    addFormats.default(ajv);
    return ajv;
  };
  const strict = make(false);
  const coercing = make(true);
  const compiled = new Map<string, ValidateFunction>();
  return ({ schema, httpPart }: { schema: object; httpPart?: string }) => {
    const ajv = httpPart === 'body' ? strict : coercing;
    const key = `${ajv === strict ? 'strict' : 'coercing'} ${JSON.stringify(schema)}`;
    let validate = compiled.get(key);
    if (!validate) compiled.set(key, (validate = ajv.compile(schema)));
    return validate;
  };
})();

/**
 * A hop count trusts that many proxies nearest to the window (what Fastify does with a number, which its types omit).
 */
function trustedProxies(setting: Config['trustProxy']): FastifyServerOptions['trustProxy'] {
  return typeof setting === 'number' ? (_address: string, hop: number) => hop < setting : setting;
}

/**
 * Deeper JSON than any of our bodies needs; past it, recursive code (validation, jsonb, canonical JSON) risks the
 * stack.
 */
const MAX_JSON_DEPTH = 64;

/** One linear pass, no recursion: does the JSON text open more than `max` arrays/objects at once? */
export function jsonNestedDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // a backslash escapes the next character, a quote included
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) {
      depth--;
    }
  }
  return false;
}

/** Fastify's own JSON parser (prototype-poisoning refused), behind the depth check. */
function installJsonParser(app: FastifyInstance) {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
    if (jsonNestedDeeperThan(body as string, MAX_JSON_DEPTH)) {
      done(
        new AppError(
          'request.too_deep',
          `The JSON body is nested more than ${MAX_JSON_DEPTH} levels deep; no request needs that.`,
          400,
        ),
        undefined,
      );
      return;
    }
    parseJson(req, body as string, done);
  });
}

/**
 * Headers for every response. The CSP allows what the Swagger UI at /docs loads (its own scripts and styles,
 * inline style attributes, data: images) and nothing from elsewhere; no page may frame the window.
 * HSTS only when the window is reached over HTTPS; authenticated answers are never stored by a cache.
 */
async function installSecurityHeaders(app: FastifyInstance, config: Config) {
  const https = config.publicUrl.startsWith('https:');
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        // The agency pages show an eDocument's PDF, fetched with the session's token, from a blob: URL in a frame.
        frameSrc: ["'self'", 'blob:'],
        upgradeInsecureRequests: https ? [] : null,
      },
    },
    strictTransportSecurity: false,
    referrerPolicy: { policy: 'no-referrer' },
    xFrameOptions: { action: 'deny' },
  });
  app.addHook('onSend', async (req, reply, payload) => {
    if (https || req.protocol === 'https')
      reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
    const access = req.routeOptions.config?.access;
    if (access && access !== 'public') reply.header('cache-control', 'no-store');
    return payload;
  });
}

const Health = Type.Object({ status: Type.Literal('ok') }, { title: 'Health' });
const Readiness = Type.Object(
  { status: Type.Literal('ready'), database: Type.String({ examples: ['postgres'] }) },
  { title: 'Readiness' },
);

/**
 * The window's HTTP machinery (validation, JSON limits, security headers, problem+json, access control, the OpenAPI
 * document, health) with the routes `register` adds. The routes come from the composition root (src/server.ts), so
 * http/ serves every domain and imports none.
 */
export async function buildHttpServer(ctx: Context, register: (scope: App) => void): Promise<FastifyInstance> {
  const app = Fastify({
    logger: { level: ctx.config.logLevel },
    bodyLimit: 1024 * 1024,
    genReqId: () => crypto.randomUUID(),
    // Off unless TRUST_PROXY names the proxies: otherwise any client picks its own address with X-Forwarded-For
    // (and escapes the login limit). req.ip is then the address every limit and audit record uses.
    trustProxy: trustedProxies(ctx.config.trustProxy),
  });
  app.setValidatorCompiler(validators);
  installJsonParser(app);
  await installSecurityHeaders(app, ctx.config);
  // A POST without a body, to a route whose body fields are all optional, means "no fields".
  app.addHook('preValidation', async (req) => {
    if (req.body === undefined && req.routeOptions.schema?.body) req.body = {};
  });
  installErrorHandling(app);
  installAccessControl(app, ctx.db, ctx.trust, ctx.clock);

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Ventanilla API',
        version: '1',
        description:
          'National trade single window. Signed actions: POST .../signing-payload returns the exact payload; ' +
          'sign its RFC 8785 canonical JSON with your e.firma and submit ' +
          '{ challengeId, certificate, algorithm, signature }.\n\n' +
          'Lists take `limit` (1 to 200, default 50) and `cursor`, and answer `{ items, next }`: ' +
          'follow `next` (a relative URL) until it is null. ' +
          'Errors are RFC 9457 problem+json with a stable `code`: ' +
          PROBLEM_DESCRIPTION,
        license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
      },
      servers: [{ url: ctx.config.publicUrl }],
      tags: API_TAGS.map((t) => ({ ...t })),
      components: {
        securitySchemes: {
          bearer: {
            type: 'http',
            scheme: 'bearer',
            description: 'A session or API token from POST /api/v1/auth/login',
          },
        },
      },
    },
    transform: ({ schema, url, route }) => {
      const access = (route.config as { access?: unknown } | undefined)?.access;
      const secured = access && access !== 'public';
      // Public routes say so explicitly: an empty requirement overrides any default.
      return { schema: { ...schema, security: secured ? [{ bearer: [] }] : [] } as typeof schema, url };
    },
    transformObject: (document) =>
      hoistComponents(
        ('openapiObject' in document ? document.openapiObject : document.swaggerObject) as Record<string, unknown>,
      ),
  });
  // The contract (/openapi.json) is public; the browsable UI is a development aid unless VENTANILLA_DOCS=true.
  if (ctx.config.docs) await app.register(swaggerUi, { routePrefix: '/docs' });

  app.get(
    '/openapi.json',
    {
      config: { access: 'public' },
      schema: { hide: true, operationId: 'getOpenApi', tags: ['ops'], summary: 'This document' },
    },
    () => app.swagger(),
  );
  app.get(
    '/health',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'getHealth',
        tags: ['ops'],
        summary: 'Liveness',
        response: { 200: Health, '4xx': Problem },
      },
    },
    () => ({ status: 'ok' as const }),
  );
  app.get(
    '/ready',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'getReadiness',
        tags: ['ops'],
        summary: 'Readiness: the database answers',
        response: { 200: Readiness, '4xx': Problem, '5xx': Problem },
      },
    },
    async (req, reply) => {
      try {
        await ctx.db.query('select 1');
        return { status: 'ready', database: ctx.db.backend };
      } catch (err) {
        req.log.warn({ err }, 'database not reachable');
        return sendProblem(reply, req, 503, 'database.unavailable', 'The database does not answer.');
      }
    },
  );

  await app.register(async (untyped) => {
    const scope = untyped.withTypeProvider<TypeBoxTypeProvider>();
    register(scope);
    errorCodeRoutes(scope);
  });
  await portalRoutes(app);
  return app;
}
