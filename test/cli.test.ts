import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { DEMO_PASSWORD, DEMO_PEOPLE, DEMO_TRADER_RFC } from '../src/cli/demo.ts';
import { openEfirma, TrustStore, verifySignature } from '../src/pki/index.ts';
import { getJson, postJson, runCli, startServerProcess, type ServerProcess } from './support/processes.ts';
import { seedDataDir } from './support/templates.ts';
import { testDatabaseUrl } from './support/window.ts';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ventanilla-cli-'));
const env = { VENTANILLA_DATA_DIR: dataDir };
// The embedded database starts prepared (no initdb: test/hardening.test.ts covers a first start on an empty folder).
before(() => seedDataDir(dataDir));
after(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe('ventanilla pki and sign', () => {
  const out = path.join(dataDir, 'efirma');

  test('--help lists the commands; an unknown command is a usage error', async () => {
    const help = await runCli(['--help']);
    assert.equal(help.code, 0);
    for (const c of [
      'serve',
      'migrate',
      'demo',
      'pki init',
      'pki issue',
      'pki revoke',
      'sign',
      'patent add',
      'audit verify',
    ])
      assert.ok(help.stdout.includes(c), c);
    assert.equal((await runCli(['frobnicate'])).code, 2);
    const missing = await runCli(['pki', 'issue', '--rfc', 'X'], env);
    assert.equal(missing.code, 2);
  });

  test('pki init, then pki issue writes SAT-style .cer and password-protected .key files', async () => {
    assert.equal((await runCli(['pki', 'init'], env)).code, 0);
    const issued = await runCli(
      [
        'pki',
        'issue',
        '--rfc',
        'GALA800101ABA',
        '--curp',
        'GALA800101MDFRPN02',
        '--name',
        'Ana García',
        '--password',
        's3cret',
        '--out',
        out,
        '--key-type',
        'ec',
      ],
      env,
    );
    assert.equal(issued.code, 0, issued.stderr);
    const { cerPath, keyPath } = JSON.parse(issued.stdout);
    const signer = openEfirma({ cer: fs.readFileSync(cerPath), key: fs.readFileSync(keyPath), password: 's3cret' });
    assert.equal(signer.certificate.rfc, 'GALA800101ABA');
    assert.equal(signer.certificate.curp, 'GALA800101MDFRPN02');
    assert.equal(signer.certificate.keyType, 'ec');
    assert.throws(
      () => openEfirma({ cer: fs.readFileSync(cerPath), key: fs.readFileSync(keyPath), password: 'wrong' }),
      /password/i,
    );
  });

  test('pki issue --rfc "COMPANY / REP" writes a SAT company certificate, named after the company', async () => {
    const issued = await runCli(
      [
        'pki',
        'issue',
        '--rfc',
        'IDN150101AB7 / GALA800101ABA',
        '--curp',
        ' / GALA800101MDFRPN02',
        '--name',
        'Importadora',
        '--password',
        's3cret',
        '--out',
        out,
        '--key-type',
        'ec',
      ],
      env,
    );
    assert.equal(issued.code, 0, issued.stderr);
    const { cerPath } = JSON.parse(issued.stdout);
    assert.equal(path.basename(cerPath), 'IDN150101AB7.cer');
    const { parseCertificate } = await import('../src/pki/index.ts');
    const cert = parseCertificate(fs.readFileSync(cerPath));
    assert.deepEqual([cert.rfc, cert.representativeRfc, cert.curp], ['IDN150101AB7', 'GALA800101ABA', null]);
  });

  test('patent add records a broker patent in the registry, once', async () => {
    const args = [
      'patent',
      'add',
      '--patent',
      '0042',
      '--rfc',
      'GALA800101ABA',
      '--curp',
      'GALA800101MDFRPN04',
      '--name',
      'Ana García',
      '--granted-on',
      '2011-02-03',
    ];
    const added = await runCli(args, env);
    assert.equal(added.code, 0, added.stderr);
    assert.deepEqual(
      (({ patent, holderRfc, status, grantedOn }) => ({ patent, holderRfc, status, grantedOn }))(
        JSON.parse(added.stdout),
      ),
      { patent: '0042', holderRfc: 'GALA800101ABA', status: 'active', grantedOn: '2011-02-03' },
    );
    const again = await runCli(args, env);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /registry\.patent_exists/);
    assert.equal((await runCli(['patent', 'add', '--patent', '42'], env)).code, 2);
  });

  test('sign prints an envelope over the canonical JSON that the window verifies', async () => {
    const file = path.join(dataDir, 'payload.json');
    fs.writeFileSync(file, JSON.stringify({ b: [1, 2], a: 'firma' }));
    const res = await runCli(
      [
        'sign',
        '--cer',
        path.join(out, 'GALA800101ABA.cer'),
        '--key',
        path.join(out, 'GALA800101ABA.key'),
        '--password',
        's3cret',
        file,
      ],
      env,
    );
    assert.equal(res.code, 0, res.stderr);
    const envelope = JSON.parse(res.stdout);
    assert.equal(envelope.algorithm, 'ES256');
    const trust = TrustStore.fromDir(path.join(dataDir, 'pki', 'trust'));
    assert.equal(verifySignature({ payload: { a: 'firma', b: [1, 2] }, envelope, trust }).rfc, 'GALA800101ABA');
    const bad = await runCli(
      [
        'sign',
        '--cer',
        path.join(out, 'GALA800101ABA.cer'),
        '--key',
        path.join(out, 'GALA800101ABA.key'),
        '--password',
        'nope',
        file,
      ],
      env,
    );
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /efirma\.wrong_password/);
  });
});

describe('ventanilla serve: one command to a working window with demo data', () => {
  let server: ServerProcess;
  let database: Awaited<ReturnType<typeof testDatabaseUrl>>;
  const serveEnv = () => ({ ...env, DATABASE_URL: database.url, LOGIN_RATE_LIMIT: '1000' });
  before(async () => {
    database = await testDatabaseUrl();
    server = await startServerProcess(serveEnv());
  });
  after(async () => {
    await server?.stop();
    await database.drop();
  });

  const demoFile = (rfc: string, ext: 'cer' | 'key') => path.join(dataDir, 'demo-efirma', `${rfc}.${ext}`);

  async function loginWithCli(rfc: string) {
    const challenge = await postJson(`${server.url}/api/v1/auth/challenge`, {});
    const file = path.join(dataDir, `challenge-${rfc}.json`);
    fs.writeFileSync(file, JSON.stringify(challenge.body.payload));
    const signed = await runCli(
      ['sign', '--cer', demoFile(rfc, 'cer'), '--key', demoFile(rfc, 'key'), '--password', DEMO_PASSWORD, file],
      env,
    );
    assert.equal(signed.code, 0, signed.stderr);
    return postJson(`${server.url}/api/v1/auth/login`, {
      challengeId: challenge.body.challengeId,
      ...JSON.parse(signed.stdout),
    });
  }

  test('prints where it serves and where the demo e.firma files are, with their password', () => {
    assert.match(server.output(), /API docs: http:\/\/127\.0\.0\.1:\d+\/docs/);
    assert.ok(server.output().includes(`password for every .key: ${DEMO_PASSWORD}`));
    for (const p of DEMO_PEOPLE) assert.ok(fs.existsSync(demoFile(p.rfc, 'cer')), p.rfc);
  });

  test('the demo legal representative logs in with the printed files and sees the demo trader', async () => {
    const rep = DEMO_PEOPLE.find((p) => p.key === 'legal-rep')!;
    const res = await loginWithCli(rep.rfc);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const me = await getJson(`${server.url}/api/v1/me`, res.body.token);
    assert.equal(me.body.traders[0].rfc, DEMO_TRADER_RFC);
    const broker = await loginWithCli(DEMO_PEOPLE.find((p) => p.key === 'broker')!.rfc);
    const brokerMe = await getJson(`${server.url}/api/v1/me`, broker.body.token);
    assert.deepEqual(
      brokerMe.body.representedTraders.map((t: any) => t.rfc),
      [DEMO_TRADER_RFC],
    );
  });

  test('pki revoke, run beside the live server, takes effect at once', async () => {
    const officer = DEMO_PEOPLE.find((p) => p.key === 'customs-officer')!;
    assert.equal((await loginWithCli(officer.rfc)).status, 200);
    const revoked = await runCli(
      ['pki', 'revoke', '--cert', demoFile(officer.rfc, 'cer'), '--reason', 'keyCompromise'],
      env,
    );
    assert.equal(revoked.code, 0, revoked.stderr);
    const res = await loginWithCli(officer.rfc);
    assert.equal(res.status, 422);
    assert.equal(res.body.code, 'signature.certificate_revoked');
  });

  test('a second start reuses the data (no second demo), and audit verify passes offline', async () => {
    assert.equal(await server.stop(), 0);
    server = await startServerProcess(serveEnv());
    const traders = await loginWithCli(DEMO_PEOPLE[0]!.rfc);
    assert.equal(traders.status, 200);
    assert.equal((await getJson(`${server.url}/api/v1/audit/verify`)).body.ok, true);
    await server.stop();
    const audit = await runCli(['audit', 'verify'], serveEnv());
    assert.equal(audit.code, 0, audit.stderr);
    assert.equal(JSON.parse(audit.stdout).ok, true);
    const migrateRun = await runCli(['migrate'], serveEnv());
    assert.match(migrateRun.stdout, /up to date/);
  });
});
