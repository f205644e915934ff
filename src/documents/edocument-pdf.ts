import { Worker } from 'node:worker_threads';
import type { Config } from '../config.ts';
import { AppError } from '../errors.ts';
import type { InspectionRequest, InspectionResult } from './pdf-inspector-worker.ts';

export type PdfInspectionLimits = Pick<
  Config,
  'edocumentMaxBytes' | 'edocumentMaxInflatedBytes' | 'edocumentInspectionTimeoutMs' | 'edocumentInspectionWorkers'
>;

// The worker is TypeScript: it registers tsx itself, so it loads the same under `npm start`
// (bin/ventanilla.js registers tsx in the main thread only) and under `node --import tsx`.
const BOOT = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))})
  .then((tsx) => { tsx.register();
    return import(${JSON.stringify(new URL('./pdf-inspector-worker.ts', import.meta.url).href)}); })`;

const MiB = 1024 * 1024;
const inMiB = (bytes: number) => `${+(bytes / MiB).toFixed(1)} MiB`;

const notPdf = () =>
  new AppError(
    'edocument.not_pdf',
    'The file is not a PDF the window can read (it may be another kind of file ' +
      'renamed .pdf, or damaged): upload the PDF itself.',
    422,
  );
const encrypted = () =>
  new AppError(
    'edocument.encrypted',
    'The PDF is encrypted (a password or restrictions on printing or copying): save ' +
      'it without encryption and upload it again, so that agencies and customs can always open it.',
    422,
  );
const noPages = () =>
  new AppError('edocument.no_pages', 'The PDF has no pages: upload the document with its pages.', 422);
const decompressionLimit = (maxInflatedBytes: number) =>
  new AppError(
    'edocument.pdf_decompression_limit',
    `The PDF's compressed content inflates to more than ${inMiB(maxInflatedBytes)}, ` +
      `far more than a document of its size needs: ` +
      'save it again (for example with "print to PDF") or scan it at a lower resolution, and upload it again.',
    422,
    { maxInflatedBytes },
  );
const tooComplex = (timeLimitMs: number) =>
  new AppError(
    'edocument.pdf_too_complex',
    `The PDF could not be checked within ${timeLimitMs / 1000} seconds and the memory a document needs: ` +
      'save it again (for example with "print to PDF"), or split it into several eDocuments, and upload it again.',
    422,
    { timeLimitMs },
  );
const busy = () =>
  new AppError(
    'edocument.inspection_busy',
    'Too many PDFs are being checked right now: send the upload again in a minute.',
    503,
  );

/**
 * Checks that uploaded bytes are a PDF anyone can open (see pdf-inspector-worker.ts), off the event loop:
 * each inspection runs in its own worker thread, at most `edocumentInspectionWorkers` at once in this
 * process (a few more wait their turn, beyond that the upload is refused as busy), with a heap limit,
 * a budget on what its streams inflate to, and a time limit after which the thread is terminated.
 * One thread per inspection: whatever a file did to the parser ends with it.
 */
export class PdfInspector {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly limits: PdfInspectionLimits) {}

  /** The bytes, or how to read them: read only once a worker is free, so waiting uploads hold no memory. */
  async inspect(file: Uint8Array | (() => Promise<Uint8Array>)): Promise<{ pages: number }> {
    await this.turn();
    try {
      const result = await this.run(typeof file === 'function' ? await file() : file);
      if (result === 'killed') throw tooComplex(this.limits.edocumentInspectionTimeoutMs);
      if (result.ok) return { pages: result.pages };
      switch (result.code) {
        case 'decompression_limit':
          throw decompressionLimit(this.limits.edocumentMaxInflatedBytes);
        case 'encrypted':
          throw encrypted();
        case 'no_pages':
          throw noPages();
        default:
          throw notPdf();
      }
    } finally {
      // The next waiting inspection takes this place over (`running` stays the same), or the place is freed.
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }

  private async turn(): Promise<void> {
    if (this.running < this.limits.edocumentInspectionWorkers) {
      this.running++;
      return;
    }
    if (this.waiting.length >= 4 * this.limits.edocumentInspectionWorkers) throw busy();
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  /** The worker's answer, or 'killed' when it ran out of time or of heap. */
  private run(bytes: Uint8Array): Promise<InspectionResult | 'killed'> {
    const { edocumentMaxBytes, edocumentMaxInflatedBytes, edocumentInspectionTimeoutMs } = this.limits;
    return new Promise((resolve, reject) => {
      const worker = new Worker(BOOT, {
        eval: true,
        execArgv: [],
        // Room for pdf-lib's objects of the largest file accepted; a file that needs more is not a document.
        resourceLimits: { maxOldGenerationSizeMb: 256 + Math.ceil((16 * edocumentMaxBytes) / MiB) },
      });
      let settled = false;
      let timer: NodeJS.Timeout | undefined;
      const settle = (outcome: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        void worker.terminate();
        outcome();
      };
      worker.on('message', (message: 'ready' | InspectionResult) => {
        if (message !== 'ready') return settle(() => resolve(message));
        // The time limit is on the file's parse, which starts now: the thread's boot (tsx, pdf-lib) is the
        // window's own cost, and a loaded machine slows it down for any file.
        timer = setTimeout(() => settle(() => resolve('killed')), edocumentInspectionTimeoutMs);
        worker.postMessage({ bytes, maxInflatedBytes: edocumentMaxInflatedBytes } satisfies InspectionRequest);
      });
      worker.once('error', (err: Error & { code?: string }) =>
        settle(() => (err.code === 'ERR_WORKER_OUT_OF_MEMORY' ? resolve('killed') : reject(err))),
      );
      worker.once('exit', (code) =>
        settle(() => reject(new Error(`the PDF inspection worker exited (${code}) without an answer`))),
      );
    });
  }
}
