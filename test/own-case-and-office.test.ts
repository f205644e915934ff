import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { transition } from '../src/applications/transition.ts';
import { ACTIONS, type Action } from '../src/applications/workflow.ts';
import { FORMS, goodsLine, type Actor } from './support/pipeline.ts';
import { startTestWindow, traderProfile, type Person, type TestWindow } from './support/window.ts';

let w: TestWindow;
let rep: Person;
let trader: { rfc: string; token: string };
before(async () => {
  w = await startTestWindow();
  rep = await w.person({ name: 'Ana Importadora' });
  trader = await w.registerTrader(rep);
});
after(() => w.close());

type Officer = Person & { token: string; id: string };

const line = (hsCode: string, originCountry: string, customsOffice = 'ANAM-TAMPS-NLD') =>
  goodsLine(hsCode, originCountry, { unit: 'KGM', customsOffice });

/**
 * Files one operation as `filer` (the trader's representative, a broker, or an officer who is a trader), with the
 * forms its preview asks for; returns its applications.
 */
async function file(filer: Actor, traderRfc: string, goods: unknown[]) {
  return (await w.fileOperation(filer, { traderRfc, goods, forms: FORMS })).applications;
}

async function act(officer: Officer, id: string, step: string, data?: unknown) {
  const url = `/api/v1/applications/${id}/${step}`;
  return data === undefined
    ? w.call('POST', url, { token: officer.token, body: {} })
    : w.signed(officer.token, officer, 'POST', url, data);
}

const view = async (token: string, id: string) => (await w.call('GET', `/api/v1/applications/${id}`, { token })).body;
const inboxIds = async (o: Officer) =>
  (await w.call('GET', '/api/v1/inbox', { token: o.token })).body.items.map((a: any) => a.id);
const listIds = async (token: string) =>
  (await w.call('GET', '/api/v1/applications', { token })).body.items.map((a: any) => a.id);

/** Every officer action, called on transition() itself (as the routes and jobs do), is refused with `code`. */
async function refusedInTransition(officer: Officer, applicationId: string, code: string) {
  const principal = {
    rfc: officer.rfc,
    certificateFingerprint: (
      await w.ctx.db.one<{ f: string }>('select certificate_fingerprint as f from officers where id = $1', [officer.id])
    ).f,
  };
  for (const action of (Object.keys(ACTIONS) as Action[]).filter((a) => ACTIONS[a].actor === 'officer')) {
    await assert.rejects(
      w.ctx.db.transaction((tx) =>
        transition(tx, w.ctx, {
          applicationId,
          action,
          actor: { kind: 'officer', principal: principal as never, signatureId: 'x' },
        }),
      ),
      (err: any) => err.code === code,
      action,
    );
  }
}

describe('rule 3: no one resolves their own case', () => {
  test(
    'a COFEPRIS resolver who is also the trader can neither act on nor be assigned ' + 'his own application',
    async () => {
      const self = await w.officer('COFEPRIS', ['reviewer', 'resolver']);
      const registered = await w.signed(self.token, self, 'POST', '/api/v1/traders', traderProfile(self.rfc));
      assert.equal(registered.status, 201, JSON.stringify(registered.body));
      const [app] = await file(self, self.rfc, [line('300490', 'DE')]);
      assert.equal(app!.agency, 'COFEPRIS');

      assert.ok(!(await inboxIds(self)).includes(app!.id), 'his own case is not in his inbox');
      const own = await view(self.token, app!.id);
      assert.deepEqual(
        own.availableActions,
        ['withdraw'],
        "he sees it as the applicant, with only the applicant's actions",
      );
      const assign = await act(self, app!.id, 'assignment');
      assert.equal(assign.status, 403);
      assert.equal(assign.body.code, 'workflow.own_case');

      const supervisor = await w.officer('COFEPRIS', ['supervisor']);
      const assigned = await w.call('POST', `/api/v1/applications/${app!.id}/assignment`, {
        token: supervisor.token,
        body: { officerId: self.id },
      });
      assert.equal(assigned.status, 403, 'a supervisor cannot give him his own case either');
      assert.equal(assigned.body.code, 'workflow.own_case');

      const colleague = await w.officer('COFEPRIS', ['reviewer', 'resolver']);
      assert.equal((await act(colleague, app!.id, 'assignment')).status, 200);
      assert.equal((await act(colleague, app!.id, 'review')).status, 200);
      for (const [step, data] of [
        ['resolution', { decision: 'approve' }],
        ['information-request', { message: '¿Lote?' }],
      ] as const) {
        const refused = await act(self, app!.id, step, data);
        assert.equal(refused.status, 403, step);
        assert.equal(refused.body.code, 'workflow.own_case', step);
      }
      const comment = await w.call('POST', `/api/v1/applications/${app!.id}/comments`, {
        token: self.token,
        body: { body: 'Apruébese.', internal: true },
      });
      assert.equal(comment.status, 403);
      assert.equal(comment.body.code, 'workflow.own_case');

      // The one check sits in transition(): even a caller that skips the routes takes no officer action on his own
      // case.
      await refusedInTransition(self, app!.id, 'workflow.own_case');

      assert.equal((await act(colleague, app!.id, 'resolution', { decision: 'approve' })).status, 200);
      const number = (await view(self.token, app!.id)).permit.number;
      const revoke = await w.signed(self.token, self, 'POST', `/api/v1/permits/${number}/revocation`, {
        reason: 'Por mi cuenta.',
      });
      assert.equal(revoke.status, 403);
      assert.equal(revoke.body.code, 'workflow.own_case');
      assert.equal(
        (
          await w.signed(colleague.token, colleague, 'POST', `/api/v1/permits/${number}/revocation`, {
            reason: 'Lote retirado.',
          })
        ).status,
        200,
      );
    },
  );

  test('the legal representative, a delegated broker and the filer are the applicant side too', async () => {
    const legalRep = await w.officer('COFEPRIS', ['reviewer', 'resolver', 'supervisor']);
    const company = await w.registerTrader(legalRep);
    const brokerOfficer = await w.officer('COFEPRIS', ['reviewer', 'resolver', 'supervisor']);
    const broker = await w.registerBroker(brokerOfficer);
    const delegated = await w.signed(company.token, legalRep, 'POST', `/api/v1/traders/${company.rfc}/delegations`, {
      brokerPatent: broker.patent,
    });
    assert.equal(delegated.status, 201, JSON.stringify(delegated.body));
    const [app] = await file({ ...brokerOfficer, token: broker.token }, company.rfc, [line('300490', 'DE')]);
    for (const officer of [legalRep, brokerOfficer]) {
      const refused = await act(officer, app!.id, 'assignment');
      assert.equal(refused.status, 403);
      assert.equal(refused.body.code, 'workflow.own_case');
      assert.ok(!(await inboxIds(officer)).includes(app!.id));
    }
    // Once the delegation ends, the broker who filed is still the filer: still not his case to review.
    await w.signed(company.token, legalRep, 'POST', `/api/v1/delegations/${delegated.body.data.id}/revocation`, {});
    assert.equal(
      (await act(brokerOfficer, app!.id, 'assignment')).status,
      404,
      'nor does he see it any more, as broker or as officer',
    );
    assert.ok(!(await inboxIds(brokerOfficer)).includes(app!.id));
  });
});

test(
  'rule 3: a SEDENA resolver and supervisor who files his own case is not asked to ' +
    'sign its proposal, nor told of the filing',
  async () => {
    const self = await w.officer('SEDENA', ['resolver', 'supervisor']);
    assert.equal((await w.signed(self.token, self, 'POST', '/api/v1/traders', traderProfile(self.rfc))).status, 201);
    const [app] = await file(self, self.rfc, [line('930190', 'US')]);
    const reviewer = await w.officer('SEDENA', ['reviewer']);
    const colleague = await w.officer('SEDENA', ['resolver']);
    await act(reviewer, app!.id, 'assignment');
    await act(reviewer, app!.id, 'review');
    assert.equal((await act(reviewer, app!.id, 'proposal', { decision: 'approve', message: 'Cumple.' })).status, 200);
    const kinds = async (o: Officer) =>
      (await w.call('GET', '/api/v1/notifications', { token: o.token })).body.items.map((n: any) => n.kind);
    assert.ok((await kinds(colleague)).includes('application.propose_approval'));
    assert.ok(
      !(await kinds(self)).includes('application.propose_approval'),
      'the proposal on his own case is not his to sign',
    );
    assert.ok(!(await kinds(self)).includes('application.submitted'), 'nor is his filing work in his inbox');
  },
);

describe('rule 4: office-bound procedures stay in their office', () => {
  test('only the office the application was routed to, or a supervisor, sees it and acts on it', async () => {
    const [app] = await file({ ...rep, token: trader.token }, trader.rfc, [line('630900', 'US')]);
    assert.equal(app!.procedureCode, 'SE-USED-CLOTHING-IMPORT');
    const routed = await view(trader.token, app!.id);
    assert.match(routed.office, /^SE-TAMPS-/, "routed to an SE office in the customs office's state");

    const monterrey = await w.officer('SE', ['reviewer', 'resolver'], 'SE-NL-MTY');
    const agencyWide = await w.officer('SE', ['reviewer', 'resolver']);
    for (const stranger of [monterrey, agencyWide]) {
      assert.ok(!(await inboxIds(stranger)).includes(app!.id), 'not in the inbox of another office');
      assert.ok(!(await listIds(stranger.token)).includes(app!.id), 'not in the list of another office');
      assert.equal((await w.call('GET', `/api/v1/applications/${app!.id}`, { token: stranger.token })).status, 404);
      assert.equal((await act(stranger, app!.id, 'assignment')).status, 404);
      assert.equal(
        (
          await w.call('POST', `/api/v1/applications/${app!.id}/comments`, {
            token: stranger.token,
            body: { body: 'x', internal: true },
          })
        ).status,
        404,
      );
    }
    const supervisor = await w.officer('SE', ['supervisor'], 'SE-NL-MTY');
    assert.ok((await inboxIds(supervisor)).includes(app!.id), "the agency's supervisors see every office");
    const misrouted = await w.call('POST', `/api/v1/applications/${app!.id}/assignment`, {
      token: supervisor.token,
      body: { officerId: monterrey.id },
    });
    assert.equal(misrouted.status, 403);
    assert.equal(misrouted.body.code, 'workflow.other_office');

    const local = await w.officer('SE', ['reviewer', 'resolver'], routed.office);
    assert.ok((await inboxIds(local)).includes(app!.id));
    assert.equal(
      (
        await w.call('POST', `/api/v1/applications/${app!.id}/assignment`, {
          token: supervisor.token,
          body: { officerId: local.id },
        })
      ).status,
      200,
    );
    assert.equal((await act(local, app!.id, 'review')).status, 200);
    assert.equal((await act(monterrey, app!.id, 'resolution', { decision: 'approve' })).status, 404);
    await refusedInTransition(monterrey, app!.id, 'workflow.other_office');
    await refusedInTransition(agencyWide, app!.id, 'workflow.other_office');
    const approved = await act(local, app!.id, 'resolution', { decision: 'approve' });
    assert.equal(approved.status, 200, JSON.stringify(approved.body));
  });
});

describe('rule 6: the applicant side sees no internal work', () => {
  test(
    'no pending proposal, no officer RFC, no trace of internal comments; the ' + 'resolution once it exists',
    async () => {
      const brokerPerson = await w.person();
      const broker = await w.registerBroker(brokerPerson);
      await w.signed(trader.token, rep, 'POST', `/api/v1/traders/${trader.rfc}/delegations`, {
        brokerPatent: broker.patent,
      });
      const [app] = await file({ ...rep, token: trader.token }, trader.rfc, [line('930190', 'US')]);
      assert.equal(app!.agency, 'SEDENA');
      const reviewer = await w.officer('SEDENA', ['reviewer']);
      const resolver = await w.officer('SEDENA', ['resolver']);
      const officerRfcs = [reviewer.rfc, resolver.rfc];
      const applicantSide = [trader.token, broker.token];
      const hidesInternals = async (what: string) => {
        for (const token of applicantSide) {
          const seen = await view(token, app!.id);
          const text = JSON.stringify(seen);
          for (const rfc of officerRfcs)
            assert.ok(!text.includes(rfc), `${what}: an officer RFC is shown to the applicant side`);
          assert.ok(
            !text.includes('Dictamen interno') && !text.includes('Nota interna'),
            `${what}: internal text shown`,
          );
          assert.ok(!('proposal' in seen) && !('assignedOfficerId' in seen), `${what}: proposal or assignee shown`);
          assert.ok(
            !seen.timeline.some((t: any) => /propos|comment/.test(t.type ?? '') || t.kind === 'internal_comment'),
            `${what}: ${text}`,
          );
          const listed = (await w.call('GET', '/api/v1/applications', { token })).body.items.find(
            (a: any) => a.id === app!.id,
          );
          assert.ok(
            !('proposal' in listed) && !JSON.stringify(listed).includes(reviewer.rfc),
            `${what}: list shows internals`,
          );
          const feed = JSON.stringify((await w.call('GET', '/api/v1/notifications', { token })).body);
          assert.ok(!/propos/i.test(feed), `${what}: notifications tell of the proposal`);
        }
      };

      await act(reviewer, app!.id, 'assignment');
      await act(reviewer, app!.id, 'review');
      assert.equal(
        (
          await w.call('POST', `/api/v1/applications/${app!.id}/comments`, {
            token: reviewer.token,
            body: { body: 'Nota interna: revisar.', internal: true },
          })
        ).status,
        201,
      );
      const proposed = await act(reviewer, app!.id, 'proposal', {
        decision: 'reject',
        message: 'Dictamen interno: no cumple.',
      });
      assert.equal(proposed.status, 200, JSON.stringify(proposed.body));
      await hidesInternals('proposed');
      assert.equal(
        (await view(trader.token, app!.id)).status,
        'in_review',
        'a pending proposal is still review to the applicant',
      );
      const officerView = await view(resolver.token, app!.id);
      assert.equal(officerView.proposal.decision, 'reject', 'officers of the agency still see everything');
      assert.ok(officerView.timeline.some((t: any) => t.kind === 'internal_comment'));
      assert.ok(JSON.stringify(officerView).includes(reviewer.rfc));

      assert.equal((await act(resolver, app!.id, 'proposal-return')).status, 200);
      await hidesInternals('returned');
      await act(reviewer, app!.id, 'proposal', { decision: 'approve', message: 'Dictamen interno: cumple.' });
      const approved = await act(resolver, app!.id, 'resolution', {
        decision: 'approve',
        message: 'Se autoriza la importación.',
      });
      assert.equal(approved.status, 200, JSON.stringify(approved.body));
      await hidesInternals('approved');
      const resolved = await view(trader.token, app!.id);
      assert.equal(resolved.status, 'approved');
      assert.equal(resolved.resolution.decision, 'approve');
      assert.equal(resolved.resolution.agency, 'SEDENA');
      assert.ok(
        resolved.timeline.some(
          (t: any) => t.type === 'application.approve' && t.actor === 'SEDENA' && t.role === 'officer',
        ),
      );
      assert.ok(
        resolved.timeline.some(
          (t: any) => t.kind === 'message' && t.body === 'Se autoriza la importación.' && t.actor === 'SEDENA',
        ),
      );
    },
  );
});
