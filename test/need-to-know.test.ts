import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { registerOfficer } from '../src/registry/officers.ts';
import { goodsLine, MEDICINES_FORM, medicines, type Actor } from './support/pipeline.ts';
import { fileCove as cove, fileEdocument, invoicePdf, TYRES_FORM } from './support/roles.ts';
import { startTestWindow, traderProfile, type Person, type TestWindow } from './support/window.ts';

/*
 * Issue 7, rules 1, 2 and 7: who may read a trader's profile, eDocuments, COVEs, permits and
 * notifications. Each leak is reproduced over HTTP, the way an attacker found it.
 */

let w: TestWindow;
let rep: Person;
let trader: { rfc: string; token: string };
let cofepris: Person & { token: string };
let sedena: Person & { token: string };
let customs: Person & { token: string };
/** Cited by the operation COFEPRIS handles, and not cited. */
let citedEdocument: string;
let uncitedEdocument: string;
let citedCove: string;
let uncitedCove: string;
let permit: string;

/** Uploads a PDF of its own (a fresh digest) and signs it: the eDocument's number. */
const createEdocument = async (token: string, signer: Person, traderRfc: string, documentType: string) =>
  fileEdocument(w, { ...signer, token }, traderRfc, {
    documentType,
    bytes: await invoicePdf(`${documentType} ${Math.random()}`),
  });

function coveJson(traderRfc: string, extra: Record<string, unknown> = {}) {
  return {
    operationType: 'import',
    invoiceNumber: `INV-${Math.floor(Math.random() * 1e6)}`,
    invoiceDate: '2026-10-15',
    certificateOfOrigin: false,
    invoiceTotal: 100,
    issuer: {
      taxId: '12-3456789',
      name: 'Pharma GmbH',
      address: {
        street: 'Hauptstr.',
        exteriorNumber: '1',
        city: 'Berlin',
        state: 'BE',
        postalCode: '10115',
        country: 'DE',
      },
    },
    recipient: {
      taxId: traderRfc,
      name: `Comercializadora ${traderRfc} S.A. de C.V.`,
      address: traderProfile(traderRfc).taxAddress,
    },
    goods: [
      {
        description: 'Medicamento en tabletas',
        quantity: 10,
        unit: 'KGM',
        currency: 'USD',
        unitValue: 10,
        total: 100,
        usdValue: 100,
      },
    ],
    consultRfcs: [],
    ...extra,
  };
}

const fileCove = (token: string, signer: Person, data: unknown) => cove(w, { ...signer, token }, data);

/** Drafts and signs an import of medicines; returns the operation and its (COFEPRIS) application. */
async function fileMedicines(filer: Actor, traderRfc: string, cites: { edocuments?: string[]; coves?: string[] }) {
  const filed = await w.fileOperation(filer, {
    traderRfc,
    goods: medicines(10, 100),
    data: cites,
    procedureData: MEDICINES_FORM,
  });
  return { operationId: filed.operationId, applicationId: filed.applications[0]!.id };
}

const status = async (url: string, token: string) => (await w.call('GET', url, { token })).status;

before(async () => {
  w = await startTestWindow();
  rep = await w.person({ name: 'Ana Importadora' });
  trader = await w.registerTrader(rep);
  cofepris = await w.officer('COFEPRIS', ['reviewer', 'resolver']);
  sedena = await w.officer('SEDENA', ['reviewer', 'resolver', 'supervisor']);
  customs = await w.officer('ANAM', ['customs_officer'], 'ANAM-TAMPS-NLD');
  citedEdocument = await createEdocument(trader.token, rep, trader.rfc, 'commercial_invoice');
  uncitedEdocument = await createEdocument(trader.token, rep, trader.rfc, 'packing_list');
  citedCove = await fileCove(trader.token, rep, coveJson(trader.rfc));
  uncitedCove = await fileCove(trader.token, rep, coveJson(trader.rfc));
  const { applicationId } = await fileMedicines({ ...rep, token: trader.token }, trader.rfc, {
    edocuments: [citedEdocument],
    coves: [citedCove],
  });
  await w.approve(cofepris, applicationId);
  permit = (await w.call('GET', `/api/v1/applications/${applicationId}`, { token: trader.token })).body.permit.number;
});
after(() => w.close());

describe("rule 1: an officer reads a trader's data only when an application to their agency needs it", () => {
  test('profile and profile versions: the agency the trader applied to, no other agency, not customs', async () => {
    for (const url of [`/api/v1/traders/${trader.rfc}`, `/api/v1/traders/${trader.rfc}/versions`]) {
      assert.equal(await status(url, cofepris.token), 200, `COFEPRIS handles an application of the trader: ${url}`);
      for (const [who, token] of [
        ['SEDENA', sedena.token],
        ['customs', customs.token],
      ] as const) {
        const res = await w.call('GET', url, { token });
        assert.equal(res.status, 404, `${who}: ${url}`);
        assert.equal(res.body.code, 'trader.not_found');
      }
    }
    // A trader who never applied to COFEPRIS is unknown to COFEPRIS.
    const other = await w.registerTrader(await w.person());
    assert.equal(await status(`/api/v1/traders/${other.rfc}`, cofepris.token), 404);
    assert.equal(await status(`/api/v1/traders/${other.rfc}/versions`, cofepris.token), 404);
  });

  test(
    "eDocuments and COVEs: only those the agency's " + "applications cite, and the cited COVE's whole chain",
    async () => {
      for (const url of [
        `/api/v1/edocuments/${citedEdocument}`,
        `/api/v1/edocuments/${citedEdocument}/content`,
        `/api/v1/coves/${citedCove}`,
      ]) {
        assert.equal(await status(url, cofepris.token), 200, url);
        assert.equal(await status(url, sedena.token), 404, `another agency: ${url}`);
      }
      for (const url of [
        `/api/v1/edocuments/${uncitedEdocument}`,
        `/api/v1/edocuments/${uncitedEdocument}/content`,
        `/api/v1/coves/${uncitedCove}`,
      ]) {
        assert.equal(await status(url, cofepris.token), 404, `not cited: ${url}`);
      }
      // An amendment after the filing belongs to the chain the application cites.
      const amended = await w.signed(trader.token, rep, 'POST', `/api/v1/coves/${citedCove}/amendments`, {
        ...coveJson(trader.rfc),
        reason: 'Fecha corregida',
      });
      assert.equal(amended.status, 201, JSON.stringify(amended.body));
      const latest = await w.call('GET', `/api/v1/coves/${amended.body.data.number}`, { token: cofepris.token });
      assert.equal(latest.status, 200);
      assert.deepEqual(
        latest.body.chain.map((c: any) => c.number),
        [citedCove, amended.body.data.number],
      );
      assert.equal(await status(`/api/v1/coves/${amended.body.data.number}`, sedena.token), 404);
    },
  );

  test("an office-bound procedure: officers of the office it was routed to, and the agency's supervisors", async () => {
    const owner = await w.person();
    const company = await w.registerTrader(owner);
    const invoice = await createEdocument(company.token, owner, company.rfc, 'commercial_invoice');
    const filed = await w.fileOperation(
      { ...owner, token: company.token },
      {
        traderRfc: company.rfc,
        goods: [goodsLine('401220', 'US', { description: 'Llantas usadas', quantity: 100 })],
        data: { edocuments: [invoice.toLowerCase()] },
        procedureData: TYRES_FORM,
      },
    );
    const application = (
      await w.call('GET', `/api/v1/applications/${filed.applications[0]!.id}`, { token: company.token })
    ).body;
    assert.equal(application.procedure.code, 'SE-USED-TYRES-IMPORT');
    const elsewhere = application.office === 'SE-JAL-GDL' ? 'SE-NL-MTY' : 'SE-JAL-GDL';
    const inOffice = await w.officer('SE', ['reviewer'], application.office);
    const otherOffice = await w.officer('SE', ['reviewer', 'resolver'], elsewhere);
    const supervisor = await w.officer('SE', ['supervisor'], elsewhere);
    // The eDocument was cited as people type numbers (lower case): it is the same document.
    for (const url of [`/api/v1/traders/${company.rfc}`, `/api/v1/edocuments/${invoice}`]) {
      assert.equal(await status(url, inOffice.token), 200, `the office it was routed to: ${url}`);
      assert.equal(await status(url, supervisor.token), 200, `a supervisor of the agency: ${url}`);
      assert.equal(await status(url, otherOffice.token), 404, `another office: ${url}`);
    }
  });

  test(
    "a trader's lists are for its own side: an officer " + 'reaches documents through the applications it handles',
    async () => {
      for (const token of [cofepris.token, sedena.token, customs.token]) {
        const res = await w.call('GET', `/api/v1/edocuments?traderRfc=${trader.rfc}`, { token });
        assert.equal(res.status, 404, JSON.stringify(res.body));
        assert.equal(res.body.code, 'trader.not_found');
        const coves = await w.call('GET', '/api/v1/coves', { token });
        assert.deepEqual(coves.body.items, []);
      }
      assert.equal(
        (await w.call('GET', `/api/v1/edocuments?traderRfc=${trader.rfc}`, { token: trader.token })).body.items.length,
        2,
      );
    },
  );

  test('customs reads COVEs, eDocuments and permits by number, as a declaration needs them', async () => {
    for (const url of [
      `/api/v1/edocuments/${uncitedEdocument}`,
      `/api/v1/edocuments/${uncitedEdocument}/content`,
      `/api/v1/coves/${uncitedCove}`,
      `/api/v1/permits/${permit}`,
      `/api/v1/customs/permits/${permit}/draws`,
    ]) {
      assert.equal(await status(url, customs.token), 200, url);
    }
    // The issuing agency reads its permit; another agency does not learn it exists.
    assert.equal(await status(`/api/v1/permits/${permit}`, cofepris.token), 200);
    assert.equal(await status(`/api/v1/permits/${permit}`, sedena.token), 404);
  });

  test('/me advertises concrete permissions only', async () => {
    const officer = (await w.call('GET', '/api/v1/me', { token: cofepris.token })).body.can as string[];
    assert.ok(!officer.some((c) => c.startsWith('trader.read')), JSON.stringify(officer));
    assert.ok(
      officer.includes('agency.reviewer:COFEPRIS') && officer.includes('agency.resolver:COFEPRIS'),
      JSON.stringify(officer),
    );
    const border = (await w.call('GET', '/api/v1/me', { token: customs.token })).body.can as string[];
    assert.ok(border.includes('customs.validate'), JSON.stringify(border));
    assert.ok(!border.some((c) => c.startsWith('trader.read')), JSON.stringify(border));
  });
});

describe('rule 2: customs powers belong to ANAM', () => {
  const registration = (p: Person) => ({
    rfc: p.rfc,
    curp: p.curp,
    name: p.name,
    roles: ['customs_officer'],
    certificate: p.cer.toString('base64'),
  });

  test('the customs_officer role is registered for ANAM officers only, at either step', async () => {
    const admin = await w.officer('COFEPRIS', ['administrator']);
    const candidate = await w.person();
    const officers = async () => (await w.ctx.db.one<{ n: number }>('select count(*)::int as n from officers')).n;
    const before = await officers();
    const refused = await w.call('POST', '/api/v1/agencies/COFEPRIS/officers/signing-payload', {
      token: admin.token,
      body: registration(candidate),
    });
    assert.equal(refused.status, 422, JSON.stringify(refused.body));
    assert.equal(refused.body.code, 'registry.customs_role_outside_anam');
    // The signed step refuses too (a payload issued before the rule, or a caller that skips the first step).
    await assert.rejects(
      w.ctx.db.transaction((tx) =>
        registerOfficer(tx, {
          agency: 'COFEPRIS',
          input: registration(candidate) as any,
          actorRfc: admin.rfc,
          signatureId: null,
        }),
      ),
      (err: any) => err.code === 'registry.customs_role_outside_anam' && err.status === 422,
    );
    assert.equal(await officers(), before);
    // ANAM's administrator may.
    const anamAdmin = await w.officer('ANAM', ['administrator']);
    const created = await w.signed(
      anamAdmin.token,
      anamAdmin,
      'POST',
      '/api/v1/agencies/ANAM/officers',
      registration(candidate),
    );
    assert.equal(created.status, 201, JSON.stringify(created.body));
  });

  test('a customs_officer of another agency, registered before the rule, has no customs power', async () => {
    const fake = await w.officer('COFEPRIS', ['reviewer']);
    await w.ctx.db.query("update officers set roles = '{customs_officer}' where id = $1", [fake.id]);
    for (const url of [
      `/api/v1/coves/${uncitedCove}`,
      `/api/v1/edocuments/${uncitedEdocument}`,
      `/api/v1/edocuments/${uncitedEdocument}/content`,
      `/api/v1/permits/${permit}`,
      `/api/v1/customs/permits/${permit}/draws`,
    ]) {
      assert.equal(await status(url, fake.token), 404, url);
    }
    const declaration = await w.declaration(fake.token, {
      number: '26243170' + '0000001',
      customsOffice: 'ANAM-TAMPS-NLD',
      brokerPatent: '3170',
      traderRfc: trader.rfc,
      flow: 'import',
      date: '2026-11-02',
      lines: [
        {
          hsCode: '3004909999',
          quantity: 1,
          unit: 'KGM',
          value: 1,
          currency: 'USD',
          originCountry: 'DE',
          destinationCountry: 'MX',
          permits: [],
        },
      ],
    });
    assert.equal(declaration.status, 403, JSON.stringify(declaration.body));
    assert.equal(
      (await w.call('GET', '/api/v1/customs/declarations/262431700000001', { token: fake.token })).status,
      403,
    );
    const me = (await w.call('GET', '/api/v1/me', { token: fake.token })).body.can as string[];
    assert.ok(!me.includes('customs.validate') && !me.some((c) => c.includes('customs_officer')), JSON.stringify(me));
  });
});

describe('rule 7: a delegation revoked is revoked everywhere', () => {
  test(
    'the former broker reads no COVE, eDocument, notification or operation of the trader, even those it filed or ' +
      'is named in',
    async () => {
      const owner = await w.person({ name: 'Olga Dueña' });
      const company = await w.registerTrader(owner);
      const brokerPerson = await w.person({ name: 'Bruno Agente' });
      const broker = await w.registerBroker(brokerPerson);
      const granted = await w.signed(company.token, owner, 'POST', `/api/v1/traders/${company.rfc}/delegations`, {
        brokerPatent: broker.patent,
      });
      assert.equal(granted.status, 201, JSON.stringify(granted.body));

      const filedCove = await fileCove(broker.token, brokerPerson, coveJson(company.rfc));
      // A COVE the trader filed naming the broker, by RFC and by patent.
      const namedCove = await fileCove(
        company.token,
        owner,
        coveJson(company.rfc, { consultRfcs: [brokerPerson.rfc], brokerPatents: [broker.patent] }),
      );
      const uploaded = await createEdocument(broker.token, brokerPerson, company.rfc, 'commercial_invoice');
      const { operationId, applicationId } = await fileMedicines(
        { ...brokerPerson, token: broker.token },
        company.rfc,
        { edocuments: [uploaded], coves: [filedCove] },
      );
      const feed = await w.call('GET', '/api/v1/notifications', { token: broker.token });
      const notice = feed.body.items.find((n: any) => n.object.id === operationId);
      assert.ok(notice, 'the filer is told of the submission');

      const reads = [
        `/api/v1/coves/${filedCove}`,
        `/api/v1/coves/${namedCove}`,
        `/api/v1/edocuments/${uploaded}`,
        `/api/v1/edocuments/${uploaded}/content`,
        `/api/v1/operations/${operationId}`,
        `/api/v1/operations/${operationId}/preview`,
        `/api/v1/operations/${operationId}/acknowledgement.pdf`,
        `/api/v1/traders/${company.rfc}`,
      ];
      for (const url of reads) assert.equal(await status(url, broker.token), 200, `while delegated: ${url}`);

      const revoked = await w.signed(
        company.token,
        owner,
        'POST',
        `/api/v1/delegations/${granted.body.data.id}/revocation`,
        { reason: 'fin del encargo' },
      );
      assert.equal(revoked.status, 200, JSON.stringify(revoked.body));

      for (const url of reads) assert.equal(await status(url, broker.token), 404, `after the revocation: ${url}`);
      const coves = (await w.call('GET', '/api/v1/coves', { token: broker.token })).body.items.map(
        (c: any) => c.rootNumber,
      );
      assert.ok(!coves.includes(filedCove) && !coves.includes(namedCove), JSON.stringify(coves));
      assert.equal(await status(`/api/v1/edocuments?traderRfc=${company.rfc}`, broker.token), 404);
      const operations = (await w.call('GET', '/api/v1/operations', { token: broker.token })).body.items;
      assert.ok(!operations.some((o: any) => o.id === operationId));
      const after = await w.call('GET', '/api/v1/notifications', { token: broker.token });
      assert.ok(!after.body.items.some((n: any) => n.object.id === operationId), JSON.stringify(after.body.items));
      assert.equal(after.body.unread, 0);
      const marked = await w.call('POST', `/api/v1/notifications/${notice.id}/read`, { token: broker.token });
      assert.equal(marked.status, 404);
      assert.deepEqual((await w.call('POST', '/api/v1/notifications/read-all', { token: broker.token })).body, {
        marked: 0,
      });

      // Later steps of the case are told to the trader's side, no longer to the former broker (in the feed or by
      // e-mail).
      assert.equal(
        (await w.call('POST', `/api/v1/applications/${applicationId}/assignment`, { token: cofepris.token, body: {} }))
          .status,
        200,
      );
      assert.equal(
        (await w.call('POST', `/api/v1/applications/${applicationId}/review`, { token: cofepris.token, body: {} }))
          .status,
        200,
      );
      const asked = await w.signed(
        cofepris.token,
        cofepris,
        'POST',
        `/api/v1/applications/${applicationId}/information-request`,
        { message: 'Falta el certificado de análisis.' },
      );
      assert.equal(asked.status, 200, JSON.stringify(asked.body));
      const told = await w.ctx.db.query<{ recipient_rfc: string }>(
        "select recipient_rfc from notifications where object_id = $1 and kind = 'application.request_information'",
        [applicationId],
      );
      assert.deepEqual(told.map((n) => n.recipient_rfc).sort(), [company.rfc, owner.rfc].sort());

      // The trader's own side keeps everything.
      for (const url of reads) assert.equal(await status(url, company.token), 200, `the trader: ${url}`);
      assert.ok(
        (await w.call('GET', '/api/v1/notifications', { token: company.token })).body.items.some(
          (n: any) => n.object.id === operationId,
        ),
      );
    },
  );
});
