import { Ajv } from 'ajv';
import type { FastifyRequest } from 'fastify';
import type { Multipart } from '@fastify/multipart';
import { Type, type Static } from 'typebox';
import { AppError } from '../errors.ts';
import { Rfc } from '../http/identifiers.ts';
import { BlobTooLargeError, type BlobStore, type StagedBlob } from './blob-store.ts';

/** The text fields of an upload form (multipart/form-data); the PDF goes in the part named "file". */
export const UploadFields = Type.Object(
  {
    traderRfc: Rfc,
    documentType: Type.String({
      pattern: '^[a-z][a-z0-9_]{1,63}$',
      description: 'snake_case, e.g. commercial_invoice',
    }),
    description: Type.Optional(Type.String({ minLength: 1, maxLength: 1000 })),
  },
  { additionalProperties: false },
);
export type UploadFields = Static<typeof UploadFields>;

const checkFields = new Ajv({ allErrors: true, strict: false }).compile(UploadFields);

// Room for the form's text fields, part headers and boundaries around the file.
const FORM_OVERHEAD = 64 * 1024;

const inUnits = (bytes: number) =>
  bytes >= 1048576 ? `${+(bytes / 1048576).toFixed(1)} MiB` : `${+(bytes / 1024).toFixed(1)} KiB`;

export const tooLarge = (maxBytes: number) =>
  new AppError(
    'edocument.too_large',
    `The file is larger than the ${inUnits(maxBytes)} (${maxBytes} bytes) an ` +
      `eDocument may have: split it into several eDocuments.`,
    413,
    { maxBytes },
  );

const invalid = (errors: Array<{ path: string; message: string }>) =>
  new AppError(
    'request.invalid',
    `The form does not match the schema: ${errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`,
    400,
    { errors },
  );

function validFields(fields: Record<string, string>): UploadFields {
  if (checkFields(fields)) return fields;
  throw invalid(
    (checkFields.errors ?? []).map((e) => ({
      path: `form${e.instancePath}`,
      message:
        e.keyword === 'additionalProperties'
          ? `unknown field "${(e.params as { additionalProperty: string }).additionalProperty}"`
          : (e.message ?? 'is invalid'),
    })),
  );
}

/** A name to show and to offer on download: no folders, no control characters, at most 200 characters. */
function cleanFileName(raw: string | undefined): string {
  const base = (raw ?? '').split(/[\\/]/).pop() ?? '';
  const clean = Array.from(
    base
      .normalize('NFC')
      // Control characters are exactly what a file name must lose.
      // biome-ignore lint/suspicious/noControlCharactersInRegex: see the line above
      .replace(/[\u0000-\u001f\u007f"]/g, '')
      .trim(),
  )
    .slice(0, 200)
    .join('');
  return clean || 'document.pdf';
}

/** Errors of the multipart parser (the plugin's, or busboy's on a malformed body) in our words. */
function multipartError(err: unknown, maxBytes: number): unknown {
  if (err instanceof AppError) return err;
  const code = (err as { code?: string }).code;
  switch (code) {
    case 'FST_REQ_FILE_TOO_LARGE':
      return tooLarge(maxBytes);
    case 'FST_FILES_LIMIT':
      return new AppError('edocument.one_file', 'Send one file per upload: the form has more than one.', 400);
    case 'FST_FIELDS_LIMIT':
    case 'FST_PARTS_LIMIT':
    case 'FST_PROTO_VIOLATION':
      return invalid([
        { path: 'form', message: 'has more or other fields than traderRfc, documentType, description and file' },
      ]);
    case 'FST_MP_PREMATURE_CLOSE':
    case 'ERR_STREAM_PREMATURE_CLOSE':
      return new AppError(
        'edocument.upload_interrupted',
        'The upload was interrupted before the whole form arrived: send it again.',
        400,
      );
  }
  // busboy's own errors (no code): a body that is not well-formed multipart.
  if (code === undefined && err instanceof Error) {
    return new AppError(
      'request.malformed_multipart',
      `The body is not well-formed multipart/form-data (${err.message}).`,
      400,
    );
  }
  return err;
}

/**
 * Reads an upload form as it streams in: the text fields, and the file straight into the blob
 * store's staging area while it is hashed and counted, cut off as soon as it passes maxBytes.
 * `authorise` runs once the fields are known, before the file is read when the fields come first
 * (as browsers and FormData send them). On any refusal the staged file is removed.
 */
export async function receiveUpload(
  req: FastifyRequest,
  opts: {
    blobs: BlobStore;
    maxBytes: number;
    authorise: (fields: UploadFields) => Promise<void>;
  },
): Promise<{ fields: UploadFields; fileName: string; staged: StagedBlob }> {
  if (!req.isMultipart()) {
    throw new AppError(
      'edocument.multipart_required',
      'Send the upload as multipart/form-data: the fields traderRfc, documentType and ' +
        'description, and the PDF in a part named "file".',
      415,
    );
  }
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > opts.maxBytes + FORM_OVERHEAD) throw tooLarge(opts.maxBytes);

  const raw: Record<string, string> = {};
  let authorised = false;
  let staged: StagedBlob | undefined;
  let fileName = '';
  const parts = req.parts({
    // One byte more than allowed reaches the meter, which refuses it (busboy alone would truncate silently).
    limits: {
      fileSize: opts.maxBytes + 1,
      files: 1,
      fields: 6,
      parts: 8,
      fieldSize: 8192,
      fieldNameSize: 64,
      headerPairs: 20,
    },
  });
  try {
    for (;;) {
      let next: IteratorResult<Multipart>;
      try {
        next = await parts.next();
      } catch (err) {
        throw multipartError(err, opts.maxBytes);
      }
      if (next.done) break;
      const part = next.value;
      if (part.type === 'field') {
        if (Object.hasOwn(raw, part.fieldname))
          throw invalid([{ path: `form/${part.fieldname}`, message: 'is sent twice' }]);
        if (part.valueTruncated) throw invalid([{ path: `form/${part.fieldname}`, message: 'is too long' }]);
        raw[part.fieldname] = String(part.value);
        continue;
      }
      if (part.fieldname !== 'file')
        throw invalid([{ path: `form/${part.fieldname}`, message: 'unknown file field: send the PDF as "file"' }]);
      if (raw.traderRfc !== undefined && raw.documentType !== undefined) {
        await opts.authorise(validFields({ ...raw }));
        authorised = true;
      }
      fileName = cleanFileName(part.filename);
      try {
        staged = await opts.blobs.stage(part.file, { maxBytes: opts.maxBytes });
      } catch (err) {
        if (err instanceof BlobTooLargeError) throw tooLarge(opts.maxBytes);
        if ((err as NodeJS.ErrnoException).syscall) throw err; // the disk's failure, not the client's
        throw multipartError(err, opts.maxBytes);
      }
    }
    if (!staged)
      throw new AppError('edocument.file_missing', 'The form has no file: send the PDF in a part named "file".', 400);
    // Checked again whole: fields may also follow the file.
    const fields = validFields({ ...raw });
    if (!authorised) await opts.authorise(fields);
    return { fields, fileName, staged };
  } catch (err) {
    await staged?.discard();
    throw err;
  }
}
