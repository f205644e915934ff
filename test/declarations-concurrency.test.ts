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
import { DEMO_PASSWORD, DEMO_PEOPLE, DEMO_TRADER_RFC } from '../src/cli/demo.ts';
import { windowClient, type WindowClient } from '../src/cli/window-client.ts';
import { openEfirma, type Signer } from '../src/pki/index.ts';
import { declarationBody, MEDICINES_FORM, medicines } from './support/pipeline.ts';
import { startServerProcess, type ServerProcess } from './support/processes.ts';
import { postgresOnly } from './support/postgres-only.ts';
import { testDatabaseUrl } from './support/window.ts';

describe('customs declarations from two server processes on one database (PostgreSQL)', postgresOnly, () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ventanilla-declarations-'));
  let database: Awaited<ReturnType<typeof testDatabaseUrl>>;
  let a: ServerProcess;
  let b: ServerProcess;
  const signers = new Map<string, Signer>();
  /** HTTP clients of the two processes. */
  let ca: WindowClient;
  let cb: WindowClient;

  before(async () => {
    database = await testDatabaseUrl();
    const env = { VENTANILLA_DATA_DIR: dataDir, DATABASE_URL: database.url, LOGIN_RATE_LIMIT: '100000' };
    a = await startServerProcess(env);
    b = await startServerProcess(env);
    [ca, cb] = [windowClient(a.url), windowClient(b.url)];
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

  const login = (client: WindowClient, key: string) => client.login(signers.get(key)!);

  /** The demo trader files medicines for `units` KGM and COFEPRIS approves: a real permit with that balance. */
  async function permitFor(units: number): Promise<string> {
    const rep = await login(ca, 'legal-rep');
    const filed = await ca.fileOperation(rep, signers.get('legal-rep')!, {
      traderRfc: DEMO_TRADER_RFC,
      data: { goods: medicines(units, units), procedureData: MEDICINES_FORM },
    });
    const id = filed.applications[0]!.id;
    // Another process approves it.
    await cb.approve(await login(cb, 'cofepris-reviewer'), signers.get('cofepris-reviewer')!, id);
    return (await ca.application(rep, id)).permit.number;
  }

  /** What the database holds: this permit's draws and used amount, and all declarations accepted and refused. */
  async function counts(permit: string) {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const { rows } = await client.query(
        `select (select sum(d.quantity)::text from permit_draws d join permits p on p.id = d.permit_id
          where p.number = $1) as drawn,
                (select sum(l.authorised_quantity - l.remaining_quantity)::text from permit_lines l
                  join permits p on p.id = l.permit_id where p.number = $1) as used,
                (select count(*)::int from customs_declarations where status = 'accepted') as accepted,
                (select count(*)::int from customs_declaration_refusals) as refusals`,
        [permit],
      );
      return rows[0] as { drawn: string | null; used: string | null; accepted: number; refusals: number };
    } finally {
      await client.end();
    }
  }

  test('200 concurrent one-unit declarations over both processes draw a 50-unit permit exactly to zero', async (t) => {
    const units = 50;
    const attempts = 200;
    const permit = await permitFor(units);
    const customs = await login(ca, 'customs-officer');
    const bodies = Array.from({ length: attempts }, () =>
      declarationBody(null, {
        brokerPatent: '3170',
        traderRfc: DEMO_TRADER_RFC,
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
      }),
    );
    const before = await counts(permit);
    const started = process.hrtime.bigint();
    const results = await Promise.all(bodies.map((body, i) => (i % 2 ? cb : ca).declare(customs, body)));
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

    const draws = await cb.call('GET', `/api/v1/customs/permits/${permit}/draws`, { token: customs });
    assert.equal(draws.body.status, 'exhausted');
    assert.deepEqual(
      draws.body.balances.map((l: any) => [l.remainingQuantity, l.remainingValue]),
      [[0, 0]],
    );
    assert.equal(draws.body.draws.length, units);
    const { verificationCode } = (await ca.call('GET', `/api/v1/permits/${permit}`, { token: customs })).body;
    assert.equal((await ca.call('GET', `/api/v1/verify/${permit}?code=${verificationCode}`)).body.status, 'exhausted');

    const after = await counts(permit);
    // The demo's own declarations (one accepted, one refused) were there before.
    assert.deepEqual(
      { ...after, accepted: after.accepted - before.accepted, refusals: after.refusals - before.refusals },
      { drawn: '50', used: '50', accepted: units, refusals: attempts - units },
    );
    const audit = (await cb.call('GET', '/api/v1/audit/verify')).body;
    assert.equal(audit.ok, true, JSON.stringify(audit));
    t.diagnostic(
      `customs validations per second (postgres, two processes, ${attempts} ` +
        `concurrent): ${(attempts / seconds).toFixed(1)}`,
    );
  });
});
