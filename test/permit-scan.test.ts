import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { type PermitDocument, verificationLink } from '../src/permits/document.ts';
import { tokenOfScan as serverTokenOfScan } from '../src/permits/scan.ts';
import { sealPermitToken, verifyPermitTokenCli } from '../src/permits/token.ts';
import { jwks, loadOrCreateWindowKey } from '../src/pki/window-key.ts';
import { tokenOfScan } from '../web/src/public/scan.ts';

/**
 * What a scanner or a phone gives /verificar (web/src/public/scan.ts) is read by the same rule as
 * `ventanilla verify-permit`: the printed QR link, a `?token=` URL, or the bare token all give the token the
 * window sealed, and the offline check accepts each of them.
 */
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ventanilla-scan-'));
process.on('exit', () => fs.rmSync(tmp, { recursive: true, force: true }));
const key = await loadOrCreateWindowKey(path.join(tmp, 'keys', 'window.pem'), { create: true });
const keysFile = path.join(tmp, 'ventanilla-keys.json');
fs.writeFileSync(keysFile, JSON.stringify(jwks([key])));

const document: PermitDocument = {
  number: 'COFEPRIS-2026-000042',
  kind: 'permit',
  procedure: { code: 'COFEPRIS-MEDICINES-IMPORT', name: { es: 'Medicamentos', en: 'Medicines' } },
  agency: { code: 'COFEPRIS', name: { es: 'COFEPRIS', en: 'COFEPRIS' } },
  holder: { rfc: 'INA010101AB1', legalName: 'Importadora Ñandú S.A. de C.V.' },
  flow: 'import',
  goods: [
    {
      line: 1,
      hsCode: '300490',
      description: 'Tabletas',
      quantity: 500,
      unit: 'KGM',
      value: 1000,
      currency: 'USD',
      originCountry: 'DE',
    },
  ],
  validFrom: '2026-01-01',
  validTo: '2026-12-31',
  conditions: [],
  issuedAt: '2026-01-01T16:30:00Z',
  resolution: null,
  approvedBy: 'automatic',
  applicationId: '4b0a3c4e-0000-4000-8000-000000000042',
  verificationUrl: 'https://ventanilla.example.gob.mx/api/v1/verify/COFEPRIS-2026-000042',
};
const token = await sealPermitToken(key, document);

/** The offline check as a border officer runs it, given what was scanned. */
async function cli(scanned: string) {
  let out = '';
  const code = await verifyPermitTokenCli([scanned, '--keys', keysFile, '--at', '2026-06-15T12:00:00Z'], {
    out: (t) => {
      out += t;
    },
    err: (t) => {
      out += t;
    },
  });
  return { code, out };
}

const scans: [string, string][] = [
  ['the QR on the permit', verificationLink(document, token)],
  ['the QR read with a trailing newline', ` ${verificationLink(document, token)}\n`],
  ['the deprecated ?token= link', `https://ventanilla.example.gob.mx/api/v1/verify?token=${token}`],
  ['?token= among other parameters', `https://ventanilla.example.gob.mx/verificar?lang=es&token=${token}&x=1`],
  [
    'a fragment a scanner percent-encoded',
    `https://ventanilla.example.gob.mx/verificar#${token.replace(/\./g, '%2E')}`,
  ],
  ['the bare token', token],
  ['the bare token, pasted with spaces', `  ${token}  `],
];

test('the portal reads every form of a scan with the window’s own rule', () => {
  assert.equal(tokenOfScan, serverTokenOfScan, 'one rule, not a copy');
  for (const [what, scanned] of scans) assert.equal(tokenOfScan(scanned), token, what);
  assert.equal(
    tokenOfScan('https://ventanilla.example.gob.mx/verificar'),
    'https://ventanilla.example.gob.mx/verificar',
  );
  assert.equal(tokenOfScan('https://x.example/verificar#%E0%A4%A'), '%E0%A4%A', 'a bad escape is kept as it is');
});

test('`ventanilla verify-permit` accepts each form and finds the permit valid', async () => {
  for (const [what, scanned] of scans) {
    const { code, out } = await cli(scanned);
    assert.equal(code, 0, `${what}: ${out}`);
    assert.match(out, /Permit token: VALID/, what);
    assert.match(out, /COFEPRIS-2026-000042/, what);
  }
  const cut = await cli(verificationLink(document, token.slice(0, -10)));
  assert.equal(cut.code, 1, 'a link whose token was cut short is refused');
  assert.match(cut.out, /INVALID/);
});
