import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { initDevPki, revokeCertificate, signPayload } from '../src/pki/index.ts';
import { startTestWindow, type TestWindow } from './support/window.ts';

let w: TestWindow;
before(async () => {
  w = await startTestWindow();
});
after(() => w.close());

async function tryLogin(signer: Parameters<typeof signPayload>[1], tamper?: (p: any) => any) {
  const challenge = await w.call('POST', '/api/v1/auth/challenge');
  assert.equal(challenge.status, 201);
  const payload = tamper ? tamper(structuredClone(challenge.body.payload)) : challenge.body.payload;
  return w.call('POST', '/api/v1/auth/login', {
    body: { challengeId: challenge.body.challengeId, ...signPayload(payload, signer) },
  });
}

describe('login with an e.firma', () => {
  test('a valid RSA e.firma logs in; /me names the certificate holder; logout ends the session', async () => {
    const p = await w.person({ keyType: 'rsa' });
    const res = await tryLogin(p.signer);
    assert.equal(res.status, 200);
    assert.match(res.body.token, /^vts_/);
    const me = await w.call('GET', '/api/v1/me', { token: res.body.token });
    assert.equal(me.status, 200);
    assert.equal(me.body.rfc, p.rfc);
    assert.equal(me.body.curp, p.curp);
    assert.deepEqual(me.body.traders, []);
    assert.ok(me.body.can.includes('trader.register'));
    assert.equal((await w.call('POST', '/api/v1/auth/logout', { token: res.body.token })).status, 204);
    const after = await w.call('GET', '/api/v1/me', { token: res.body.token });
    assert.equal(after.status, 401);
    assert.equal(after.body.code, 'auth.token_revoked');
  });

  test('an EC (ES256) e.firma logs in', async () => {
    const p = await w.person({ keyType: 'ec' });
    const res = await tryLogin(p.signer);
    assert.equal(res.status, 200, JSON.stringify(res.body));
  });

  test('the session token is stored hashed, never in clear', async () => {
    const token = await w.login(await w.person());
    const rows = await w.ctx.db.query('select token_hash from sessions');
    assert.ok(rows.length > 0);
    assert.ok(rows.every((r) => r.token_hash !== token && !String(r.token_hash).includes(token.slice(4))));
  });

  test('a challenge is single use', async () => {
    const p = await w.person();
    const challenge = await w.call('POST', '/api/v1/auth/challenge');
    const body = { challengeId: challenge.body.challengeId, ...signPayload(challenge.body.payload, p.signer) };
    assert.equal((await w.call('POST', '/api/v1/auth/login', { body })).status, 200);
    const again = await w.call('POST', '/api/v1/auth/login', { body });
    assert.equal(again.status, 409);
    assert.equal(again.body.code, 'challenge.used');
  });

  test('an expired challenge is refused', async () => {
    const p = await w.person();
    const challenge = await w.call('POST', '/api/v1/auth/challenge');
    await w.ctx.db.query("update challenges set expires_at = now() - interval '1 second' where id = $1", [
      challenge.body.challengeId,
    ]);
    const res = await w.call('POST', '/api/v1/auth/login', {
      body: { challengeId: challenge.body.challengeId, ...signPayload(challenge.body.payload, p.signer) },
    });
    assert.equal(res.status, 422);
    assert.equal(res.body.code, 'challenge.expired');
  });

  test('an unknown challenge is refused', async () => {
    const p = await w.person();
    const res = await w.call('POST', '/api/v1/auth/login', {
      body: { challengeId: '00000000-0000-4000-8000-000000000000', ...signPayload({ any: 'thing' }, p.signer) },
    });
    assert.equal(res.status, 404);
    assert.equal(res.body.code, 'challenge.not_found');
  });
});

describe('each signature and certificate failure has its own code', () => {
  const expectCode = (res: { status: number; body: any }, code: string) => {
    assert.equal(res.body.code, code, JSON.stringify(res.body));
    assert.equal(res.status, 422);
    assert.match(res.body.detail, /\w/);
  };

  test(
    'tampered payload: signature.invalid, or ' + 'signature.payload_altered when the signed payload is sent',
    async () => {
      const p = await w.person();
      expectCode(await tryLogin(p.signer, (pl) => ({ ...pl, nonce: 'changed' })), 'signature.invalid');
      const challenge = await w.call('POST', '/api/v1/auth/challenge');
      const altered = { ...challenge.body.payload, nonce: 'changed' };
      const res = await w.call('POST', '/api/v1/auth/login', {
        body: { challengeId: challenge.body.challengeId, payload: altered, ...signPayload(altered, p.signer) },
      });
      expectCode(res, 'signature.payload_altered');
    },
  );

  test('wrong key: a certificate presented with another key signature', async () => {
    const a = await w.person();
    const b = await w.person();
    const challenge = await w.call('POST', '/api/v1/auth/challenge');
    const env = signPayload(challenge.body.payload, b.signer);
    const res = await w.call('POST', '/api/v1/auth/login', {
      body: { challengeId: challenge.body.challengeId, ...env, certificate: a.cer.toString('base64') },
    });
    expectCode(res, 'signature.invalid');
  });

  test('expired certificate', async () => {
    const p = await w.person({ validFrom: new Date('2019-01-01'), validTo: new Date('2023-01-01') });
    const res = await tryLogin(p.signer);
    expectCode(res, 'signature.certificate_expired');
    assert.match(res.body.detail, /2023-01-01/);
  });

  test('certificate not yet valid', async () => {
    const p = await w.person({ validFrom: new Date(Date.now() + 86_400_000 * 30) });
    expectCode(await tryLogin(p.signer), 'signature.certificate_not_yet_valid');
  });

  test('revoked certificate, picked up by the running window without a restart', async () => {
    const p = await w.person();
    assert.equal((await tryLogin(p.signer)).status, 200);
    await revokeCertificate(w.pki, p.cer, 'keyCompromise');
    expectCode(await tryLogin(p.signer), 'signature.certificate_revoked');
  });

  test('certificate from an untrusted CA', async () => {
    const other = await initDevPki(`${w.dataDir}/other-ca`);
    const p = await w.person({ ca: other });
    expectCode(await tryLogin(p.signer), 'signature.certificate_untrusted');
  });

  test('key usage without digitalSignature/nonRepudiation', async () => {
    const p = await w.person({ keyUsage: ['keyEncipherment'] });
    expectCode(await tryLogin(p.signer), 'signature.certificate_key_usage');
  });

  test('garbage base64 and a certificate that is not a certificate', async () => {
    const p = await w.person();
    const challenge = await w.call('POST', '/api/v1/auth/challenge');
    const env = signPayload(challenge.body.payload, p.signer);
    expectCode(
      await w.call('POST', '/api/v1/auth/login', {
        body: { challengeId: challenge.body.challengeId, ...env, signature: '!!not base64!!' },
      }),
      'signature.malformed',
    );
    expectCode(
      await w.call('POST', '/api/v1/auth/login', {
        body: {
          challengeId: challenge.body.challengeId,
          ...env,
          certificate: Buffer.from('hello, I am not a certificate').toString('base64'),
        },
      }),
      'signature.certificate_malformed',
    );
    expectCode(
      await w.call('POST', '/api/v1/auth/login', {
        body: { challengeId: challenge.body.challengeId, ...env, certificate: '%%%' },
      }),
      'signature.certificate_malformed',
    );
    // None of these consumed the challenge: the good signature still works.
    assert.equal(
      (await w.call('POST', '/api/v1/auth/login', { body: { challengeId: challenge.body.challengeId, ...env } }))
        .status,
      200,
    );
  });

  test('algorithm that does not match the key', async () => {
    const p = await w.person({ keyType: 'ec' });
    const challenge = await w.call('POST', '/api/v1/auth/challenge');
    const env = signPayload(challenge.body.payload, p.signer);
    expectCode(
      await w.call('POST', '/api/v1/auth/login', {
        body: { challengeId: challenge.body.challengeId, ...env, algorithm: 'RS256' },
      }),
      'signature.algorithm_mismatch',
    );
  });

  test("RFC of someone else: logged in as A, signing a filing with B's e.firma", async () => {
    const a = await w.person();
    const b = await w.person();
    const token = await w.login(a);
    const res = await w.signed(token, b, 'POST', '/api/v1/api-tokens', {
      label: 'x',
      scopes: ['read'],
      expiresInDays: 1,
    });
    assert.equal(res.status, 403);
    assert.equal(res.body.code, 'signature.not_acting_party');
  });
});

describe('API tokens for system-to-system clients', () => {
  test('created by a signed request, scoped, listed without secrets, revocable', async () => {
    const p = await w.person();
    const session = await w.login(p);
    const created = await w.signed(session, p, 'POST', '/api/v1/api-tokens', {
      label: 'broker software',
      scopes: ['read'],
      expiresInDays: 30,
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const apiToken = created.body.data.token as string;
    assert.match(apiToken, /^vta_/);
    assert.ok(created.body.seal.split('.').length === 3, 'the acknowledgement is sealed by the window');

    const me = await w.call('GET', '/api/v1/me', { token: apiToken });
    assert.equal(me.status, 200);
    assert.equal(me.body.session.kind, 'api_token');
    assert.deepEqual(me.body.session.scopes, ['read']);

    // read-only: a write is refused by scope
    const write = await w.call('POST', '/api/v1/traders/signing-payload', { token: apiToken, body: {} });
    assert.equal(write.status, 403);
    assert.equal(write.body.code, 'auth.scope_missing');

    const list = await w.call('GET', '/api/v1/api-tokens', { token: session });
    assert.equal(list.body.items.length, 1);
    assert.ok(!JSON.stringify(list.body).includes(apiToken.slice(4)));

    assert.equal(
      (await w.call('DELETE', `/api/v1/api-tokens/${created.body.data.id}`, { token: session })).status,
      204,
    );
    const revoked = await w.call('GET', '/api/v1/me', { token: apiToken });
    assert.equal(revoked.status, 401);
    assert.equal(revoked.body.code, 'auth.token_revoked');
    const events = await w.ctx.db.query('select type from audit_events where object_id = $1 order by seq', [
      created.body.data.id,
    ]);
    assert.deepEqual(
      events.map((e) => e.type),
      ['auth.api_token_created', 'auth.api_token_revoked'],
    );
  });

  test('an API token cannot mint another token', async () => {
    const p = await w.person();
    const session = await w.login(p);
    const created = await w.signed(session, p, 'POST', '/api/v1/api-tokens', {
      label: 'rw',
      scopes: ['read', 'write'],
      expiresInDays: 1,
    });
    const res = await w.call('POST', '/api/v1/api-tokens/signing-payload', {
      token: created.body.data.token,
      body: { label: 'y', scopes: ['read'], expiresInDays: 1 },
    });
    assert.equal(res.status, 403);
    assert.equal(res.body.code, 'auth.api_token_needs_session');
  });

  test('requests without or with a bad token are refused', async () => {
    assert.equal((await w.call('GET', '/api/v1/me')).body.code, 'auth.required');
    assert.equal((await w.call('GET', '/api/v1/me', { token: 'vts_nope' })).body.code, 'auth.token_invalid');
    assert.equal((await w.call('GET', '/api/v1/me', { token: `vts_${'A'.repeat(43)}` })).status, 401);
  });
});

describe('login rate limit', () => {
  test('too many attempts from one address get 429 with Retry-After, shared through the database', async () => {
    const limited = await startTestWindow({ LOGIN_RATE_LIMIT: '3' });
    try {
      // The counter is per clock minute: the window's clock stands 10 s into one, so all four attempts share it.
      let now = new Date(Math.floor(Date.now() / 60_000) * 60_000 + 10_000);
      limited.ctx.clock = { now: () => now };
      for (let i = 0; i < 3; i++) assert.equal((await limited.call('POST', '/api/v1/auth/challenge')).status, 201);
      const res = await limited.call('POST', '/api/v1/auth/challenge');
      assert.equal(res.status, 429);
      assert.equal(res.body.code, 'auth.rate_limited');
      assert.equal(res.headers['retry-after'], '50');
      now = new Date(now.getTime() + 60_000);
      assert.equal((await limited.call('POST', '/api/v1/auth/challenge')).status, 201, 'the next minute counts afresh');
    } finally {
      await limited.close();
    }
  });
});

describe('housekeeping', () => {
  test('removes stale challenges and passed rate-limit windows, and nothing current', async () => {
    const { housekeeping } = await import('../src/auth/housekeeping.ts');
    const fresh = await w.call('POST', '/api/v1/auth/challenge');
    const stale = await w.call('POST', '/api/v1/auth/challenge');
    await w.ctx.db.query("update challenges set expires_at = now() - interval '2 days' where id = $1", [
      stale.body.challengeId,
    ]);
    await w.ctx.db.query("insert into rate_limits values ('login:old', now() - interval '1 hour', 5)");
    const removed = await housekeeping(w.ctx.db, w.ctx.clock.now());
    assert.ok(removed.challenges >= 1 && removed.rateLimits >= 1);
    assert.equal((await w.ctx.db.query('select 1 from challenges where id = $1', [stale.body.challengeId])).length, 0);
    assert.equal((await w.ctx.db.query('select 1 from challenges where id = $1', [fresh.body.challengeId])).length, 1);
  });
});
