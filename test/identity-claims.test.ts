/**
 * Rule 9 of issue 7: identity claims are proven. A company is registered by its own e.firma, a person
 * by itself; a broker's patent is one ANAM recorded for that broker. And (rule 13) the delegation
 * payloads answer alike for an RFC that does not exist and one that is not the caller's.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { issueEfirma, openEfirma } from '../src/pki/index.ts';
import { PASSWORD, randomRfc, startTestWindow, traderProfile, type Person, type TestWindow } from './support/window.ts';

let w: TestWindow;
/** The ANAM administrator who keeps the patents registry. */
let anamAdmin: Awaited<ReturnType<TestWindow['officer']>>;
before(async () => {
  w = await startTestWindow();
  anamAdmin = await w.officer('ANAM', ['administrator']);
});
after(() => w.close());

/** A company e.firma as SAT issues it: "COMPANY / REP" in x500UniqueIdentifier, " / REPCURP" in serialNumber. */
async function companyEfirma(rfc: string, rep?: Person): Promise<Person> {
  const efirma = await issueEfirma(w.pki, {
    rfc: rep ? `${rfc} / ${rep.rfc}` : rfc,
    curp: rep ? ` / ${rep.curp}` : undefined,
    name: `Empresa ${rfc}`,
    password: PASSWORD,
    keyType: 'ec',
  });
  return {
    rfc,
    curp: '',
    name: `Empresa ${rfc}`,
    cer: efirma.cer,
    key: efirma.key,
    signer: openEfirma({ cer: efirma.cer, key: efirma.key, password: PASSWORD }),
  };
}

const count = async (table: string) => (await w.ctx.db.one<{ n: number }>(`select count(*)::int as n from ${table}`)).n;
const writes = async () => ({
  traders: await count('traders'),
  challenges: await count('challenges'),
  audit: await count('audit_events'),
});

describe('a company is registered by its own e.firma', () => {
  test(
    'a person naming themselves legal representative of any company is refused, ' + 'and nothing is written',
    async () => {
      const impostor = await w.person();
      const token = await w.login(impostor);
      const before = await writes();
      const res = await w.call('POST', '/api/v1/traders/signing-payload', {
        token,
        body: traderProfile(randomRfc('company'), impostor),
      });
      assert.equal(res.status, 403, JSON.stringify(res.body));
      assert.equal(res.body.code, 'registry.company_signature_required');
      assert.deepEqual(await writes(), before);
    },
  );

  test("the company's e.firma registers it; its representative then acts for it", async () => {
    const rep = await w.person();
    const rfc = randomRfc('company');
    const company = await companyEfirma(rfc, rep);
    const companyToken = await w.login(company);
    const res = await w.signed(companyToken, company, 'POST', '/api/v1/traders', traderProfile(rfc, rep));
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.equal(res.body.acknowledgement.signedBy.rfc, rfc);
    const me = await w.call('GET', '/api/v1/me', { token: await w.login(rep) });
    assert.deepEqual(
      me.body.traders.map((t: any) => [t.rfc, t.relation]),
      [[rfc, 'legal_representative']],
    );
  });

  test('a company certificate of plain RFC (no representative in it) also registers the company', async () => {
    const rep = await w.person();
    const rfc = randomRfc('company');
    const company = await companyEfirma(rfc);
    const res = await w.signed(await w.login(company), company, 'POST', '/api/v1/traders', traderProfile(rfc, rep));
    assert.equal(res.status, 201, JSON.stringify(res.body));
  });

  test('the representative named must be the one the company certificate names, when it names one', async () => {
    const rep = await w.person();
    const other = await w.person();
    const rfc = randomRfc('company');
    const company = await companyEfirma(rfc, rep);
    const token = await w.login(company);
    const before = await writes();
    const res = await w.signed(token, company, 'POST', '/api/v1/traders', traderProfile(rfc, other));
    assert.equal(res.status, 403, JSON.stringify(res.body));
    assert.equal(res.body.code, 'registry.legal_rep_not_in_certificate');
    const after = await writes();
    assert.equal(after.traders, before.traders);
    assert.equal(after.audit, before.audit);
  });

  test('another company cannot register a company', async () => {
    const rep = await w.person();
    const otherCompany = await companyEfirma(randomRfc('company'), rep);
    const token = await w.login(otherCompany);
    const res = await w.call('POST', '/api/v1/traders/signing-payload', {
      token,
      body: traderProfile(randomRfc('company'), rep),
    });
    assert.equal(res.status, 403);
    assert.equal(res.body.code, 'registry.company_signature_required');
  });
});

describe('a person trader is registered by that person', () => {
  test("registering someone else's RFC as a person trader, with oneself as representative, is refused", async () => {
    const victim = await w.person();
    const impostor = await w.person();
    const token = await w.login(impostor);
    const before = await writes();
    const res = await w.call('POST', '/api/v1/traders/signing-payload', {
      token,
      body: traderProfile(victim.rfc, impostor),
    });
    assert.equal(res.status, 403, JSON.stringify(res.body));
    assert.equal(res.body.code, 'registry.signer_not_trader');
    assert.deepEqual(await writes(), before);
  });

  test('a person registers itself', async () => {
    const p = await w.person();
    const res = await w.signed(await w.login(p), p, 'POST', '/api/v1/traders', traderProfile(p.rfc));
    assert.equal(res.status, 201, JSON.stringify(res.body));
  });
});

describe('who may change the legal representative', () => {
  test(
    'the representative edits the profile but cannot ' + 'hand the company to someone else; the company can',
    async () => {
      const rep = await w.person();
      const { rfc, token } = await w.registerTrader(rep);
      const successor = await w.person();
      const renamed = await w.signed(token, rep, 'PUT', `/api/v1/traders/${rfc}/profile`, {
        expectedVersion: 1,
        profile: { ...traderProfile(rfc, rep), legalName: 'Nuevo Nombre S.A. de C.V.' },
      });
      assert.equal(renamed.status, 200, JSON.stringify(renamed.body));

      const handover = { expectedVersion: 2, profile: traderProfile(rfc, successor) };
      const refused = await w.call('POST', `/api/v1/traders/${rfc}/profile/signing-payload`, { token, body: handover });
      assert.equal(refused.status, 403, JSON.stringify(refused.body));
      assert.equal(refused.body.code, 'registry.legal_rep_change_needs_company');

      // The company, with a certificate naming its new representative, changes it.
      const company = await companyEfirma(rfc, successor);
      const changed = await w.signed(
        await w.login(company),
        company,
        'PUT',
        `/api/v1/traders/${rfc}/profile`,
        handover,
      );
      assert.equal(changed.status, 200, JSON.stringify(changed.body));
      assert.equal(changed.body.data.profile.legalRepresentative.rfc, successor.rfc);
      const me = await w.call('GET', '/api/v1/me', { token: await w.login(successor) });
      assert.deepEqual(
        me.body.traders.map((t: any) => t.rfc),
        [rfc],
      );
    },
  );

  test("a person trader's representative cannot replace themselves either", async () => {
    const p = await w.person();
    const helper = await w.person();
    const ptoken = await w.login(p);
    assert.equal((await w.signed(ptoken, p, 'POST', '/api/v1/traders', traderProfile(p.rfc, helper))).status, 201);
    const res = await w.call('POST', `/api/v1/traders/${p.rfc}/profile/signing-payload`, {
      token: await w.login(helper),
      body: { expectedVersion: 1, profile: traderProfile(p.rfc, await w.person()) },
    });
    assert.equal(res.status, 403);
    assert.equal(res.body.code, 'registry.legal_rep_change_needs_company');
  });
});

const brokerProfile = (p: Person, patent: string) => ({
  rfc: p.rfc,
  curp: p.curp,
  patent,
  name: p.name,
  customsOffices: ['ANAM-TAMPS-NLD'],
  contacts: [{ name: p.name, email: 'broker@example.com', phone: '+52 867 555 0000' }],
});
let nextPatent = 2000 + Math.floor(Math.random() * 5000);
const freshPatent = () => String(nextPatent++);

async function recordPatent(holder: Person, patent = freshPatent()) {
  const res = await w.signed(anamAdmin.token, anamAdmin, 'POST', '/api/v1/broker-patents', {
    patent,
    holderRfc: holder.rfc,
    holderCurp: holder.curp,
    holderName: holder.name,
    grantedOn: '2010-05-17',
  });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return patent;
}

describe('a broker patent is one ANAM recorded for that broker', () => {
  test('a patent number ANAM never recorded is refused, and nothing is written', async () => {
    const p = await w.person();
    const token = await w.login(p);
    const before = await count('brokers');
    const res = await w.call('POST', '/api/v1/brokers/signing-payload', {
      token,
      body: brokerProfile(p, freshPatent()),
    });
    assert.equal(res.status, 403, JSON.stringify(res.body));
    assert.equal(res.body.code, 'registry.patent_not_held');
    assert.equal(await count('brokers'), before);
  });

  test("someone else's patent gets the same answer as an unknown one", async () => {
    const holder = await w.person();
    const patent = await recordPatent(holder);
    const impostor = await w.person();
    const res = await w.call('POST', '/api/v1/brokers/signing-payload', {
      token: await w.login(impostor),
      body: brokerProfile(impostor, patent),
    });
    assert.equal(res.status, 403);
    assert.equal(res.body.code, 'registry.patent_not_held');
    // A holder whose RFC matches but whose CURP does not is not the holder either.
    const sameRfc = await w.person({ rfc: holder.rfc });
    const curp = await w.call('POST', '/api/v1/brokers/signing-payload', {
      token: await w.login(sameRfc),
      body: brokerProfile(sameRfc, patent),
    });
    assert.equal(curp.body.code, 'registry.patent_not_held');
  });

  test('the holder registers with an active patent; a suspended one is refused until reactivated', async () => {
    const holder = await w.person();
    const patent = await recordPatent(holder);
    const suspended = await w.signed(anamAdmin.token, anamAdmin, 'POST', `/api/v1/broker-patents/${patent}/status`, {
      status: 'suspended',
      reason: 'Investigación en curso',
    });
    assert.equal(suspended.status, 200, JSON.stringify(suspended.body));
    assert.equal(suspended.body.data.status, 'suspended');
    const token = await w.login(holder);
    const refused = await w.call('POST', '/api/v1/brokers/signing-payload', {
      token,
      body: brokerProfile(holder, patent),
    });
    assert.equal(refused.status, 403);
    assert.equal(refused.body.code, 'registry.patent_not_active');

    assert.equal(
      (
        await w.signed(anamAdmin.token, anamAdmin, 'POST', `/api/v1/broker-patents/${patent}/status`, {
          status: 'active',
        })
      ).status,
      200,
    );
    const registered = await w.signed(token, holder, 'POST', '/api/v1/brokers', brokerProfile(holder, patent));
    assert.equal(registered.status, 201, JSON.stringify(registered.body));
    const events = await w.ctx.db.query<{ type: string; actor_rfc: string }>(
      "select type, actor_rfc from audit_events where object_type = 'broker_patent' and object_id = $1 order by seq",
      [patent],
    );
    assert.deepEqual(
      events.map((e) => e.type),
      ['broker_patent.recorded', 'broker_patent.status_changed', 'broker_patent.status_changed'],
    );
    assert.ok(events.every((e) => e.actor_rfc === anamAdmin.rfc));
  });
});

describe('the patents registry is kept by ANAM administrators', () => {
  test('an ANAM administrator records, reads and changes a patent; the record is checked', async () => {
    const holder = await w.person();
    const patent = await recordPatent(holder);
    const read = await w.call('GET', `/api/v1/broker-patents/${patent}`, { token: anamAdmin.token });
    assert.equal(read.status, 200, JSON.stringify(read.body));
    assert.equal(read.body.holderRfc, holder.rfc);
    assert.equal(read.body.status, 'active');
    const again = await w.call('POST', '/api/v1/broker-patents/signing-payload', {
      token: anamAdmin.token,
      body: {
        patent,
        holderRfc: holder.rfc,
        holderCurp: holder.curp,
        holderName: holder.name,
        grantedOn: '2010-05-17',
      },
    });
    assert.equal(again.status, 409);
    assert.equal(again.body.code, 'registry.patent_exists');
    const company = await w.call('POST', '/api/v1/broker-patents/signing-payload', {
      token: anamAdmin.token,
      body: {
        patent: freshPatent(),
        holderRfc: randomRfc('company'),
        holderCurp: holder.curp,
        holderName: 'Empresa',
        grantedOn: '2010-05-17',
      },
    });
    assert.equal(company.body.code, 'registry.broker_not_person');
    const unknown = await w.call('POST', `/api/v1/broker-patents/${freshPatent()}/status/signing-payload`, {
      token: anamAdmin.token,
      body: { status: 'cancelled' },
    });
    assert.equal(unknown.status, 404);
  });

  test('other officers and other agencies cannot record, change or read patents', async () => {
    const holder = await w.person();
    const patent = await recordPatent(holder);
    const body = {
      patent: freshPatent(),
      holderRfc: holder.rfc,
      holderCurp: holder.curp,
      holderName: holder.name,
      grantedOn: '2010-05-17',
    };
    const customs = await w.officer('ANAM', ['customs_officer'], 'ANAM-TAMPS-NLD');
    const cofeprisAdmin = await w.officer('COFEPRIS', ['administrator']);
    const trader = await w.registerTrader(await w.person());
    for (const token of [customs.token, cofeprisAdmin.token, trader.token]) {
      const record = await w.call('POST', '/api/v1/broker-patents/signing-payload', { token, body });
      assert.equal(record.status, 403);
      assert.equal(record.body.code, 'auth.not_agency_officer');
      const change = await w.call('POST', `/api/v1/broker-patents/${patent}/status/signing-payload`, {
        token,
        body: { status: 'cancelled' },
      });
      assert.equal(change.status, 403);
    }
    // ANAM officers read the registry (customs checks a broker's patent); no one else does.
    assert.equal((await w.call('GET', `/api/v1/broker-patents/${patent}`, { token: customs.token })).status, 200);
    for (const token of [cofeprisAdmin.token, trader.token]) {
      const read = await w.call('GET', `/api/v1/broker-patents/${patent}`, { token });
      assert.equal(read.status, 403);
      assert.equal(read.body.code, 'auth.not_agency_officer');
    }
  });
});

describe('delegation payloads do not tell whether an RFC exists', () => {
  test('an absent RFC and a registered one that is not yours get the same 404', async () => {
    const mine = await w.registerTrader(await w.person());
    const theirs = await w.registerTrader(await w.person());
    const broker = await w.registerBroker(await w.person());
    const absent = randomRfc('company');
    const ask = (rfc: string) =>
      w.call('POST', `/api/v1/traders/${rfc}/delegations/signing-payload`, {
        token: mine.token,
        body: { brokerPatent: broker.patent },
      });
    const [a, b] = [await ask(absent), await ask(theirs.rfc)];
    assert.equal(a.status, 404);
    assert.equal(b.status, 404, JSON.stringify(b.body));
    assert.equal(a.body.code, 'trader.not_found');
    assert.equal(b.body.code, 'trader.not_found');
    assert.equal(b.body.detail, a.body.detail.replace(absent, theirs.rfc));

    // The same for a profile update.
    const update = (rfc: string) =>
      w.call('POST', `/api/v1/traders/${rfc}/profile/signing-payload`, {
        token: mine.token,
        body: { expectedVersion: 1, profile: traderProfile(rfc) },
      });
    const [c, d] = [await update(absent), await update(theirs.rfc)];
    assert.deepEqual([c.status, c.body.code], [404, 'trader.not_found']);
    assert.deepEqual([d.status, d.body.code], [404, 'trader.not_found']);
  });

  test('a delegated broker, who sees the trader, gets a 403 when it tries to delegate further', async () => {
    const rep = await w.person();
    const trader = await w.registerTrader(rep);
    const broker = await w.registerBroker(await w.person());
    assert.equal(
      (
        await w.signed(trader.token, rep, 'POST', `/api/v1/traders/${trader.rfc}/delegations`, {
          brokerPatent: broker.patent,
        })
      ).status,
      201,
    );
    const res = await w.call('POST', `/api/v1/traders/${trader.rfc}/delegations/signing-payload`, {
      token: broker.token,
      body: { brokerPatent: broker.patent },
    });
    assert.equal(res.status, 403);
    assert.equal(res.body.code, 'signature.not_acting_party');
  });
});
