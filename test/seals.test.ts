/**
 * The window's seals are standard compact JWS: a JOSE library (jose, as a bank or a broker's software would use)
 * verifies them with nothing but the published key set, and our verifier accepts what that library signs with the
 * window's key and refuses what it must.
 */
import assert from 'node:assert/strict';
import { generateKeyPairSync, sign } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { CompactSign, compactVerify, createLocalJWKSet, calculateJwkThumbprint } from 'jose';
import { canonicalJson } from '../src/pki/canonical.ts';
import { jwks, loadOrCreateWindowKey, openJws, sealJws } from '../src/pki/window-key.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ventanilla-seals-'));
const key = await loadOrCreateWindowKey(path.join(dir, 'window.pem'), { create: true });
const published = jwks([key]);
const payload = { folio: 'VU-2026-000042', at: '2026-12-03T08:00:00.000Z', lines: [1, 2], name: 'Añil & Cía' };

test('the kid is the RFC 7638 thumbprint that jose computes', async () => {
  const { kty, crv, x, y } = key.publicJwk;
  assert.equal(key.kid, await calculateJwkThumbprint({ kty, crv, x, y }, 'sha256'));
});

test('jose verifies a seal with the published keys; header and canonical payload as sealed', async () => {
  const seal = await sealJws(key, payload, 'ventanilla-ack+jws');
  const { payload: bytes, protectedHeader } = await compactVerify(seal, createLocalJWKSet(published), {
    algorithms: ['ES256'],
  });
  assert.deepEqual(protectedHeader, { alg: 'ES256', kid: key.kid, typ: 'ventanilla-ack+jws' });
  assert.equal(Buffer.from(bytes).toString('utf8'), canonicalJson(payload));
  assert.deepEqual(await openJws(seal, published, { typ: 'ventanilla-ack+jws' }), payload);
});

test('a seal jose makes with the window key opens with ours', async () => {
  const seal = await new CompactSign(Buffer.from(canonicalJson(payload)))
    .setProtectedHeader({ alg: 'ES256', kid: key.kid, typ: 'JWT' })
    .sign(key.privateKey);
  assert.deepEqual(await openJws(seal, published), payload);
});

test('refused: altered payload or signature, wrong typ, foreign key, other algorithm, crit header', async () => {
  const seal = await sealJws(key, payload, 'ventanilla-ack+jws');
  const [h, p, s] = seal.split('.') as [string, string, string];
  const other = Buffer.from(canonicalJson({ ...payload, folio: 'VU-2026-000043' })).toString('base64url');
  const flipped = `${s.slice(0, 10)}${s[10] === 'A' ? 'B' : 'A'}${s.slice(11)}`;
  const stranger = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
  const signedBy = (header: Record<string, unknown>, k = key.privateKey, alg = 'ES256') =>
    new CompactSign(Buffer.from(canonicalJson(payload))).setProtectedHeader({ alg, kid: key.kid, ...header }).sign(k);
  // A header jose would not sign (a critical extension), signed by hand with the window key.
  const handMade = (header: Record<string, unknown>) => {
    const input = `${Buffer.from(JSON.stringify(header)).toString('base64url')}.${p}`;
    const sig = sign('sha256', Buffer.from(input), { key: key.privateKey, dsaEncoding: 'ieee-p1363' });
    return `${input}.${sig.toString('base64url')}`;
  };
  const hmac = new TextEncoder().encode('a shared secret that is long enough for HS256');
  const cases: Array<[string, string, { typ?: string }]> = [
    ['altered payload', `${h}.${other}.${s}`, {}],
    ['altered signature', `${h}.${p}.${flipped}`, {}],
    ['wrong typ', seal, { typ: 'ventanilla-permit+jws' }],
    ['a key not in the set', await signedBy({}, stranger), {}],
    ['HS256 with a shared secret', await signedBy({}, hmac as never, 'HS256'), {}],
    ['crit header', handMade({ alg: 'ES256', kid: key.kid, crit: ['x-ventanilla'], 'x-ventanilla': 1 }), {}],
    ['two parts', `${h}.${p}`, {}],
  ];
  for (const [what, token, opts] of cases) {
    await assert.rejects(openJws(token, published, opts), { code: 'seal.invalid' }, what);
  }
});
