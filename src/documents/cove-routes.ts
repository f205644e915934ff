import { Type } from 'typebox';
import type { Context } from '../context.ts';
import { principalOf } from '../http/access.ts';
import { cursorKey, keyedPage, PageQuery } from '../http/pagination.ts';
import { Problem } from '../http/schemas.ts';
import { signedRoute } from '../http/signed-route.ts';
import type { App } from '../http/typed-app.ts';
import { amendCove, fileCove, prepareCoveAmendment, prepareCoveFiling } from './cove.ts';
import { getCove, listCoves } from './cove-queries.ts';
import { CoveAmendmentInput, CoveInput, CoveNumber } from './cove-schemas.ts';
import { COVE_XML_EXAMPLE, COVE_XML_MAX_BYTES, coveFromXml, XML_MEDIA_TYPES } from './cove-xml.ts';
import { CoveSummaryPage, CoveWithChain } from './responses.ts';

const FILE = 'cove.file';
const AMEND = 'cove.amend';
const tags = ['coves'];
const read = { access: { scope: 'read' as const } };
const NumberParams = Type.Object({ number: CoveNumber });
const consumes = ['application/json', ...XML_MEDIA_TYPES];
const coveResult = (title: string) =>
  Type.Object(
    {
      number: Type.String(),
      rootNumber: Type.String(),
      version: Type.Integer(),
      trader: Type.String(),
      filedAt: Type.String({ format: 'date-time' }),
    },
    {
      title,
      additionalProperties: true,
      description: 'The COVE version as stored (its number, chain, filer and content)',
    },
  );
const CoveFiled = coveResult('CoveFiled');
const CoveAmended = coveResult('CoveAmended');
const XML_NOTE =
  'Send the COVE as JSON, or as XML (application/xml or text/xml, UTF-8, at most 1 MiB, no DOCTYPE or ENTITY) ' +
  'in this VUCEM-like shape; either way the answer is the same JSON payload to sign with your e.firma.\n\n' +
  `\`\`\`xml\n${COVE_XML_EXAMPLE}\n\`\`\``;

/**
 * COVE routes, in their own plugin context so that the XML body parser applies to these routes only;
 * every other route keeps accepting JSON alone.
 */
export function coveRoutes(app: App, ctx: Context) {
  app.register(async (scope) => {
    for (const type of XML_MEDIA_TYPES) if (scope.hasContentTypeParser(type)) scope.removeContentTypeParser(type);
    scope.addContentTypeParser(
      XML_MEDIA_TYPES,
      { parseAs: 'string', bodyLimit: COVE_XML_MAX_BYTES },
      (req, body, done) => {
        try {
          done(null, coveFromXml(body as string, req.headers['content-type']));
        } catch (err) {
          done(err as Error, undefined);
        }
      },
    );
    routes(scope, ctx);
  });
}

function routes(app: App, ctx: Context) {
  const { db } = ctx;

  const stale = {
    code: 'cove.payload_stale',
    message: 'The COVE would now be stored differently from the payload you signed: ask for a new payload to sign.',
  };
  signedRoute(app, ctx, {
    method: 'POST',
    url: '/api/v1/coves',
    action: FILE,
    tags,
    consumes,
    body: CoveInput,
    result: CoveFiled,
    names: { prepare: 'prepareCoveFiling', act: 'fileCove' },
    summary: 'File a COVE (JSON, or XML <comprobante> as application/xml)',
    description:
      `A trader, its legal representative or a broker it ` +
      `delegated to files an invoice's value record. ${XML_NOTE}`,
    prepare: async (db, { principal, input }) =>
      (await prepareCoveFiling(db, principal, input, ctx.clock.now())).content,
    stale,
    act: async (tx, { principal, data, signatureId, receivedAt }) => {
      const { filer } = await prepareCoveFiling(tx, principal, data, receivedAt);
      const cove = await fileCove(tx, { content: data, filer, actorRfc: principal.rfc, signatureId });
      return { status: 201, object: { type: 'cove', id: cove.number }, result: cove };
    },
  });

  signedRoute(app, ctx, {
    method: 'POST',
    url: '/api/v1/coves/:number/amendments',
    action: AMEND,
    tags,
    consumes,
    params: NumberParams,
    body: CoveAmendmentInput,
    result: CoveAmended,
    names: { prepare: 'prepareCoveAmendment', act: 'amendCove' },
    summary: 'Amend a COVE (adenda; JSON, or XML <comprobante> with <motivoAdenda>)',
    description:
      'The amendment is the complete corrected COVE plus a reason, for the latest version of the chain; ' +
      'it becomes a new version with its own number, linked to the one it amends. ' +
      `The original stays readable. ${XML_NOTE}`,
    prepare: async (db, { principal, params, input }) =>
      (await prepareCoveAmendment(db, principal, params.number, input, ctx.clock.now())).content,
    stale,
    act: async (tx, { principal, params, data, signatureId, receivedAt }) => {
      const { filer } = await prepareCoveAmendment(tx, principal, params.number, data, receivedAt);
      const { reason, ...content } = data;
      const cove = await amendCove(tx, {
        number: params.number,
        content,
        reason,
        filer,
        actorRfc: principal.rfc,
        signatureId,
      });
      return { status: 201, object: { type: 'cove', id: cove.number }, result: cove };
    },
  });

  app.get(
    '/api/v1/coves/:number',
    {
      config: read,
      schema: {
        operationId: 'getCove',
        tags,
        params: NumberParams,
        summary:
          "A COVE: the version asked for, the latest version and the chain of amendments (the trader's side, " +
          'named RFCs and patents, officers whose applications cite it, customs)',
        response: { 200: CoveWithChain, '4xx': Problem },
      },
    },
    async (req) => getCove(db, principalOf(req), req.params.number),
  );

  app.get(
    '/api/v1/coves',
    {
      config: read,
      schema: {
        operationId: 'listCoves',
        tags,
        summary: 'COVEs of traders I act for, or that name me (latest versions, newest first)',
        querystring: Type.Object(
          {
            mine: Type.Optional(
              Type.Union([Type.Literal(''), Type.Literal('true')], {
                description: 'Accepted for clarity: the list is always your own',
              }),
            ),
            ...PageQuery,
          },
          { additionalProperties: false },
        ),
        response: { 200: CoveSummaryPage, '4xx': Problem },
      },
    },
    async (req) => {
      const { limit = 50, cursor } = req.query;
      return keyedPage(
        await listCoves(db, principalOf(req), { limit, after: cursorKey(cursor, ['timestamp', 'text']) }),
        limit,
        req.url,
      );
    },
  );
}
