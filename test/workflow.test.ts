import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { sweepDeadlines } from '../src/applications/timers.ts';
import { ACK_TYP } from '../src/http/signed-route.ts';
import { canonicalJson, sha256Hex } from '../src/pki/canonical.ts';
import { signPayload } from '../src/pki/index.ts';
import { openJws } from '../src/pki/window-key.ts';
import { verifyPermitToken } from '../src/permits/token.ts';
import { AUTO_APPROVE } from '../src/applications/jobs.ts';
import { FORMS, goodsLine as line, type Actor } from './support/pipeline.ts';
import { runCli } from './support/processes.ts';
import { startTestWindow, type Person, type TestWindow } from './support/window.ts';

let w: TestWindow;
let rep: Person;
let trader: { rfc: string; token: string };
/** The trader's legal representative, logged in: files and signs. */
let filer: Actor;
before(async () => {
  w = await startTestWindow();
  rep = await w.person({ name: 'Ana Importadora' });
  trader = await w.registerTrader(rep);
  filer = { ...rep, token: trader.token };
});
after(() => w.close());

/** Drafts, completes (the forms its preview asks for) and signs an operation the way a client would. */
const fileOperation = (goods: unknown[]) => w.fileOperation(filer, { traderRfc: trader.rfc, goods, forms: FORMS });

async function act(officer: { token: string } & Person, applicationId: string, step: string, data?: unknown) {
  const url = `/api/v1/applications/${applicationId}/${step}`;
  return data === undefined
    ? w.call('POST', url, { token: officer.token })
    : w.signed(officer.token, officer, 'POST', url, data);
}

const statusOf = async (id: string) =>
  (await w.call('GET', `/api/v1/applications/${id}`, { token: trader.token })).body.status;

describe('single submission: firearms from the US plus medicines', () => {
  let filed: any;
  let sedena: any;
  let cofepris: any;

  test(
    'one draft, one signature, one acknowledgement, one application per agency; ' + 'forms prefilled from the registry',
    async () => {
      const goods = [line('930190', 'US'), line('300490', 'DE', { unit: 'KGM', quantity: 500 })];
      const draft = await w.call('POST', '/api/v1/operations', {
        token: trader.token,
        body: { traderRfc: trader.rfc, flow: 'import', data: { goods } },
      });
      const incomplete = await w.call('POST', `/api/v1/operations/${draft.body.id}/submit/signing-payload`, {
        token: trader.token,
        body: {},
      });
      assert.equal(incomplete.status, 422);
      assert.equal(incomplete.body.code, 'operation.forms_incomplete');
      assert.match(incomplete.body.detail, /SEDENA-ARMS-IMPORT: .*missing "purpose"/);

      filed = await fileOperation(goods);
      const ack = filed.answer.data;
      assert.match(ack.folio, /^VU-\d{4}-\d{8}$/);
      assert.deepEqual(ack.applications.map((a: any) => a.agency).sort(), ['COFEPRIS', 'SEDENA']);
      for (const a of ack.applications)
        assert.ok(
          a.prefilledFields > a.typedFields,
          `${a.procedureCode}: ${a.prefilledFields} prefilled vs ${a.typedFields} typed`,
        );
      const keys = (await w.call('GET', '/.well-known/ventanilla-keys.json')).body;
      assert.deepEqual(await openJws(filed.answer.seal, keys, { typ: ACK_TYP }), filed.answer.acknowledgement);
      assert.equal(
        filed.answer.acknowledgement.dataSha256,
        sha256Hex(canonicalJson(ack)),
        'the seal covers the acknowledgement of receipt',
      );
      sedena = ack.applications.find((a: any) => a.agency === 'SEDENA');
      cofepris = ack.applications.find((a: any) => a.agency === 'COFEPRIS');
      const form = (await w.call('GET', `/api/v1/applications/${sedena.id}`, { token: trader.token })).body.form;
      assert.equal(form.importer, trader.rfc);
      assert.deepEqual(
        form.goods.map((g: any) => g.hsCode),
        ['930190'],
        'each agency gets only the goods it regulates',
      );
      assert.equal(form.purpose, 'sport_shooting');

      const pdf = await w.app.inject({
        method: 'GET',
        url: `/api/v1/operations/${filed.operationId}/acknowledgement.pdf`,
        headers: { authorization: `Bearer ${trader.token}` },
      });
      assert.equal(pdf.headers['content-type'], 'application/pdf');
      assert.equal(pdf.rawPayload.subarray(0, 5).toString(), '%PDF-');
    },
  );

  test('a retried submit files nothing more and answers the same acknowledgement', async () => {
    const goods = [line('930190', 'US')];
    const draft = await w.call('POST', '/api/v1/operations', {
      token: trader.token,
      body: {
        traderRfc: trader.rfc,
        flow: 'import',
        data: { goods, procedureData: { 'SEDENA-ARMS-IMPORT': FORMS['SEDENA-ARMS-IMPORT']! } },
      },
    });
    const issued = await w.call('POST', `/api/v1/operations/${draft.body.id}/submit/signing-payload`, {
      token: trader.token,
      body: {},
    });
    const body = { challengeId: issued.body.challengeId, ...signPayload(issued.body.payload, rep.signer) };
    // A double click: both at once, then a retry later. One files; the others answer the same acknowledgement.
    const [a, b] = await Promise.all(
      [1, 2].map(() => w.call('POST', `/api/v1/operations/${draft.body.id}/submit`, { token: trader.token, body })),
    );
    assert.deepEqual([a!.status, b!.status].sort(), [200, 201], JSON.stringify([a!.body, b!.body]));
    const first = a!.status === 201 ? a! : b!;
    const again = await w.call('POST', `/api/v1/operations/${draft.body.id}/submit`, { token: trader.token, body });
    assert.equal(again.status, 200);
    assert.equal(again.body.replayed, true);
    assert.equal(again.body.data.folio, first.body.data.folio);
    assert.deepEqual(again.body.acknowledgement, first.body.acknowledgement);
    const count = await w.ctx.db.one('select count(*)::int as n from applications where operation_id = $1', [
      draft.body.id,
    ]);
    assert.equal(count.n, 1);
  });

  test('a tampered or unsigned submit writes nothing', async () => {
    const goods = [line('930190', 'US')];
    const draft = await w.call('POST', '/api/v1/operations', {
      token: trader.token,
      body: {
        traderRfc: trader.rfc,
        flow: 'import',
        data: { goods, procedureData: { 'SEDENA-ARMS-IMPORT': FORMS['SEDENA-ARMS-IMPORT']! } },
      },
    });
    const before = await w.ctx.db.one(
      'select (select count(*)::int from applications) as apps, (select count(*)::int from audit_events) as audit',
    );
    const tampered = await w.signed(
      trader.token,
      rep,
      'POST',
      `/api/v1/operations/${draft.body.id}/submit`,
      {},
      {
        sendPayload: true,
        tamper: (p) => {
          p.data.operation.data.goods[0].quantity = 1;
          return p;
        },
      },
    );
    assert.equal(tampered.status, 422);
    assert.equal(tampered.body.code, 'signature.payload_altered');
    const forged = await w.signed(
      trader.token,
      rep,
      'POST',
      `/api/v1/operations/${draft.body.id}/submit`,
      {},
      {
        tamper: (p) => {
          p.data.operation.data.goods[0].quantity = 1;
          return p;
        },
      },
    );
    assert.equal(forged.body.code, 'signature.invalid');
    const unsigned = await w.call('POST', `/api/v1/operations/${draft.body.id}/submit`, {
      token: trader.token,
      body: { challengeId: 'x' },
    });
    assert.equal(unsigned.status, 400);
    assert.equal(unsigned.body.code, 'request.invalid');
    const afterCounts = await w.ctx.db.one(
      'select (select count(*)::int from applications) as apps, (select count(*)::int from audit_events) as audit',
    );
    assert.deepEqual(afterCounts, before);
    assert.equal(
      (await w.call('GET', `/api/v1/operations/${draft.body.id}`, { token: trader.token })).body.status,
      'draft',
    );
  });

  test(
    'COFEPRIS asks for information, the trader answers, the officer approves: a permit that ' +
      'verifies online and offline',
    async () => {
      const officer = await w.officer('COFEPRIS', ['reviewer', 'resolver']);
      const inbox = await w.call('GET', '/api/v1/inbox', { token: officer.token });
      assert.ok(inbox.body.items.some((a: any) => a.id === cofepris.id));
      assert.ok(inbox.body.items.every((a: any) => a.agency === 'COFEPRIS'));
      assert.equal(inbox.body.items.find((a: any) => a.id === cofepris.id).remainingBusinessDays, 20);

      assert.equal((await act(officer, cofepris.id, 'assignment')).status, 200);
      assert.equal((await act(officer, cofepris.id, 'review')).body.status, 'in_review');
      const asked = await act(officer, cofepris.id, 'information-request', {
        message: 'Adjunte el certificado de análisis del lote.',
      });
      assert.equal(asked.status, 200, JSON.stringify(asked.body));
      assert.equal(await statusOf(cofepris.id), 'information_requested');
      const seen = (await w.call('GET', `/api/v1/applications/${cofepris.id}`, { token: trader.token })).body;
      assert.equal(seen.remainingBusinessDays, null, 'the clock is stopped');
      assert.ok(seen.timeline.some((t: any) => t.kind === 'information_request' && t.body.includes('certificado')));
      assert.deepEqual(seen.availableActions, ['answer', 'withdraw']);
      const feed = (await w.call('GET', '/api/v1/notifications?unread=true', { token: trader.token })).body;
      const told = feed.items.find(
        (n: any) => n.kind === 'application.request_information' && n.link === `/api/v1/applications/${cofepris.id}`,
      );
      // The status in words in both languages, never its code.
      assert.match(told.body.es, /estado de la solicitud: Se le pide información\.$/);
      assert.match(told.body.en, /application status: Information requested from you\.$/);
      assert.ok(feed.items.some((n: any) => n.kind === 'operation.submitted'));

      const answered = await w.signed(trader.token, rep, 'POST', `/api/v1/applications/${cofepris.id}/answer`, {
        message: 'Adjunto el certificado CA-2026-77.',
      });
      assert.equal(answered.status, 200, JSON.stringify(answered.body));
      const officerFeed = (await w.call('GET', '/api/v1/notifications', { token: officer.token })).body;
      assert.deepEqual(officerFeed.items.map((n: any) => n.kind).sort(), ['application.answer', 'application.assign']);
      assert.equal((await act(officer, cofepris.id, 'review-resumption')).body.status, 'in_review');
      const resolved = await act(officer, cofepris.id, 'resolution', {
        decision: 'approve',
        conditions: ['Conservar la cadena de frío.'],
      });
      assert.equal(resolved.status, 200, JSON.stringify(resolved.body));

      const app = (await w.call('GET', `/api/v1/applications/${cofepris.id}`, { token: trader.token })).body;
      assert.equal(app.status, 'approved');
      const permit = (await w.call('GET', `/api/v1/permits/${app.permit.number}`, { token: trader.token })).body;
      assert.equal(permit.status, 'valid');
      assert.equal(permit.approvedBy, 'officer');
      assert.equal(permit.document.resolution.officerRfc, officer.rfc);
      assert.deepEqual(
        permit.balances.map((b: any) => b.remainingQuantity),
        [500],
      );
      assert.match(permit.number, /^COFEPRIS-\d{4}-\d{6}$/);

      const online = (await w.call('GET', `/api/v1/verify/${permit.number}?code=${permit.verificationCode}`)).body;
      assert.equal(online.authentic, true);
      assert.equal(online.status, 'valid');
      assert.ok(!JSON.stringify(online).includes(trader.rfc), 'the public answer does not reveal the holder RFC');
      const byToken = (await w.call('GET', `/api/v1/verify?token=${encodeURIComponent(permit.token)}`)).body;
      assert.equal(byToken.number, permit.number);

      const keys = (await w.call('GET', '/.well-known/ventanilla-keys.json')).body;
      const offline = await verifyPermitToken(permit.token, keys);
      assert.equal(offline.claims.num, permit.number);
      assert.equal(offline.status, 'valid');
      const keysFile = path.join(w.dataDir, 'keys.json');
      fs.writeFileSync(keysFile, JSON.stringify(keys));
      const cli = await runCli(['verify-permit', permit.token, '--keys', keysFile], {
        VENTANILLA_DATA_DIR: path.join(w.dataDir, 'nowhere'),
      });
      assert.equal(cli.code, 0, cli.stderr);
      assert.ok(cli.stdout.includes(permit.number));

      const pdf = await w.app.inject({
        method: 'GET',
        url: `/api/v1/permits/${permit.number}/pdf`,
        headers: { authorization: `Bearer ${trader.token}` },
      });
      assert.equal(pdf.rawPayload.subarray(0, 5).toString(), '%PDF-');

      // Revocation by the agency, signed: verification says so at once.
      const revoked = await w.signed(officer.token, officer, 'POST', `/api/v1/permits/${permit.number}/revocation`, {
        reason: 'Lote retirado del mercado.',
      });
      assert.equal(revoked.status, 200, JSON.stringify(revoked.body));
      assert.equal(
        (await w.call('GET', `/api/v1/verify/${permit.number}?code=${permit.verificationCode}`)).body.status,
        'revoked',
      );
    },
  );

  test(
    'SEDENA needs four eyes: one officer cannot propose and resolve; ' + 'an officer of another agency cannot touch it',
    async () => {
      const both = await w.officer('SEDENA', ['reviewer', 'resolver']);
      const resolver = await w.officer('SEDENA', ['resolver']);
      const stranger = await w.officer('SE', ['reviewer', 'resolver', 'supervisor']);
      const hidden = await w.call('GET', `/api/v1/applications/${sedena.id}`, { token: stranger.token });
      assert.equal(hidden.status, 404);
      assert.equal((await act(stranger, sedena.id, 'assignment')).status, 404);
      assert.equal(
        (await w.call('GET', '/api/v1/inbox', { token: stranger.token })).body.items.some(
          (a: any) => a.id === sedena.id,
        ),
        false,
      );

      await act(both, sedena.id, 'assignment');
      await act(both, sedena.id, 'review');
      const direct = await w.call('POST', `/api/v1/applications/${sedena.id}/resolution/signing-payload`, {
        token: both.token,
        body: { decision: 'approve' },
      });
      assert.equal(direct.status, 403);
      assert.equal(direct.body.code, 'workflow.four_eyes');
      const proposed = await act(both, sedena.id, 'proposal', {
        decision: 'approve',
        message: 'Cumple con la documentación.',
      });
      assert.equal(proposed.status, 200, JSON.stringify(proposed.body));
      const self = await w.call('POST', `/api/v1/applications/${sedena.id}/resolution/signing-payload`, {
        token: both.token,
        body: { decision: 'approve' },
      });
      assert.equal(self.status, 403);
      assert.equal(self.body.code, 'workflow.four_eyes');
      const approved = await act(resolver, sedena.id, 'resolution', { decision: 'approve' });
      assert.equal(approved.status, 200, JSON.stringify(approved.body));
      assert.equal(await statusOf(sedena.id), 'approved');
      const timeline = (await w.call('GET', `/api/v1/applications/${sedena.id}`, { token: resolver.token })).body
        .timeline;
      assert.deepEqual(
        timeline.filter((t: any) => t.kind === 'event').map((t: any) => t.type),
        [
          'application.submitted',
          'application.assign',
          'application.start_review',
          'application.propose_approval',
          'application.approve',
        ],
      );
    },
  );
});

describe('timers', () => {
  test('an automatic notice is approved without a human, by the job queue', async () => {
    const filed = await fileOperation([line('720851', 'CN', { unit: 'KGM', quantity: 20000 })]);
    const [app] = filed.applications;
    assert.equal(app!.procedureCode, 'SE-STEEL-NOTICE');
    // The submission queued the approval: wait for the queue to have run it.
    await w.ctx.jobs.ran(AUTO_APPROVE, { applicationId: app!.id });
    const seen = (await w.call('GET', `/api/v1/applications/${app!.id}`, { token: trader.token })).body;
    assert.equal(seen.status, 'approved');
    const permit = (await w.call('GET', `/api/v1/permits/${seen.permit.number}`, { token: trader.token })).body;
    assert.equal(permit.approvedBy, 'automatic');
    assert.equal(permit.kind, 'notice');
  });

  test('positive silence approves when the clock runs out, negative silence denies; once', async () => {
    const filed = await fileOperation([line('080440', 'PE', { unit: 'KGM' }), line('930190', 'US')]);
    const byAgency = Object.fromEntries(filed.applications.map((a) => [a.agency, a]));
    const phyto = byAgency.SENASICA!;
    assert.equal(phyto.procedureCode, 'SENASICA-PHYTOSANITARY-IMPORT');
    const realNow = w.ctx.clock.now;
    try {
      w.ctx.clock.now = () => new Date(Date.parse(`${phyto.dueDate}T12:00:00-06:00`));
      assert.deepEqual(
        await sweepDeadlines(w.ctx),
        { approved: 0, denied: 0 },
        'on the due date itself nothing happens',
      );
      w.ctx.clock.now = () => new Date(Date.parse(`${byAgency.SEDENA!.dueDate}T12:00:00-06:00`) + 86_400_000);
      const swept = await sweepDeadlines(w.ctx);
      assert.ok(swept.approved >= 1 && swept.denied >= 1, JSON.stringify(swept));
      assert.deepEqual(await sweepDeadlines(w.ctx), { approved: 0, denied: 0 }, 'a second sweep changes nothing');
    } finally {
      w.ctx.clock.now = realNow;
    }
    assert.equal(await statusOf(phyto.id), 'approved_by_silence');
    assert.equal(await statusOf(byAgency.SEDENA!.id), 'denied_by_silence');
    const number = (await w.call('GET', `/api/v1/applications/${phyto.id}`, { token: trader.token })).body.permit
      .number;
    assert.equal(
      (await w.call('GET', `/api/v1/permits/${number}`, { token: trader.token })).body.approvedBy,
      'silence',
    );
  });
});

describe('who may file and assign', () => {
  test('a delegated broker files for the trader; without the delegation it cannot', async () => {
    const brokerPerson = await w.person();
    const broker = await w.registerBroker(brokerPerson);
    const body = { traderRfc: trader.rfc, flow: 'import', data: { goods: [line('930190', 'US')] } };
    const refused = await w.call('POST', '/api/v1/operations', { token: broker.token, body });
    assert.equal(refused.status, 403);
    assert.equal(refused.body.code, 'operation.not_your_trader');
    const granted = await w.signed(trader.token, rep, 'POST', `/api/v1/traders/${trader.rfc}/delegations`, {
      brokerPatent: broker.patent,
    });
    const filed = await w.fileOperation(
      { ...brokerPerson, token: broker.token },
      {
        traderRfc: trader.rfc,
        goods: body.data.goods,
        procedureData: { 'SEDENA-ARMS-IMPORT': FORMS['SEDENA-ARMS-IMPORT'] },
      },
    );
    assert.equal(filed.answer.acknowledgement.signedBy.rfc, brokerPerson.rfc);
    assert.equal(
      (await w.call('GET', `/api/v1/applications/${filed.applications[0]!.id}`, { token: trader.token })).status,
      200,
    );
    await w.signed(trader.token, rep, 'POST', `/api/v1/delegations/${granted.body.data.id}/revocation`, {});
    assert.equal((await w.call('GET', `/api/v1/operations/${filed.operationId}`, { token: broker.token })).status, 404);
  });

  test('a supervisor assigns to a colleague; a reviewer cannot', async () => {
    const filed = await fileOperation([line('300490', 'FR', { unit: 'KGM' })]);
    const id = filed.applications[0]!.id;
    const supervisor = await w.officer('COFEPRIS', ['supervisor']);
    const reviewer = await w.officer('COFEPRIS', ['reviewer']);
    const other = await w.officer('COFEPRIS', ['reviewer']);
    const notAllowed = await w.call('POST', `/api/v1/applications/${id}/assignment`, {
      token: reviewer.token,
      body: { officerId: other.id },
    });
    assert.equal(notAllowed.status, 403);
    const assigned = await w.call('POST', `/api/v1/applications/${id}/assignment`, {
      token: supervisor.token,
      body: { officerId: reviewer.id },
    });
    assert.equal(assigned.status, 200, JSON.stringify(assigned.body));
    assert.equal(assigned.body.assignedOfficerId, reviewer.id);
    const mine = await w.call('GET', '/api/v1/inbox?assigned=me', { token: reviewer.token });
    assert.deepEqual(
      mine.body.items.map((a: any) => a.id),
      [id],
    );
    const comment = await w.call('POST', `/api/v1/applications/${id}/comments`, {
      token: reviewer.token,
      body: { body: 'Revisar lote.', internal: true },
    });
    assert.equal(comment.status, 201);
    const traderView = (await w.call('GET', `/api/v1/applications/${id}`, { token: trader.token })).body;
    assert.ok(!traderView.timeline.some((t: any) => t.kind === 'internal_comment'), 'internal comments stay internal');
    const officerView = (await w.call('GET', `/api/v1/applications/${id}`, { token: supervisor.token })).body;
    assert.ok(officerView.timeline.some((t: any) => t.kind === 'internal_comment'));
  });
});

describe('references', () => {
  test("an operation cites only the trader's own, current COVEs and eDocuments", async () => {
    const goods = [line('930190', 'US')];
    const cove = await w.call('POST', '/api/v1/operations', {
      token: trader.token,
      body: { traderRfc: trader.rfc, flow: 'import', data: { goods, coves: ['COVE123456789'] } },
    });
    assert.equal(cove.status, 422);
    assert.equal(cove.body.code, 'operation.cove_unknown');
    const edoc = await w.call('POST', '/api/v1/operations', {
      token: trader.token,
      body: { traderRfc: trader.rfc, flow: 'import', data: { goods, edocuments: ['ED0123456789'] } },
    });
    assert.equal(edoc.status, 422);
    assert.equal(edoc.body.code, 'edocument.not_of_trader');
  });
});
