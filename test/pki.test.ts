import 'reflect-metadata';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as x509 from '@peculiar/x509';
import {
  canonicalJson,
  initDevPki,
  issueEfirma,
  jwks,
  loadOrCreateWindowKey,
  openEfirma,
  openJws,
  parseCertificate,
  readEfirmaFiles,
  revokeCertificate,
  sealJws,
  signPayload,
  TrustStore,
  verifySignature,
  writeEfirma,
  type DevPki,
  type IssueEfirmaOptions,
  type SignatureEnvelope,
} from '../src/pki/index.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ventanilla-pki-'));
process.on('exit', () => fs.rmSync(tmp, { recursive: true, force: true }));

const DAY = 24 * 3600 * 1000;
const PASSWORD = 'Contraseña segura 1';
const payload = { window: 'ventanilla', action: 'login', nonce: 'n-1', data: { amount: 12.5, items: ['a', 'b'] } };

const pki = await initDevPki(path.join(tmp, 'pki'));
const otherPki = await initDevPki(path.join(tmp, 'other-pki'));
const trust = TrustStore.fromDir(pki.trustDir);

async function efirma(opts: Partial<IssueEfirmaOptions> = {}, ca: DevPki = pki) {
  const issued = await issueEfirma(ca, {
    rfc: 'PEGJ800101AB1',
    name: 'Juana Pérez García',
    password: PASSWORD,
    keyType: 'ec',
    ...opts,
  });
  return { ...issued, signer: openEfirma({ cer: issued.cer, key: issued.key, password: PASSWORD }) };
}

const rsa = await efirma({
  keyType: 'rsa',
  rfc: 'AAA010101AAA / PEGJ800101AB1',
  curp: 'PEGJ800101MDFRRN09',
  name: 'Importadora Ñandú & Cía',
  role: 'Representante legal',
});
const ec = await efirma();

const verify = (envelope: SignatureEnvelope, opts: { payload?: unknown; at?: Date; trust?: TrustStore } = {}) =>
  verifySignature({ payload: opts.payload ?? payload, envelope, trust: opts.trust ?? trust, at: opts.at });

const rejects = (fn: () => unknown, code: string, message?: RegExp) =>
  assert.throws(fn, (err: unknown) => {
    assert.equal((err as { code?: string }).code, code, String(err));
    if (message) assert.match((err as Error).message, message);
    return true;
  });

test('RFC 8785: key order, number forms and string escapes', () => {
  // RFC 8785 section 3.2.2 sample, plus 1e21 and the section 3.2.3 key-sorting sample.
  const sample = {
    // biome-ignore lint/correctness/noPrecisionLoss: the RFC's own sample, written as the RFC writes it
    numbers: [333333333.33333329, 1e30, 4.5, 2e-3, 0.000000000000000000000000001, 1e21, 0.1, -0],
    string: '\u20ac$\u000F\u000aA\'\u0042\u0022\u005c\\"/',
    literals: [null, true, false],
  };
  assert.equal(
    canonicalJson(sample),
    '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27,1e+21,0.1,0],' +
      '"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
  );
  const keys = {
    '\u20ac': 'Euro',
    '\r': 'CR',
    '\ufb33': 'Hebrew',
    '1': 'One',
    '\ud83d\ude00': 'Smiley',
    '\u0080': 'Control',
    '\u00f6': 'Latin',
  };
  assert.equal(
    canonicalJson(keys),
    '{"\\r":"CR","1":"One","\u0080":"Control","\u00f6":"Latin","\u20ac":"Euro",' +
      '"\ud83d\ude00":"Smiley","\ufb33":"Hebrew"}',
  );
  rejects(() => canonicalJson({ n: Number.NaN }), 'payload.not_canonicalizable');
  rejects(() => canonicalJson(undefined), 'payload.not_canonicalizable');
});

test('certificate carries RFC, CURP and name the SAT way', () => {
  const info = parseCertificate(rsa.cer);
  assert.equal(info.rfc, 'AAA010101AAA');
  assert.equal(info.curp, 'PEGJ800101MDFRRN09');
  assert.equal(info.name, 'Importadora Ñandú & Cía');
  assert.equal(info.serialNumber, rsa.serialNumber);
  assert.deepEqual(info.keyUsage, { digitalSignature: true, nonRepudiation: true, keyCertSign: false, cRLSign: false });
  assert.equal(info.isCa, false);
  assert.equal(info.issuer, pki.issuing.subject);
  assert.equal(parseCertificate(rsa.cer.toString('base64')), info, 'cached by fingerprint');
  rejects(() => parseCertificate('%%%not base64'), 'signature.certificate_malformed');
  rejects(() => parseCertificate(Buffer.from('not a certificate')), 'signature.certificate_malformed');
});

test('RS256 e.firma signature verifies', () => {
  const envelope = signPayload(payload, rsa.signer);
  assert.equal(envelope.algorithm, 'RS256');
  // Key order and formatting of the payload do not matter, its content does.
  const signer = verify(envelope, {
    payload: JSON.parse(JSON.stringify({ data: payload.data, nonce: 'n-1', action: 'login', window: 'ventanilla' })),
  });
  assert.deepEqual(
    {
      rfc: signer.rfc,
      curp: signer.curp,
      name: signer.name,
      serialNumber: signer.serialNumber,
      algorithm: signer.algorithm,
    },
    {
      rfc: 'AAA010101AAA',
      curp: 'PEGJ800101MDFRRN09',
      name: 'Importadora Ñandú & Cía',
      serialNumber: rsa.serialNumber,
      algorithm: 'RS256',
    },
  );
  assert.ok(signer.certificateDer.equals(rsa.cer));
  assert.equal(signer.fingerprint, crypto.createHash('sha256').update(rsa.cer).digest('hex'));
});

test('ES256 e.firma signature verifies, IEEE P1363 encoded', () => {
  const envelope = signPayload(payload, ec.signer);
  assert.equal(envelope.algorithm, 'ES256');
  assert.equal(Buffer.from(envelope.signature, 'base64').length, 64);
  assert.equal(verify(envelope).rfc, 'PEGJ800101AB1');
  assert.equal(verify(envelope).curp, null);
});

test('tampered payload -> signature.invalid', () => {
  const envelope = signPayload(payload, rsa.signer);
  rejects(
    () => verify(envelope, { payload: { ...payload, nonce: 'n-2' } }),
    'signature.invalid',
    new RegExp(rsa.serialNumber),
  );
});

test('signature by another key -> signature.invalid', async () => {
  const other = await efirma({ rfc: 'XAXX010101000' });
  const envelope = { ...signPayload(payload, other.signer), certificate: ec.cer.toString('base64') };
  rejects(() => verify(envelope), 'signature.invalid');
});

test('expired certificate -> signature.certificate_expired, judged at signing time', async () => {
  // The dev CAs are valid from a minute before their creation: stay inside that window.
  const now = Date.now();
  const old = await efirma({ validFrom: new Date(now - 50_000), validTo: new Date(now - 10_000) });
  const envelope = signPayload(payload, old.signer);
  const notAfter = parseCertificate(old.cer).notAfter.toISOString();
  rejects(() => verify(envelope), 'signature.certificate_expired', new RegExp(`expired on ${notAfter}`));
  assert.equal(verify(envelope, { at: new Date(now - 30_000) }).rfc, 'PEGJ800101AB1');
});

test('certificate not yet valid -> signature.certificate_not_yet_valid', async () => {
  const future = await efirma({ validFrom: new Date(Date.now() + DAY) });
  rejects(() => verify(signPayload(payload, future.signer)), 'signature.certificate_not_yet_valid', /not valid until/);
});

test('revocation is picked up by a running TrustStore', async () => {
  const store = TrustStore.fromDir(pki.trustDir);
  const victim = await efirma({ rfc: 'REVO800101AAA' });
  const envelope = signPayload(payload, victim.signer);
  const before = new Date();
  assert.equal(verify(envelope, { trust: store }).rfc, 'REVO800101AAA');
  const { serialNumber, revokedAt } = await revokeCertificate(pki, victim.cer, 'keyCompromise');
  assert.equal(serialNumber, victim.serialNumber);
  rejects(
    () => verify(envelope, { trust: store }),
    'signature.certificate_revoked',
    new RegExp(`revoked on ${revokedAt.toISOString()}`),
  );
  // Signed before the revocation: still good.
  assert.equal(verify(envelope, { trust: store, at: new Date(before.getTime() - 60_000) }).rfc, 'REVO800101AAA');
  const revoked = JSON.parse(fs.readFileSync(path.join(pki.dir, 'ca', 'revoked.json'), 'utf8')) as Array<{
    serialNumber: string;
  }>;
  assert.ok(revoked.some((r) => r.serialNumber === victim.serialNumber));
  assert.deepEqual(
    fs.readdirSync(pki.trustDir).filter((f) => f.endsWith('.tmp')),
    [],
    'no temp file left behind',
  );
});

test('certificate from another CA (second dev PKI) -> signature.certificate_untrusted', async () => {
  // Both dev PKIs use the very same CA names: only the cryptographic check tells them apart.
  assert.equal(otherPki.issuing.subject, pki.issuing.subject);
  const stranger = await efirma({}, otherPki);
  rejects(
    () => verify(signPayload(payload, stranger.signer)),
    'signature.certificate_untrusted',
    /not trusted.*does not verify/,
  );
  await assert.rejects(revokeCertificate(pki, stranger.cer), { code: 'pki.not_issued_here' });
});

test('key usage keyEncipherment only -> signature.certificate_key_usage', async () => {
  const encOnly = await efirma({ keyUsage: ['keyEncipherment'] });
  rejects(() => verify(signPayload(payload, encOnly.signer)), 'signature.certificate_key_usage', /digitalSignature/);
  const nonRepOnly = await efirma({ keyUsage: ['nonRepudiation'] });
  assert.equal(verify(signPayload(payload, nonRepOnly.signer)).rfc, 'PEGJ800101AB1');
});

test('certificate without RFC -> signature.certificate_no_rfc', async () => {
  const keys = (await crypto.webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, [
    'sign',
    'verify',
  ])) as CryptoKeyPair;
  const cert = await x509.X509CertificateGenerator.create({
    subject: 'CN=Sin RFC, C=MX',
    issuer: new x509.X509Certificate(new Uint8Array(pki.issuing.der)).subjectName,
    notBefore: new Date(Date.now() - 60_000),
    publicKey: keys.publicKey,
    signingKey: pki.issuingKey,
    extensions: [new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true)],
  });
  const privateKey = crypto.KeyObject.from(keys.privateKey);
  const envelope = signPayload(payload, { certificate: parseCertificate(Buffer.from(cert.rawData)), privateKey });
  rejects(() => verify(envelope), 'signature.certificate_no_rfc', /2\.5\.4\.45/);
});

test('malformed envelopes -> signature.malformed', () => {
  const good = signPayload(payload, ec.signer);
  rejects(() => verify({ ...good, signature: 'not base64!!' }), 'signature.malformed', /base64/);
  rejects(() => verify({ ...good, signature: `${good.signature.replace(/=*$/, '')}A` }), 'signature.malformed');
  rejects(() => verify({ ...good, signature: Buffer.alloc(65).toString('base64') }), 'signature.malformed', /64 bytes/);
  rejects(() => verify({ ...good, algorithm: 'HS256' as never }), 'signature.malformed', /HS256/);
  rejects(() => verify({ certificate: good.certificate } as never), 'signature.malformed');
});

test('not a certificate -> signature.certificate_malformed', () => {
  const good = signPayload(payload, ec.signer);
  rejects(
    () => verify({ ...good, certificate: Buffer.from('hello, world').toString('base64') }),
    'signature.certificate_malformed',
  );
  rejects(() => verify({ ...good, certificate: 'MIIB#' }), 'signature.certificate_malformed');
});

test('RS256 claimed for an EC key -> signature.algorithm_mismatch', () => {
  const fromRsa = signPayload(payload, rsa.signer);
  rejects(
    () => verify({ ...fromRsa, certificate: ec.cer.toString('base64') }),
    'signature.algorithm_mismatch',
    /RS256.*EC prime256v1.*ES256/,
  );
  const fromEc = signPayload(payload, ec.signer);
  rejects(
    () => verify({ ...fromEc, certificate: rsa.cer.toString('base64') }),
    'signature.algorithm_mismatch',
    /use RS256/,
  );
});

test('checks run in order: an expired certificate from an unknown CA is reported as untrusted', async () => {
  const stale = await efirma(
    { validFrom: new Date(Date.now() - 3 * DAY), validTo: new Date(Date.now() - DAY) },
    otherPki,
  );
  rejects(() => verify(signPayload(payload, stale.signer)), 'signature.certificate_untrusted');
});

test('.key files: wrong password, wrong certificate, files on disk', async () => {
  rejects(() => openEfirma({ cer: ec.cer, key: ec.key, password: 'wrong' }), 'efirma.wrong_password');
  rejects(() => openEfirma({ cer: rsa.cer, key: ec.key, password: PASSWORD }), 'efirma.key_mismatch');
  rejects(() => openEfirma({ cer: ec.cer, key: Buffer.from('garbage'), password: PASSWORD }), 'efirma.key_malformed');
  const { cerPath, keyPath } = await writeEfirma(path.join(tmp, 'out'), 'PEGJ800101AB1', ec);
  assert.equal(path.basename(keyPath), 'PEGJ800101AB1.key');
  assert.equal(fs.statSync(keyPath).mode & 0o777, 0o600);
  const signer = await readEfirmaFiles(cerPath, keyPath, PASSWORD);
  assert.equal(verify(signPayload(payload, signer)).rfc, 'PEGJ800101AB1');
});

test('.key is encrypted PKCS#8: unreadable without the password', () => {
  assert.throws(() => crypto.createPrivateKey({ key: rsa.key, format: 'der', type: 'pkcs8' }), {
    code: 'ERR_MISSING_PASSPHRASE',
  });
  assert.equal(fs.statSync(path.join(pki.dir, 'ca', 'issuing.key')).mode & 0o777, 0o600);
});

const hasOpenssl = (() => {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

test('openssl reads the e.firma: PBES2/AES-256-CBC key, RFC in the subject', {
  skip: !hasOpenssl && 'openssl is not on PATH',
}, async () => {
  const { cerPath, keyPath } = await writeEfirma(path.join(tmp, 'openssl'), 'AAA010101AAA', rsa);
  const asn1 = execFileSync('openssl', ['asn1parse', '-inform', 'DER', '-in', keyPath], { encoding: 'utf8' });
  assert.match(asn1, /PBES2/);
  assert.match(asn1, /aes-256-cbc/i);
  const subject = execFileSync('openssl', ['x509', '-inform', 'DER', '-in', cerPath, '-noout', '-subject'], {
    encoding: 'utf8',
  });
  assert.match(subject, /x500UniqueIdentifier\s*=\s*AAA010101AAA \/ PEGJ800101AB1/);
  assert.match(subject, /serialNumber\s*=\s*PEGJ800101MDFRRN09/);
});

test('trust store: refuses an empty folder and a CRL signed by an unknown key', async () => {
  const empty = fs.mkdtempSync(path.join(tmp, 'empty-'));
  rejects(() => TrustStore.fromDir(empty), 'pki.trust_store_empty');
  const forged = fs.mkdtempSync(path.join(tmp, 'forged-'));
  for (const f of ['root.cer', 'issuing.cer']) fs.copyFileSync(path.join(pki.trustDir, f), path.join(forged, f));
  // Same issuer name, signed by the other CA's key.
  fs.copyFileSync(path.join(otherPki.trustDir, 'issuing.crl'), path.join(forged, 'issuing.crl'));
  rejects(() => TrustStore.fromDir(forged), 'pki.trust_store_invalid', /not signed by a trusted CA/);
});

test('trust store: a broken reload keeps the last good snapshot and reports once', () => {
  const dir = fs.mkdtempSync(path.join(tmp, 'reload-'));
  for (const f of ['root.cer', 'issuing.cer', 'issuing.crl'])
    fs.copyFileSync(path.join(pki.trustDir, f), path.join(dir, f));
  const errors: unknown[] = [];
  const store = TrustStore.fromDir(dir, { onReloadError: (err) => errors.push(err) });
  const envelope = signPayload(payload, ec.signer);
  fs.writeFileSync(path.join(dir, 'broken.crl'), 'not a crl');
  assert.equal(verify(envelope, { trust: store }).rfc, 'PEGJ800101AB1');
  assert.equal(verify(envelope, { trust: store }).rfc, 'PEGJ800101AB1');
  assert.equal(errors.length, 1);
  assert.equal((errors[0] as { code?: string }).code, 'pki.trust_store_invalid');
});

test('initDevPki is idempotent', async () => {
  const again = await initDevPki(pki.dir);
  assert.equal(again.root.fingerprint, pki.root.fingerprint);
  assert.equal(again.issuing.fingerprint, pki.issuing.fingerprint);
  assert.equal(again.issuing.caPathLength, 0);
});

test('window seal: JWS round trip with only the JWKS, tampering rejected', async () => {
  const file = path.join(tmp, 'window', 'seal.pem');
  await assert.rejects(loadOrCreateWindowKey(file, { create: false }), { code: 'pki.window_key_missing' });
  const key = await loadOrCreateWindowKey(file, { create: true });
  assert.equal(fs.statSync(file).mode & 0o777, 0o600);
  assert.equal((await loadOrCreateWindowKey(file, { create: false })).kid, key.kid);
  const published = JSON.parse(JSON.stringify(jwks([key])));
  assert.deepEqual(Object.keys(published.keys[0]).sort(), ['alg', 'crv', 'kid', 'kty', 'use', 'x', 'y']);

  const permit = { permit: 'P-1', rfc: 'AAA010101AAA', amount: 0.1 };
  const token = await sealJws(key, permit, 'permit+jwt');
  assert.deepEqual(await openJws(token, published, { typ: 'permit+jwt' }), permit);
  const [header, body, sig] = token.split('.');
  assert.equal(Buffer.from(body!, 'base64url').toString('utf8'), canonicalJson(permit));
  assert.deepEqual(JSON.parse(Buffer.from(header!, 'base64url').toString('utf8')), {
    alg: 'ES256',
    kid: key.kid,
    typ: 'permit+jwt',
  });

  const forgedBody = Buffer.from(canonicalJson({ ...permit, amount: 1e6 })).toString('base64url');
  await assert.rejects(openJws(`${header}.${forgedBody}.${sig}`, published), { code: 'seal.invalid' });
  await assert.rejects(openJws(token, published, { typ: 'receipt+jwt' }), { code: 'seal.invalid' });
  const stranger = await loadOrCreateWindowKey(path.join(tmp, 'window', 'other.pem'), { create: true });
  await assert.rejects(openJws(token, jwks([stranger])), { code: 'seal.invalid' });
});
