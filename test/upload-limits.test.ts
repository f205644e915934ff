import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import zlib from 'node:zlib';
import { after, before, describe, test } from 'node:test';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { PdfInspector } from '../src/documents/edocument-pdf.ts';
import { signPayload } from '../src/pki/index.ts';
import { postgresOnly } from './support/postgres-only.ts';
import { startTestWindow, type Person, type TestWindow } from './support/window.ts';

const MiB = 1024 * 1024;

/** A real PDF made with pdf-lib; `padding` random bytes (an embedded attachment, incompressible) make it larger. */
async function makePdf(padding = 0): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  doc.addPage([612, 792]).drawText('Factura comercial', { x: 50, y: 700, size: 14, font });
  if (padding > 0)
    await doc.attach(crypto.randomBytes(padding), 'relleno.bin', { mimeType: 'application/octet-stream' });
  return doc.save();
}

/** `size` zero bytes deflated, streamed so that they are never all in memory. */
async function deflatedZeros(size: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const zero = Buffer.alloc(MiB);
  await pipeline(
    Readable.from(
      (function* () {
        for (let i = 0; i < size / MiB; i++) yield zero;
      })(),
    ),
    zlib.createDeflate({ level: 9 }),
    async (source: AsyncIterable<Buffer>) => {
      for await (const c of source) chunks.push(c);
    },
  );
  return Buffer.concat(chunks);
}

/** A valid one-page PDF, written by hand, with one more stream object: `dict` (its /Length filled in) and `data`. */
function pdfWithStream(dict: string, data: Buffer): Buffer {
  const parts: Buffer[] = [];
  let length = 0;
  const push = (b: Buffer | string) => {
    const buf = typeof b === 'string' ? Buffer.from(b, 'latin1') : b;
    parts.push(buf);
    length += buf.length;
  };
  const objects: Array<string | Buffer> = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>',
    data,
  ];
  const offsets: number[] = [];
  push('%PDF-1.5\n%\xe2\xe3\xcf\xd3\n');
  objects.forEach((o, i) => {
    offsets.push(length);
    if (typeof o === 'string') {
      push(`${i + 1} 0 obj\n${o}\nendobj\n`);
      return;
    }
    push(`${i + 1} 0 obj\n${dict.replace('/Length', `/Length ${o.length}`)}\nstream\n`);
    push(o);
    push('\nendstream\nendobj\n');
  });
  const xref = length;
  push(
    `xref\n0 ${objects.length + 1}\n0000000000 65535 f ` +
      `\n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`,
  );
  push(`trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`);
  return Buffer.concat(parts);
}

/**
 * The upload bomb of issue 7: about 255 KiB whose object stream inflates to 256 MiB of zeros. pdf-lib
 * inflates object streams while it parses, so on the event loop this froze the window and was accepted.
 */
function objectStreamBomb(zeros: Buffer): Buffer {
  return pdfWithStream('<< /Type /ObjStm /N 0 /First 0 /Filter /FlateDecode /Length >>', zeros);
}

function form(fields: Record<string, string>, bytes: Uint8Array, name = 'factura.pdf'): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.append(key, value);
  data.append('file', new Blob([new Uint8Array(bytes)], { type: 'application/pdf' }), name);
  return data;
}

async function upload(w: TestWindow, token: string, fields: Record<string, string>, bytes: Uint8Array) {
  const request = new Request('http://window.test/', { method: 'POST', body: form(fields, bytes) });
  const res = await w.app.inject({
    method: 'POST',
    url: '/api/v1/edocuments/uploads',
    headers: { authorization: `Bearer ${token}`, 'content-type': request.headers.get('content-type')! },
    payload: Buffer.from(await request.arrayBuffer()),
  });
  return { status: res.statusCode, body: res.json() };
}

function files(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true }) as string[])
    .filter((f) => fs.statSync(path.join(dir, f)).isFile())
    .sort();
}

/** Everything an upload could write: rows, blob files and staged files. */
async function written(w: TestWindow) {
  const rows = await w.ctx.db.one<{ uploads: number; challenges: number }>(
    'select (select count(*)::int from edocument_uploads) as uploads, (select count(*)::int from challenges) ' +
      'as challenges',
  );
  return { ...rows, files: files(path.join(w.dataDir, 'blobs')) };
}

const invoice = (rfc: string) => ({ traderRfc: rfc, documentType: 'commercial_invoice' });

// Small limits, so that a few uploads reach them; EDOCUMENT_MAX_BYTES leaves room for the bomb itself.
let w: TestWindow;
let zeros: Buffer; // 256 MiB of zeros, deflated
let bomb: Buffer;
before(async () => {
  w = await startTestWindow({
    EDOCUMENT_MAX_BYTES: String(400 * 1024),
    EDOCUMENT_MAX_PENDING_UPLOADS: '3',
    EDOCUMENT_MAX_PENDING_BYTES: String(800 * 1024),
  });
  zeros = await deflatedZeros(256 * MiB);
  bomb = objectStreamBomb(zeros);
});
after(() => w.close());

describe('PDF inspection cannot freeze the window', () => {
  test(
    'a 255 KiB PDF that inflates to 256 MiB is refused with ' + 'edocument.pdf_decompression_limit; nothing is written',
    async () => {
      assert.ok(bomb.length < 300 * 1024, `the bomb is ${bomb.length} bytes`);
      const rep = await w.person();
      const trader = await w.registerTrader(rep);
      // A filter chain inflates twice: the file is smaller still, the inflated size the same.
      const nested = pdfWithStream(
        '<< /Filter [/FlateDecode /FlateDecode] /Length >>',
        zlib.deflateSync(zeros, { level: 9 }),
      );
      const before = await written(w);
      for (const [what, bytes] of [
        ['object stream bomb', bomb],
        ['content stream deflated twice', nested],
      ] as const) {
        const res = await upload(w, trader.token, invoice(trader.rfc), bytes);
        assert.equal(res.status, 422, `${what}: ${JSON.stringify(res.body)}`);
        assert.equal(res.body.code, 'edocument.pdf_decompression_limit', what);
        assert.equal(typeof res.body.maxInflatedBytes, 'number', what);
      }
      assert.deepEqual(await written(w), before);
      // An ordinary PDF still goes through.
      const ok = await upload(w, trader.token, invoice(trader.rfc), await makePdf());
      assert.equal(ok.status, 201, JSON.stringify(ok.body));
    },
  );

  test('the event loop answers /health while a PDF is being inspected', async () => {
    let settled = false;
    const inspection = new PdfInspector(w.ctx.config).inspect(bomb).finally(() => {
      settled = true;
    });
    const health = await w.call('GET', '/health');
    assert.equal(health.status, 200);
    assert.equal(settled, false, '/health was answered only after the inspection ended');
    await assert.rejects(inspection, { code: 'edocument.pdf_decompression_limit' });
  });

  test("the time limit starts once the worker has loaded: a check outlasts it, a page's parse does not", async (t) => {
    // The thread's boot (tsx and pdf-lib) takes 0.6 s or more, a page's parse a few milliseconds.
    const inspector = new PdfInspector({ ...w.ctx.config, edocumentInspectionTimeoutMs: 300 });
    const started = performance.now();
    assert.deepEqual(await inspector.inspect(await makePdf()), { pages: 1 });
    t.diagnostic(`checked in ${Math.round(performance.now() - started)} ms`);
  });

  test('a parse that outlasts the time limit is stopped: edocument.pdf_too_complex, nothing written', async () => {
    // No budget on inflating: only the time limit can stop pdf-lib inflating 256 MiB.
    const slow = await startTestWindow({
      EDOCUMENT_MAX_BYTES: String(400 * 1024),
      EDOCUMENT_MAX_INFLATED_BYTES: String(4096 * MiB),
      EDOCUMENT_INSPECTION_TIMEOUT_MS: '1000',
    });
    try {
      const rep = await slow.person();
      const trader = await slow.registerTrader(rep);
      const before = await written(slow);
      const res = await upload(slow, trader.token, invoice(trader.rfc), bomb);
      assert.equal(res.status, 422, JSON.stringify(res.body));
      assert.equal(res.body.code, 'edocument.pdf_too_complex');
      assert.deepEqual(await written(slow), before);
    } finally {
      await slow.close();
    }
  });
});

describe('per-user limits on pending uploads', () => {
  let rep: Person;
  let trader: { rfc: string; token: string };
  before(async () => {
    rep = await w.person();
    trader = await w.registerTrader(rep);
  });

  test(
    'at most EDOCUMENT_MAX_PENDING_UPLOADS unsigned uploads: ' + 'the next is a 429 before the file is stored',
    async () => {
      const issued = [];
      for (let i = 0; i < 3; i++) {
        const res = await upload(w, trader.token, invoice(trader.rfc), await makePdf());
        assert.equal(res.status, 201, JSON.stringify(res.body));
        issued.push(res.body);
      }
      const before = await written(w);
      const refused = await upload(w, trader.token, invoice(trader.rfc), await makePdf());
      assert.equal(refused.status, 429, JSON.stringify(refused.body));
      assert.equal(refused.body.code, 'edocument.too_many_pending_uploads');
      assert.equal(refused.body.maxPendingUploads, 3);
      assert.deepEqual(await written(w), before);

      // Someone else is not held back by this user's uploads.
      const otherRep = await w.person();
      const other = await w.registerTrader(otherRep);
      assert.equal((await upload(w, other.token, invoice(other.rfc), await makePdf())).status, 201);

      // Signing one frees its place.
      const signed = await w.call('POST', '/api/v1/edocuments', {
        token: trader.token,
        body: { challengeId: issued[0].challengeId, ...signPayload(issued[0].payload, rep.signer) },
      });
      assert.equal(signed.status, 201, JSON.stringify(signed.body));
      assert.equal((await upload(w, trader.token, invoice(trader.rfc), await makePdf())).status, 201);
      assert.equal((await upload(w, trader.token, invoice(trader.rfc), await makePdf())).status, 429);

      // So does an upload whose signature did not come in time.
      await w.ctx.db.query(
        `update edocument_uploads set expires_at = now() - interval '1 second' where challenge_id = $1`,
        [issued[1].challengeId],
      );
      assert.equal((await upload(w, trader.token, invoice(trader.rfc), await makePdf())).status, 201);
    },
  );

  test(
    'at most EDOCUMENT_MAX_PENDING_BYTES in unsigned uploads: ' +
      'the upload that would pass it is a 429, nothing stored',
    async () => {
      const otherRep = await w.person();
      const other = await w.registerTrader(otherRep);
      for (let i = 0; i < 2; i++) {
        const res = await upload(w, other.token, invoice(other.rfc), await makePdf(300 * 1024));
        assert.equal(res.status, 201, JSON.stringify(res.body));
      }
      const before = await written(w);
      const refused = await upload(w, other.token, invoice(other.rfc), await makePdf(300 * 1024));
      assert.equal(refused.status, 429, JSON.stringify(refused.body));
      assert.equal(refused.body.code, 'edocument.too_many_pending_bytes');
      assert.equal(refused.body.maxPendingBytes, 800 * 1024);
      assert.deepEqual(await written(w), before);
      // A small one still fits.
      assert.equal((await upload(w, other.token, invoice(other.rfc), await makePdf())).status, 201);
    },
  );

  test('uploads sent at the same time cannot together pass the limit (PostgreSQL)', postgresOnly, async () => {
    const racerRep = await w.person();
    const racer = await w.registerTrader(racerRep);
    const pdfs = await Promise.all(Array.from({ length: 6 }, () => makePdf()));
    const results = await Promise.all(pdfs.map((bytes) => upload(w, racer.token, invoice(racer.rfc), bytes)));
    assert.deepEqual(
      results.map((r) => r.status).sort(),
      [201, 201, 201, 429, 429, 429],
      JSON.stringify(results.map((r) => r.body.code)),
    );
    const rows = await w.ctx.db.one<{ n: number }>(
      'select count(*)::int as n from edocument_uploads where uploaded_by_rfc = $1',
      [racerRep.rfc],
    );
    assert.equal(rows.n, 3);
  });
});
