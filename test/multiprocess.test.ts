/**
 * Several stateless server processes on one PostgreSQL: nothing that one process needs may live
 * only in another's memory. Runs when TEST_DATABASE_URL names a PostgreSQL server (CI's second run).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { DEMO_PASSWORD, DEMO_PEOPLE } from '../src/cli/demo.ts';
import { issueEfirma, loadDevPki, openEfirma, signPayload, type Signer } from '../src/pki/index.ts';
import { postgresOnly } from './support/postgres-only.ts';
import { getJson, postJson, startServerProcess, type ServerProcess } from './support/processes.ts';
import { randomRfc, testDatabaseUrl, traderProfile } from './support/window.ts';

describe('two server processes on one database (PostgreSQL)', postgresOnly, () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ventanilla-multi-'));
  let database: Awaited<ReturnType<typeof testDatabaseUrl>>;
  let a: ServerProcess;
  let b: ServerProcess;
  let rep: Signer;

  before(async () => {
    database = await testDatabaseUrl();
    // They share the database and the trust folder and window key (as replicas share a volume or secret).
    const env = { VENTANILLA_DATA_DIR: dataDir, DATABASE_URL: database.url, LOGIN_RATE_LIMIT: '100000' };
    a = await startServerProcess(env);
    b = await startServerProcess(env);
    const person = DEMO_PEOPLE.find((p) => p.key === 'legal-rep')!;
    const file = (ext: string) => fs.readFileSync(path.join(dataDir, 'demo-efirma', `${person.rfc}.${ext}`));
    rep = openEfirma({ cer: file('cer'), key: file('key'), password: DEMO_PASSWORD });
  });
  after(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await database?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  async function login(challengeOn: ServerProcess, loginOn: ServerProcess, signer: Signer = rep) {
    const challenge = await postJson(`${challengeOn.url}/api/v1/auth/challenge`, {});
    return postJson(`${loginOn.url}/api/v1/auth/login`, {
      challengeId: challenge.body.challengeId,
      ...signPayload(challenge.body.payload, signer),
    });
  }

  test('a challenge from one process logs in on the other, and the session works on both', async () => {
    const res = await login(a, b);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    for (const s of [a, b])
      assert.equal((await getJson(`${s.url}/api/v1/me`, res.body.token)).body.rfc, rep.certificate.rfc);
    await postJson(`${a.url}/api/v1/auth/logout`, {}, res.body.token);
    assert.equal((await getJson(`${b.url}/api/v1/me`, res.body.token)).status, 401);
  });

  test('one signed challenge sent to both processes at once is used exactly once', async () => {
    for (let round = 0; round < 5; round++) {
      const challenge = await postJson(`${a.url}/api/v1/auth/challenge`, {});
      const body = { challengeId: challenge.body.challengeId, ...signPayload(challenge.body.payload, rep) };
      const results = await Promise.all([a, b, a, b].map((s) => postJson(`${s.url}/api/v1/auth/login`, body)));
      assert.deepEqual(
        results.map((r) => r.status).sort(),
        [200, 409, 409, 409],
        JSON.stringify(results.map((r) => r.body.code)),
      );
    }
  });

  test('concurrent registrations through both processes keep one unbroken audit chain', async () => {
    const token = (await login(a, a)).body.token as string;
    const pki = await loadDevPki(path.join(dataDir, 'pki'));
    const register = async (server: ServerProcess) => {
      // Each company registers itself with its own e.firma, naming the demo representative.
      const rfc = randomRfc('company');
      const efirma = await issueEfirma(pki, {
        rfc: `${rfc} / ${rep.certificate.rfc}`,
        name: `Empresa ${rfc}`,
        password: DEMO_PASSWORD,
        keyType: 'ec',
      });
      const company = openEfirma({ cer: efirma.cer, key: efirma.key, password: DEMO_PASSWORD });
      const companyToken = (await login(server, server, company)).body.token as string;
      const issued = await postJson(
        `${server.url}/api/v1/traders/signing-payload`,
        traderProfile(rfc, {
          rfc: rep.certificate.rfc!,
          curp: rep.certificate.curp!,
          name: 'Ana García López',
          cer: Buffer.alloc(0),
          key: Buffer.alloc(0),
          signer: rep,
        }),
        companyToken,
      );
      assert.equal(issued.status, 201, JSON.stringify(issued.body));
      // Submit on the other process than the one that issued the payload.
      const other = server === a ? b : a;
      return postJson(
        `${other.url}/api/v1/traders`,
        { challengeId: issued.body.challengeId, ...signPayload(issued.body.payload, company) },
        companyToken,
      );
    };
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => register(i % 2 ? a : b)));
    assert.deepEqual(
      results.map((r) => r.status),
      Array(12).fill(201),
    );
    const verified = (await getJson(`${b.url}/api/v1/audit/verify`)).body;
    assert.equal(verified.ok, true, JSON.stringify(verified));
    const me = await getJson(`${a.url}/api/v1/me`, token);
    assert.equal(me.body.traders.length, 13, 'the 12 new traders and the demo trader');
  });
});
