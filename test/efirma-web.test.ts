/**
 * The portal's e.firma module (web/src/efirma) in Node's WebCrypto, with real files: the test window's
 * e.firma (EC and RSA) and the demo's (written by `ventanilla demo`). Its signatures log in and act.
 */
import 'reflect-metadata';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import * as x509 from '@peculiar/x509';
import * as asn1js from 'asn1js';
import type { Browser } from 'playwright-core';
import { launchChromium, withoutChromium } from './support/browser.ts';
import { build } from 'vite';
import { DEMO_PASSWORD } from '../src/cli/demo.ts';
import { DEMO_TRADER_RFC } from '../src/cli/demo-signing.ts';
import { parseCertificate, verifySignature, type SignatureEnvelope } from '../src/pki/index.ts';
import {
  EfirmaError,
  EfirmaForgottenError,
  holdForIdleMinutes,
  openEfirma,
  type Efirma,
  type IdleClock,
} from '../web/src/efirma/index.ts';
import { PASSWORD, startTestWindow, type Person, type TestWindow } from './support/window.ts';

let w: TestWindow;
before(async () => {
  // With the demo in it (the last describe reads its e.firma files); the other tests make their own people.
  w = await startTestWindow({}, { demo: true });
});
after(() => w.close());

/** What a file input hands the page: an ArrayBuffer of the file's bytes. */
const file = (bytes: Uint8Array | string): ArrayBuffer => {
  const b = typeof bytes === 'string' ? Buffer.from(bytes) : bytes;
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
};
/** The same key re-encrypted the way SAT encrypts e.firma keys (PBES2 with des-ede3-cbc). */
const tripleDes = (key: Buffer) =>
  crypto
    .createPrivateKey({ key, format: 'der', type: 'pkcs8', passphrase: PASSWORD })
    .export({ format: 'der', type: 'pkcs8', cipher: 'des-ede3-cbc', passphrase: PASSWORD });

/** `openssl pkcs8 -topk8` as SAT-style tools run it: `-v2 des3` (PBES2 + DES-EDE3-CBC) or the older PKCS#12 3DES. */
function opensslKey(key: Buffer, scheme: ['-v2', 'des3'] | ['-v1', 'PBE-SHA1-3DES' | 'PBE-SHA1-2DES']): Buffer {
  const plain = crypto
    .createPrivateKey({ key, format: 'der', type: 'pkcs8', passphrase: PASSWORD })
    .export({ format: 'pem', type: 'pkcs8' });
  return execFileSync('openssl', ['pkcs8', '-topk8', ...scheme, '-outform', 'DER', '-passout', 'env:EFIRMA_PASSWORD'], {
    input: plain,
    env: { ...process.env, EFIRMA_PASSWORD: PASSWORD },
  });
}
const withoutOpenssl = (() => {
  try {
    execFileSync('openssl', ['version']);
    return false;
  } catch {
    return 'the openssl command is not installed';
  }
})();

/**
 * PBES2 as SAT writes it, PBKDF2 with no PRF field (so HMAC-SHA1, RFC 8018's default), but with AES-256-CBC
 * where SAT has 3DES: Node cannot write this form, so it is built here and Node must open it too.
 */
function pbkdf2Sha1Key(key: Buffer): Buffer {
  const plain = crypto
    .createPrivateKey({ key, format: 'der', type: 'pkcs8', passphrase: PASSWORD })
    .export({ format: 'der', type: 'pkcs8' });
  const [salt, iv] = [crypto.randomBytes(8), crypto.randomBytes(16)];
  const cipher = crypto.createCipheriv('aes-256-cbc', crypto.pbkdf2Sync(PASSWORD, salt, 2048, 32, 'sha1'), iv);
  const seq = (...value: asn1js.AsnType[]) => new asn1js.Sequence({ value });
  const oid = (value: string) => new asn1js.ObjectIdentifier({ value });
  const der = seq(
    seq(
      oid('1.2.840.113549.1.5.13'),
      seq(
        seq(
          oid('1.2.840.113549.1.5.12'),
          seq(new asn1js.OctetString({ valueHex: salt }), new asn1js.Integer({ value: 2048 })),
        ),
        seq(oid('2.16.840.1.101.3.4.1.42'), new asn1js.OctetString({ valueHex: iv })),
      ),
    ),
    new asn1js.OctetString({ valueHex: Buffer.concat([cipher.update(plain), cipher.final()]) }),
  ).toBER();
  return Buffer.from(der);
}

/** An EncryptedPrivateKeyInfo with a PKCS#5 v1.5 / PKCS#12 header (salt, iterations) around random bytes. */
function legacyKey(scheme: string, iterations: number): Buffer {
  const seq = (...value: asn1js.AsnType[]) => new asn1js.Sequence({ value });
  const params = seq(
    new asn1js.OctetString({ valueHex: crypto.randomBytes(8) }),
    new asn1js.Integer({ value: iterations }),
  );
  const algorithm = seq(new asn1js.ObjectIdentifier({ value: scheme }), params);
  return Buffer.from(seq(algorithm, new asn1js.OctetString({ valueHex: crypto.randomBytes(64) })).toBER());
}

const open = (p: Pick<Person, 'cer' | 'key'>, password = PASSWORD) => openEfirma(file(p.cer), file(p.key), password);

async function refused(promise: Promise<unknown>, code: string) {
  await assert.rejects(promise, (err: unknown) => {
    assert.ok(err instanceof EfirmaError, `expected an EfirmaError, got ${err}`);
    assert.equal(err.code, code, err.message);
    return true;
  });
}

async function login(efirma: Efirma): Promise<string> {
  const challenge = await w.call('POST', '/api/v1/auth/challenge');
  const envelope = (await efirma.sign(challenge.body.payload)) as object;
  const res = await w.call('POST', '/api/v1/auth/login', {
    body: { challengeId: challenge.body.challengeId, ...envelope },
  });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body.token;
}

/** Signing payload, the module's signature, the action: as the portal will do it. */
async function signed(token: string, efirma: Efirma, url: string, data: unknown) {
  const issued = await w.call('POST', `${url}/signing-payload`, { token, body: data });
  assert.equal(issued.status, 201, JSON.stringify(issued.body));
  const envelope = (await efirma.sign(issued.body.payload)) as object;
  return w.call('POST', url, { token, body: { challengeId: issued.body.challengeId, ...envelope } });
}

const apiToken = { label: 'broker software', scopes: ['read'], expiresInDays: 1 };

describe('e.firma of the test window', () => {
  for (const keyType of ['ec', 'rsa'] as const) {
    test(`${keyType}: reads the certificate as the server does, logs in and creates an API token`, async () => {
      const p = await w.person({ keyType });
      const efirma = await open(p);
      const server = parseCertificate(p.cer);
      assert.equal(efirma.rfc, p.rfc);
      assert.equal(efirma.name, p.name);
      assert.equal(efirma.serialNumber, server.serialNumber);
      assert.equal(efirma.notBefore.getTime(), server.notBefore.getTime());
      assert.equal(efirma.notAfter.getTime(), server.notAfter.getTime());
      assert.equal(efirma.certificateBase64, p.cer.toString('base64'));

      const token = await login(efirma);
      const me = await w.call('GET', '/api/v1/me', { token });
      assert.equal(me.body.rfc, p.rfc);
      const created = await signed(token, efirma, '/api/v1/api-tokens', apiToken);
      assert.equal(created.status, 201, JSON.stringify(created.body));
      assert.equal(created.body.data.label, apiToken.label);
    });
  }

  test('PEM files open too', async () => {
    const p = await w.person();
    const cer = new crypto.X509Certificate(p.cer).toString();
    const key = crypto
      .createPrivateKey({ key: p.key, format: 'der', type: 'pkcs8', passphrase: PASSWORD })
      .export({ format: 'pem', type: 'pkcs8', cipher: 'aes-128-cbc', passphrase: PASSWORD });
    const efirma = await openEfirma(file(cer), file(key), PASSWORD);
    assert.equal(efirma.rfc, p.rfc);
    await login(efirma);
  });

  test('PBKDF2 with the default PRF (HMAC-SHA1, as in SAT keys) opens', async () => {
    const p = await w.person();
    const key = pbkdf2Sha1Key(p.key);
    // Node (OpenSSL) reads the hand-built file: it is a well-formed PBES2 key, not one only this module accepts.
    crypto.createPrivateKey({ key, format: 'der', type: 'pkcs8', passphrase: PASSWORD });
    const efirma = await open({ cer: p.cer, key });
    await login(efirma);
    await refused(open({ cer: p.cer, key }, 'wrong'), 'efirma.wrong_password');
  });

  test('a wrong password, for EC and RSA keys', async () => {
    await refused(open(await w.person(), 'not-the-password'), 'efirma.wrong_password');
    await refused(open(await w.person({ keyType: 'rsa' }), ''), 'efirma.wrong_password');
  });

  test("another person's key: same kind, and another kind", async () => {
    const [a, b, rsa] = [await w.person(), await w.person(), await w.person({ keyType: 'rsa' })];
    await refused(open({ cer: a.cer, key: b.key }), 'efirma.key_mismatch');
    await refused(open({ cer: a.cer, key: rsa.key }), 'efirma.key_mismatch');
    await refused(open({ cer: rsa.cer, key: a.key }), 'efirma.key_mismatch');
  });

  test('garbage, swapped and unprotected files', async () => {
    const p = await w.person();
    const junk = crypto.randomBytes(600);
    await refused(open({ cer: junk, key: p.key }), 'efirma.not_a_certificate');
    await refused(open({ cer: p.key, key: p.key }), 'efirma.not_a_certificate');
    await refused(
      open({ cer: Buffer.from('-----BEGIN CERTIFICATE-----\n!!\n'), key: p.key }),
      'efirma.not_a_certificate',
    );
    await refused(open({ cer: p.cer, key: junk }), 'efirma.not_a_key');
    await refused(open({ cer: p.cer, key: p.cer }), 'efirma.not_a_key');
    await refused(open({ cer: p.cer, key: Buffer.alloc(0) }), 'efirma.not_a_key');
    const plain = crypto
      .createPrivateKey({ key: p.key, format: 'der', type: 'pkcs8', passphrase: PASSWORD })
      .export({ format: 'der', type: 'pkcs8' });
    await refused(open({ cer: p.cer, key: plain }), 'efirma.not_a_key');
  });

  test("3DES keys (SAT's cipher, PBES2 + des-ede3-cbc) open, sign as the window verifies, and log in", async () => {
    const p = await w.person();
    const key = tripleDes(p.key);
    const efirma = await open({ cer: p.cer, key });
    assert.equal(efirma.rfc, p.rfc);
    const payload = { a: 'firma', b: [1, 2], ñ: 'acción' };
    const envelope = (await efirma.sign(payload)) as SignatureEnvelope;
    assert.equal(verifySignature({ payload, envelope, trust: w.ctx.trust }).rfc, p.rfc);
    await login(efirma);
    await refused(open({ cer: p.cer, key }, 'not-the-password'), 'efirma.wrong_password');
    await refused(open({ cer: p.cer, key }, ''), 'efirma.wrong_password');
    const other = await w.person({ keyType: 'rsa' });
    await refused(open({ cer: p.cer, key: tripleDes(other.key) }), 'efirma.key_mismatch');
  });

  test('3DES keys made by the openssl command open: PBES2/des3, PKCS#12 3DES and 2-key 3DES', {
    skip: withoutOpenssl,
  }, async () => {
    // EC here; RSA 3DES keys open in the key-mismatch case above and in Chromium below.
    const p = await w.person();
    for (const scheme of [
      ['-v2', 'des3'],
      ['-v1', 'PBE-SHA1-3DES'],
      ['-v1', 'PBE-SHA1-2DES'],
    ] as const) {
      const key = opensslKey(p.key, [...scheme]);
      const what = scheme.join(' ');
      const efirma = await open({ cer: p.cer, key });
      assert.equal(efirma.rfc, p.rfc, what);
      const payload = { scheme: what };
      const envelope = (await efirma.sign(payload)) as SignatureEnvelope;
      assert.equal(verifySignature({ payload, envelope, trust: w.ctx.trust }).rfc, p.rfc, what);
      await refused(open({ cer: p.cer, key }, `${PASSWORD}x`), 'efirma.wrong_password');
    }
  });

  test('PKCS#12 3DES: a non-ASCII password is read as OpenSSL reads it (BMPString)', {
    skip: withoutOpenssl,
  }, async () => {
    const p = await w.person();
    const password = 'contraseña€';
    const plain = crypto
      .createPrivateKey({ key: p.key, format: 'der', type: 'pkcs8', passphrase: PASSWORD })
      .export({ format: 'pem', type: 'pkcs8' });
    const key = execFileSync(
      'openssl',
      ['pkcs8', '-topk8', '-v1', 'PBE-SHA1-3DES', '-outform', 'DER', '-passout', 'env:EFIRMA_PASSWORD'],
      { input: plain, env: { ...process.env, EFIRMA_PASSWORD: password } },
    );
    await login(await open({ cer: p.cer, key }, password));
    await refused(open({ cer: p.cer, key }, 'contrasena€'), 'efirma.wrong_password');
  });

  test('other legacy schemes (PKCS#5 v1.5 DES) are still refused, naming the scheme', async () => {
    const p = await w.person();
    // A PKCS#12 3DES header that asks for no iterations is malformed, not a wrong password.
    const none = legacyKey('1.2.840.113549.1.12.1.3', 0);
    await refused(open({ cer: p.cer, key: none }), 'efirma.not_a_key');
    // Single DES is gone from OpenSSL 3's default provider: the header is built by hand around junk.
    const des = legacyKey('1.2.840.113549.1.5.10', 2048);
    await assert.rejects(open({ cer: p.cer, key: des }), (err: EfirmaError) => {
      assert.equal(err.code, 'efirma.unsupported_key');
      assert.match(err.message, /pbeWithSHA1AndDES-CBC.*openssl pkcs8/s);
      return true;
    });
  });

  test('a certificate whose key the window cannot verify (EC P-384) is refused before any password work', async () => {
    const keys = await crypto.webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-384' }, true, [
      'sign',
      'verify',
    ]);
    const cert = await x509.X509CertificateGenerator.createSelfSigned({
      serialNumber: '0a',
      name: new x509.Name([
        { CN: [{ utf8String: 'Persona P-384' }] },
        { '2.5.4.45': [{ printableString: 'AAA010101AA1' }] },
      ]),
      keys,
      signingAlgorithm: { name: 'ECDSA', hash: 'SHA-384' },
      notBefore: new Date(),
      notAfter: new Date(Date.now() + 86_400_000),
    });
    const key = crypto.KeyObject.from(keys.privateKey).export({
      format: 'der',
      type: 'pkcs8',
      cipher: 'aes-256-cbc',
      passphrase: PASSWORD,
    });
    await assert.rejects(open({ cer: Buffer.from(cert.rawData), key }), (err: EfirmaError) => {
      assert.equal(err.code, 'efirma.unsupported_key');
      assert.match(err.message, /1\.3\.132\.0\.34.*only RSA and EC P-256/);
      return true;
    });
  });

  test('forget() drops the key: sign refuses, the portal asks again', async () => {
    const efirma = await open(await w.person());
    efirma.forget();
    await assert.rejects(efirma.sign({ a: 1 }), EfirmaForgottenError);
  });
});

describe('the demo e.firma files (ventanilla demo)', () => {
  let dir: string;
  const read = (rfc: string) => ({
    cer: fs.readFileSync(path.join(dir, `${rfc}.cer`)),
    key: fs.readFileSync(path.join(dir, `${rfc}.key`)),
  });
  before(() => {
    dir = path.join(w.ctx.config.dataDir, 'demo-efirma');
  });

  test("the legal representative signs in and revokes the broker's delegation", async () => {
    const rep = await open(read('GALA800101ABA'), DEMO_PASSWORD);
    assert.equal(rep.name, 'Ana García López');
    const token = await login(rep);
    const list = await w.call('GET', `/api/v1/delegations?trader=${DEMO_TRADER_RFC}&status=active`, { token });
    assert.equal(list.status, 200, JSON.stringify(list.body));
    const delegation = list.body.items[0];
    assert.ok(delegation, 'the demo delegates to its broker');
    const revoked = await signed(token, rep, `/api/v1/delegations/${delegation.id}/revocation`, {
      reason: 'Cambio de agente aduanal',
    });
    assert.equal(revoked.status, 200, JSON.stringify(revoked.body));
    assert.equal(revoked.body.data.status, 'revoked');
  });

  test('the company certificate ("RFC / REP_RFC") reads as the company', async () => {
    const company = await open(read(DEMO_TRADER_RFC), DEMO_PASSWORD);
    assert.equal(company.rfc, DEMO_TRADER_RFC);
    await refused(open(read(DEMO_TRADER_RFC), 'demo12345'), 'efirma.wrong_password');
  });
});

/** Timers that run when the test moves time: idle minutes without waiting minutes. */
function manualClock() {
  let now = 0;
  const timers = new Map<number, { at: number; run: () => void }>();
  let next = 0;
  const clock: IdleClock & { advance(ms: number): void; pending(): number } = {
    now: () => now,
    setTimeout: (run, ms) => {
      timers.set(++next, { at: now + ms, run });
      return next;
    },
    clearTimeout: (id) => void timers.delete(id as number),
    advance(ms) {
      const end = now + ms;
      for (;;) {
        const due = [...timers].filter(([, t]) => t.at <= end).sort((x, y) => x[1].at - y[1].at)[0];
        if (!due) break;
        timers.delete(due[0]);
        now = due[1].at;
        due[1].run();
      }
      now = end;
    },
    pending: () => timers.size,
  };
  return clock;
}

describe('holdForIdleMinutes', () => {
  test('forgets after the idle minutes; activity and signing start the countdown again', async () => {
    const clock = manualClock();
    let idled = 0;
    const hold = holdForIdleMinutes(await open(await w.person()), 5, { clock, onIdle: () => idled++ });
    clock.advance(4 * 60_000);
    hold.touch();
    clock.advance(4 * 60_000);
    await hold.efirma.sign({ still: 'open' });
    clock.advance(4 * 60_000 + 59_000);
    await hold.efirma.sign({ still: 'open' });
    clock.advance(5 * 60_000);
    await assert.rejects(hold.efirma.sign({ now: 'forgotten' }), EfirmaForgottenError);
    assert.equal(idled, 1, 'the session is told once (the portal signs out then)');
    assert.equal(clock.pending(), 0, 'nothing left running once forgotten');
  });

  test('forget (sign-out) and stop leave no timer behind', async () => {
    const clock = manualClock();
    let idled = 0;
    const hold = holdForIdleMinutes(await open(await w.person()), 5, { clock, onIdle: () => idled++ });
    hold.efirma.forget();
    assert.equal(idled, 0, 'a sign-out is not idleness');
    assert.equal(clock.pending(), 0);
    await assert.rejects(hold.efirma.sign({}), EfirmaForgottenError);
    const kept = holdForIdleMinutes(await open(await w.person()), 5, { clock });
    for (const bad of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      assert.throws(() => holdForIdleMinutes(kept.efirma, bad, { clock }), RangeError);
    }
    kept.stop();
    clock.advance(60 * 60_000);
    await kept.efirma.sign({ kept: true });
  });
});

describe('in real Chromium, built by Vite', { skip: withoutChromium }, () => {
  let server: http.Server;
  let browser: Browser;
  let origin: string;
  before(async () => {
    // Vite's own build of the module for the browser: a node: import or a Node-only API fails here.
    const built = await build({
      configFile: false,
      logLevel: 'warn',
      build: {
        write: false,
        minify: true,
        lib: { entry: path.resolve('web/src/efirma/index.ts'), formats: ['es'], fileName: 'efirma' },
      },
    });
    const first = Array.isArray(built) ? built[0] : built;
    assert.ok(first && 'output' in first, 'vite build gives its output when write is false');
    const chunks = first.output.filter((o) => o.type === 'chunk');
    const entry = chunks.find((c) => c.isEntry)!;
    // node-forge's 3DES is its own chunk, fetched only by the dynamic import when a 3DES key is opened.
    const des = chunks.find((c) => c.isDynamicEntry && c.moduleIds.some((m) => m.endsWith('efirma/triple-des.ts')));
    assert.ok(des, `a separate 3DES chunk: ${chunks.map((c) => c.fileName)}`);
    assert.ok(!entry.imports.includes(des.fileName), 'the entry does not import the 3DES chunk statically');
    assert.ok(!entry.moduleIds.some((m) => m.includes('node-forge')), 'node-forge is not in the entry chunk');
    const files = new Map(chunks.map((c) => [`/${c.fileName}`, c.code]));
    // Served from 127.0.0.1: a secure context, as WebCrypto requires.
    server = http.createServer((req, res) => {
      const js = files.get(req.url === '/efirma.js' ? `/${entry.fileName}` : (req.url ?? ''));
      res.writeHead(200, { 'content-type': js ? 'text/javascript' : 'text/html' });
      res.end(js ?? '<!doctype html><title>e.firma</title>');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    server?.close();
  });

  /** The page opens the files and signs the payload; the envelope goes back to the window through the API. */
  async function signInPage(p: Pick<Person, 'cer' | 'key'>, password: string, payload: unknown) {
    const page = await browser.newPage();
    try {
      await page.goto(origin);
      return await page.evaluate(
        async ({ module, cer, key, password, payload }) => {
          const m = await import(module);
          // No named functions in here: tsx would wrap them in a helper the page does not have.
          const [cerFile, keyFile] = [cer, key].map((b64) => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0)).buffer);
          try {
            const efirma = await m.openEfirma(cerFile, keyFile, password);
            return { rfc: efirma.rfc, envelope: await efirma.sign(payload) };
          } catch (err) {
            return { code: (err as { code?: string }).code ?? String(err) };
          }
        },
        { module: '/efirma.js', cer: p.cer.toString('base64'), key: p.key.toString('base64'), password, payload },
      );
    } finally {
      await page.close();
    }
  }

  for (const keyType of ['ec', 'rsa'] as const) {
    test(`${keyType}: the page's signature logs in`, async () => {
      const p = await w.person({ keyType });
      const challenge = await w.call('POST', '/api/v1/auth/challenge');
      const result = await signInPage(p, PASSWORD, challenge.body.payload);
      assert.equal(result.rfc, p.rfc, JSON.stringify(result));
      const res = await w.call('POST', '/api/v1/auth/login', {
        body: { challengeId: challenge.body.challengeId, ...(result.envelope as object) },
      });
      assert.equal(res.status, 200, JSON.stringify(res.body));
    });
  }

  test("a 3DES key (SAT's PBES2 + des-ede3-cbc) opens in the browser and its signature logs in", async () => {
    const p = await w.person();
    const key = tripleDes(p.key);
    const challenge = await w.call('POST', '/api/v1/auth/challenge');
    const result = await signInPage({ cer: p.cer, key }, PASSWORD, challenge.body.payload);
    assert.equal(result.rfc, p.rfc, JSON.stringify(result));
    const res = await w.call('POST', '/api/v1/auth/login', {
      body: { challengeId: challenge.body.challengeId, ...(result.envelope as object) },
    });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal((await signInPage({ cer: p.cer, key }, 'wrong', {})).code, 'efirma.wrong_password');
  });

  test('a PKCS#12 3DES key (openssl -v1 PBE-SHA1-3DES) opens in the browser; a wrong password is told', {
    skip: withoutOpenssl,
  }, async () => {
    const p = await w.person({ keyType: 'rsa' });
    const key = opensslKey(p.key, ['-v1', 'PBE-SHA1-3DES']);
    const payload = { in: 'chromium' };
    const result = await signInPage({ cer: p.cer, key }, PASSWORD, payload);
    assert.equal(result.rfc, p.rfc, JSON.stringify(result));
    const envelope = result.envelope as SignatureEnvelope;
    assert.equal(verifySignature({ payload, envelope, trust: w.ctx.trust }).rfc, p.rfc);
    assert.equal((await signInPage({ cer: p.cer, key }, 'wrong', {})).code, 'efirma.wrong_password');
    assert.equal((await signInPage(p, 'wrong', {})).code, 'efirma.wrong_password', 'AES keys too');
  });
});
