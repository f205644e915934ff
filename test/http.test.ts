import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { signPayload } from '../src/pki/index.ts';
import { openJws } from '../src/pki/window-key.ts';
import { startTestWindow, traderProfile, type TestWindow } from './support/window.ts';

let w: TestWindow;
let token: string;
let rep: Awaited<ReturnType<TestWindow['person']>>;
before(async () => {
  w = await startTestWindow();
  rep = await w.person();
  token = await w.login(rep);
});
after(() => w.close());

const rowCounts = async () =>
  w.ctx.db.one(
    `select (select count(*)::int from traders) as traders, (select count(*)::int from challenges) as challenges,
          (select count(*)::int from audit_events) as audit, (select count(*)::int from signatures) as signatures`,
  );

function assertProblem(
  res: { status: number; body: any; headers: Record<string, unknown> },
  status: number,
  code: string,
) {
  assert.equal(res.status, status, JSON.stringify(res.body));
  assert.equal(res.body.code, code, JSON.stringify(res.body));
  assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
  assert.equal(res.body.status, status);
  assert.equal(res.body.type, `urn:ventanilla:problem:${code}`);
  assert.ok(res.body.detail.length > 5);
}

describe('bad input is a 4xx problem+json with a stable code, and nothing is written', () => {
  test('malformed JSON, wrong types, unknown fields, missing fields, oversize bodies, wrong media type', async () => {
    const before = await rowCounts();
    const url = '/api/v1/traders/signing-payload';
    assertProblem(await w.call('POST', url, { token, body: '{"rfc": ' }), 400, 'request.malformed_json');
    const wrongType = await w.call('POST', url, {
      token,
      body: { ...traderProfile('AAA010101AA1', rep), contacts: 'none' },
    });
    assertProblem(wrongType, 400, 'request.invalid');
    assert.ok(wrongType.body.errors.some((e: any) => e.path === 'body/contacts'));
    // numbers are not coerced into strings in bodies
    assertProblem(
      await w.call('POST', url, { token, body: { ...traderProfile('AAA010101AA1', rep), legalName: 12345 } }),
      400,
      'request.invalid',
    );
    const unknown = await w.call('POST', url, {
      token,
      body: { ...traderProfile('AAA010101AA1', rep), isAdmin: true },
    });
    assertProblem(unknown, 400, 'request.invalid');
    assert.match(unknown.body.detail, /unknown field "isAdmin"/);
    const { legalName: _omit, ...missing } = traderProfile('AAA010101AA1', rep);
    assertProblem(await w.call('POST', url, { token, body: missing }), 400, 'request.invalid');
    assertProblem(
      await w.call('POST', url, {
        token,
        body: { ...traderProfile('AAA010101AA1', rep), legalName: 'x'.repeat(2 * 1024 * 1024) },
      }),
      413,
      'request.too_large',
    );
    assertProblem(
      await w.call('POST', url, {
        token,
        body: 'rfc=1',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      }),
      415,
      'request.unsupported_media_type',
    );
    assertProblem(
      await w.call('POST', url, {
        token,
        body: {
          ...traderProfile('AAA010101AA1', rep),
          taxAddress: { ...traderProfile('AAA010101AA1').taxAddress, state: 'XX' },
        },
      }),
      400,
      'request.invalid',
    );
    assert.deepEqual(await rowCounts(), before);
  });

  test(
    'garbage in a signed submission: bad base64, a ' + 'non-certificate, a bad challenge id, an unknown algorithm',
    async () => {
      const issued = await w.call('POST', '/api/v1/traders/signing-payload', { token, body: traderProfile(rep.rfc) });
      assert.equal(issued.status, 201);
      const env = signPayload(issued.body.payload, rep.signer);
      const before = await rowCounts();
      const submit = (body: Record<string, unknown>) =>
        w.call('POST', '/api/v1/traders', { token, body: { challengeId: issued.body.challengeId, ...env, ...body } });
      assertProblem(await submit({ signature: 'not*base64' }), 422, 'signature.malformed');
      assertProblem(
        await submit({ certificate: Buffer.from('-----BEGIN NONSENSE-----').toString('base64') }),
        422,
        'signature.certificate_malformed',
      );
      assertProblem(await submit({ certificate: 'Zm9v' }), 422, 'signature.certificate_malformed');
      assertProblem(await submit({ algorithm: 'HS256' }), 400, 'request.invalid');
      assertProblem(await submit({ challengeId: 'not-a-uuid' }), 404, 'challenge.not_found');
      assertProblem(await submit({ extra: 1 }), 400, 'request.invalid');
      assertProblem(await w.call('POST', '/api/v1/traders', { token, body: [] }), 400, 'request.invalid');
      assertProblem(await w.call('POST', '/api/v1/traders', { token, body: 'null' }), 400, 'request.invalid');
      assert.deepEqual(await rowCounts(), before);
      // the untouched challenge still works afterwards
      assert.equal((await submit({})).status, 201);
    },
  );

  test('bad path and query parameters', async () => {
    assertProblem(await w.call('GET', '/api/v1/traders/not-an-rfc!', { token }), 400, 'request.invalid');
    assertProblem(await w.call('GET', '/api/v1/delegations?status=maybe', { token }), 400, 'request.invalid');
    assertProblem(await w.call('GET', '/api/v1/delegations?bogus=1', { token }), 400, 'request.invalid');
    assertProblem(await w.call('DELETE', '/api/v1/api-tokens/123', { token }), 400, 'request.invalid');
    assertProblem(await w.call('GET', '/api/v1/nothing-here'), 404, 'route.not_found');
  });
});

describe('the window describes itself', () => {
  test('health, readiness, OpenAPI 3.1 and the docs page', async () => {
    assert.deepEqual((await w.call('GET', '/health')).body, { status: 'ok' });
    assert.equal((await w.call('GET', '/ready')).body.status, 'ready');
    const spec = await w.call('GET', '/openapi.json');
    assert.equal(spec.body.openapi, '3.1.0');
    for (const path of [
      '/api/v1/auth/challenge',
      '/api/v1/auth/login',
      '/api/v1/traders',
      '/api/v1/traders/{rfc}/profile/signing-payload',
      '/api/v1/me',
    ]) {
      assert.ok(spec.body.paths[path], `${path} is documented`);
    }
    assert.deepEqual(spec.body.paths['/api/v1/me'].get.security, [{ bearer: [] }]);
    assert.deepEqual(spec.body.paths['/api/v1/agencies'].get.security, [], 'public routes say so explicitly');
    const docs = await w.app.inject({ method: 'GET', url: '/docs' });
    assert.ok([200, 302].includes(docs.statusCode));
  });

  test('every route declares its access (an undeclared one cannot be registered)', async () => {
    const { default: Fastify } = await import('fastify');
    const { installAccessControl } = await import('../src/http/access.ts');
    const app = Fastify();
    installAccessControl(app, w.ctx.db, w.ctx.trust, w.ctx.clock);
    assert.throws(() => app.get('/x', async () => 'x'), /does not declare its access/);
  });

  test('signed actions are acknowledged with a seal that verifies with the published keys alone', async () => {
    const p = await w.person();
    const t = await w.login(p);
    const res = await w.signed(t, p, 'POST', '/api/v1/traders', traderProfile(p.rfc));
    const keys = (await w.call('GET', '/.well-known/ventanilla-keys.json')).body;
    assert.equal(keys.keys[0].alg, 'ES256');
    assert.equal(keys.keys[0].d, undefined, 'no private part is published');
    const sealed = await openJws(res.body.seal, keys);
    assert.deepEqual(sealed, res.body.acknowledgement);
    const forged = res.body.seal.replace(
      /\.[^.]+\./,
      `.${Buffer.from(JSON.stringify({ ...sealed, object: { type: 'trader', id: 'X' } })).toString('base64url')}.`,
    );
    await assert.rejects(openJws(forged, keys));
  });
});
