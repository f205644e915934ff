import multipart from '@fastify/multipart';
import { Type, type TObject } from 'typebox';
import type { Context } from '../context.ts';
import type { SignedActionDefinition } from '../http/signed-route.ts';
import type { BlobStore } from './blob-store.ts';
import type { PdfInspector } from './edocument-pdf.ts';
import { checkEdocumentType } from './edocument-types.ts';
import { receiveUpload, UploadFields } from './edocument-upload.ts';
import {
  createEdocument,
  EDOCUMENT_CREATE,
  edocumentView,
  recordUpload,
  uploaderFor,
  type EdocumentUploadData,
} from './edocuments.ts';
import { checkUploadRoom } from './upload-limits.ts';

/** The upload form as the OpenAPI document describes it (the route reads and checks it as it streams in). */
const UploadForm = Type.Object(
  {
    ...UploadFields.properties,
    file: Type.String({ format: 'binary', description: 'The PDF (one part named "file")' }),
  },
  { title: 'EdocumentUploadForm', required: ['traderRfc', 'documentType', 'file'] },
);

export const EdocumentCreated = Type.Object(
  {
    number: Type.String({ description: 'e.g. ED7K2M9QX4TR' }),
    trader: Type.String(),
    documentType: Type.String(),
    description: Type.Union([Type.String(), Type.Null()]),
    fileName: Type.String(),
    mediaType: Type.String(),
    sha256: Type.String(),
    size: Type.Integer(),
    pages: Type.Integer(),
    createdBy: Type.String(),
    createdAt: Type.String({ format: 'date-time' }),
    signature: Type.Object({
      id: Type.String({ format: 'uuid' }),
      signedBy: Type.String(),
      certificateSerial: Type.String(),
      algorithm: Type.String(),
      signedAt: Type.String({ format: 'date-time' }),
    }),
    content: Type.String({ description: 'Where to download the PDF' }),
  },
  { title: 'EdocumentCreated' },
);

/**
 * The eDocument as a signed action whose first step is a multipart upload: the file streams into the blob
 * store's staging area, is checked and kept, and the payload to sign is its SHA-256, size, pages and metadata.
 * The signed step creates the eDocument from exactly that payload.
 */
export function edocumentAction(
  ctx: Context,
  blobs: BlobStore,
  inspector: PdfInspector,
): SignedActionDefinition<typeof UploadForm, TObject, typeof EdocumentCreated, EdocumentUploadData> {
  const { db } = ctx;
  const maxBytes = ctx.config.edocumentMaxBytes;
  return {
    method: 'POST',
    url: '/api/v1/edocuments',
    action: EDOCUMENT_CREATE,
    tags: ['edocuments'],
    names: { prepare: 'uploadEdocument', act: 'createEdocument' },
    result: EdocumentCreated,
    summary: 'Upload a PDF and create the eDocument',
    description:
      'First POST /api/v1/edocuments/uploads as multipart/form-data with the fields traderRfc, documentType ' +
      '(snake_case, see ' +
      '/api/v1/edocuments/document-types) and an optional description, and the PDF in one part named "file" (at most ' +
      `${maxBytes} bytes, any valid PDF that is not encrypted; stored as received). It answers the payload ` +
      `to sign: the file's ` +
      'SHA-256, size, pages and the metadata. Sign it and send the signature to POST /api/v1/edocuments.',
    firstStep: {
      url: '/api/v1/edocuments/uploads',
      consumes: ['multipart/form-data'],
      body: UploadForm,
      // Multipart is parsed only here: this step's own encapsulated context keeps every other route JSON-only.
      plugin: async (scope) => {
        if (!scope.hasDecorator('multipartErrors')) await scope.register(multipart);
      },
      handle: async (req, reply, { principal, issue }) => {
        let traderRfc = '';
        try {
          const { fields, fileName, staged } = await receiveUpload(req, {
            blobs,
            maxBytes,
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
              traderRfc,
              documentType: fields.documentType,
              description: fields.description ?? null,
              fileName,
              sha256: staged.sha256,
              size: staged.size,
              pages,
            };
            return await recordUpload(db, { principal, staged, data, limits: ctx.config, issue });
          } finally {
            await staged.discard();
          }
        } catch (err) {
          // A refusal before the whole form was read: do not keep reading the rest of it.
          if (!req.raw.readableEnded) reply.header('connection', 'close');
          throw err;
        }
      },
    },
    // Checked again at the signed step: a delegation may have been revoked since the upload.
    check: async (db, { principal, data }) => {
      checkEdocumentType(ctx.catalogue, data.documentType);
      await uploaderFor(db, principal, data.traderRfc);
    },
    act: async (tx, { principal, data, challengeId, signatureId, receivedAt }) => {
      const trader = await uploaderFor(tx, principal, data.traderRfc);
      const row = await createEdocument(tx, blobs, {
        principal,
        traderId: trader.id,
        data,
        challengeId,
        signatureId,
        now: receivedAt,
      });
      return { status: 201, object: { type: 'edocument', id: row.number }, result: edocumentView(row) };
    },
  };
}
