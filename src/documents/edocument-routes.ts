import multipart from '@fastify/multipart';
import { Type, type Static } from 'typebox';
import { checkSignedChallenge, consumeChallenge } from '../auth/challenges.ts';
import type { Context } from '../context.ts';
import { principalOf } from '../http/access.ts';
import { Rfc } from '../http/identifiers.ts';
import { cursorKey, keyedPage, PageQuery } from '../http/pagination.ts';
import { ChallengeResponse, Problem, SignedBody } from '../http/schemas.ts';
import { sealAcknowledgement } from '../http/signed-route.ts';
import type { App } from '../http/typed-app.ts';
import { edocumentBlobStore } from './blob-store.ts';
import { PdfInspector } from './edocument-pdf.ts';
import { checkEdocumentType, edocumentTypes } from './edocument-types.ts';
import { receiveUpload } from './edocument-upload.ts';
import { checkUploadRoom } from './upload-limits.ts';
import {
  createEdocument, EDOCUMENT_CREATE, edocumentFor, edocumentOfChallenge, edocumentView, listEdocuments, recordUpload, uploaderFor,
  type EdocumentRow, type EdocumentUploadData,
} from './edocuments.ts';
import { Edocument, EdocumentPage, EdocumentTypeList } from './responses.ts';

const NumberParams = Type.Object({ number: Type.String({ minLength: 1, maxLength: 40, description: 'eDocument number, e.g. ED7K2M9QX4TR' }) });
const read = { access: { scope: 'read' as const } };
const write = { access: { scope: 'write' as const } };
const tags = ['edocuments'];

/** The sealed acknowledgement of a created eDocument; rebuilt the same from the row when a submission is retried. */
function acknowledge(ctx: Context, row: EdocumentRow) {
  return sealAcknowledgement(ctx, {
    action: EDOCUMENT_CREATE, challengeId: row.challenge_id, signatureId: row.signature_id,
    signedBy: { rfc: row.signer_rfc, certificateSerial: row.certificate_serial },
    object: { type: 'edocument', id: row.number }, receivedAt: row.created_at.toISOString(),
  });
}

/** Offered as the eDocument number for plain clients, and as the uploaded name (always .pdf) for those that read filename*. */
function contentDisposition(row: EdocumentRow) {
  const name = /\.pdf$/i.test(row.file_name) ? row.file_name : `${row.file_name}.pdf`;
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${row.number}.pdf"; filename*=UTF-8''${encoded}`;
}

const matches = (ifNoneMatch: string | undefined, etag: string) =>
  !!ifNoneMatch && (ifNoneMatch.trim() === '*' || ifNoneMatch.split(',').some((t) => t.trim().replace(/^W\//, '') === etag));

/**
 * eDocuments: a PDF upload signed in two steps. POST /uploads (multipart) streams the file into the
 * blob store's staging area, checks it, keeps it and returns the payload to sign (the file's SHA-256
 * and the metadata); POST /edocuments with the signature over that payload creates the eDocument.
 */
export function edocumentRoutes(app: App, ctx: Context) {
  const { db } = ctx;
  const blobs = edocumentBlobStore(ctx.config);
  const maxBytes = ctx.config.edocumentMaxBytes;
  const inspector = new PdfInspector(ctx.config);

  app.get('/api/v1/edocuments/document-types', {
    config: { access: 'public' },
    schema: { operationId: 'listEdocumentTypes', tags, summary: 'The document types an eDocument may have', response: { 200: EdocumentTypeList, '4xx': Problem } },
  }, async () => ({ items: [...edocumentTypes(ctx.catalogue).values()] }));

  // Multipart is parsed only by the upload route: its own encapsulated context keeps every other route JSON-only.
  app.register(async (uploads) => {
    if (!uploads.hasDecorator('multipartErrors')) await uploads.register(multipart);
    uploads.post('/api/v1/edocuments/uploads', {
      config: write,
      schema: {
        tags,
        summary: 'Upload a PDF (multipart/form-data): get the payload to sign',
        description: `multipart/form-data with the fields traderRfc, documentType (snake_case, see /api/v1/edocuments/document-types) `
          + `and an optional description, and the PDF in one part named "file" (at most ${maxBytes} bytes, any valid PDF that is not encrypted; `
          + 'stored as received). Answers the payload to sign: the file\'s SHA-256, size, pages and the metadata. '
          + 'Sign it and send the signature to POST /api/v1/edocuments.',
        response: { 201: ChallengeResponse },
      },
    }, async (req, reply) => {
      const principal = principalOf(req);
      let traderRfc = '';
      try {
        const { fields, fileName, staged } = await receiveUpload(req, {
          blobs, maxBytes,
          authorise: async (f) => {
            checkEdocumentType(ctx.catalogue, f.documentType);
            traderRfc = (await uploaderFor(db, principal, f.traderRfc)).rfc;
            // A user already at a limit is refused before the file is read; recordUpload counts again with its size.
            await checkUploadRoom(db, { uploaderRfc: principal.rfc, size: 0, limits: ctx.config });
          },
        });
        try {
          const { pages } = await inspector.inspect(() => staged.bytes());
          const data: EdocumentUploadData = {
            traderRfc, documentType: fields.documentType, description: fields.description ?? null,
            fileName, sha256: staged.sha256, size: staged.size, pages,
          };
          const issued = await recordUpload(db, { principal, staged, data, ttlSeconds: ctx.config.challengeTtlSeconds, limits: ctx.config, audience: ctx.config.publicUrl });
          return reply.code(201).send(issued);
        } finally {
          await staged.discard();
        }
      } catch (err) {
        // A refusal before the whole form was read: do not keep reading the rest of it.
        if (!req.raw.readableEnded) reply.header('connection', 'close');
        throw err;
      }
    });
  });

  app.post('/api/v1/edocuments', {
    config: write,
    schema: { tags, summary: 'Create the eDocument: submit the signature over the upload\'s payload', body: SignedBody },
  }, async (req, reply) => {
    const principal = principalOf(req);
    const body = req.body as Static<typeof SignedBody>;
    // A retry of a submission that succeeded (a lost answer) creates nothing and answers the same.
    const done = await edocumentOfChallenge(db, body.challengeId);
    if (done) {
      const row = await edocumentFor(db, principal, done);
      return { data: edocumentView(row), ...(await acknowledge(ctx, row)), replayed: true };
    }
    const accepted = await checkSignedChallenge(db, ctx.trust, body, { action: EDOCUMENT_CREATE, sessionId: principal.sessionId, target: {}, holderRfc: principal.rfc });
    const data = accepted.payload.data as unknown as EdocumentUploadData;
    // Checked again: a delegation may have been revoked since the upload.
    checkEdocumentType(ctx.catalogue, data.documentType);
    const trader = await uploaderFor(db, principal, data.traderRfc);
    const row = await db.transaction(async (tx) => {
      const signatureId = await consumeChallenge(tx, accepted);
      return createEdocument(tx, blobs, {
        principal, traderId: trader.id, data, challengeId: accepted.payload.challengeId, signatureId, now: ctx.clock.now(),
      });
    });
    return reply.code(201).send({ data: edocumentView(row), ...(await acknowledge(ctx, row)), replayed: false });
  });

  app.get('/api/v1/edocuments', {
    config: read,
    schema: {
      operationId: 'listEdocuments', tags,
      summary: "A trader's eDocuments, newest first (the trader, its legal representative, its delegated broker; officers reach documents through applications)",
      querystring: Type.Object({
        traderRfc: Rfc,
        documentType: Type.Optional(Type.String({ pattern: '^[a-z][a-z0-9_]{1,63}$' })),
        ...PageQuery,
      }, { additionalProperties: false }),
      response: { 200: EdocumentPage, '4xx': Problem },
    },
  }, async (req) => {
    const { traderRfc, documentType, limit = 50, cursor } = req.query;
    const rows = await listEdocuments(db, principalOf(req), { traderRfc, documentType }, { limit, after: cursorKey(cursor, ['int', 'text']) });
    return keyedPage(rows, limit, req.url);
  });

  app.get('/api/v1/edocuments/:number', {
    config: read,
    schema: {
      operationId: 'getEdocument', tags, params: NumberParams,
      summary: "An eDocument's metadata and signature (the owner's side, officers whose applications cite it, customs)",
      response: { 200: Edocument, '4xx': Problem },
    },
  }, async (req) => edocumentView(await edocumentFor(db, principalOf(req), req.params.number)));

  app.get('/api/v1/edocuments/:number/content', {
    config: read,
    schema: {
      operationId: 'getEdocumentContent', tags, summary: 'The PDF exactly as uploaded; its SHA-256 is the ETag (and Repr-Digest)', params: NumberParams,
      response: {
        // A stream of bytes, not JSON: described for the document, never serialised.
        200: Type.Unsafe<unknown>({ description: 'The PDF', content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } }),
        304: Type.Unsafe<unknown>({ description: 'Not modified: If-None-Match named its ETag', type: 'null' }),
        '4xx': Problem,
      },
    },
  }, async (req, reply) => {
    const row = await edocumentFor(db, principalOf(req), req.params.number);
    const etag = `"${row.sha256}"`;
    reply.header('etag', etag)
      .header('repr-digest', `sha-256=:${Buffer.from(row.sha256, 'hex').toString('base64')}:`)
      .header('cache-control', 'private, no-cache')
      .header('x-content-type-options', 'nosniff');
    if (matches(req.headers['if-none-match'], etag)) return reply.code(304).send();
    const content = await blobs.get(row.sha256);
    if (!content) throw new Error(`eDocument ${row.number}: blob ${row.sha256} is missing from the blob store`);
    return reply.type(row.media_type).header('content-length', String(row.size)).header('content-disposition', contentDisposition(row)).send(content);
  });
}
