/**
 * Issue 7, rules 10 to 13: proxies trusted only when configured, private files, one owner per embedded
 * database, and the HTTP hardening (headers, no-store, /docs, JSON depth). Where a rule is about processes or
 * files, it is tested with real `ventanilla` processes on a temp data directory.
 */
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../src/config.ts';
import { buildServer } from '../src/http/server.ts';
import { signPayload } from '../src/pki/index.ts';
import { startTestWindow, type TestWindow } from './support/window.ts';

let w: TestWindow;
before(async () => { w = await startTestWindow(); });
after(() => w.close());

/** A second server on the same database and keys, with some settings changed (e.g. production mode). */
async function serverWith(target: TestWindow, config: Partial<Config>): Promise<FastifyInstance> {
  const app = await buildServer({ ...target.ctx, config: { ...target.ctx.config, ...config } });
  await app.ready();
  return app;
}

const challengeFrom = (app: FastifyInstance, forwardedFor: string) =>
  app.inject({ method: 'POST', url: '/api/v1/auth/challenge', headers: { 'x-forwarded-for': forwardedFor } });

const bucketHits = async (target: TestWindow, bucket: string) =>
  (await target.ctx.db.query<{ hits: number }>('select hits from rate_limits where bucket = $1', [bucket]))
    .reduce((sum, r) => sum + r.hits, 0);

describe('rule 10: proxies are trusted only when configured', () => {
  test('in production without TRUST_PROXY, X-Forwarded-For is ignored: the login limit counts the real address', async () => {
    const prod = await serverWith(w, { env: 'production', docs: false });
    try {
      await w.ctx.db.query("delete from rate_limits where bucket like 'login:%'");
      for (let i = 1; i <= 3; i++) assert.equal((await challengeFrom(prod, `198.51.100.${i}`)).statusCode, 201);
      assert.equal(await bucketHits(w, 'login:198.51.100.1'), 0);
      assert.equal(await bucketHits(w, 'login:127.0.0.1'), 3);
    } finally {
      await prod.close();
    }
  });

  test('a fresh X-Forwarded-For per request no longer escapes the login limit in production', async () => {
    const prod = await serverWith(w, { env: 'production', docs: false, loginRateLimit: 1 });
    try {
      // Three attempts with a limit of one: whatever minute boundary falls between them, two share a minute.
      const statuses: number[] = [];
      for (let i = 1; i <= 3; i++) statuses.push((await challengeFrom(prod, `203.0.113.${i}`)).statusCode);
      assert.ok(statuses.includes(429), `statuses: ${statuses.join(', ')}`);
    } finally {
      await prod.close();
      await w.ctx.db.query("delete from rate_limits where bucket like 'login:%'");
    }
  });

  test('with TRUST_PROXY naming the proxy, the forwarded client address is limited and audited', async () => {
    const proxied = await startTestWindow({ TRUST_PROXY: '127.0.0.1' });
    try {
      const client = '192.0.2.44';
      const person = await proxied.person();
      const headers = { 'x-forwarded-for': client };
      const challenge = await proxied.call('POST', '/api/v1/auth/challenge', { headers });
      const login = await proxied.call('POST', '/api/v1/auth/login', {
        headers, body: { challengeId: challenge.body.challengeId, ...signPayload(challenge.body.payload, person.signer) },
      });
      assert.equal(login.status, 200, JSON.stringify(login.body));
      assert.equal(await bucketHits(proxied, `login:${client}`), 2);
      assert.equal(await bucketHits(proxied, 'login:127.0.0.1'), 0);
      const event = await proxied.ctx.db.one<{ address: string }>(
        "select data->>'clientAddress' as address from audit_events where type = 'auth.login' and actor_rfc = $1", [person.rfc]);
      assert.equal(event.address, client);
    } finally {
      await proxied.close();
    }
  });

  test('TRUST_PROXY as a hop count trusts that many proxies and no further: the client cannot add addresses in front', async () => {
    const oneHop = await serverWith(w, { trustProxy: 1 });
    try {
      await w.ctx.db.query("delete from rate_limits where bucket like 'login:%'");
      assert.equal((await challengeFrom(oneHop, '10.9.9.9, 192.0.2.77')).statusCode, 201);
      assert.equal(await bucketHits(w, 'login:192.0.2.77'), 1);
      assert.equal(await bucketHits(w, 'login:10.9.9.9'), 0);
    } finally {
      await oneHop.close();
    }
  });
});

describe('rule 13: security headers, no-store, /docs, JSON depth', () => {
  test('every response carries a CSP with frame-ancestors none, nosniff and a Referrer-Policy; no HSTS over plain HTTP', async () => {
    for (const [url, status] of [['/health', 200], ['/api/v1/me', 401], ['/nowhere', 404]] as const) {
      const res = await w.call('GET', url);
      assert.equal(res.status, status, url);
      const csp = String(res.headers['content-security-policy']);
      assert.match(csp, /frame-ancestors 'none'/, url);
      assert.match(csp, /default-src 'self'/, url);
      assert.equal(res.headers['x-content-type-options'], 'nosniff', url);
      assert.equal(res.headers['referrer-policy'], 'no-referrer', url);
      assert.equal(res.headers['x-frame-options'], 'DENY', url);
      assert.equal(res.headers['strict-transport-security'], undefined, url);
    }
  });

  test('HSTS when the window is served over HTTPS: PUBLIC_URL https, or a trusted proxy that says https', async () => {
    const https = await serverWith(w, { publicUrl: 'https://ventanilla.example.gob.mx' });
    const proxied = await serverWith(w, { trustProxy: ['127.0.0.1'] });
    try {
      assert.match(String((await https.inject({ url: '/health' })).headers['strict-transport-security']), /max-age=\d+/);
      const viaProxy = await proxied.inject({ url: '/health', headers: { 'x-forwarded-proto': 'https' } });
      assert.match(String(viaProxy.headers['strict-transport-security']), /max-age=\d+/);
      // An untrusted client saying https changes nothing.
      const spoofed = await w.call('GET', '/health', { headers: { 'x-forwarded-proto': 'https' } });
      assert.equal(spoofed.headers['strict-transport-security'], undefined);
    } finally {
      await https.close();
      await proxied.close();
    }
  });

  test('authenticated responses are Cache-Control: no-store (errors too); public ones are not forced', async () => {
    const token = await w.login(await w.person());
    const me = await w.call('GET', '/api/v1/me', { token });
    assert.equal(me.status, 200);
    assert.equal(me.headers['cache-control'], 'no-store');
    assert.equal((await w.call('GET', '/api/v1/me')).headers['cache-control'], 'no-store');
    assert.equal((await w.call('GET', '/api/v1/operations/00000000-0000-4000-8000-000000000000', { token })).headers['cache-control'], 'no-store');
    assert.equal((await w.call('GET', '/health')).headers['cache-control'], undefined);
    assert.match(String((await w.call('GET', '/.well-known/ventanilla-keys.json')).headers['cache-control']), /public/);
  });

  test('/docs is off in production unless VENTANILLA_DOCS=true; /openapi.json (the public contract) stays', async () => {
    const docs = await w.app.inject({ url: '/docs/' });
    assert.equal(docs.statusCode, 200);
    assert.match(String(docs.headers['content-security-policy']), /script-src 'self'/);
    assert.equal((await w.app.inject({ url: '/docs/static/swagger-initializer.js' })).statusCode, 200);
    const production = await serverWith(w, { env: 'production', docs: false });
    const enabled = await serverWith(w, { env: 'production', docs: true });
    try {
      const off = await production.inject({ url: '/docs/' });
      assert.equal(off.statusCode, 404);
      assert.equal(off.json().code, 'route.not_found');
      assert.equal((await production.inject({ url: '/docs/static/swagger-ui-bundle.js' })).statusCode, 404);
      const contract = await production.inject({ url: '/openapi.json' });
      assert.equal(contract.statusCode, 200);
      assert.ok(contract.json().paths['/api/v1/me']);
      assert.equal((await enabled.inject({ url: '/docs/' })).statusCode, 200);
    } finally {
      await production.close();
      await enabled.close();
    }
  });

  test('JSON nested beyond 64 levels is a 400 request.too_deep, not a 500; nothing is written', async () => {
    const rep = await w.person();
    const trader = await w.registerTrader(rep);
    const goods = [{ hsCode: '847130', description: 'Laptops', quantity: 10, unit: 'PCE', value: 1000, currency: 'USD', originCountry: 'CN', destinationCountry: 'MX', customsOffice: 'ANAM-TAMPS-NLD' }];
    const draft = (nested: string) => JSON.stringify({ traderRfc: trader.rfc, flow: 'import', data: { goods, procedureData: { 'SE-X': { a: 'HOLE' } } } })
      .replace('"HOLE"', nested);
    const operations = async () => (await w.ctx.db.one<{ n: number }>('select count(*)::int as n from operations')).n;
    const before = await operations();
    for (const body of [draft(`${'['.repeat(10_000)}${']'.repeat(10_000)}`), draft(`${'{"a":'.repeat(100)}1${'}'.repeat(100)}`)]) {
      const res = await w.call('POST', '/api/v1/operations', { token: trader.token, body });
      assert.equal(res.status, 400, JSON.stringify(res.body).slice(0, 300));
      assert.equal(res.body.code, 'request.too_deep');
      assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
    }
    // Brackets inside strings (escaped quotes too) are text, not nesting; ordinary depth still works.
    const text = `"${'[{\\"'.repeat(5000)}"`;
    const ok = await w.call('POST', '/api/v1/operations', { token: trader.token, body: draft(`{"note":${text},"x":${'['.repeat(20)}${']'.repeat(20)}}`) });
    assert.equal(ok.status, 201, JSON.stringify(ok.body).slice(0, 300));
    assert.equal(await operations(), before + 1);
    // Fastify's prototype-poisoning guard still holds, and malformed JSON is still request.malformed_json.
    assert.equal((await w.call('POST', '/api/v1/operations', { token: trader.token, body: '{"__proto__":{"admin":true}}' })).status, 400);
    assert.equal((await w.call('POST', '/api/v1/operations', { token: trader.token, body: '{"constructor":{"prototype":{"admin":true}}}' })).status, 400);
    assert.equal((await w.call('POST', '/api/v1/operations', { token: trader.token, body: '[[[' })).body.code, 'request.malformed_json');
  });
});
