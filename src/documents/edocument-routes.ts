import type { Readable } from 'node:stream';
import { Type } from 'typebox';
import type { Context } from '../context.ts';
import { AppError } from '../errors.ts';
import { principalOf } from '../http/access.ts';
import { signedRoute } from '../http/signed-route.ts';
import type { App } from '../http/typed-app.ts';
import { Rfc } from '../http/identifiers.ts';
import { cursorKey, keyedPage, PageQuery } from '../http/pagination.ts';
import { Problem } from '../http/schemas.ts';
import { afterFirstChunk, BlobDamagedError, edocumentBlobStore } from './blob-store.ts';
import { PdfInspector } from './edocument-pdf.ts';
import { edocumentAction } from './edocument-action.ts';
import { edocumentTypes } from './edocument-types.ts';
import { edocumentFor, edocumentView, listEdocuments, type EdocumentRow } from './edocuments.ts';
import { Edocument, EdocumentPage, EdocumentTypeList } from './responses.ts';

const NumberParams = Type.Object({
  number: Type.String({ minLength: 1, maxLength: 40, description: 'eDocument number, e.g. ED7K2M9QX4TR' }),
});
const read = { access: { scope: 'read' as const } };
const tags = ['edocuments'];

/**
 * Offered as the eDocument number for plain clients, and as the uploaded
 * name (always .pdf) for those that read filename*.
 */
function contentDisposition(row: EdocumentRow) {
  const name = /\.pdf$/i.test(row.file_name) ? row.file_name : `${row.file_name}.pdf`;
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${row.number}.pdf"; filename*=UTF-8''${encoded}`;
}

const matches = (ifNoneMatch: string | undefined, etag: string) =>
  !!ifNoneMatch &&
  (ifNoneMatch.trim() === '*' || ifNoneMatch.split(',').some((t) => t.trim().replace(/^W\//, '') === etag));

/**
 * eDocuments: a PDF upload signed in two steps. POST /uploads (multipart) streams the file into the
 * blob store's staging area, checks it, keeps it and returns the payload to sign (the file's SHA-256
 * and the metadata); POST /edocuments with the signature over that payload creates the eDocument.
 */
export function edocumentRoutes(app: App, ctx: Context) {
  const { db } = ctx;
  const blobs = edocumentBlobStore(ctx.config);
  const inspector = new PdfInspector(ctx.config);

  app.get(
    '/api/v1/edocuments/document-types',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'listEdocumentTypes',
        tags,
        summary: 'The document types an eDocument may have',
        response: { 200: EdocumentTypeList, '4xx': Problem },
      },
    },
    async () => ({ items: [...edocumentTypes(ctx.catalogue).values()] }),
  );

  signedRoute(app, ctx, edocumentAction(ctx, blobs, inspector));

  app.get(
    '/api/v1/edocuments',
    {
      config: read,
      schema: {
        operationId: 'listEdocuments',
        tags,
        summary:
          "A trader's eDocuments, newest first (the trader, its legal representative, its delegated broker; " +
          'officers reach documents through applications)',
        querystring: Type.Object(
          {
            traderRfc: Rfc,
            documentType: Type.Optional(Type.String({ pattern: '^[a-z][a-z0-9_]{1,63}$' })),
            ...PageQuery,
          },
          { additionalProperties: false },
        ),
        response: { 200: EdocumentPage, '4xx': Problem },
      },
    },
    async (req) => {
      const { traderRfc, documentType, limit = 50, cursor } = req.query;
      const rows = await listEdocuments(
        db,
        principalOf(req),
        { traderRfc, documentType },
        { limit, after: cursorKey(cursor, ['timestamp', 'text']) },
      );
      return keyedPage(rows, limit, req.url);
    },
  );

  app.get(
    '/api/v1/edocuments/:number',
    {
      config: read,
      schema: {
        operationId: 'getEdocument',
        tags,
        params: NumberParams,
        summary:
          "An eDocument's metadata and signature (the owner's side, officers whose applications cite it, customs)",
        response: { 200: Edocument, '4xx': Problem },
      },
    },
    async (req) => edocumentView(await edocumentFor(db, principalOf(req), req.params.number)),
  );

  app.get(
    '/api/v1/edocuments/:number/content',
    {
      config: read,
      schema: {
        operationId: 'getEdocumentContent',
        tags,
        summary: 'The PDF exactly as uploaded; its SHA-256 is the ETag (and Repr-Digest)',
        params: NumberParams,
        response: {
          // A stream of bytes, not JSON: described for the document, never serialised.
          200: Type.Unsafe<unknown>({
            description: 'The PDF',
            content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
          }),
          304: Type.Unsafe<unknown>({ description: 'Not modified: If-None-Match named its ETag', type: 'null' }),
          '4xx': Problem,
        },
      },
    },
    async (req, reply) => {
      const row = await edocumentFor(db, principalOf(req), req.params.number);
      const etag = `"${row.sha256}"`;
      const headers = {
        etag,
        'repr-digest': `sha-256=:${Buffer.from(row.sha256, 'hex').toString('base64')}:`,
        'cache-control': 'private, no-cache',
        'x-content-type-options': 'nosniff',
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
        throw new AppError(
          'edocument.content_damaged',
          `The stored file of eDocument ${row.number} is damaged and was not sent; the window's operators ` +
            `must restore it from a backup.`,
          500,
        );
      }
      return reply
        .headers(headers)
        .type(row.media_type)
        .header('content-length', String(row.size))
        .header('content-disposition', contentDisposition(row))
        .send(body);
    },
  );
}
