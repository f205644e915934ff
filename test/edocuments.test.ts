import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { edocumentBlobStore, FsBlobStore } from '../src/documents/blob-store.ts';
import { cleanupEdocumentBlobs } from '../src/documents/edocument-cleanup.ts';
import { checkEdocumentReferences, findEdocumentForCustoms } from '../src/documents/edocuments.ts';
import { ACK_TYP } from '../src/http/signed-route.ts';
import { signPayload } from '../src/pki/index.ts';
import { openJws } from '../src/pki/window-key.ts';
import { startTestWindow, type Person, type TestWindow } from './support/window.ts';

const sha256 = (bytes: Uint8Array) => crypto.createHash('sha256').update(bytes).digest('hex');

/** A real PDF made with pdf-lib; `padding` random bytes (an embedded attachment, incompressible) make it larger. */
async function makePdf(pages = 1, padding = 0): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 1; i <= pages; i++)
    doc.addPage([612, 792]).drawText(`Factura comercial, hoja ${i} de ${pages}`, { x: 50, y: 700, size: 14, font });
  if (padding > 0)
    await doc.attach(crypto.randomBytes(padding), 'relleno.bin', { mimeType: 'application/octet-stream' });
  return doc.save();
}

/**
 * pdf-lib cannot encrypt, so this is written by hand: a one-page PDF whose trailer names a Standard
 * security handler dictionary (RC4 40-bit, revision 2), which is what makes a PDF encrypted.
 */
function encryptedPdf(): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>',
    `<< /Filter /Standard /V 1 /R 2 /O <${'4f'.repeat(32)}> /U <${'55'.repeat(32)}> /P -44 >>`,
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out +=
    `xref\n0 ${objects.length + 1}\n0000000000 65535 f ` +
    `\n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  const id = '0123456789abcdef0123456789abcdef';
  out +=
    `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Encrypt 4 0 R /ID [<${id}> <${id}>] ` +
    `>>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

interface FilePart {
  bytes: Uint8Array;
  name: string;
  field?: string;
}

/** A multipart/form-data body built by the platform's own FormData, as a browser or any fetch client sends it. */
function form(fields: Record<string, string>, ...files: FilePart[]): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.append(name, value);
  for (const f of files)
    data.append(f.field ?? 'file', new Blob([new Uint8Array(f.bytes)], { type: 'application/pdf' }), f.name);
  return data;
}

async function upload(w: TestWindow, token: string, body: FormData) {
  const request = new Request('http://window.test/', { method: 'POST', body });
  const res = await w.app.inject({
    method: 'POST',
    url: '/api/v1/edocuments/uploads',
    headers: { authorization: `Bearer ${token}`, 'content-type': request.headers.get('content-type')! },
    payload: Buffer.from(await request.arrayBuffer()),
  });
  return { status: res.statusCode, body: res.json(), headers: res.headers };
}

async function sign(w: TestWindow, token: string, signer: Person, issued: { challengeId: string; payload: object }) {
  return w.call('POST', '/api/v1/edocuments', {
    token,
    body: { challengeId: issued.challengeId, ...signPayload(issued.payload, signer.signer) },
  });
}

/** Uploads, signs and returns the created eDocument. */
async function createEdocument(
  w: TestWindow,
  token: string,
  signer: Person,
  fields: Record<string, string>,
  bytes: Uint8Array,
  name = 'factura.pdf',
) {
  const issued = await upload(w, token, form(fields, { bytes, name }));
  assert.equal(issued.status, 201, JSON.stringify(issued.body));
  const created = await sign(w, token, signer, issued.body);
  assert.equal(created.status, 201, JSON.stringify(created.body));
  return created.body.data;
}

function blobFiles(w: TestWindow): string[] {
  const root = path.join(w.dataDir, 'blobs');
  if (!fs.existsSync(root)) return [];
  return (fs.readdirSync(root, { recursive: true }) as string[])
    .filter((f) => fs.statSync(path.join(root, f)).isFile())
    .sort();
}

/** Everything an upload or a signature could write: rows and blob files. */
async function written(w: TestWindow) {
  const rows = await w.ctx.db.one<{
    edocuments: number;
    uploads: number;
    challenges: number;
    signatures: number;
    audit: number;
  }>(`select (select count(*)::int from edocuments) as edocuments,
    (select count(*)::int from edocument_uploads) as uploads, (select count(*)::int from challenges) as challenges,
    (select count(*)::int from signatures) as signatures, (select count(*)::int from audit_events) as audit`);
  return { ...rows, files: blobFiles(w) };
}

const NUMBER = /^ED[0-9A-HJKMNP-TV-Z]{10}$/;

let w: TestWindow;
let rep: Person;
let trader: { rfc: string; token: string };
let brokerPerson: Person;
let broker: { patent: string; token: string };
before(async () => {
  w = await startTestWindow();
  rep = await w.person({ name: 'Ana Importadora' });
  trader = await w.registerTrader(rep);
  brokerPerson = await w.person({ name: 'Bruno Agente' });
  broker = await w.registerBroker(brokerPerson);
  const granted = await w.signed(trader.token, rep, 'POST', `/api/v1/traders/${trader.rfc}/delegations`, {
    brokerPatent: broker.patent,
  });
  assert.equal(granted.status, 201, JSON.stringify(granted.body));
});
after(() => w.close());

describe('eDocuments: upload, sign, read', () => {
  let invoice: any;
  let invoiceBytes: Uint8Array;

  test(
    'a PDF streamed over real HTTP, signed with the ' + 'e.firma, reads back byte for byte with its SHA-256',
    async () => {
      invoiceBytes = await makePdf(3);
      const address = await w.app.listen({ host: '127.0.0.1', port: 0 });
      const res = await fetch(`${address}/api/v1/edocuments/uploads`, {
        method: 'POST',
        headers: { authorization: `Bearer ${trader.token}` },
        body: form(
          { traderRfc: trader.rfc, documentType: 'commercial_invoice', description: 'Factura 2026-0042' },
          { bytes: invoiceBytes, name: 'factura año 2026.pdf' },
        ),
      });
      const issued = (await res.json()) as any;
      assert.equal(res.status, 201, JSON.stringify(issued));
      // The window says exactly what is signed: the file's hash and every piece of metadata.
      assert.equal(issued.payload.action, 'edocument.create');
      assert.deepEqual(issued.payload.data, {
        traderRfc: trader.rfc,
        documentType: 'commercial_invoice',
        description: 'Factura 2026-0042',
        fileName: 'factura año 2026.pdf',
        sha256: sha256(invoiceBytes),
        size: invoiceBytes.length,
        pages: 3,
      });
      // Kept before it is signed: the blob and the pending upload, no eDocument yet.
      const pending = await written(w);
      assert.equal(pending.edocuments, 0);
      assert.equal(pending.uploads, 1);
      assert.deepEqual(pending.files, [
        path.join('sha256', sha256(invoiceBytes).slice(0, 2), sha256(invoiceBytes).slice(2)),
      ]);

      const created = await sign(w, trader.token, rep, issued);
      assert.equal(created.status, 201, JSON.stringify(created.body));
      invoice = created.body.data;
      assert.match(invoice.number, NUMBER);
      assert.equal(invoice.trader, trader.rfc);
      assert.equal(invoice.sha256, sha256(invoiceBytes));
      assert.equal(created.body.acknowledgement.object.id, invoice.number);
      const keys = (await w.call('GET', '/.well-known/ventanilla-keys.json')).body;
      assert.deepEqual(await openJws(created.body.seal, keys, { typ: ACK_TYP }), created.body.acknowledgement);

      const meta = await w.call('GET', `/api/v1/edocuments/${invoice.number}`, { token: trader.token });
      assert.equal(meta.status, 200);
      assert.deepEqual(meta.body, invoice);
      assert.equal(meta.body.signature.signedBy, rep.rfc);
      assert.equal(meta.body.signature.id, created.body.acknowledgement.signatureId);
      const evidence = await w.ctx.db.one('select payload from signatures where id = $1', [meta.body.signature.id]);
      assert.equal(evidence.payload.data.sha256, sha256(invoiceBytes), 'the stored signature covers the file hash');

      const content = await fetch(`${address}/api/v1/edocuments/${invoice.number}/content`, {
        headers: { authorization: `Bearer ${trader.token}` },
      });
      assert.equal(content.status, 200);
      assert.equal(content.headers.get('content-type'), 'application/pdf');
      assert.equal(content.headers.get('etag'), `"${sha256(invoiceBytes)}"`);
      assert.equal(
        content.headers.get('repr-digest'),
        `sha-256=:${crypto.createHash('sha256').update(invoiceBytes).digest('base64')}:`,
      );
      assert.match(
        content.headers.get('content-disposition')!,
        new RegExp(`filename="${invoice.number}.pdf"; filename\\*=UTF-8''factura%20a%C3%B1o%202026\\.pdf`),
      );
      assert.ok(Buffer.from(await content.arrayBuffer()).equals(Buffer.from(invoiceBytes)), 'byte-identical');
      const cached = await w.app.inject({
        method: 'GET',
        url: `/api/v1/edocuments/${invoice.number}/content`,
        headers: { authorization: `Bearer ${trader.token}`, 'if-none-match': `"${invoice.sha256}"` },
      });
      assert.equal(cached.statusCode, 304);

      const events = await w.ctx.db.query(
        'select type, actor_rfc, signature_id, data from audit_events where object_type = $1 and object_id = $2',
        ['edocument', invoice.number],
      );
      assert.deepEqual(
        events.map((e) => [e.type, e.actor_rfc, e.signature_id]),
        [['edocument.created', rep.rfc, meta.body.signature.id]],
      );
      assert.equal((await written(w)).uploads, 0, 'the pending upload is done with');
    },
  );

  test(
    'a retried submission creates nothing more and ' + 'answers the same; a used challenge cannot make another',
    async () => {
      const bytes = await makePdf(1);
      const issued = await upload(
        w,
        trader.token,
        form({ traderRfc: trader.rfc, documentType: 'packing_list' }, { bytes, name: 'empaque.pdf' }),
      );
      const body = { challengeId: issued.body.challengeId, ...signPayload(issued.body.payload, rep.signer) };
      const first = await w.call('POST', '/api/v1/edocuments', { token: trader.token, body });
      const again = await w.call('POST', '/api/v1/edocuments', { token: trader.token, body });
      assert.equal(first.status, 201);
      assert.equal(again.status, 200);
      assert.equal(again.body.replayed, true);
      assert.deepEqual(again.body.acknowledgement, first.body.acknowledgement);
      assert.equal(
        (
          await w.ctx.db.one('select count(*)::int as n from edocuments where challenge_id = $1', [
            issued.body.challengeId,
          ])
        ).n,
        1,
      );
    },
  );

  test('the fields may also follow the file', async () => {
    const bytes = await makePdf(1);
    const late = new FormData();
    late.append('file', new Blob([new Uint8Array(bytes)]), 'primero-el-archivo.pdf');
    late.append('documentType', 'certificate_of_origin');
    late.append('traderRfc', trader.rfc.toLowerCase());
    late.append('description', 'Certificado de origen T-MEC');
    const issued = await upload(w, trader.token, late);
    assert.equal(issued.status, 201, JSON.stringify(issued.body));
    assert.equal(issued.body.payload.data.traderRfc, trader.rfc);
    assert.equal(issued.body.payload.data.description, 'Certificado de origen T-MEC');
    const created = await sign(w, trader.token, rep, issued.body);
    assert.equal(created.body.data.documentType, 'certificate_of_origin');
  });

  test('a tampered payload, another session or another signer creates nothing', async () => {
    const bytes = await makePdf(2);
    const issued = await upload(
      w,
      trader.token,
      form({ traderRfc: trader.rfc, documentType: 'commercial_invoice' }, { bytes, name: 'f.pdf' }),
    );
    assert.equal(issued.status, 201);
    const before = await written(w);
    // Signing other bytes' hash (the payload changed after it was issued) fails the signature.
    const tampered = structuredClone(issued.body.payload);
    tampered.data.sha256 = sha256(Buffer.from('other bytes'));
    const forged = await w.call('POST', '/api/v1/edocuments', {
      token: trader.token,
      body: { challengeId: issued.body.challengeId, ...signPayload(tampered, rep.signer) },
    });
    assert.equal(forged.body.code, 'signature.invalid');
    const altered = await w.call('POST', '/api/v1/edocuments', {
      token: trader.token,
      body: { challengeId: issued.body.challengeId, ...signPayload(tampered, rep.signer), payload: tampered },
    });
    assert.equal(altered.body.code, 'signature.payload_altered');
    // The broker may upload for the trader, but not finish the trader's upload.
    const otherSession = await sign(w, broker.token, brokerPerson, issued.body);
    assert.equal(otherSession.body.code, 'challenge.wrong_session');
    const otherSigner = await sign(w, trader.token, brokerPerson, issued.body);
    assert.equal(otherSigner.body.code, 'signature.not_acting_party');
    assert.deepEqual(await written(w), before);
    // ...and the genuine signature still works.
    assert.equal((await sign(w, trader.token, rep, issued.body)).status, 201);
  });

  test(
    'refusals write nothing: not a PDF, encrypted, unknown type, bad fields, no file, two files, not multipart, ' +
      'not your trader',
    async () => {
      const pdf = await makePdf(1);
      const fields = { traderRfc: trader.rfc, documentType: 'commercial_invoice' };
      const stranger = await w.person();
      const strangerToken = await w.login(stranger);
      const before = await written(w);
      const refusals: Array<[string, number, string, () => Promise<{ status: number; body: any }>]> = [
        [
          'text renamed .pdf',
          422,
          'edocument.not_pdf',
          () =>
            upload(
              w,
              trader.token,
              form(fields, { bytes: Buffer.from('Factura 42: 1000 USD\n'), name: 'factura.pdf' }),
            ),
        ],
        [
          'half a PDF',
          422,
          'edocument.not_pdf',
          () => upload(w, trader.token, form(fields, { bytes: pdf.subarray(0, 300), name: 'cortado.pdf' })),
        ],
        [
          'encrypted PDF',
          422,
          'edocument.encrypted',
          () => upload(w, trader.token, form(fields, { bytes: encryptedPdf(), name: 'cifrado.pdf' })),
        ],
        [
          'unknown document type',
          422,
          'edocument.type_unknown',
          () =>
            upload(w, trader.token, form({ ...fields, documentType: 'love_letter' }, { bytes: pdf, name: 'a.pdf' })),
        ],
        [
          'type not snake_case',
          400,
          'request.invalid',
          () =>
            upload(
              w,
              trader.token,
              form({ ...fields, documentType: 'Commercial Invoice' }, { bytes: pdf, name: 'a.pdf' }),
            ),
        ],
        [
          'unknown field',
          400,
          'request.invalid',
          () => upload(w, trader.token, form({ ...fields, folio: '42' }, { bytes: pdf, name: 'a.pdf' })),
        ],
        [
          'missing traderRfc',
          400,
          'request.invalid',
          () => upload(w, trader.token, form({ documentType: 'commercial_invoice' }, { bytes: pdf, name: 'a.pdf' })),
        ],
        ['no file', 400, 'edocument.file_missing', () => upload(w, trader.token, form(fields))],
        [
          'two files',
          400,
          'edocument.one_file',
          () => upload(w, trader.token, form(fields, { bytes: pdf, name: 'a.pdf' }, { bytes: pdf, name: 'b.pdf' })),
        ],
        [
          'description too long, after the file',
          400,
          'request.invalid',
          () => {
            const late = form(fields, { bytes: pdf, name: 'a.pdf' });
            late.append('description', 'x'.repeat(1001));
            return upload(w, trader.token, late);
          },
        ],
        [
          'file in another field',
          400,
          'request.invalid',
          () => upload(w, trader.token, form(fields, { bytes: pdf, name: 'a.pdf', field: 'pdf' })),
        ],
        [
          'JSON instead of a form',
          415,
          'edocument.multipart_required',
          () => w.call('POST', '/api/v1/edocuments/uploads', { token: trader.token, body: fields }),
        ],
        [
          "someone else's trader",
          403,
          'edocument.not_your_trader',
          () => upload(w, strangerToken, form(fields, { bytes: pdf, name: 'a.pdf' })),
        ],
        ['bad token', 401, 'auth.token_invalid', () => upload(w, 'nope', form(fields, { bytes: pdf, name: 'a.pdf' }))],
      ];
      for (const [what, status, code, send] of refusals) {
        const res = await send();
        assert.equal(res.status, status, `${what}: ${JSON.stringify(res.body)}`);
        assert.equal(res.body.code, code, what);
      }
      assert.deepEqual(await written(w), before);
      assert.deepEqual(fs.readdirSync(path.join(w.dataDir, 'blobs', 'tmp')), [], 'no staged file left');
    },
  );

  test(
    'access: the trader, its representative, its ' + 'delegated broker and customs read; anyone else gets 404',
    async () => {
      const company = await w.person({ kind: 'company', rfc: trader.rfc });
      const companyToken = await w.login(company);
      const customs = await w.officer('ANAM', ['customs_officer'], 'ANAM-TAMPS-NLD');
      const agency = await w.officer('COFEPRIS', ['reviewer']);
      const stranger = await w.person();
      const otherRep = await w.person();
      const other = await w.registerTrader(otherRep);
      // The broker files for the trader too, and the trader reads what the broker filed.
      const byBroker = await createEdocument(
        w,
        broker.token,
        brokerPerson,
        { traderRfc: trader.rfc, documentType: 'bill_of_lading' },
        await makePdf(1),
        'bl.pdf',
      );
      assert.equal(byBroker.createdBy, brokerPerson.rfc);

      for (const [who, token] of [
        ['trader (company e.firma)', companyToken],
        ['legal representative', trader.token],
        ['delegated broker', broker.token],
        ['customs officer', customs.token],
      ] as const) {
        for (const number of [invoice.number, byBroker.number]) {
          const meta = await w.call('GET', `/api/v1/edocuments/${number}`, { token });
          assert.equal(meta.status, 200, `${who} reads ${number}`);
          const content = await w.app.inject({
            method: 'GET',
            url: `/api/v1/edocuments/${number}/content`,
            headers: { authorization: `Bearer ${token}` },
          });
          assert.equal(content.statusCode, 200, `${who} reads the content of ${number}`);
        }
      }
      const strangerToken = await w.login(stranger);
      // An agency officer needs an application of the trader that cites the document (test/need-to-know.test.ts).
      for (const token of [strangerToken, other.token, agency.token]) {
        for (const url of [
          `/api/v1/edocuments/${invoice.number}`,
          `/api/v1/edocuments/${invoice.number}/content`,
          '/api/v1/edocuments/ED0000000000',
        ]) {
          const res = await w.call('GET', url, { token });
          assert.equal(res.status, 404, url);
          assert.equal(res.body.code, 'edocument.not_found');
        }
        assert.equal((await w.call('GET', `/api/v1/edocuments?traderRfc=${trader.rfc}`, { token })).status, 404);
        // ...nor may they upload for the trader.
        const refused = await upload(
          w,
          token,
          form(
            { traderRfc: trader.rfc, documentType: 'commercial_invoice' },
            { bytes: await makePdf(1), name: 'x.pdf' },
          ),
        );
        assert.equal(refused.body.code, 'edocument.not_your_trader');
      }
      // Customs reads but does not upload for a trader.
      const officerUpload = await upload(
        w,
        customs.token,
        form({ traderRfc: trader.rfc, documentType: 'commercial_invoice' }, { bytes: await makePdf(1), name: 'x.pdf' }),
      );
      assert.equal(officerUpload.body.code, 'edocument.not_your_trader');
      // Numbers are read the way people type them.
      assert.equal(
        (await w.call('GET', `/api/v1/edocuments/${invoice.number.toLowerCase()}`, { token: trader.token })).body
          .number,
        invoice.number,
      );
      const listed = await w.call('GET', `/api/v1/edocuments?traderRfc=${trader.rfc}&documentType=bill_of_lading`, {
        token: trader.token,
      });
      assert.deepEqual(
        listed.body.items.map((e: any) => e.number),
        [byBroker.number],
      );
      // The list is for the trader's side; customs reads by number, as a declaration cites it.
      assert.equal(
        (await w.call('GET', `/api/v1/edocuments?traderRfc=${trader.rfc}`, { token: customs.token })).status,
        404,
      );
    },
  );

  test("one eDocument number serves any number of its owner's operations, never another trader's", async () => {
    const goods = [
      {
        hsCode: '930190',
        description: 'Rifle',
        quantity: 1,
        unit: 'PCE',
        value: 1000,
        currency: 'USD',
        originCountry: 'US',
        destinationCountry: 'MX',
        customsOffice: 'ANAM-TAMPS-NLD',
      },
    ];
    const certificate = await createEdocument(
      w,
      trader.token,
      rep,
      { traderRfc: trader.rfc, documentType: 'end_user_certificate' },
      await makePdf(2),
      'usuario-final.pdf',
    );
    for (let i = 0; i < 2; i++) {
      const draft = await w.call('POST', '/api/v1/operations', {
        token: trader.token,
        body: {
          traderRfc: trader.rfc,
          flow: 'import',
          data: { goods, edocuments: [certificate.number, invoice.number] },
        },
      });
      assert.equal(draft.status, 201, JSON.stringify(draft.body));
      const cited = await checkEdocumentReferences(w.ctx.db, {
        traderRfc: trader.rfc,
        numbers: draft.body.data.edocuments,
      });
      assert.deepEqual(cited.map((c) => c.number).sort(), [certificate.number, invoice.number].sort());
    }
    const other = await w.registerTrader(await w.person());
    await assert.rejects(
      checkEdocumentReferences(w.ctx.db, { traderRfc: other.rfc, numbers: [certificate.number] }),
      (err: any) => err.code === 'edocument.not_of_trader' && err.details.numbers[0] === certificate.number,
    );
    // Customs sees the same eDocument each time it is cited.
    for (let i = 0; i < 2; i++) {
      assert.deepEqual(await findEdocumentForCustoms(w.ctx.db, certificate.number), {
        number: certificate.number,
        ownerRfc: trader.rfc,
        documentType: 'end_user_certificate',
        sha256: certificate.sha256,
      });
    }
    assert.equal(await findEdocumentForCustoms(w.ctx.db, 'ED0000000000'), null);
    assert.equal(await findEdocumentForCustoms(w.ctx.db, 'not a number'), null);
  });

  test('the same file twice is stored once, as two eDocuments', async () => {
    const before = blobFiles(w);
    const one = await createEdocument(
      w,
      trader.token,
      rep,
      { traderRfc: trader.rfc, documentType: 'commercial_invoice' },
      invoiceBytes,
      'copia.pdf',
    );
    assert.notEqual(one.number, invoice.number);
    assert.equal(one.sha256, invoice.sha256);
    assert.deepEqual(blobFiles(w), before);
  });

  test(
    'cleanup: unsigned uploads and blobs nobody refers ' + 'to go after the grace period; signed eDocuments stay',
    async () => {
      const blobs = edocumentBlobStore(w.ctx.config);
      const unsignedBytes = await makePdf(4);
      const unsigned = await upload(
        w,
        trader.token,
        form({ traderRfc: trader.rfc, documentType: 'packing_list' }, { bytes: unsignedBytes, name: 'nunca.pdf' }),
      );
      assert.equal(unsigned.status, 201);
      // A crash between the blob's rename and its row's commit leaves a blob nobody refers to.
      const orphan = await blobs.put(Readable.from([Buffer.from('%PDF-1.7 left by a crash')]));
      // ...and a crash mid-upload leaves a staged file.
      fs.writeFileSync(path.join(w.dataDir, 'blobs', 'tmp', 'crashed.part'), 'half an upload');
      const signed = (await w.ctx.db.query<{ sha256: string }>('select distinct sha256 from edocuments')).map(
        (r) => r.sha256,
      );

      assert.deepEqual(
        await cleanupEdocumentBlobs(w.ctx.db, blobs),
        { uploads: 0, blobs: 0, staged: 0 },
        'within the grace period nothing goes',
      );
      assert.ok(await blobs.has(orphan.sha256));

      const twoDaysOn = new Date(Date.now() + 2 * 86_400_000);
      const swept = await cleanupEdocumentBlobs(w.ctx.db, blobs, { now: twoDaysOn });
      assert.deepEqual(swept, { uploads: 1, blobs: 2, staged: 1 });
      assert.equal(await blobs.has(orphan.sha256), false);
      assert.equal(await blobs.has(sha256(unsignedBytes)), false);
      for (const hash of signed) assert.ok(await blobs.has(hash), `the blob of a signed eDocument stays (${hash})`);
      const content = await w.app.inject({
        method: 'GET',
        url: `/api/v1/edocuments/${invoice.number}/content`,
        headers: { authorization: `Bearer ${trader.token}` },
      });
      assert.ok(content.rawPayload.equals(Buffer.from(invoiceBytes)));
      // Signing an upload the cleanup removed (here its challenge is still valid, as time only moved for the cleanup)
      // creates nothing.
      const before = await written(w);
      const late = await sign(w, trader.token, rep, unsigned.body);
      assert.equal(late.status, 410, JSON.stringify(late.body));
      assert.equal(late.body.code, 'edocument.upload_gone');
      assert.deepEqual(await written(w), before);
      assert.deepEqual(
        await cleanupEdocumentBlobs(w.ctx.db, blobs, { now: twoDaysOn }),
        { uploads: 0, blobs: 0, staged: 0 },
        'idempotent',
      );
    },
  );

  test('a damaged blob is never served as the document', async () => {
    const store = new FsBlobStore(path.join(w.dataDir, 'blobs'));
    const victim = await createEdocument(
      w,
      trader.token,
      rep,
      { traderRfc: trader.rfc, documentType: 'packing_list' },
      await makePdf(1),
      'v.pdf',
    );
    fs.appendFileSync(store.pathOf(victim.sha256), 'tampered');
    const stream = await store.get(victim.sha256);
    await assert.rejects(async () => {
      for await (const _ of stream!) {
        /* read */
      }
    }, /is damaged/);
  });
});

describe('eDocuments: size limit (EDOCUMENT_MAX_BYTES)', () => {
  let small: TestWindow;
  let smallRep: Person;
  let smallTrader: { rfc: string; token: string };
  before(async () => {
    small = await startTestWindow({ EDOCUMENT_MAX_BYTES: '4096' });
    smallRep = await small.person();
    smallTrader = await small.registerTrader(smallRep);
  });
  after(() => small.close());

  test(
    'a file over the limit is cut off while streaming, ' + 'or refused from its declared length; nothing is left',
    async () => {
      const fields = { traderRfc: smallTrader.rfc, documentType: 'commercial_invoice' };
      const before = await written(small);
      const justOver = await makePdf(1, 6000); // passes the Content-Length check: stopped by the byte count
      const wayOver = await makePdf(1, 200_000); // its Content-Length alone gives it away
      for (const bytes of [justOver, wayOver]) {
        const res = await upload(small, smallTrader.token, form(fields, { bytes, name: 'grande.pdf' }));
        assert.equal(res.status, 413, JSON.stringify(res.body));
        assert.equal(res.body.code, 'edocument.too_large');
        assert.equal(res.body.maxBytes, 4096);
      }
      // Streamed with no Content-Length at all (chunked): only the byte count can stop it.
      const request = new Request('http://window.test/', {
        method: 'POST',
        body: form(fields, { bytes: await makePdf(1, 500_000), name: 'grande.pdf' }),
      });
      const whole = Buffer.from(await request.arrayBuffer());
      const chunked = await small.app.inject({
        method: 'POST',
        url: '/api/v1/edocuments/uploads',
        headers: {
          authorization: `Bearer ${smallTrader.token}`,
          'content-type': request.headers.get('content-type')!,
          'transfer-encoding': 'chunked',
        },
        payload: Readable.from(
          Array.from({ length: Math.ceil(whole.length / 16384) }, (_, i) => whole.subarray(i * 16384, (i + 1) * 16384)),
        ),
      });
      assert.equal(chunked.statusCode, 413, chunked.body);
      assert.equal(chunked.json().code, 'edocument.too_large');
      assert.deepEqual(await written(small), before);
      const staging = path.join(small.dataDir, 'blobs', 'tmp');
      assert.deepEqual(fs.existsSync(staging) ? fs.readdirSync(staging) : [], []);

      const fits = await makePdf(1);
      assert.ok(fits.length <= 4096);
      const res = await upload(small, smallTrader.token, form(fields, { bytes: fits, name: 'cabe.pdf' }));
      assert.equal(res.status, 201, JSON.stringify(res.body));
    },
  );
});
