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
