/**
 * Customs declarations drawing one permit down from two server processes on one PostgreSQL: the balance is
 * a row, locked by each drawing transaction, so no interleaving of processes and connections overdraws it.
 * Runs when TEST_DATABASE_URL names a PostgreSQL server (scripts/with-postgres.sh).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { mexicoDate } from '../src/calendar/calendar.ts';
import { DEMO_PASSWORD, DEMO_PEOPLE, DEMO_TRADER_RFC } from '../src/cli/demo.ts';
import { openEfirma, signPayload, type Signer } from '../src/pki/index.ts';
import { postgresOnly } from './support/postgres-only.ts';
import { getJson, postJson, startServerProcess, type ServerProcess } from './support/processes.ts';
import { testDatabaseUrl } from './support/window.ts';

describe('customs declarations from two server processes on one database (PostgreSQL)', postgresOnly, () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ventanilla-declarations-'));
  let database: Awaited<ReturnType<typeof testDatabaseUrl>>;
  let a: ServerProcess;
  let b: ServerProcess;
  const signers = new Map<string, Signer>();

  before(async () => {
    database = await testDatabaseUrl();
    const env = { VENTANILLA_DATA_DIR: dataDir, DATABASE_URL: database.url, LOGIN_RATE_LIMIT: '100000' };
    a = await startServerProcess(env);
    b = await startServerProcess(env);
    for (const key of ['legal-rep', 'cofepris-reviewer', 'customs-officer']) {
      const person = DEMO_PEOPLE.find((p) => p.key === key)!;
      const file = (ext: string) => fs.readFileSync(path.join(dataDir, 'demo-efirma', `${person.rfc}.${ext}`));
      signers.set(key, openEfirma({ cer: file('cer'), key: file('key'), password: DEMO_PASSWORD }));
    }
  });
  after(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await database?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  async function login(server: ServerProcess, key: string): Promise<string> {
    const challenge = await postJson(`${server.url}/api/v1/auth/challenge`, {});
    const res = await postJson(`${server.url}/api/v1/auth/login`, {
      challengeId: challenge.body.challengeId,
      ...signPayload(challenge.body.payload, signers.get(key)!),
    });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return res.body.token;
  }

  async function signed(server: ServerProcess, token: string, key: string, url: string, data: unknown) {
    const issued = await postJson(`${server.url}${url}/signing-payload`, data, token);
    assert.equal(issued.status, 201, JSON.stringify(issued.body));
    return postJson(
      `${server.url}${url}`,
      { challengeId: issued.body.challengeId, ...signPayload(issued.body.payload, signers.get(key)!) },
      token,
    );
  }

  /** The demo trader files medicines for `units` KGM and COFEPRIS approves: a real permit with that balance. */
  async function permitFor(units: number): Promise<string> {
    const rep = await login(a, 'legal-rep');
    const goods = [
      {
        hsCode: '300490',
        description: 'Medicamento en tabletas',
        quantity: units,
        unit: 'KGM',
        value: units,
        currency: 'USD',
        originCountry: 'DE',
        destinationCountry: 'MX',
        customsOffice: 'ANAM-TAMPS-NLD',
      },
    ];
    const procedureData = {
      'COFEPRIS-MEDICINES-IMPORT': {
        sanitaryRegistrations: ['123M2015 SSA IV'],
        pharmaceuticalForm: 'tablet',
        responsiblePharmacistLicence: '12345678',
      },
    };
    const draft = await postJson(
      `${a.url}/api/v1/operations`,
      { traderRfc: DEMO_TRADER_RFC, flow: 'import', data: { goods, procedureData } },
      rep,
    );
    assert.equal(draft.status, 201, JSON.stringify(draft.body));
    const submitted = await signed(a, rep, 'legal-rep', `/api/v1/operations/${draft.body.id}/submit`, {});
    assert.equal(submitted.status, 201, JSON.stringify(submitted.body));
    const id = submitted.body.data.applications[0].id;
    const officer = await login(b, 'cofepris-reviewer');
    for (const step of ['assignment', 'review'])
      assert.equal((await postJson(`${b.url}/api/v1/applications/${id}/${step}`, {}, officer)).status, 200);
    const resolved = await signed(b, officer, 'cofepris-reviewer', `/api/v1/applications/${id}/resolution`, {
      decision: 'approve',
    });
    assert.equal(resolved.status, 200, JSON.stringify(resolved.body));
    return (await getJson(`${a.url}/api/v1/applications/${id}`, rep)).body.permit.number;
  }

  test('200 concurrent one-unit declarations over both processes draw a 50-unit permit exactly to zero', async (t) => {
    const units = 50;
    const attempts = 200;
    const permit = await permitFor(units);
    const customs = await login(a, 'customs-officer');
    const date = mexicoDate(new Date());
    const bodies = Array.from({ length: attempts }, (_, i) => ({
      number: `${date.slice(2, 4)}243170${String(i + 1).padStart(7, '0')}`,
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
          value: 1,
          currency: 'USD',
          originCountry: 'DE',
          destinationCountry: 'MX',
          permits: [{ number: permit }],
        },
      ],
    }));
    const started = process.hrtime.bigint();
    const results = await Promise.all(
      bodies.map((body, i) => postJson(`${(i % 2 ? b : a).url}/api/v1/customs/declarations`, body, customs)),
    );
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;

    const accepted = results.filter((r) => r.status === 201);
    const refused = results.filter((r) => r.status === 422);
    assert.equal(
      accepted.length,
      units,
      JSON.stringify(results.filter((r) => r.status !== 201 && r.status !== 422).slice(0, 3)),
    );
    assert.equal(refused.length, attempts - units);
    assert.ok(
      refused.every(
        (r) => r.body.reasons.map((x: { code: string }) => x.code).join() === 'permit_insufficient_balance',
      ),
    );

    const draws = await getJson(`${b.url}/api/v1/customs/permits/${permit}/draws`, customs);
    assert.equal(draws.body.status, 'exhausted');
    assert.deepEqual(
      draws.body.balances.map((l: any) => [l.remainingQuantity, l.remainingValue]),
      [[0, 0]],
    );
    assert.equal(draws.body.draws.length, units);
    const { verificationCode } = (await getJson(`${a.url}/api/v1/permits/${permit}`, customs)).body;
    assert.equal((await getJson(`${a.url}/api/v1/verify/${permit}?code=${verificationCode}`)).body.status, 'exhausted');

    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const {
        rows: [sums],
      } = await client.query(
        `select (select sum(d.quantity)::text from permit_draws d join permits p on p.id = d.permit_id
          where p.number = $1) as drawn,
                (select sum(l.authorised_quantity - l.remaining_quantity)::text from permit_lines l
                  join permits p on p.id = l.permit_id where p.number = $1) as used,
                (select count(*)::int from customs_declarations where status = 'accepted') as accepted,
                (select count(*)::int from customs_declaration_refusals) as refusals`,
        [permit],
      );
      assert.deepEqual(sums, { drawn: '50', used: '50', accepted: units, refusals: attempts - units });
    } finally {
      await client.end();
    }
    const audit = (await getJson(`${b.url}/api/v1/audit/verify`)).body;
    assert.equal(audit.ok, true, JSON.stringify(audit));
    t.diagnostic(
      `customs validations per second (postgres, two processes, ${attempts} ` +
        `concurrent): ${(attempts / seconds).toFixed(1)}`,
    );
  });
});
