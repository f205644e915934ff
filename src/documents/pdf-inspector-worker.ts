/**
 * The PDF inspection, run in a worker thread (edocument-pdf.ts starts one per upload): whatever a
 * hostile file makes the parser do, it does here, where it cannot stall the server's event loop and
 * where a time limit or a heap limit ends it by terminating the thread.
 *
 * Once loaded it says 'ready', then answers one message { bytes, maxInflatedBytes } with { ok: true, pages } or
 * { ok: false, code }, and touches nothing else: no database, no files.
 */
import { parentPort } from 'node:worker_threads';
import zlib from 'node:zlib';
import { PDFDocument } from 'pdf-lib';

export interface InspectionRequest {
  bytes: Uint8Array;
  maxInflatedBytes: number;
}
export type InspectionFailure = 'not_pdf' | 'encrypted' | 'no_pages' | 'decompression_limit';
export type InspectionResult = { ok: true; pages: number } | { ok: false; code: InspectionFailure };

// An /Encrypt entry in a trailer or cross-reference stream dictionary: a reference or an inline dictionary.
const ENCRYPT_ENTRY = /\/Encrypt\s*(\d+\s+\d+\s+R|<<)/;
// The keyword that opens a stream's data (not the end of "endstream": no word boundary inside it).
const STREAM_START = /\bstream(?:\r\n|\n|\r)/g;
// The dictionary's /Filter: one name, an array of names, or an indirect reference (resolved elsewhere in the file).
const FILTER = /\/Filter\s*(\/[^\s/<>[\]()]+|\[([^\]]*)\]|\d+\s+\d+\s+R)/g;
const FLATE = new Set(['/FlateDecode', '/Fl']);

class InflateLimit extends Error {}

/**
 * How many bytes `data` inflates to through `stages` zlib inflates in a row, counting every stage's
 * output against `budget`; throws InflateLimit as soon as it is passed. Only counts are kept, in chunks,
 * so memory stays flat whatever the ratio. Data zlib cannot read counts what it gave before the error
 * (a damaged stream is for a viewer to judge); truncated data counts what it holds.
 */
async function inflatedSize(data: Uint8Array, stages: number, budget: number): Promise<number> {
  let counted = 0;
  const inflates = Array.from({ length: stages }, () =>
    zlib.createInflate({ finishFlush: zlib.constants.Z_SYNC_FLUSH, chunkSize: 64 * 1024 }),
  );
  await new Promise<void>((resolve, reject) => {
    const stop = (err?: Error) => {
      for (const z of inflates) z.destroy();
      if (err) reject(err);
      else resolve();
    };
    inflates.forEach((z, i) => {
      const next = inflates[i + 1];
      z.on('data', (chunk: Buffer) => {
        counted += chunk.length;
        if (counted > budget) return stop(new InflateLimit());
        if (next && !next.write(chunk)) {
          z.pause();
          next.once('drain', () => z.resume());
        }
      });
      z.on('end', () => (next ? next.end() : stop()));
      z.on('error', () => stop());
    });
    inflates[0]!.end(data);
  });
  return counted;
}

/**
 * Walks every stream object of the file and inflates its FlateDecode filters (a chain of them too)
 * against one budget for the whole file, before any parser sees it: a small file that inflates to
 * more than maxInflatedBytes is refused by this count, not by running out of memory or time.
 * A stream whose /Filter is an indirect reference is tried as if it were FlateDecode.
 */
async function checkInflatedSize(bytes: Uint8Array, maxInflatedBytes: number): Promise<void> {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  let remaining = maxInflatedBytes;
  let resumeAt = 0; // the keyword may also occur inside a stream's own (binary) data
  for (const match of text.matchAll(STREAM_START)) {
    if (match.index < resumeAt) continue;
    const start = match.index + match[0].length;
    const end = text.indexOf('endstream', start) >>> 0; // not found: to the end of the file
    // Stream objects are never nested, so the stream's dictionary follows the last endobj or stream before it.
    const dictionary = text.slice(Math.max(resumeAt, text.lastIndexOf('endobj', match.index)), match.index);
    resumeAt = Math.min(end, text.length);
    const filter = [...dictionary.matchAll(FILTER)].pop();
    if (!filter) continue;
    const [, entry = '', array] = filter;
    const names = array !== undefined ? (array.match(/\/[^\s/<>[\]()]+/g) ?? []) : [entry];
    let stages = 0;
    while (stages < names.length && FLATE.has(names[stages]!)) stages++;
    if (/R$/.test(entry)) stages = 1;
    // Inflated from its start to the end of the file: zlib stops at the end of the compressed data, so
    // neither a false /Length nor an "endstream" inside the data can cut the count short.
    if (stages > 0) remaining -= await inflatedSize(bytes.subarray(start), stages, remaining);
  }
}

/**
 * pdf-lib parses the whole file (it throws on anything that is not a PDF) and must find at least one
 * page. pdf-lib is compiled to ES5, so its EncryptedPDFError is not `instanceof`-able: parsing with
 * ignoreEncryption and reading `isEncrypted` says the same; an encrypted file pdf-lib cannot even
 * parse (encrypted object streams) is told apart by its /Encrypt entry.
 */
export async function inspect({ bytes, maxInflatedBytes }: InspectionRequest): Promise<InspectionResult> {
  try {
    await checkInflatedSize(bytes, maxInflatedBytes);
  } catch (err) {
    if (err instanceof InflateLimit) return { ok: false, code: 'decompression_limit' };
    throw err;
  }
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(bytes, { ignoreEncryption: true, updateMetadata: false });
  } catch {
    if (ENCRYPT_ENTRY.test(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1')))
      return { ok: false, code: 'encrypted' };
    return { ok: false, code: 'not_pdf' };
  }
  if (doc.isEncrypted) return { ok: false, code: 'encrypted' };
  let pages: number;
  try {
    pages = doc.getPageCount();
  } catch {
    return { ok: false, code: 'not_pdf' };
  }
  return pages < 1 ? { ok: false, code: 'no_pages' } : { ok: true, pages };
}

parentPort?.once('message', (request: InspectionRequest) => {
  void inspect(request).then((result) => parentPort!.postMessage(result));
});
// Loaded: the parent's time limit starts when it sends the file.
parentPort?.postMessage('ready');
