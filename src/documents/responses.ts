import { Type } from 'typebox';
import { PatentNumber, Rfc, Uuid } from '../http/identifiers.ts';
import { Page } from '../http/pagination.ts';
import { CoveInput, CoveNumber } from './cove-schemas.ts';

/**
 * What the eDocument and COVE reads answer; Fastify serialises through these, so an undeclared field never goes out.
 */
const DateTime = Type.String({ format: 'date-time' });
const nullableText = Type.Union([Type.String(), Type.Null()]);

export const EdocumentType = Type.Object(
  {
    type: Type.String({ pattern: '^[a-z][a-z0-9_]{1,63}$' }),
    name: Type.Object({ es: Type.String(), en: Type.String() }),
  },
  { title: 'EdocumentType' },
);
export const EdocumentTypeList = Type.Object(
  { items: Type.Array(EdocumentType) },
  { title: 'EdocumentTypeList', description: 'Every document type (a short list)' },
);

export const Edocument = Type.Object(
  {
    number: Type.String({ description: "'ED' and 10 random characters", examples: ['ED7K2M9QX4TR'] }),
    trader: Rfc,
    documentType: Type.String(),
    description: nullableText,
    fileName: Type.String({ description: 'The name the file was uploaded with' }),
    mediaType: Type.String({ examples: ['application/pdf'] }),
    sha256: Type.String({ pattern: '^[0-9a-f]{64}$', description: 'SHA-256 of the content, hex' }),
    size: Type.Integer({ description: 'Bytes' }),
    pages: Type.Integer(),
    createdBy: Rfc,
    createdAt: DateTime,
    signature: Type.Object({
      id: Uuid,
      signedBy: Rfc,
      certificateSerial: Type.String(),
      algorithm: Type.String(),
      signedAt: DateTime,
    }),
    content: Type.String({
      description: 'Where to read the PDF',
      examples: ['/api/v1/edocuments/ED7K2M9QX4TR/content'],
    }),
  },
  { title: 'Edocument', description: 'A signed PDF of a trader' },
);
export const EdocumentPage = Page('Edocument', Edocument);

/** What was signed and stored: the COVE as filed, normalised. */
export const CoveContent = Type.Object(
  {
    ...CoveInput.properties,
    consultRfcs: Type.Array(Rfc),
    brokerPatents: Type.Array(PatentNumber),
  },
  { title: 'CoveContent' },
);

const FiledAs = Type.Union([Type.Literal('self'), Type.Literal('legal_representative'), Type.Literal('broker')]);
const versionFields = {
  number: CoveNumber,
  version: Type.Integer({ description: '1 for the original, then one more per amendment' }),
  amends: Type.Union([CoveNumber, Type.Null()], { description: 'The version this one amends' }),
  filedBy: Rfc,
  filedAs: FiledAs,
  filedAt: DateTime,
  signatureId: Uuid,
  amendmentReason: nullableText,
};

export const Cove = Type.Object(
  {
    ...versionFields,
    rootNumber: CoveNumber,
    trader: Rfc,
    operationType: Type.Union([Type.Literal('import'), Type.Literal('export')]),
    invoiceNumber: Type.String(),
    content: CoveContent,
  },
  { title: 'Cove', description: 'One version of a COVE, whole' },
);

export const CoveVersion = Type.Object(versionFields, { title: 'CoveVersion' });

export const CoveWithChain = Type.Object(
  {
    requested: Cove,
    latest: Cove,
    chain: Type.Array(CoveVersion, { description: 'Every version, first to latest' }),
  },
  { title: 'CoveWithChain' },
);

export const CoveSummary = Type.Object(
  {
    ...versionFields,
    rootNumber: CoveNumber,
    trader: Rfc,
    operationType: Type.Union([Type.Literal('import'), Type.Literal('export')]),
    invoiceNumber: Type.String(),
  },
  { title: 'CoveSummary', description: 'The latest version of a COVE, without its content' },
);
export const CoveSummaryPage = Page('CoveSummary', CoveSummary);
