import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { jwks, loadOrCreateWindowKey, sealJws } from '../src/pki/window-key.ts';
import { goodsDigest, type PermitDocument, type PermitGoodsLine } from '../src/permits/document.ts';
import { tokenOfScan } from '../src/permits/scan.ts';
import {
  goodsDigestClaim,
  PERMIT_TOKEN_TYP,
  sealPermitToken,
  verifyPermitToken,
  verifyPermitTokenCli,
} from '../src/permits/token.ts';
import {
  ACK_QR_MAX_SEAL,
  ackQrContent,
  renderAcknowledgementPdf,
  type Acknowledgement,
} from '../src/applications/acknowledgement-pdf.ts';
import { renderPermitPdf } from '../src/permits/pdf.ts';
import { encodable, wrap } from '../src/pdf/text.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ventanilla-permit-'));
process.on('exit', () => fs.rmSync(tmp, { recursive: true, force: true }));

const key = await loadOrCreateWindowKey(path.join(tmp, 'keys', 'window.pem'), { create: true });
const otherKey = await loadOrCreateWindowKey(path.join(tmp, 'other', 'window.pem'), { create: true });
const keySet = jwks([key]);
const keysFile = path.join(tmp, 'ventanilla-keys.json');
fs.writeFileSync(keysFile, JSON.stringify(keySet));

const has = (bin: string) => !spawnSync(bin, ['-v'], { stdio: 'ignore' }).error;
const skipUnless = (bin: string, pkg: string) =>
  has(bin) ? false : `${bin} is not installed (apt-get install -y ${pkg}); skipping the ${bin} check`;

function goods(n: number): PermitGoodsLine[] {
  return Array.from({ length: n }, (_, i) => ({
    line: i + 1,
    hsCode: '9306.30.99',
    description:
      i % 5 === 1
        ? 'Cartuchos para armas deportivas calibre .22 LR en cajas de cartón de 50 piezas ' +
          'cada una, con certificado de fábrica y marcado de lote'
        : `Pólvora sin humo, línea ${i + 1}`,
    quantity: 1000 * (i + 1),
    unit: 'PZA',
    value: 12345.67 * (i + 1),
    currency: 'USD',
    originCountry: 'USA',
  }));
}

function permit(over: Partial<PermitDocument> = {}): PermitDocument {
  return {
    number: 'SEDENA-2026-000042',
    kind: 'permit',
    procedure: {
      code: 'SEDENA-01-001',
      name: {
        es: 'Permiso ordinario de importación de armas y explosivos',
        en: 'Ordinary permit to import firearms and explosives',
      },
    },
    agency: { code: 'SEDENA', name: { es: 'Secretaría de la Defensa Nacional', en: 'Ministry of National Defence' } },
    holder: { rfc: 'INA010101AB1', legalName: 'Importadora Ñandú & Cía., S.A. de C.V.' },
    flow: 'import',
    goods: goods(3),
    validFrom: '2026-01-01',
    validTo: '2026-12-31',
    conditions: [
      'Presentar este permiso ante la aduana de despacho junto con el pedimento.',
      'Almacenamiento únicamente en el polvorín autorizado número 14.',
    ],
    issuedAt: '2026-01-01T16:30:00Z',
    resolution: {
      officerName: 'María José Núñez Ibáñez',
      officerRfc: 'NUIM800101AB1',
      certificateSerial: '00001000000512345678',
      signatureId: 'sig_01JH3K2M4N5P',
    },
    approvedBy: 'officer',
    applicationId: 'app_01JH3K2M4N5P6Q7R8S9T',
    verificationUrl: 'https://ventanilla.example.gob.mx/api/v1/verify/SEDENA-2026-000042',
    ...over,
  };
}

const midYear = new Date('2026-06-15T12:00:00Z');
/** The permit's verification code, printed beside the QR in groups of four. */
const CODE = '7K3MQ9TX2B4R';

const rejectsWith = async (promise: Promise<unknown>, code: string, message: RegExp) =>
  assert.rejects(promise, (err: unknown) => {
    assert.equal((err as { code?: string }).code, code, String(err));
    assert.equal((err as { status?: number }).status, 422);
    assert.match((err as Error).message, message);
    return true;
  });

/** Replaces the payload of a compact JWS, keeping header and signature. */
function withPayload(token: string, edit: (claims: Record<string, unknown>) => void): string {
  const [h, p, s] = token.split('.');
  const claims = JSON.parse(Buffer.from(p!, 'base64url').toString('utf8')) as Record<string, unknown>;
  edit(claims);
  return `${h}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${s}`;
}

async function cli(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await verifyPermitTokenCli(argv, {
    out: (t) => {
      out += t;
    },
    err: (t) => {
      err += t;
    },
  });
  return { code, out, err };
}

test('goods digest: the tariff lines and amounts in line order, not the wording', () => {
  const lines = goods(3);
  const digest = goodsDigest(lines);
  assert.match(digest, /^[0-9a-f]{64}$/);
  assert.equal(goodsDigest([...lines].reverse()), digest, 'line order of the array does not matter, line numbers do');
  assert.equal(goodsDigest(lines.map((l) => ({ ...l, description: 'reworded' }))), digest);
  assert.notEqual(goodsDigest(lines.map((l, i) => (i === 1 ? { ...l, quantity: l.quantity + 1 } : l))), digest);
  assert.notEqual(goodsDigest(lines.map((l, i) => (i === 2 ? { ...l, hsCode: '9306.30.01' } : l))), digest);
  assert.equal(Buffer.from(goodsDigestClaim(lines), 'base64url').toString('hex'), digest);
});

test('seal and verify a permit token offline with the JWKS', async () => {
  const p = permit();
  const token = await sealPermitToken(key, p);
  const result = await verifyPermitToken(token, keySet, midYear);
  assert.deepEqual(result.claims, {
    v: 1,
    num: p.number,
    kind: 'permit',
    agency: 'SEDENA',
    rfc: p.holder.rfc,
    vf: '2026-01-01',
    vt: '2026-12-31',
    gd: goodsDigestClaim(p.goods),
    iat: Date.parse(p.issuedAt) / 1000,
  });
  assert.equal(result.status, 'valid');
  assert.equal(result.offline, true);
  assert.equal(result.onlineCheckAdvised, true);
  assert.match(result.note, /Revocation.*cannot be known offline/);
  assert.equal(result.kid, key.kid);
  const header = JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString('utf8')) as { typ: string };
  assert.equal(header.typ, PERMIT_TOKEN_TYP);
  // Surrounding whitespace (a QR reader's newline) is not an error.
  assert.equal((await verifyPermitToken(`${token}\n`, keySet, midYear)).status, 'valid');
});

test('the token stays small enough for a QR code, whatever the number of goods lines', async (t) => {
  const three = await sealPermitToken(key, permit());
  const sixty = await sealPermitToken(key, permit({ goods: goods(60) }));
  const longest = await sealPermitToken(key, permit({ kind: 'certificate_of_origin' }));
  t.diagnostic(
    `permit token length: ${three.length} (3 lines), ${sixty.length} (60 lines), ` +
      `${longest.length} (certificate_of_origin)`,
  );
  assert.equal(three.length, sixty.length);
  assert.ok(longest.length <= 500, `token of ${longest.length} characters`);
});

test('a tampered token is rejected as permit.token_invalid', async () => {
  const token = await sealPermitToken(key, permit());
  await rejectsWith(
    verifyPermitToken(
      withPayload(token, (c) => {
        c.vt = '2036-12-31';
      }),
      keySet,
      midYear,
    ),
    'permit.token_invalid',
    /altered/,
  );
  await rejectsWith(
    verifyPermitToken(
      withPayload(token, (c) => {
        c.rfc = 'XAXX010101000';
      }),
      keySet,
      midYear,
    ),
    'permit.token_invalid',
    /altered/,
  );
  const [h, p, s] = token.split('.');
  const flipped = `${h}.${p}.${s!.slice(0, 10)}${s![10] === 'A' ? 'B' : 'A'}${s!.slice(11)}`;
  await rejectsWith(verifyPermitToken(flipped, keySet, midYear), 'permit.token_invalid', /altered/);
  await rejectsWith(
    verifyPermitToken(token.slice(0, 200), keySet, midYear),
    'permit.token_invalid',
    /not a permit token/,
  );
  await rejectsWith(verifyPermitToken('', keySet, midYear), 'permit.token_invalid', /not a permit token/);
});

test('a token signed by another key, or a seal of another kind, is rejected', async () => {
  const foreign = await sealPermitToken(otherKey, permit());
  await rejectsWith(
    verifyPermitToken(foreign, keySet, midYear),
    'permit.token_invalid',
    new RegExp(`signed by key ${otherKey.kid}.*not among`),
  );
  // A forger who reuses the window's kid still fails on the signature.
  const [, p, s] = foreign.split('.');
  const header = Buffer.from(JSON.stringify({ alg: 'ES256', kid: key.kid, typ: PERMIT_TOKEN_TYP })).toString(
    'base64url',
  );
  await rejectsWith(verifyPermitToken(`${header}.${p}.${s}`, keySet, midYear), 'permit.token_invalid', /altered/);
  // A receipt seal from the same window is genuine but is not a permit.
  const receipt = await sealJws(key, { folio: 'VU-1' }, 'ventanilla-receipt+jws');
  await rejectsWith(
    verifyPermitToken(receipt, keySet, midYear),
    'permit.token_invalid',
    /typ is "ventanilla-receipt\+jws"/,
  );
  // Genuine signature, wrong shape: refuse rather than print garbage.
  const odd = await sealJws(key, { v: 2, num: 'X' }, PERMIT_TOKEN_TYP);
  await rejectsWith(verifyPermitToken(odd, keySet, midYear), 'permit.token_invalid', /bad or missing: .*kind/);
  // After key rotation the old permits still verify if the retired key stays published.
  const token = await sealPermitToken(otherKey, permit());
  assert.equal((await verifyPermitToken(token, jwks([key, otherKey]), midYear)).status, 'valid');
});

test('status follows the validity dates as calendar days in central Mexico', async () => {
  const token = await sealPermitToken(key, permit());
  const at = async (iso: string) => (await verifyPermitToken(token, keySet, new Date(iso))).status;
  assert.equal(await at('2025-12-31T12:00:00Z'), 'not_yet_valid');
  assert.equal(await at('2026-01-01T05:59:00Z'), 'not_yet_valid', 'still Dec 31 in Mexico City');
  assert.equal(await at('2026-01-01T06:00:00Z'), 'valid');
  assert.equal(await at('2027-01-01T05:30:00Z'), 'valid', 'Dec 31, 23:30 in Mexico City: the last day counts');
  assert.equal(await at('2027-01-01T06:00:00Z'), 'expired');
  const tijuana = await verifyPermitToken(token, keySet, new Date('2027-01-01T07:30:00Z'), {
    timeZone: 'America/Tijuana',
  });
  assert.equal(tijuana.status, 'valid');
  assert.equal(tijuana.checkedDate, '2026-12-31');
  // Offline cannot know about revocation: say so even for an expired token.
  const expired = await verifyPermitToken(token, keySet, new Date('2030-01-01T00:00:00Z'));
  assert.equal(expired.status, 'expired');
  assert.equal(expired.onlineCheckAdvised, true);
});

test('ventanilla verify-permit: 0 valid, 1 invalid or expired, 2 usage errors', async () => {
  const token = await sealPermitToken(key, permit());
  const valid = await cli([token, '--keys', keysFile, '--at', midYear.toISOString()]);
  assert.equal(valid.code, 0, valid.err);
  for (const text of [
    'VALID',
    'SEDENA-2026-000042',
    'INA010101AB1',
    'SEDENA',
    '2026-01-01 to 2026-12-31',
    'Status:      valid',
    'Offline check only',
    'online',
  ]) {
    assert.ok(valid.out.includes(text), `${text} in:\n${valid.out}`);
  }

  const tokenFile = path.join(tmp, 'token.txt');
  fs.writeFileSync(tokenFile, `${token}\n`);
  assert.equal((await cli(['--token-file', tokenFile, '--keys', keysFile, '--at', midYear.toISOString()])).code, 0);
  // What a phone reads from the QR: the verification page's link with the token after '#'.
  const link = `https://ventanilla.example.gob.mx/verificar#${token}`;
  assert.equal((await cli([link, '--keys', keysFile, '--at', midYear.toISOString()])).code, 0);

  const tampered = await cli([
    withPayload(token, (c) => {
      c.vt = '2036-12-31';
    }),
    '--keys',
    keysFile,
  ]);
  assert.equal(tampered.code, 1);
  assert.match(tampered.out, /INVALID[\s\S]*altered/);

  const expired = await cli([token, '--keys', keysFile, '--at', '2027-06-01T00:00:00Z']);
  assert.equal(expired.code, 1);
  assert.match(expired.out, /EXPIRED/);

  const json = await cli([token, '--keys', keysFile, '--at', midYear.toISOString(), '--json']);
  assert.equal(json.code, 0);
  assert.equal((JSON.parse(json.out) as { valid: boolean; claims: { num: string } }).claims.num, 'SEDENA-2026-000042');

  for (const argv of [
    [],
    [token],
    ['--keys', keysFile],
    [token, 'extra', '--keys', keysFile],
    [token, '--keys', path.join(tmp, 'nope.json')],
    [token, '--token-file', tokenFile, '--keys', keysFile],
    [token, '--keys', keysFile, '--bogus'],
    [token, '--keys', keysFile, '--at', 'yesterday'],
    [token, '--keys', tokenFile],
  ]) {
    const r = await cli(argv);
    assert.equal(r.code, 2, `${argv.join(' ')} -> ${r.code}: ${r.out}`);
    assert.match(r.err, /verify-permit: [\s\S]*Usage:/);
  }
  assert.equal((await cli(['--help'])).code, 0);
});

test('text outside WinAnsi degrades instead of throwing; Spanish stays intact', async () => {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const spanish = '¿Año? ¡Sí! á é í ó ú ñ ü Ñ €';
  assert.equal(encodable(spanish, font), spanish);
  assert.equal(encodable('Łódź ő ş 中文 😀 ≤ 5 → ﬁn\tfin', font), 'Lódz o s ?? ? <= 5 -> fin fin');
  assert.equal(encodable('e\u0301', font), 'é', 'combining accents are composed');
  const lines = wrap(`${'x'.repeat(300)} fin`, font, 10, 100);
  assert.ok(lines.length > 3 && lines.every((l) => font.widthOfTextAtSize(l, 10) <= 100));
});

async function pdfText(pdf: Uint8Array): Promise<string> {
  const file = path.join(tmp, `text-${process.hrtime.bigint()}.pdf`);
  fs.writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
}

/** Renders page 1 at 150 dpi and returns what zbarimg reads from it. */
function readQr(pdf: Uint8Array): string {
  const base = path.join(tmp, `qr-${process.hrtime.bigint()}`);
  fs.writeFileSync(`${base}.pdf`, pdf);
  execFileSync('pdftoppm', ['-r', '150', '-png', '-f', '1', '-l', '1', '-singlefile', `${base}.pdf`, base]);
  return execFileSync('zbarimg', ['--quiet', '--raw', `${base}.png`], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  }).replace(/\n$/, '');
}

test('the permit PDF is a real A4 PDF that paginates long goods lists', async () => {
  const p = permit();
  const token = await sealPermitToken(key, p);
  const short = await PDFDocument.load(await renderPermitPdf(p, token, CODE));
  assert.equal(short.getPageCount(), 1);
  const [w, h] = [short.getPage(0).getWidth(), short.getPage(0).getHeight()];
  assert.deepEqual([Math.round(w), Math.round(h)], [595, 842]);
  assert.equal(short.getTitle(), 'Permiso SEDENA-2026-000042');

  const sixty = permit({ goods: goods(60) });
  const long = await PDFDocument.load(await renderPermitPdf(sixty, await sealPermitToken(key, sixty), CODE));
  assert.ok(long.getPageCount() > 1, `60 lines on ${long.getPageCount()} page(s)`);

  const exotic = permit({
    holder: { rfc: 'INA010101AB1', legalName: 'Łódź Trading 中文 😀' },
    goods: [{ ...goods(1)[0]!, description: `${'Überlänge '.repeat(200)}≤ → ﬁ` }],
    conditions: Array.from({ length: 40 }, (_, i) => `Condición ${i + 1}: ${'texto largo '.repeat(20)}`),
    resolution: null,
    approvedBy: 'silence',
  });
  assert.ok(
    (await PDFDocument.load(await renderPermitPdf(exotic, await sealPermitToken(key, exotic), CODE))).getPageCount() >=
      2,
  );
  await assert.rejects(renderPermitPdf(permit({ resolution: null }), token, CODE), { code: 'permit.document_invalid' });
  // The QR must be this permit's: another permit's token, or one for other goods, is refused.
  await assert.rejects(renderPermitPdf(permit({ number: 'SEDENA-2026-000043' }), token, CODE), {
    code: 'permit.token_mismatch',
    message: /num/,
  });
  await assert.rejects(renderPermitPdf(permit({ goods: goods(4) }), token, CODE), {
    code: 'permit.token_mismatch',
    message: /gd/,
  });
  // A runaway description is cut to a few pages, not laid out over hundreds.
  const runaway = permit({ goods: [{ ...goods(1)[0]!, description: 'x'.repeat(200_000) }] });
  assert.ok(
    (
      await PDFDocument.load(await renderPermitPdf(runaway, await sealPermitToken(key, runaway), CODE))
    ).getPageCount() <= 3,
  );
});

test('pdftotext reads the number, the holder RFC and Spanish accents', {
  skip: skipUnless('pdftotext', 'poppler-utils'),
}, async () => {
  const p = permit({ resolution: null, approvedBy: 'automatic' });
  const text = await pdfText(await renderPermitPdf(p, await sealPermitToken(key, p), CODE));
  for (const needle of [
    'SEDENA-2026-000042',
    'INA010101AB1',
    'Importación',
    'Secretaría de la Defensa Nacional',
    'Ñandú',
    'Aprobado automáticamente',
    p.verificationUrl.slice(0, 40),
    '7K3M-Q9TX-2B4R',
  ]) {
    assert.ok(text.includes(needle), `${needle} in the PDF text`);
  }
  const silence = permit({ resolution: null, approvedBy: 'silence' });
  assert.match(
    await pdfText(await renderPermitPdf(silence, await sealPermitToken(key, silence), CODE)),
    /Afirmativa ficta \(silence\)/,
  );
  const officer = await pdfText(await renderPermitPdf(permit(), await sealPermitToken(key, permit()), CODE));
  for (const needle of ['María José Núñez Ibáñez', 'NUIM800101AB1', '00001000000512345678', 'sig_01JH3K2M4N5P'])
    assert.ok(officer.includes(needle), needle);
});

test("the QR code on the permit is the portal's verification page with exactly the token after '#'", {
  skip: skipUnless('zbarimg', 'zbar-tools') || skipUnless('pdftoppm', 'poppler-utils'),
}, async () => {
  const p = permit({ goods: goods(60) });
  const token = await sealPermitToken(key, p);
  const scanned = readQr(await renderPermitPdf(p, token, CODE));
  assert.equal(scanned, `https://ventanilla.example.gob.mx/verificar#${token}`);
  assert.equal(tokenOfScan(scanned), token);
  assert.equal(tokenOfScan(` ${token}\n`), token, 'a bare token is taken as it is');
  const result = await verifyPermitToken(tokenOfScan(scanned), keySet, midYear);
  assert.equal(result.status, 'valid');
  assert.equal(result.claims.gd, goodsDigestClaim(p.goods));
});

function acknowledgement(seal: string): Acknowledgement {
  return {
    folio: 'VU-2026-0000123',
    receivedAt: '2026-03-02T17:15:00Z',
    trader: { rfc: 'INA010101AB1', legalName: 'Importadora Ñandú & Cía., S.A. de C.V.' },
    signedBy: { rfc: 'PEGJ800101AB1', certificateSerial: '00001000000512345678' },
    applications: [
      {
        id: 'app_01',
        procedureCode: 'SEDENA-01-001',
        procedureName: 'Permiso ordinario de importación',
        agency: 'SEDENA',
        dueDate: '2026-03-16',
      },
      { id: 'app_02', procedureCode: 'SE-03-011', procedureName: 'Asignación de cupo', agency: 'SE', dueDate: null },
    ],
    seal,
  };
}

test('the acknowledgement PDF carries the seal, in its QR code when it fits', async () => {
  const seal = await sealJws(
    key,
    { folio: 'VU-2026-0000123', applications: ['app_01', 'app_02'] },
    'ventanilla-receipt+jws',
  );
  const ack = acknowledgement(seal);
  assert.equal(ackQrContent(ack).kind, 'seal');
  const long = acknowledgement(`${seal}${'A'.repeat(ACK_QR_MAX_SEAL)}`);
  assert.deepEqual(ackQrContent(long).kind, 'digest');
  assert.match(ackQrContent(long).content, /^ventanilla-ack:VU-2026-0000123:sha256=[0-9a-f]{64}$/);
  for (const a of [ack, long])
    assert.equal((await PDFDocument.load(await renderAcknowledgementPdf(a))).getPageCount(), 1);
  const many = {
    ...ack,
    applications: Array.from({ length: 80 }, (_, i) => ({ ...ack.applications[0]!, id: `app_${i}` })),
  };
  assert.ok((await PDFDocument.load(await renderAcknowledgementPdf(many))).getPageCount() > 1);
});

test('pdftotext reads the acknowledgement', { skip: skipUnless('pdftotext', 'poppler-utils') }, async () => {
  const seal = await sealJws(key, { folio: 'VU-2026-0000123' }, 'ventanilla-receipt+jws');
  const text = await pdfText(await renderAcknowledgementPdf(acknowledgement(seal)));
  for (const needle of [
    'ACUSE DE RECIBO',
    'VU-2026-0000123',
    'INA010101AB1',
    'PEGJ800101AB1',
    'Sin plazo',
    'promoción',
    'Ñandú',
  ]) {
    assert.ok(text.includes(needle), `${needle} in the acknowledgement text`);
  }
});

test('the QR code on the acknowledgement decodes to the seal, or to folio + digest for a long seal', {
  skip: skipUnless('zbarimg', 'zbar-tools') || skipUnless('pdftoppm', 'poppler-utils'),
}, async () => {
  const seal = await sealJws(
    key,
    { folio: 'VU-2026-0000123', applications: ['app_01', 'app_02'] },
    'ventanilla-receipt+jws',
  );
  assert.equal(readQr(await renderAcknowledgementPdf(acknowledgement(seal))), seal);
  const longest = acknowledgement(`${seal}.${'A'.repeat(ACK_QR_MAX_SEAL - seal.length - 1)}`);
  assert.equal(ackQrContent(longest).kind, 'seal');
  assert.equal(readQr(await renderAcknowledgementPdf(longest)), longest.seal);
  const long = acknowledgement(`${seal}${'A'.repeat(ACK_QR_MAX_SEAL)}`);
  assert.equal(readQr(await renderAcknowledgementPdf(long)), ackQrContent(long).content);
});
