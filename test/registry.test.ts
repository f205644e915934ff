import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { SE_OFFICE_COUNT } from '../src/registry/agencies-data.ts';
import { randomRfc, startTestWindow, traderProfile, type TestWindow } from './support/window.ts';

let w: TestWindow;
before(async () => {
  w = await startTestWindow();
});
after(() => w.close());

describe('trader registration', () => {
  test(
    'a company registers with its own e.firma, naming its legal representative; ' + 'signed, versioned and audited',
    async () => {
      const rep = await w.person({ name: 'Ana Representante' });
      const rfc = randomRfc('company');
      // A SAT company certificate: the company's RFC, then its representative's.
      const company = await w.person({ rfc: `${rfc} / ${rep.rfc}`, kind: 'company' });
      const res = await w.signed(await w.login(company), company, 'POST', '/api/v1/traders', {
        ...traderProfile(rfc, rep),
        programmes: { immex: 'IMMEX-123' },
      });
      assert.equal(res.status, 201, JSON.stringify(res.body));
      assert.equal(res.body.data.rfc, rfc);
      assert.equal(res.body.data.kind, 'company');
      assert.equal(res.body.data.version, 1);
      assert.equal(res.body.acknowledgement.signedBy.rfc, rfc);

      const token = await w.login(rep);
      const me = await w.call('GET', '/api/v1/me', { token });
      assert.deepEqual(me.body.traders, [
        { rfc, legalName: res.body.data.legalName, relation: 'legal_representative' },
      ]);
      assert.ok(me.body.can.includes(`trader.update:${rfc}`));

      const audit = await w.ctx.db.one('select type, actor_rfc, signature_id from audit_events where object_id = $1', [
        rfc,
      ]);
      assert.equal(audit.type, 'trader.registered');
      assert.equal(audit.actor_rfc, rfc);
      const signature = await w.ctx.db.one('select signer_rfc, payload from signatures where id = $1', [
        audit.signature_id,
      ]);
      assert.equal(signature.signer_rfc, rfc);
      assert.equal(signature.payload.data.rfc, rfc);
    },
  );

  test('a person registers itself', async () => {
    const p = await w.person();
    const token = await w.login(p);
    const res = await w.signed(token, p, 'POST', '/api/v1/traders', traderProfile(p.rfc));
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.equal(res.body.data.kind, 'person');
  });

  test('only the company itself registers it: neither a stranger nor the representative it names', async () => {
    const rep = await w.person();
    const stranger = await w.person();
    for (const who of [stranger, rep]) {
      const res = await w.call('POST', '/api/v1/traders/signing-payload', {
        token: await w.login(who),
        body: traderProfile(randomRfc('company'), rep),
      });
      assert.equal(res.status, 403);
      assert.equal(res.body.code, 'registry.company_signature_required');
    }
  });

  test('bad RFCs are refused with precise codes and nothing is written', async () => {
    const rep = await w.person();
    const token = await w.login(rep);
    const before = await w.ctx.db.one('select count(*)::int as n from challenges');
    const good = randomRfc('company');
    const wrongDigit = good.slice(0, -1) + (good.endsWith('1') ? '2' : '1');
    const cases: Array<[string, string]> = [
      [wrongDigit, 'registry.rfc_check_digit'],
      ['ABC999999AB1', 'registry.rfc_invalid'],
      ['AB1234567890', 'registry.rfc_invalid'],
    ];
    for (const [rfc, code] of cases) {
      const res = await w.call('POST', '/api/v1/traders/signing-payload', { token, body: traderProfile(rfc, rep) });
      assert.equal(res.status, 400, rfc);
      assert.equal(res.body.code, code, `${rfc}: ${JSON.stringify(res.body)}`);
    }
    const noRep = await w.call('POST', '/api/v1/traders/signing-payload', { token, body: traderProfile(good) });
    assert.equal(noRep.body.code, 'registry.legal_rep_required');
    const after = await w.ctx.db.one('select count(*)::int as n from challenges');
    assert.equal(after.n, before.n);
  });

  test('a second registration of the same RFC is a conflict', async () => {
    const p = await w.person();
    const token = await w.login(p);
    assert.equal((await w.signed(token, p, 'POST', '/api/v1/traders', traderProfile(p.rfc))).status, 201);
    const res = await w.call('POST', '/api/v1/traders/signing-payload', { token, body: traderProfile(p.rfc) });
    assert.equal(res.status, 409);
    assert.equal(res.body.code, 'registry.trader_exists');
  });
});

describe('profile updates', () => {
  test('signed, versioned with history, stale versions refused', async () => {
    const rep = await w.person();
    const { rfc, token } = await w.registerTrader(rep);
    const profile = { ...traderProfile(rfc, rep), legalName: 'Nuevo Nombre S.A. de C.V.' };
    const res = await w.signed(token, rep, 'PUT', `/api/v1/traders/${rfc}/profile`, { expectedVersion: 1, profile });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.data.version, 2);
    assert.equal(res.body.data.legalName, 'Nuevo Nombre S.A. de C.V.');

    const stale = await w.call('POST', `/api/v1/traders/${rfc}/profile/signing-payload`, {
      token,
      body: { expectedVersion: 1, profile },
    });
    assert.equal(stale.status, 409);
    assert.equal(stale.body.code, 'registry.version_conflict');

    const history = await w.call('GET', `/api/v1/traders/${rfc}/versions`, { token });
    assert.deepEqual(
      history.body.items.map((v: any) => v.version),
      [2, 1],
    );
    assert.equal(history.body.items[1].profile.legalName, traderProfile(rfc, rep).legalName);
    assert.equal(history.body.items[0].signature.signerRfc, rep.rfc);
  });

  test('a payload signed for one trader cannot be submitted against another', async () => {
    const rep = await w.person();
    const a = await w.registerTrader(rep);
    const b = await w.registerTrader(rep);
    const issued = await w.call('POST', `/api/v1/traders/${a.rfc}/profile/signing-payload`, {
      token: a.token,
      body: { expectedVersion: 1, profile: traderProfile(a.rfc, rep) },
    });
    const { signPayload } = await import('../src/pki/index.ts');
    const res = await w.call('PUT', `/api/v1/traders/${b.rfc}/profile`, {
      token: a.token,
      body: { challengeId: issued.body.challengeId, ...signPayload(issued.body.payload, rep.signer) },
    });
    assert.equal(res.status, 422);
    assert.equal(res.body.code, 'challenge.wrong_target');
  });
});

describe('brokers and delegation (encargo conferido)', () => {
  test('a broker registers; a trader delegates; the broker reads the trader; revocation ends it', async () => {
    const rep = await w.person();
    const trader = await w.registerTrader(rep);
    const brokerPerson = await w.person();
    const broker = await w.registerBroker(brokerPerson);

    // before the delegation, the broker sees nothing
    assert.equal((await w.call('GET', `/api/v1/traders/${trader.rfc}`, { token: broker.token })).status, 404);

    const granted = await w.signed(trader.token, rep, 'POST', `/api/v1/traders/${trader.rfc}/delegations`, {
      brokerPatent: broker.patent,
    });
    assert.equal(granted.status, 201, JSON.stringify(granted.body));
    assert.equal(granted.body.data.status, 'active');

    const read = await w.call('GET', `/api/v1/traders/${trader.rfc}`, { token: broker.token });
    assert.equal(read.status, 200);
    assert.equal(read.body.relation, 'broker');
    const me = await w.call('GET', '/api/v1/me', { token: broker.token });
    assert.deepEqual(
      me.body.representedTraders.map((t: any) => t.rfc),
      [trader.rfc],
    );
    assert.ok(me.body.can.includes(`trader.file_for:${trader.rfc}`));
    assert.equal((await w.call('GET', '/api/v1/delegations', { token: broker.token })).body.items.length, 1);

    // ...and nothing else: the broker cannot change the trader's profile or delegate further
    const update = await w.call('POST', `/api/v1/traders/${trader.rfc}/profile/signing-payload`, {
      token: broker.token,
      body: { expectedVersion: 1, profile: traderProfile(trader.rfc, rep) },
    });
    assert.equal(update.status, 403);
    assert.equal(update.body.code, 'signature.not_acting_party');
    const redelegate = await w.call('POST', `/api/v1/traders/${trader.rfc}/delegations/signing-payload`, {
      token: broker.token,
      body: { brokerPatent: broker.patent },
    });
    assert.equal(redelegate.status, 403);
    // nor revoke it
    const brokerRevoke = await w.call(
      'POST',
      `/api/v1/delegations/${granted.body.data.id}/revocation/signing-payload`,
      { token: broker.token, body: {} },
    );
    assert.equal(brokerRevoke.status, 403);

    const revoked = await w.signed(
      trader.token,
      rep,
      'POST',
      `/api/v1/delegations/${granted.body.data.id}/revocation`,
      { reason: 'contract ended' },
    );
    assert.equal(revoked.status, 200, JSON.stringify(revoked.body));
    assert.equal(revoked.body.data.status, 'revoked');
    assert.equal((await w.call('GET', `/api/v1/traders/${trader.rfc}`, { token: broker.token })).status, 404);
    const events = await w.ctx.db.query('select type from audit_events where object_id = $1 order by seq', [
      granted.body.data.id,
    ]);
    assert.deepEqual(
      events.map((e) => e.type),
      ['delegation.granted', 'delegation.revoked'],
    );
  });

  test('a broker must be a person signing for itself, with known customs offices', async () => {
    const p = await w.person();
    const token = await w.login(p);
    const base = {
      rfc: p.rfc,
      curp: p.curp,
      patent: '4321',
      name: p.name,
      contacts: [{ name: 'x', email: 'x@example.com', phone: '+52 55 1234 5678' }],
    };
    const unknownOffice = await w.call('POST', '/api/v1/brokers/signing-payload', {
      token,
      body: { ...base, customsOffices: ['NOPE'] },
    });
    assert.equal(unknownOffice.body.code, 'registry.customs_office_unknown');
    const other = await w.person();
    const notSelf = await w.call('POST', '/api/v1/brokers/signing-payload', {
      token,
      body: { ...base, rfc: other.rfc, curp: other.curp, customsOffices: ['ANAM-TAMPS-NLD'] },
    });
    assert.equal(notSelf.status, 403);
    assert.equal(notSelf.body.code, 'signature.not_acting_party');
  });

  test('the broker directory shows only public fields to others', async () => {
    const p = await w.person();
    const broker = await w.registerBroker(p);
    const other = await w.login(await w.person());
    const seen = await w.call('GET', `/api/v1/brokers/${broker.patent}`, { token: other });
    assert.deepEqual(Object.keys(seen.body).sort(), ['customsOffices', 'name', 'patent']);
    const own = await w.call('GET', `/api/v1/brokers/${broker.patent}`, { token: broker.token });
    assert.equal(own.body.versions.length, 1);
  });
});

describe('authorisation across traders and agencies', () => {
  test('a trader cannot see another trader, and the answer does not reveal that it exists', async () => {
    const a = await w.registerTrader(await w.person());
    const b = await w.registerTrader(await w.person());
    const res = await w.call('GET', `/api/v1/traders/${b.rfc}`, { token: a.token });
    assert.equal(res.status, 404);
    assert.equal(res.body.code, 'trader.not_found');
    assert.equal((await w.call('GET', `/api/v1/traders/${b.rfc}/versions`, { token: a.token })).status, 404);
    assert.equal((await w.call('GET', `/api/v1/delegations?trader=${b.rfc}`, { token: a.token })).body.items.length, 0);
  });

  test('an officer reads no trader without an application to its agency, and manages only its own agency', async () => {
    const trader = await w.registerTrader(await w.person());
    const seAdmin = await w.officer('SE', ['administrator', 'supervisor']);
    const cofepris = await w.officer('COFEPRIS', ['reviewer']);
    // Need to know: without an application of the trader to COFEPRIS, the trader is unknown to its officers.
    const unseen = await w.call('GET', `/api/v1/traders/${trader.rfc}`, { token: cofepris.token });
    assert.equal(unseen.status, 404);
    assert.equal(unseen.body.code, 'trader.not_found');

    // SE's administrator registers an SE officer bound to a certificate
    const newOfficer = await w.person();
    const registration = {
      rfc: newOfficer.rfc,
      curp: newOfficer.curp,
      name: newOfficer.name,
      roles: ['reviewer'],
      officeCode: 'SE-JAL-GDL',
      certificate: newOfficer.cer.toString('base64'),
    };
    const created = await w.signed(seAdmin.token, seAdmin, 'POST', '/api/v1/agencies/SE/officers', registration);
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const newToken = await w.login(newOfficer);
    const me = await w.call('GET', '/api/v1/me', { token: newToken });
    assert.deepEqual(
      me.body.officer.map((o: any) => [o.agency, o.office, o.roles]),
      [['SE', 'SE-JAL-GDL', ['reviewer']]],
    );

    // ...but not in COFEPRIS, and a COFEPRIS reviewer cannot list SE's officers or register anyone
    const cross = await w.call('POST', '/api/v1/agencies/COFEPRIS/officers/signing-payload', {
      token: seAdmin.token,
      body: registration,
    });
    assert.equal(cross.status, 403);
    assert.equal(cross.body.code, 'auth.not_agency_officer');
    assert.equal((await w.call('GET', '/api/v1/agencies/SE/officers', { token: cofepris.token })).status, 403);
    assert.equal(
      (
        await w.call('POST', '/api/v1/agencies/COFEPRIS/officers/signing-payload', {
          token: cofepris.token,
          body: registration,
        })
      ).status,
      403,
    );
    const list = await w.call('GET', '/api/v1/agencies/SE/officers', { token: seAdmin.token });
    assert.ok(list.body.items.some((o: any) => o.rfc === newOfficer.rfc));

    // an office of another agency is refused
    const wrongOffice = await w.call('POST', '/api/v1/agencies/SE/officers/signing-payload', {
      token: seAdmin.token,
      body: { ...registration, officeCode: 'ANAM-TAMPS-NLD' },
    });
    assert.equal(wrongOffice.body.code, 'registry.office_unknown');
  });

  test('officer powers hold only with the certificate the officer was registered with', async () => {
    const officer = await w.officer('SEDENA', ['resolver']);
    // same RFC and CURP, new certificate (e.g. renewed) that the agency has not bound yet
    const renewed = await w.person({ rfc: officer.rfc, curp: officer.curp, name: officer.name });
    const token = await w.login(renewed);
    const me = await w.call('GET', '/api/v1/me', { token });
    assert.deepEqual(me.body.officer, []);
  });

  test('deactivated officers lose their powers', async () => {
    const admin = await w.officer('CNSNS', ['administrator']);
    const officer = await w.officer('CNSNS', ['reviewer']);
    const res = await w.signed(
      admin.token,
      admin,
      'POST',
      `/api/v1/agencies/CNSNS/officers/${officer.id}/deactivation`,
      { reason: 'left the agency' },
    );
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.deepEqual((await w.call('GET', '/api/v1/me', { token: officer.token })).body.officer, []);
  });
});

describe('agencies and offices (public)', () => {
  test('the seeded agencies include the Ministry of Economy with its 52 federal offices', async () => {
    const list = await w.call('GET', '/api/v1/agencies');
    const codes = list.body.items.map((a: any) => a.code);
    for (const code of [
      'SE',
      'ANAM',
      'SENASICA',
      'COFEPRIS',
      'SEMARNAT',
      'SENER',
      'SEDENA',
      'INAH',
      'INBAL',
      'CNSNS',
      'PROFEPA',
      'SEP',
    ]) {
      assert.ok(codes.includes(code), code);
    }
    const se = await w.call('GET', '/api/v1/agencies/SE');
    assert.equal(se.body.offices.length, SE_OFFICE_COUNT);
    assert.equal(SE_OFFICE_COUNT, 52);
    assert.equal(new Set(se.body.offices.map((o: any) => o.state)).size, 32);
    assert.equal((await w.call('GET', '/api/v1/agencies/NOPE')).body.code, 'agency.not_found');
  });
});
