import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { PDFDocument } from 'pdf-lib';
import { FsBlobStore } from '../src/documents/blob-store.ts';
import { signPayload } from '../src/pki/index.ts';
import { startTestWindow, type Person, type TestWindow } from './support/window.ts';

// A stored eDocument whose bytes were changed in place (same length, one byte flipped) is never served as the
// document: the window verifies the SHA-256 while streaming and holds the last bytes back until it matches.

/** A real PDF; `padding` random bytes (an incompressible attachment) make it span several read chunks (64 KiB). */
async function makePdf(padding: number): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.addPage([612, 792]);
  await doc.attach(crypto.randomBytes(padding), 'relleno.bin', { mimeType: 'application/octet-stream' });
  return Buffer.from(await doc.save());
}

let w: TestWindow;
let rep: Person;
let trader: { rfc: string; token: string };
let address: string;
before(async () => {
  w = await startTestWindow();
  rep = await w.person();
  trader = await w.registerTrader(rep);
  address = await w.app.listen({ host: '127.0.0.1', port: 0 });
});
after(() => w.close());

/** Uploads (multipart, over HTTP) and signs a PDF; returns the eDocument's number and the blob file. */
async function storeEdocument(bytes: Buffer): Promise<{ number: string; file: string }> {
  const form = new FormData();
  form.append('traderRfc', trader.rfc);
  form.append('documentType', 'commercial_invoice');
  form.append('file', new Blob([new Uint8Array(bytes)], { type: 'application/pdf' }), 'factura.pdf');
  const res = await fetch(`${address}/api/v1/edocuments/uploads`, {
    method: 'POST',
    headers: { authorization: `Bearer ${trader.token}` },
    body: form,
  });
  const issued = (await res.json()) as { challengeId: string; payload: object };
  assert.equal(res.status, 201, JSON.stringify(issued));
  const created = await w.call('POST', '/api/v1/edocuments', {
    token: trader.token,
    body: { challengeId: issued.challengeId, ...signPayload(issued.payload, rep.signer) },
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const sha256 = crypto.createHash('sha256').update(bytes).digest('hex');
  return { number: created.body.data.number, file: new FsBlobStore(`${w.dataDir}/blobs`).pathOf(sha256) };
}

/** Flips one byte of the stored file in place: same length, same name, different content. */
function flipByte(file: string, offset: number) {
  const fd = fs.openSync(file, 'r+');
  try {
    const one = Buffer.alloc(1);
    fs.readSync(fd, one, 0, 1, offset);
    one[0]! ^= 0xff;
    fs.writeSync(fd, one, 0, 1, offset);
  } finally {
    fs.closeSync(fd);
  }
}

const download = (number: string) =>
  fetch(`${address}/api/v1/edocuments/${number}/content`, { headers: { authorization: `Bearer ${trader.token}` } });

describe('a damaged blob is never served as the document', () => {
  test('a small file (one read chunk) is verified whole first: a problem, and none of its bytes', async () => {
    const bytes = await makePdf(10_000);
    const { number, file } = await storeEdocument(bytes);
    assert.equal(fs.statSync(file).size, bytes.length);
    flipByte(file, Math.floor(bytes.length / 2));
    assert.equal(fs.statSync(file).size, bytes.length, 'same length');

    const res = await download(number);
    assert.equal(res.status, 500);
    assert.equal(res.headers.get('content-type'), 'application/problem+json; charset=utf-8');
    assert.equal(res.headers.get('repr-digest'), null, 'no digest claimed for what is not the document');
    assert.equal(res.headers.get('content-disposition'), null);
    const problem = (await res.json()) as { code: string; detail: string };
    assert.equal(problem.code, 'edocument.content_damaged');
    assert.match(problem.detail, new RegExp(number));

    flipByte(file, Math.floor(bytes.length / 2)); // restored: served again, byte for byte
    const healed = await download(number);
    assert.equal(healed.status, 200);
    assert.ok(Buffer.from(await healed.arrayBuffer()).equals(bytes));
  });

  for (const where of ['first', 'last'] as const) {
    test(`a large file damaged in its ${where} chunk is cut short: the client never completes a 200 body`, async () => {
      const bytes = await makePdf(300_000);
      const { number, file } = await storeEdocument(bytes);
      flipByte(file, where === 'first' ? 100 : bytes.length - 100);

      const res = await download(number);
      // The first bytes were on their way before the damage could be known: the status is sent, the body is not.
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('content-length'), String(bytes.length));
      await assert.rejects(res.arrayBuffer(), 'the body ends before its Content-Length: the client sees an error');

      flipByte(file, where === 'first' ? 100 : bytes.length - 100);
      const healed = await download(number);
      assert.ok(Buffer.from(await healed.arrayBuffer()).equals(bytes), 'restored: served whole');
    });
  }
});
