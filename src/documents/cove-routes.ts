import type { FastifyRequest } from 'fastify';
import { Type, type Static } from 'typebox';
import { checkSignedChallenge, consumeChallenge, issueChallenge, type AcceptedSignature } from '../auth/challenges.ts';
import type { Context } from '../context.ts';
import { AppError } from '../errors.ts';
import { principalOf } from '../http/access.ts';
import { cursorKey, keyedPage, PageQuery } from '../http/pagination.ts';
import { ChallengeResponse, Problem, SignedBody } from '../http/schemas.ts';
import { sealAcknowledgement } from '../http/signed-route.ts';
import type { App } from '../http/typed-app.ts';
import { canonicalJson } from '../pki/canonical.ts';
import { amendCove, fileCove, prepareCoveAmendment, prepareCoveFiling } from './cove.ts';
import { getCove, listCoves } from './cove-queries.ts';
import { CoveAmendmentInput, CoveInput, CoveNumber } from './cove-schemas.ts';
import { COVE_XML_EXAMPLE, COVE_XML_MAX_BYTES, coveFromXml, XML_MEDIA_TYPES } from './cove-xml.ts';
import { CoveSummaryPage, CoveWithChain } from './responses.ts';

const FILE = 'cove.file';
const AMEND = 'cove.amend';
const tags = ['coves'];
const read = { access: { scope: 'read' as const } };
const write = { access: { scope: 'write' as const } };
const NumberParams = Type.Object({ number: CoveNumber });
const consumes = ['application/json', ...XML_MEDIA_TYPES];
const XML_NOTE = 'Send the COVE as JSON, or as XML (application/xml or text/xml, UTF-8, at most 1 MiB, no DOCTYPE or ENTITY) '
  + 'in this VUCEM-like shape; either way the answer is the same JSON payload to sign with your e.firma.\n\n'
  + `\`\`\`xml\n${COVE_XML_EXAMPLE}\n\`\`\``;

/**
 * COVE routes, in their own plugin context so that the XML body parser applies to these routes only;
 * every other route keeps accepting JSON alone.
 */
export function coveRoutes(app: App, ctx: Context) {
  app.register(async (scope) => {
    for (const type of XML_MEDIA_TYPES) if (scope.hasContentTypeParser(type)) scope.removeContentTypeParser(type);
    scope.addContentTypeParser(XML_MEDIA_TYPES, { parseAs: 'string', bodyLimit: COVE_XML_MAX_BYTES }, (req, body, done) => {
      try {
        done(null, coveFromXml(body as string, req.headers['content-type']));
      } catch (err) {
        done(err as Error, undefined);
      }
    });
    routes(scope, ctx);
  });
}

function routes(app: App, ctx: Context) {
  const { db } = ctx;

  app.post('/api/v1/coves/signing-payload', {
    config: write,
    schema: {
      tags, consumes, body: CoveInput, response: { 201: ChallengeResponse },
      summary: 'File a COVE (JSON, or XML <comprobante> as application/xml): get the payload to sign',
      description: `A trader, its legal representative or a broker it delegated to files an invoice's value record. ${XML_NOTE}`,
    },
  }, async (req, reply) => {
    const principal = principalOf(req);
    const { content } = await prepareCoveFiling(db, principal, req.body as CoveInput, ctx.clock.now());
    return reply.code(201).send(await issueChallenge(db, {
      action: FILE, audience: ctx.config.publicUrl, ttlSeconds: ctx.config.challengeTtlSeconds, sessionId: principal.sessionId, requestedBy: principal.rfc, target: {}, data: content,
    }));
  });

  app.post('/api/v1/coves', {
    config: write, schema: { tags, summary: 'File a COVE: submit the signed payload; answers the COVE and its number', body: SignedBody },
  }, async (req, reply) => {
    const principal = principalOf(req);
    const accepted = await acceptSignature(ctx, req, FILE, {});
    const { content, filer } = await prepareCoveFiling(db, principal, accepted.payload.data as CoveInput, ctx.clock.now());
    sameAsSigned(content, accepted);
    const outcome = await db.transaction(async (tx) => {
      const signatureId = await consumeChallenge(tx, accepted);
      return { signatureId, cove: await fileCove(tx, { content, filer, actorRfc: principal.rfc, signatureId }) };
    });
    return reply.code(201).send(await acknowledged(ctx, accepted, outcome.signatureId, outcome.cove));
  });

  app.post('/api/v1/coves/:number/amendments/signing-payload', {
    config: write,
    schema: {
      tags, consumes, params: NumberParams, body: CoveAmendmentInput, response: { 201: ChallengeResponse },
      summary: 'Amend a COVE (adenda; JSON, or XML <comprobante> with <motivoAdenda>): get the payload to sign',
      description: 'The amendment is the complete corrected COVE plus a reason, for the latest version of the chain; it becomes a new '
        + `version with its own number, linked to the one it amends. The original stays readable. ${XML_NOTE}`,
    },
  }, async (req, reply) => {
    const principal = principalOf(req);
    const { number } = req.params as { number: string };
    const { content } = await prepareCoveAmendment(db, principal, number, req.body as CoveAmendmentInput, ctx.clock.now());
    return reply.code(201).send(await issueChallenge(db, {
      action: AMEND, audience: ctx.config.publicUrl, ttlSeconds: ctx.config.challengeTtlSeconds, sessionId: principal.sessionId, requestedBy: principal.rfc, target: { number }, data: content,
    }));
  });

  app.post('/api/v1/coves/:number/amendments', {
    config: write, schema: { tags, summary: 'Amend a COVE: submit the signed payload; answers the new version', params: NumberParams, body: SignedBody },
  }, async (req, reply) => {
    const principal = principalOf(req);
    const { number } = req.params as { number: string };
    const accepted = await acceptSignature(ctx, req, AMEND, { number });
    const prepared = await prepareCoveAmendment(db, principal, number, accepted.payload.data as CoveAmendmentInput, ctx.clock.now());
    sameAsSigned(prepared.content, accepted);
    const { reason, ...content } = prepared.content;
    const outcome = await db.transaction(async (tx) => {
      const signatureId = await consumeChallenge(tx, accepted);
      return { signatureId, cove: await amendCove(tx, { number, content, reason, filer: prepared.filer, actorRfc: principal.rfc, signatureId }) };
    });
    return reply.code(201).send(await acknowledged(ctx, accepted, outcome.signatureId, outcome.cove));
  });

  app.get('/api/v1/coves/:number', {
    config: read,
    schema: {
      operationId: 'getCove', tags, params: NumberParams,
      summary: 'A COVE: the version asked for, the latest version and the chain of amendments (the trader\'s side, named RFCs and patents, officers whose applications cite it, customs)',
      response: { 200: CoveWithChain, '4xx': Problem },
    },
  }, async (req) => getCove(db, principalOf(req), req.params.number));

  app.get('/api/v1/coves', {
    config: read,
    schema: {
      operationId: 'listCoves', tags, summary: 'COVEs of traders I act for, or that name me (latest versions, newest first)',
      querystring: Type.Object({
        mine: Type.Optional(Type.Union([Type.Literal(''), Type.Literal('true')], { description: 'Accepted for clarity: the list is always your own' })),
        ...PageQuery,
      }, { additionalProperties: false }),
      response: { 200: CoveSummaryPage, '4xx': Problem },
    },
  }, async (req) => {
    const { limit = 50, cursor } = req.query;
    return keyedPage(await listCoves(db, principalOf(req), { limit, after: cursorKey(cursor, ['int', 'text']) }), limit, req.url);
  });
}

/** Verifies the signature over the issued payload; the signer must be the session's holder. */
async function acceptSignature(ctx: Context, req: FastifyRequest, action: string, target: Record<string, string>) {
  const principal = principalOf(req);
  return checkSignedChallenge(ctx.db, ctx.trust, req.body as Static<typeof SignedBody>, {
    action, sessionId: principal.sessionId, target, holderRfc: principal.rfc,
  });
}

/** What is stored is exactly what was signed; if re-checking would now store something else, the signer signs again. */
function sameAsSigned(prepared: object, accepted: AcceptedSignature) {
  if (canonicalJson(prepared) !== canonicalJson(accepted.payload.data)) {
    throw new AppError('cove.payload_stale', 'The COVE would now be stored differently from the payload you signed: ask for a new payload to sign.', 409);
  }
}

async function acknowledged(ctx: Context, accepted: AcceptedSignature, signatureId: string, cove: { number: string }) {
  return { data: cove, ...(await sealAcknowledgement(ctx, {
    action: accepted.payload.action, challengeId: accepted.payload.challengeId, signatureId,
    signedBy: { rfc: accepted.signer.rfc, certificateSerial: accepted.signer.serialNumber }, object: { type: 'cove', id: cove.number },
  })) };
}
