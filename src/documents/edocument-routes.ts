import type { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import multipart from '@fastify/multipart';
import { Type, type Static } from 'typebox';
import { checkSignedChallenge, consumeChallenge } from '../auth/challenges.ts';
import type { Context } from '../context.ts';
import { AppError } from '../errors.ts';
import { principalOf } from '../http/access.ts';
import { ChallengeResponse, SignedBody } from '../http/schemas.ts';
import { sealAcknowledgement } from '../http/signed-route.ts';
import { Rfc } from '../registry/schemas.ts';
import { afterFirstChunk, BlobDamagedError, edocumentBlobStore } from './blob-store.ts';
import { PdfInspector } from './edocument-pdf.ts';
import { checkEdocumentType, edocumentTypes } from './edocument-types.ts';
import { receiveUpload } from './edocument-upload.ts';
import { checkUploadRoom } from './upload-limits.ts';
import {
  createEdocument, EDOCUMENT_CREATE, edocumentFor, edocumentOfChallenge, edocumentView, listEdocuments, recordUpload, uploaderFor,
  type EdocumentRow, type EdocumentUploadData,
} from './edocuments.ts';

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
export function edocumentRoutes(app: FastifyInstance, ctx: Context) {
  const { db } = ctx;
  const blobs = edocumentBlobStore(ctx.config);
  const maxBytes = ctx.config.edocumentMaxBytes;
  const inspector = new PdfInspector(ctx.config);

  app.get('/api/v1/edocuments/document-types', {
    config: { access: 'public' }, schema: { tags, summary: 'The document types an eDocument may have' },
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
      tags, summary: "A trader's eDocuments, newest first (the trader, its legal representative, its delegated broker; officers reach documents through applications)",
      querystring: Type.Object({
        traderRfc: Rfc,
        documentType: Type.Optional(Type.String({ pattern: '^[a-z][a-z0-9_]{1,63}$' })),
        limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
        offset: Type.Integer({ minimum: 0, default: 0 }),
      }, { additionalProperties: false }),
    },
  }, async (req) => ({
    items: await listEdocuments(db, principalOf(req), req.query as { traderRfc: string; documentType?: string; limit: number; offset: number }),
  }));

  app.get('/api/v1/edocuments/:number', {
    config: read, schema: { tags, summary: "An eDocument's metadata and signature (the owner's side, officers whose applications cite it, customs)", params: NumberParams },
  }, async (req) => edocumentView(await edocumentFor(db, principalOf(req), (req.params as { number: string }).number)));

  app.get('/api/v1/edocuments/:number/content', {
    config: read,
    schema: { tags, summary: 'The PDF exactly as uploaded; its SHA-256 is the ETag (and Repr-Digest)', params: NumberParams },
  }, async (req, reply) => {
    const row = await edocumentFor(db, principalOf(req), (req.params as { number: string }).number);
    const etag = `"${row.sha256}"`;
    const headers = {
      etag, 'repr-digest': `sha-256=:${Buffer.from(row.sha256, 'hex').toString('base64')}:`,
      'cache-control': 'private, no-cache', 'x-content-type-options': 'nosniff',
    };
    if (matches(req.headers['if-none-match'], etag)) return reply.code(304).headers(headers).send();
    const content = await blobs.get(row.sha256);
    if (!content) throw new Error(`eDocument ${row.number}: blob ${row.sha256} is missing from the blob store`);
    // The store verifies the bytes as they stream and holds the last chunk back until they match the digest:
    // damage found before any byte went out is a problem answer; found later, the response is cut short
    // (fewer bytes than its Content-Length), so no client takes the damaged file for the document.
    let body: Readable;
    try {
      body = await afterFirstChunk(content);
    } catch (err) {
      if (!(err instanceof BlobDamagedError)) throw err;
      req.log.error({ err, edocument: row.number }, 'the stored file of an eDocument is damaged: not served');
      throw new AppError('edocument.content_damaged',
        `The stored file of eDocument ${row.number} is damaged and was not sent; the window's operators must restore it from a backup.`, 500);
    }
    return reply.headers(headers).type(row.media_type).header('content-length', String(row.size))
      .header('content-disposition', contentDisposition(row)).send(body);
  });
}
