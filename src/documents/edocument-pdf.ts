import { PDFDocument } from 'pdf-lib';
import { AppError } from '../errors.ts';

// An /Encrypt entry in a trailer or cross-reference stream dictionary: a reference or an inline dictionary.
const ENCRYPT_ENTRY = /\/Encrypt\s*(\d+\s+\d+\s+R|<<)/;

const notPdf = () => new AppError('edocument.not_pdf',
  'The file is not a PDF the window can read (it may be another kind of file renamed .pdf, or damaged): upload the PDF itself.', 422);
const encrypted = () => new AppError('edocument.encrypted',
  'The PDF is encrypted (a password or restrictions on printing or copying): save it without encryption and upload it again, '
  + 'so that agencies and customs can always open it.', 422);

/**
 * Checks that the bytes are a PDF anyone can open: pdf-lib parses the whole file (it throws on
 * anything that is not a PDF) and must find at least one page. Any version, page size, resolution
 * or colour is accepted, and the file is stored as received.
 *
 * Encryption: pdf-lib refuses an encrypted PDF with an EncryptedPDFError unless told to ignore it,
 * but pdf-lib is compiled to ES5, so that error is not `instanceof EncryptedPDFError`; parsing with
 * ignoreEncryption and reading `isEncrypted` says the same without matching messages. An encrypted
 * file pdf-lib cannot even parse (encrypted object streams) is told apart by its /Encrypt entry.
 */
export async function inspectPdf(bytes: Uint8Array): Promise<{ pages: number }> {
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(bytes, { ignoreEncryption: true, updateMetadata: false });
  } catch {
    if (ENCRYPT_ENTRY.test(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1'))) throw encrypted();
    throw notPdf();
  }
  if (doc.isEncrypted) throw encrypted();
  let pages: number;
  try {
    pages = doc.getPageCount();
  } catch {
    throw notPdf();
  }
  if (pages < 1) throw new AppError('edocument.no_pages', 'The PDF has no pages: upload the document with its pages.', 422);
  return { pages };
}
