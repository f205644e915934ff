/**
 * One signed-action pipeline: every signed action of the OpenAPI document answers one shape
 * (`data`, `acknowledgement`, `seal`, `replayed`) sealed under one JWS typ; a retry of a signed request
 * answers the stored answer; a payload the window would now prepare differently is refused.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { decodeProtectedHeader } from 'jose';
import { ACK_TYP } from '../src/http/signed-route.ts';
import { canonicalJson, sha256Hex } from '../src/pki/canonical.ts';
import { signPayload } from '../src/pki/index.ts';
import { openJws } from '../src/pki/window-key.ts';
import { postgresOnly } from './support/postgres-only.ts';
import { coveJson, invoicePdf, tyres, TYRES_FORM, uploadPdf } from './support/roles.ts';
import { startTestWindow, traderProfile, type Person, type TestWindow } from './support/window.ts';

let w: TestWindow;
let doc: any;
let keys: any;
let rep: Person;
let trader: { rfc: string; token: string };

before(async () => {
  w = await startTestWindow();
  doc = (await w.call('GET', '/openapi.json')).body;
  keys = (await w.call('GET', '/.well-known/ventanilla-keys.json')).body;
  rep = await w.person();
  trader = await w.registerTrader(rep);
});
after(() => w?.close());

/** The signed actions: every path with a `/signing-payload` sibling, and the eDocument's multipart upload. */
function signedActions(): Array<{ path: string; method: string; first: any; act: any }> {
  const found = [];
  for (const [path, item] of Object.entries<any>(doc.paths)) {
    const payload = doc.paths[`${path}/signing-payload`];
    if (!payload) continue;
    const [method, act] = Object.entries<any>(item).find(([m]) => m === 'post' || m === 'put')!;
    found.push({ path, method, first: payload.post, act });
  }
  found.push({
    path: '/api/v1/edocuments',
    method: 'post',
    first: doc.paths['/api/v1/edocuments/uploads'].post,
    act: doc.paths['/api/v1/edocuments'].post,
  });
  return found;
}

const ref = (schema: any) => schema?.$ref as string | undefined;
const acted = new Set<string>();

/** The one answer shape, its seal (typ, signature, the data's digest), and which action it was. */
async function assertAnswer(res: { status: number; body: any }, status: number, action: string) {
  assert.equal(res.status, status, JSON.stringify(res.body));
  assert.deepEqual(Object.keys(res.body).sort(), ['acknowledgement', 'data', 'replayed', 'seal']);
  assert.equal(decodeProtectedHeader(res.body.seal).typ, ACK_TYP);
  assert.equal(ACK_TYP, 'ventanilla-ack+jws');
  assert.deepEqual(await openJws(res.body.seal, keys, { typ: ACK_TYP }), res.body.acknowledgement);
  assert.equal(res.body.acknowledgement.action, action);
  assert.equal(
    res.body.acknowledgement.dataSha256,
    sha256Hex(canonicalJson(res.body.data)),
    'the seal covers the data sent',
  );
  acted.add(action);
}

/** Gets the payload, signs it; answers the signed body so a test can send it more than once. */
async function signedBody(token: string, signer: Person, url: string, data: unknown) {
  const issued = await w.call('POST', `${url}/signing-payload`, { token, body: data });
  assert.equal(issued.status, 201, JSON.stringify(issued.body));
  return { challengeId: issued.body.challengeId, ...signPayload(issued.body.payload, signer.signer) };
}

async function draftOperation() {
  const draft = await w.call('POST', '/api/v1/operations', {
    token: trader.token,
    body: { traderRfc: trader.rfc, flow: 'import', data: { goods: tyres(), procedureData: TYRES_FORM } },
  });
  assert.equal(draft.status, 201, JSON.stringify(draft.body));
  return draft.body.id as string;
}

const count = async (sql: string, params: unknown[]) => (await w.ctx.db.one<{ n: number }>(sql, params)).n;

describe('one answer shape', () => {
  test('every signed action of the OpenAPI document: two operationIds, the signing payload, the one envelope', () => {
    const actions = signedActions();
    assert.ok(actions.length >= 24, `${actions.length} signed actions`);
    const ids = new Set<string>();
    for (const { path, first, act } of actions) {
      for (const op of [first, act]) {
        assert.match(op.operationId ?? '', /^[a-z][A-Za-z]+$/, `${path}: operationId`);
        assert.ok(!ids.has(op.operationId), `${op.operationId} twice`);
        ids.add(op.operationId);
      }
      assert.equal(
        ref(first.responses['201'].content['application/json'].schema),
        '#/components/schemas/SigningPayload',
        path,
      );
      for (const status of ['200', '201']) {
        const envelope = act.responses[status].content['application/json'].schema;
        assert.deepEqual(
          [...envelope.required].sort(),
          ['acknowledgement', 'data', 'replayed', 'seal'],
          `${path} ${status}`,
        );
        assert.equal(ref(envelope.properties.acknowledgement), '#/components/schemas/Acknowledgement', path);
        assert.match(
          ref(envelope.properties.data) ?? '',
          /^#\/components\/schemas\/[A-Z]/,
          `${path}: a named data schema`,
        );
      }
      assert.ok(act.responses['4XX'] ?? act.responses['4xx'], `${path}: problems`);
    }
    const upload = doc.paths['/api/v1/edocuments/uploads'].post.requestBody.content['multipart/form-data'].schema;
    const form = doc.components.schemas[ref(upload)!.split('/').pop()!];
    assert.equal(form.properties.file.format, 'binary');
    assert.deepEqual([...form.required].sort(), ['documentType', 'file', 'traderRfc']);
  });

  test('answers of registry, delegation and token actions have the shape and typ', async () => {
    const brokerPerson = await w.person();
    const broker = await w.registerBroker(brokerPerson);
    const granted = await w.signed(trader.token, rep, 'POST', `/api/v1/traders/${trader.rfc}/delegations`, {
      brokerPatent: broker.patent,
    });
    await assertAnswer(granted, 201, 'delegation.grant');
    await assertAnswer(
      await w.signed(trader.token, rep, 'POST', `/api/v1/delegations/${granted.body.data.id}/revocation`, {}),
      200,
      'delegation.revoke',
    );
    await assertAnswer(
      await w.signed(trader.token, rep, 'POST', '/api/v1/api-tokens', {
        label: 'erp',
        scopes: ['read'],
        expiresInDays: 1,
      }),
      201,
      'auth.create_api_token',
    );
    const updated = await w.signed(trader.token, rep, 'PUT', `/api/v1/traders/${trader.rfc}/profile`, {
      expectedVersion: 1,
      profile: { ...traderProfile(trader.rfc, rep), economicActivity: 'Importación de llantas' },
    });
    await assertAnswer(updated, 200, 'trader.update_profile');
  });
});

describe('a lost answer is answered again, once acted on', () => {
  test(
    'operation submit: the same signed request answers the same, replayed; another ' + 'session cannot have it',
    async () => {
      const id = await draftOperation();
      const body = await signedBody(trader.token, rep, `/api/v1/operations/${id}/submit`, {});
      const first = await w.call('POST', `/api/v1/operations/${id}/submit`, { token: trader.token, body });
      await assertAnswer(first, 201, 'operation.submit');
      assert.equal(first.body.replayed, false);
      assert.match(first.body.data.folio, /^VU-\d{4}-\d{8}$/);
      assert.deepEqual(first.body.acknowledgement.object, { type: 'operation', id });

      const again = await w.call('POST', `/api/v1/operations/${id}/submit`, { token: trader.token, body });
      await assertAnswer(again, 200, 'operation.submit');
      assert.deepEqual(again.body, { ...first.body, replayed: true });
      assert.equal(await count('select count(*)::int as n from applications where operation_id = $1', [id]), 1);

      // The acknowledgement PDF prints the same seal.
      const stored = await w.ctx.db.one<{ acknowledgement_seal: string }>(
        'select acknowledgement_seal from operations where id = $1',
        [id],
      );
      assert.equal(stored.acknowledgement_seal, first.body.seal);
      const pdf = await w.app.inject({
        method: 'GET',
        url: `/api/v1/operations/${id}/acknowledgement.pdf`,
        headers: { authorization: `Bearer ${trader.token}` },
      });
      assert.equal(pdf.statusCode, 200);

      const otherSession = await w.login(rep);
      const elsewhere = await w.call('POST', `/api/v1/operations/${id}/submit`, { token: otherSession, body });
      assert.equal(elsewhere.status, 409);
      assert.equal(elsewhere.body.code, 'challenge.used');
    },
  );

  test('COVE filing and amendment: replayed with the same acknowledgement, nothing filed twice', async () => {
    const body = await signedBody(trader.token, rep, '/api/v1/coves', coveJson(trader.rfc));
    const first = await w.call('POST', '/api/v1/coves', { token: trader.token, body });
    await assertAnswer(first, 201, 'cove.file');
    const again = await w.call('POST', '/api/v1/coves', { token: trader.token, body });
    await assertAnswer(again, 200, 'cove.file');
    assert.deepEqual(again.body, { ...first.body, replayed: true });
    assert.equal(await count('select count(*)::int as n from coves where number = $1', [first.body.data.number]), 1);

    const amended = await w.signed(trader.token, rep, 'POST', `/api/v1/coves/${first.body.data.number}/amendments`, {
      ...coveJson(trader.rfc),
      invoiceNumber: 'INV-2026-0043',
      reason: 'Número de factura corregido',
    });
    await assertAnswer(amended, 201, 'cove.amend');
    assert.equal(amended.body.data.version, 2);
  });

  test('eDocument upload: replayed with the same acknowledgement, one eDocument', async () => {
    const issued = await uploadPdf(w, trader.token, trader.rfc, await invoicePdf());
    assert.equal(issued.status, 201, JSON.stringify(issued.body));
    const body = { challengeId: issued.body.challengeId, ...signPayload(issued.body.payload, rep.signer) };
    const first = await w.call('POST', '/api/v1/edocuments', { token: trader.token, body });
    await assertAnswer(first, 201, 'edocument.create');
    const again = await w.call('POST', '/api/v1/edocuments', { token: trader.token, body });
    await assertAnswer(again, 200, 'edocument.create');
    assert.deepEqual(again.body, { ...first.body, replayed: true });
    assert.equal(
      await count('select count(*)::int as n from edocuments where challenge_id = $1', [body.challengeId]),
      1,
    );
  });
});

describe('still the same as signed', () => {
  test(
    'a draft changed after its payload was issued is not filed: ' + 'operation.changed_since_signed, nothing written',
    async () => {
      const id = await draftOperation();
      const body = await signedBody(trader.token, rep, `/api/v1/operations/${id}/submit`, {});
      const goods = tyres().map((g) => ({ ...g, quantity: 300, value: 6000 }));
      const changed = await w.call('PUT', `/api/v1/operations/${id}`, {
        token: trader.token,
        body: { expectedVersion: 1, data: { goods, procedureData: TYRES_FORM } },
      });
      assert.equal(changed.status, 200, JSON.stringify(changed.body));
      const refused = await w.call('POST', `/api/v1/operations/${id}/submit`, { token: trader.token, body });
      assert.equal(refused.status, 409);
      assert.equal(refused.body.code, 'operation.changed_since_signed');
      assert.equal(
        await count("select count(*)::int as n from operations where id = $1 and status = 'draft'", [id]),
        1,
      );
      assert.equal(
        await count('select count(*)::int as n from challenges where id = $1 and used_at is null', [body.challengeId]),
        1,
        'not consumed',
      );
      assert.equal(
        await count('select count(*)::int as n from signed_answers where challenge_id = $1', [body.challengeId]),
        0,
      );
    },
  );
});

// The race (the loser's conditional update waiting on the winner's row lock) needs PostgreSQL.
describe('identical signed requests at once (PostgreSQL)', postgresOnly, () => {
  test('one acts; the others wait for it and answer its stored answer, replayed', async () => {
    const id = await draftOperation();
    const body = await signedBody(trader.token, rep, `/api/v1/operations/${id}/submit`, {});
    const answers = await Promise.all(
      [1, 2, 3, 4].map(() => w.call('POST', `/api/v1/operations/${id}/submit`, { token: trader.token, body })),
    );
    assert.deepEqual(
      answers.map((a) => a.status).sort(),
      [200, 200, 200, 201],
      JSON.stringify(answers.map((a) => a.body)),
    );
    const first = answers.find((a) => a.status === 201)!;
    for (const a of answers) assert.deepEqual(a.body, { ...first.body, replayed: a.status === 200 });
    assert.equal(await count('select count(*)::int as n from applications where operation_id = $1', [id]), 1);
  });
});

test('the actions exercised here answered the one shape', () => {
  assert.deepEqual([...acted].sort(), [
    'auth.create_api_token',
    'cove.amend',
    'cove.file',
    'delegation.grant',
    'delegation.revoke',
    'edocument.create',
    'operation.submit',
    'trader.update_profile',
  ]);
});
