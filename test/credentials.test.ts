/**
 * A credential lives no longer than its certificate: sessions and API tokens remember the certificate
 * they came from and stop working the moment it is revoked or expires; stale CRLs and CRLs edited in
 * place are handled by the trust store.
 */
import 'reflect-metadata';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import * as x509 from '@peculiar/x509';
import { mexicoDate } from '../src/calendar/calendar.ts';
import { authenticate } from '../src/auth/sessions.ts';
import { DEMO_PASSWORD, DEMO_PEOPLE, DEMO_TRADER_RFC } from '../src/cli/demo.ts';
import {
  initDevPki,
  openEfirma,
  parseCertificate,
  revokeCertificate,
  signPayload,
  TrustStore,
  verifySignature,
  type DevPki,
  type Signer,
} from '../src/pki/index.ts';
import { getJson, postJson, runCli, startServerProcess, type ServerProcess } from './support/processes.ts';
import { MEDICINES_FORM, medicines } from './support/pipeline.ts';
import { copyDemo } from './support/templates.ts';
import { startTestWindow, testDatabaseUrl, type Person, type TestWindow } from './support/window.ts';

let w: TestWindow;
let rep: Person;
let trader: { rfc: string; token: string };
let cofepris: Person & { token: string };

before(async () => {
  w = await startTestWindow();
  rep = await w.person({ name: 'Ana Importadora' });
  trader = await w.registerTrader(rep);
  cofepris = await w.officer('COFEPRIS', ['reviewer', 'resolver']);
});
after(() => w.close());

/** An approved COFEPRIS permit for 500 KGM of medicines: something a customs declaration can draw down. */
const medicinesPermit = () =>
  w.permit({ ...rep, token: trader.token }, cofepris, {
    traderRfc: trader.rfc,
    goods: medicines(500, 1000),
    procedureData: MEDICINES_FORM,
  });

let sequence = 0;
const declaration = (permit: string) => {
  const date = mexicoDate(w.ctx.clock.now());
  return {
    number: `${date.slice(2, 4)}243170${String(7_000_000 + ++sequence).padStart(7, '0')}`,
    customsOffice: 'ANAM-TAMPS-NLD',
    brokerPatent: '3170',
    traderRfc: trader.rfc,
    flow: 'import',
    date,
    lines: [
      {
        hsCode: '3004909999',
        quantity: 10,
        unit: 'KGM',
        value: 20,
        currency: 'USD',
        originCountry: 'DE',
        destinationCountry: 'MX',
        permits: [{ number: permit }],
      },
    ],
  };
};

async function remaining(permit: string): Promise<number> {
  const row = await w.ctx.db.one<{ remaining: string }>(
    `select sum(l.remaining_quantity)::text as remaining from permit_lines l join permits p on p.id = ` +
      `l.permit_id where p.number = $1`,
    [permit],
  );
  return Number(row.remaining);
}

const refused = (res: { status: number; body: any }, code: string) => {
  assert.equal(res.status, 401, JSON.stringify(res.body));
  assert.equal(res.body.code, code, JSON.stringify(res.body));
  assert.match(res.body.detail, /\w/);
};

const createApiToken = async (holder: Person, session: string, scopes = ['read', 'write'], expiresInDays = 30) => {
  const created = await w.signed(session, holder, 'POST', '/api/v1/api-tokens', {
    label: 'customs software',
    scopes,
    expiresInDays,
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  return created.body.data as { id: string; token: string; expiresAt: string };
};

describe('a revoked certificate ends its sessions and tokens at once', () => {
  test("a revoked customs officer's API token draws nothing: 401 auth.certificate_revoked", async () => {
    const permit = await medicinesPermit();
    const customs = await w.officer('ANAM', ['customs_officer'], 'ANAM-TAMPS-NLD');
    const apiToken = await createApiToken(customs, customs.token);
    const first = await w.call('POST', '/api/v1/customs/declarations', {
      token: apiToken.token,
      body: declaration(permit),
    });
    assert.equal(first.status, 201, JSON.stringify(first.body));
    assert.equal(await remaining(permit), 490);

    const { revokedAt } = await revokeCertificate(w.pki, customs.cer, 'keyCompromise');
    const drawn = await w.call('POST', '/api/v1/customs/declarations', {
      token: apiToken.token,
      body: declaration(permit),
    });
    refused(drawn, 'auth.certificate_revoked');
    assert.ok(drawn.body.detail.includes(revokedAt.toISOString()), drawn.body.detail);
    assert.equal(await remaining(permit), 490, 'nothing was drawn');
    refused(
      await w.call('GET', `/api/v1/customs/permits/${permit}/draws`, { token: apiToken.token }),
      'auth.certificate_revoked',
    );
    refused(
      await w.call('GET', `/api/v1/customs/permits/${permit}/draws`, { token: customs.token }),
      'auth.certificate_revoked',
    );
  });

  test("a trader's login session: GET and POST refused once the certificate is revoked, nothing written", async () => {
    const holder = await w.person();
    const registered = await w.registerTrader(holder);
    assert.equal((await w.call('GET', `/api/v1/traders/${registered.rfc}`, { token: registered.token })).status, 200);
    await revokeCertificate(w.pki, holder.cer);
    refused(await w.call('GET', '/api/v1/me', { token: registered.token }), 'auth.certificate_revoked');
    refused(
      await w.call('GET', `/api/v1/traders/${registered.rfc}`, { token: registered.token }),
      'auth.certificate_revoked',
    );
    const before = (await w.ctx.db.query('select id from operations')).length;
    refused(
      await w.call('POST', '/api/v1/operations', {
        token: registered.token,
        body: { traderRfc: registered.rfc, flow: 'import', data: { goods: [] } },
      }),
      'auth.certificate_revoked',
    );
    assert.equal((await w.ctx.db.query('select id from operations')).length, before);
  });

  test('another holder of the same RFC with a good certificate is not affected', async () => {
    const first = await w.person();
    const renewed = await w.person({ rfc: first.rfc, curp: first.curp, name: first.name });
    const oldSession = await w.login(first);
    const newSession = await w.login(renewed);
    await revokeCertificate(w.pki, first.cer, 'superseded');
    refused(await w.call('GET', '/api/v1/me', { token: oldSession }), 'auth.certificate_revoked');
    assert.equal((await w.call('GET', '/api/v1/me', { token: newSession })).status, 200);
  });

  test('sessions and API tokens store the issuer, serial and notAfter of their certificate', async () => {
    const p = await w.person();
    const session = await w.login(p);
    const apiToken = await createApiToken(p, session, ['read'], 1);
    const cert = parseCertificate(p.cer);
    const rows = await w.ctx.db.query<{
      kind: string;
      certificate_issuer: string;
      certificate_serial: string;
      certificate_not_after: Date;
    }>(
      'select kind, certificate_issuer, certificate_serial, certificate_not_after from sessions where rfc = ' +
        '$1 order by kind',
      [p.rfc],
    );
    assert.deepEqual(
      rows.map((r) => [r.kind, r.certificate_issuer, r.certificate_serial, r.certificate_not_after.toISOString()]),
      [
        ['api_token', cert.issuer, cert.serialNumber, cert.notAfter.toISOString()],
        ['session', cert.issuer, cert.serialNumber, cert.notAfter.toISOString()],
      ],
    );
    assert.ok(apiToken.id);
    // A live credential without its certificate cannot exist: revocation could not reach it.
    await assert.rejects(
      w.ctx.db.query(
        `insert into sessions (id, kind, token_hash, rfc, certificate_fingerprint, scopes, expires_at)
       values (gen_random_uuid(), 'session', 'x', $1, 'f', '{read}', now() + interval '1 hour')`,
        [p.rfc],
      ),
    );
  });
  test('a session under an issuing CA that the root revoked is refused too', async () => {
    const p = await w.person();
    const session = await w.login(p);
    const dir = trustCopy('root-revokes-issuing');
    const der = crypto
      .createPrivateKey(fs.readFileSync(path.join(w.pki.dir, 'ca', 'root.key')))
      .export({ format: 'der', type: 'pkcs8' });
    const rootKey = await crypto.webcrypto.subtle.importKey(
      'pkcs8',
      der,
      { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
      false,
      ['sign'],
    );
    const rootCrl = await x509.X509CrlGenerator.create({
      issuer: new x509.X509Certificate(new Uint8Array(w.pki.root.der)).subjectName,
      thisUpdate: new Date(),
      nextUpdate: new Date(Date.now() + DAY),
      signingKey: rootKey,
      signingAlgorithm: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
      entries: [{ serialNumber: w.pki.issuing.serialNumber, revocationDate: new Date(Date.now() - 60_000) }],
    });
    fs.writeFileSync(path.join(dir, 'root.crl'), Buffer.from(rootCrl.rawData));
    await assert.rejects(authenticate(w.ctx.db, TrustStore.fromDir(dir), session, w.ctx.clock.now()), (err: any) => {
      assert.equal(err.code, 'auth.certificate_revoked');
      assert.match(err.message, /issued by CA "CN=Ventanilla Dev Issuing CA[^"]*", which was revoked/);
      return true;
    });
    assert.equal(
      (await authenticate(w.ctx.db, TrustStore.fromDir(trustCopy('root-revokes-nothing')), session, w.ctx.clock.now()))
        .rfc,
      p.rfc,
    );
  });
});

describe('a credential lives no longer than its certificate', () => {
  test("a session's and an API token's expiry are capped at the certificate's notAfter", async () => {
    // Session TTL is 8 hours, the token asks for 30 days: the certificate ends in 2 hours.
    const p = await w.person({ validTo: new Date(Date.now() + 2 * 3600_000) });
    const notAfter = parseCertificate(p.cer).notAfter.toISOString();
    const challenge = await w.call('POST', '/api/v1/auth/challenge');
    const login = await w.call('POST', '/api/v1/auth/login', {
      body: { challengeId: challenge.body.challengeId, ...signPayload(challenge.body.payload, p.signer) },
    });
    assert.equal(login.status, 200);
    assert.equal(login.body.expiresAt, notAfter);
    const apiToken = await createApiToken(p, login.body.token, ['read'], 30);
    assert.equal(apiToken.expiresAt, notAfter);
    const stored = await w.ctx.db.query<{ expires_at: Date }>('select expires_at from sessions where rfc = $1', [
      p.rfc,
    ]);
    assert.deepEqual(
      stored.map((r) => r.expires_at.toISOString()),
      [notAfter, notAfter],
    );
  });

  test('a certificate past its notAfter: auth.certificate_expired', async () => {
    const p = await w.person();
    const session = await w.login(p);
    const apiToken = await createApiToken(p, session, ['read'], 1);
    // Stands for the certificate's end having come: the row's notAfter is what authentication judges.
    await w.ctx.db.query("update sessions set certificate_not_after = now() - interval '1 second' where rfc = $1", [
      p.rfc,
    ]);
    refused(await w.call('GET', '/api/v1/me', { token: session }), 'auth.certificate_expired');
    refused(await w.call('GET', '/api/v1/me', { token: apiToken.token }), 'auth.certificate_expired');
  });

  test('a token past its own expiry, its certificate still valid: auth.token_expired', async () => {
    const p = await w.person();
    const session = await w.login(p);
    await w.ctx.db.query("update sessions set expires_at = now() - interval '1 second' where rfc = $1", [p.rfc]);
    refused(await w.call('GET', '/api/v1/me', { token: session }), 'auth.token_expired');
  });
});

/** A CRL of the dev issuing CA with chosen dates and entries, signed with its key. */
async function crlOf(pki: DevPki, opts: { thisUpdate: Date; nextUpdate?: Date; revoked?: string[] }): Promise<Buffer> {
  const crl = await x509.X509CrlGenerator.create({
    issuer: new x509.X509Certificate(new Uint8Array(pki.issuing.der)).subjectName,
    thisUpdate: opts.thisUpdate,
    nextUpdate: opts.nextUpdate,
    signingKey: pki.issuingKey,
    signingAlgorithm: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
    entries: (opts.revoked ?? []).map((serialNumber) => ({
      serialNumber,
      revocationDate: new Date(Date.now() - 60_000),
    })),
  });
  return Buffer.from(crl.rawData);
}

/** A copy of the window's trust folder whose files and folder look untouched for an hour. */
function trustCopy(name: string): string {
  const dir = path.join(w.dataDir, name);
  fs.mkdirSync(dir);
  const hourAgo = new Date(Date.now() - 3600_000);
  for (const f of ['root.cer', 'issuing.cer', 'issuing.crl']) {
    fs.copyFileSync(path.join(w.pki.trustDir, f), path.join(dir, f));
    fs.utimesSync(path.join(dir, f), hourAgo, hourAgo);
  }
  fs.utimesSync(dir, hourAgo, hourAgo);
  return dir;
}

const DAY = 86_400_000;
const payload = { window: 'ventanilla', action: 'test', nonce: 'n' };

describe('CRL nextUpdate is enforced', () => {
  test('production: a CRL past its nextUpdate refuses signatures and sessions with a logged crl_stale', async () => {
    const dir = trustCopy('stale-production');
    const p = await w.person();
    const session = await w.login(p);
    fs.writeFileSync(
      path.join(dir, 'issuing.crl'),
      await crlOf(w.pki, { thisUpdate: new Date(Date.now() - 2 * DAY), nextUpdate: new Date(Date.now() - DAY) }),
    );
    const logged: Array<{ message: string; refused: boolean }> = [];
    const store = TrustStore.fromDir(dir, {
      staleCrl: 'refuse',
      onStaleCrl: (message, refused) => logged.push({ message, refused }),
    });
    const envelope = signPayload(payload, p.signer);
    for (let i = 0; i < 2; i++) {
      assert.throws(
        () => verifySignature({ payload, envelope, trust: store }),
        (err: any) => {
          assert.equal(err.code, 'signature.crl_stale');
          assert.equal(err.status, 503);
          assert.match(err.message, /nextUpdate/);
          return true;
        },
      );
    }
    await assert.rejects(authenticate(w.ctx.db, store, session, w.ctx.clock.now()), (err: any) => {
      assert.equal(err.code, 'auth.crl_stale');
      assert.equal(err.status, 503);
      return true;
    });
    assert.equal(logged.length, 1, 'logged once, not on every request');
    assert.equal(logged[0]!.refused, true);
    assert.match(logged[0]!.message, /Ventanilla Dev Issuing CA/);

    // A fresh CRL put in place ends the refusal.
    fs.writeFileSync(
      path.join(dir, 'issuing.crl'),
      await crlOf(w.pki, { thisUpdate: new Date(), nextUpdate: new Date(Date.now() + DAY) }),
    );
    assert.equal(verifySignature({ payload, envelope, trust: store }).rfc, p.rfc);
    assert.equal((await authenticate(w.ctx.db, store, session, w.ctx.clock.now())).rfc, p.rfc);
  });

  test('development and test: a stale CRL is a logged warning, revocations in it still count', async () => {
    const dir = trustCopy('stale-development');
    const good = await w.person();
    const bad = await w.person();
    fs.writeFileSync(
      path.join(dir, 'issuing.crl'),
      await crlOf(w.pki, {
        thisUpdate: new Date(Date.now() - 2 * DAY),
        nextUpdate: new Date(Date.now() - DAY),
        revoked: [parseCertificate(bad.cer).serialNumber],
      }),
    );
    const logged: Array<{ message: string; refused: boolean }> = [];
    const store = TrustStore.fromDir(dir, {
      staleCrl: 'warn',
      onStaleCrl: (message, refused) => logged.push({ message, refused }),
    });
    assert.equal(verifySignature({ payload, envelope: signPayload(payload, good.signer), trust: store }).rfc, good.rfc);
    assert.throws(() => verifySignature({ payload, envelope: signPayload(payload, bad.signer), trust: store }), {
      code: 'signature.certificate_revoked',
    });
    assert.equal(logged.length, 1);
    assert.equal(logged[0]!.refused, false);
    assert.match(logged[0]!.message, /nextUpdate/);
  });

  test('the window in test mode warns and goes on', async () => {
    const p = await w.person();
    const session = await w.login(p);
    const crlFile = path.join(w.pki.trustDir, 'issuing.crl');
    const original = fs.readFileSync(crlFile);
    const warnings: unknown[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => {
      warnings.push(args.join(' '));
    };
    try {
      fs.writeFileSync(
        crlFile,
        await crlOf(w.pki, { thisUpdate: new Date(Date.now() - 2 * DAY), nextUpdate: new Date(Date.now() - DAY) }),
      );
      assert.equal((await w.call('GET', '/api/v1/me', { token: session })).status, 200);
      assert.equal((await w.call('GET', '/api/v1/me', { token: session })).status, 200);
      assert.equal(warnings.length, 1, String(warnings));
      assert.match(String(warnings[0]), /past its nextUpdate/);
    } finally {
      console.warn = warn;
      fs.writeFileSync(crlFile, original);
    }
    assert.equal((await w.call('GET', '/api/v1/me', { token: session })).status, 200);
  });
});

describe('trust files edited in place are picked up', () => {
  test('a CRL rewritten in place under the same name revokes at once', async () => {
    const dir = trustCopy('in-place');
    const store = TrustStore.fromDir(dir);
    const p = await w.person();
    const envelope = signPayload(payload, p.signer);
    assert.equal(verifySignature({ payload, envelope, trust: store }).rfc, p.rfc);
    const before = fs.statSync(path.join(dir, 'issuing.crl')).ino;
    // Same file, same inode, the folder's mtime untouched: only the file's own stat tells.
    fs.writeFileSync(
      path.join(dir, 'issuing.crl'),
      await crlOf(w.pki, {
        thisUpdate: new Date(),
        nextUpdate: new Date(Date.now() + DAY),
        revoked: [parseCertificate(p.cer).serialNumber],
      }),
    );
    assert.equal(fs.statSync(path.join(dir, 'issuing.crl')).ino, before);
    assert.ok(fs.statSync(dir).mtimeMs < Date.now() - 3000_000, "the folder's mtime did not move");
    assert.throws(() => verifySignature({ payload, envelope, trust: store }), {
      code: 'signature.certificate_revoked',
    });
  });

  test(
    'a CRL rewritten in place is still checked: one not signed ' + 'by its CA is refused, the last good one stays',
    async () => {
      const dir = trustCopy('in-place-forged');
      const errors: unknown[] = [];
      const store = TrustStore.fromDir(dir, { onReloadError: (err) => errors.push(err) });
      const p = await w.person();
      const envelope = signPayload(payload, p.signer);
      // Same CA names, another key: a forged list that would revoke p.
      const other = await initDevPki(path.join(w.dataDir, 'other-ca'));
      fs.writeFileSync(
        path.join(dir, 'issuing.crl'),
        await crlOf(other, {
          thisUpdate: new Date(),
          nextUpdate: new Date(Date.now() + DAY),
          revoked: [parseCertificate(p.cer).serialNumber],
        }),
      );
      assert.equal(verifySignature({ payload, envelope, trust: store }).rfc, p.rfc);
      assert.equal(errors.length, 1);
      assert.equal((errors[0] as { code?: string }).code, 'pki.trust_store_invalid');
    },
  );

  test('a session is refused at once when the CRL is rewritten in place', async () => {
    const p = await w.person();
    const session = await w.login(p);
    const crlFile = path.join(w.pki.trustDir, 'issuing.crl');
    const hourAgo = new Date(Date.now() - 3600_000);
    fs.utimesSync(w.pki.trustDir, hourAgo, hourAgo);
    assert.equal((await w.call('GET', '/api/v1/me', { token: session })).status, 200);
    const revoked = JSON.parse(fs.readFileSync(path.join(w.pki.dir, 'ca', 'revoked.json'), 'utf8')) as Array<{
      serialNumber: string;
    }>;
    fs.writeFileSync(
      crlFile,
      await crlOf(w.pki, {
        thisUpdate: new Date(),
        nextUpdate: new Date(Date.now() + DAY),
        revoked: [...revoked.map((r) => r.serialNumber), parseCertificate(p.cer).serialNumber],
      }),
    );
    refused(await w.call('GET', '/api/v1/me', { token: session }), 'auth.certificate_revoked');
  });
});

describe('a running server, revocation by `ventanilla pki revoke`', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ventanilla-credentials-'));
  const env = { VENTANILLA_DATA_DIR: dataDir };
  let database: Awaited<ReturnType<typeof testDatabaseUrl>>;
  let server: ServerProcess;
  before(async () => {
    database = await testDatabaseUrl();
    // On PGlite the demo seeded once (the first start is cli.test.ts's); on PostgreSQL this start seeds it.
    if (!database.url) await copyDemo(dataDir);
    server = await startServerProcess({ ...env, DATABASE_URL: database.url, LOGIN_RATE_LIMIT: '1000' });
  });
  after(async () => {
    await server?.stop();
    await database?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const demo = (key: string) => {
    const person = DEMO_PEOPLE.find((p) => p.key === key)!;
    const file = (ext: string) => path.join(dataDir, 'demo-efirma', `${person.rfc}.${ext}`);
    return {
      cerPath: file('cer'),
      signer: openEfirma({
        cer: fs.readFileSync(file('cer')),
        key: fs.readFileSync(file('key')),
        password: DEMO_PASSWORD,
      }),
    };
  };
  async function login(signer: Signer): Promise<string> {
    const challenge = await postJson(`${server.url}/api/v1/auth/challenge`, {});
    const res = await postJson(`${server.url}/api/v1/auth/login`, {
      challengeId: challenge.body.challengeId,
      ...signPayload(challenge.body.payload, signer),
    });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return res.body.token;
  }
  async function signed(token: string, signer: Signer, url: string, data: unknown) {
    const issued = await postJson(`${server.url}${url}/signing-payload`, data, token);
    assert.equal(issued.status, 201, JSON.stringify(issued.body));
    return postJson(
      `${server.url}${url}`,
      { challengeId: issued.body.challengeId, ...signPayload(issued.body.payload, signer) },
      token,
    );
  }

  test(
    "the customs officer's API token and session end when the " + 'CLI revokes his certificate; nothing is drawn',
    async () => {
      const rep = demo('legal-rep');
      const repToken = await login(rep.signer);
      const approved = await getJson(`${server.url}/api/v1/applications?status=approved`, repToken);
      const withPermit = await Promise.all(
        approved.body.items.map((a: { id: string }) => getJson(`${server.url}/api/v1/applications/${a.id}`, repToken)),
      );
      const permit = withPermit
        .map((a) => a.body.permit?.number as string | undefined)
        .find((n) => n?.startsWith('COFEPRIS-'))!;
      assert.ok(permit, 'the demo data has an approved COFEPRIS permit for medicines');
      const draws = async () =>
        (await getJson(`${server.url}/api/v1/customs/permits/${permit}/draws`, repToken)).body.draws.length as number;

      const officer = demo('customs-officer');
      const session = await login(officer.signer);
      const created = await signed(session, officer.signer, '/api/v1/api-tokens', {
        label: 'pedimento validator',
        scopes: ['read', 'write'],
        expiresInDays: 30,
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const apiToken = created.body.data.token as string;
      const date = mexicoDate(new Date());
      const declare = (n: number) =>
        postJson(
          `${server.url}/api/v1/customs/declarations`,
          {
            number: `${date.slice(2, 4)}243170${String(8_000_000 + n)}`,
            customsOffice: 'ANAM-TAMPS-NLD',
            brokerPatent: '3170',
            traderRfc: DEMO_TRADER_RFC,
            flow: 'import',
            date,
            lines: [
              {
                hsCode: '3004909999',
                quantity: 1,
                unit: 'KGM',
                value: 2,
                currency: 'USD',
                originCountry: 'ES',
                destinationCountry: 'MX',
                permits: [{ number: permit }],
              },
            ],
          },
          apiToken,
        );
      // The demo's own customs declaration drew on it already.
      const before = await draws();
      const first = await declare(1);
      assert.equal(first.status, 201, JSON.stringify(first.body));
      assert.equal(await draws(), before + 1);

      const revoked = await runCli(['pki', 'revoke', '--cert', officer.cerPath, '--reason', 'keyCompromise'], env);
      assert.equal(revoked.code, 0, revoked.stderr);
      const second = await declare(2);
      assert.equal(second.status, 401, JSON.stringify(second.body));
      assert.equal(second.body.code, 'auth.certificate_revoked');
      assert.equal(await draws(), before + 1, 'nothing more was drawn');
      const me = await getJson(`${server.url}/api/v1/me`, session);
      assert.equal(me.status, 401);
      assert.equal(me.body.code, 'auth.certificate_revoked');
    },
  );
});
