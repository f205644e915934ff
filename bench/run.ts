/**
 * `npm run bench`: how fast Ventanilla checks e.firma signatures and logs people in.
 *
 *   npm run bench                             signatures, and logins on embedded PGlite
 *   scripts/with-postgres.sh npm run bench    the same plus logins on a throwaway PostgreSQL 15
 *
 * A PostgreSQL row is also produced when BENCH_DATABASE_URL (preferred) or TEST_DATABASE_URL
 * names a server: the bench creates a fresh database there and drops it afterwards.
 *
 * 1. Raw node:crypto verification of a fixed 200-byte message: RSA-2048 PKCS#1 v1.5 SHA-256
 *    and ECDSA P-256 SHA-256. These are the yardsticks.
 * 2. verifySignature (src/pki/signature.ts) over a login payload signed with a real dev
 *    e.firma, RS256 and ES256: canonical JSON, chain, revocation and validity checks, and the
 *    crypto verify, shown as a share of the raw verify rate for the same key type.
 * 3. Login round trips over HTTP on 127.0.0.1 against a real listening server: POST
 *    /api/v1/auth/challenge, sign the payload (RSA e.firma), POST /api/v1/auth/login; a few
 *    concurrent clients in a separate process, for a fixed time after a warm-up.
 *
 * The machine is shared and noisy: absolute numbers move from run to run. Compare the ratios
 * (each rate next to the raw verify rate measured in the same run) across runs.
 * Only loopback traffic; every loop is bounded by time and by a count.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { LOGIN_ACTION } from '../src/auth/login.ts';
import type { SigningPayload } from '../src/auth/challenges.ts';
import { initDevPki, issueEfirma, openEfirma, signPayload, TrustStore, verifySignature, canonicalJson } from '../src/pki/index.ts';
import { withCurpCheckDigit, withRfcCheckDigit } from '../src/registry/identifiers.ts';
import { benchLogin, freshDatabase, type LoginOptions, type LoginResult } from './login.ts';
import { count, machine, measureInterleaved, millis, pairedRatio, percent, table, type Case, type Rate } from './measure.ts';

const CRYPTO = { rounds: 10, roundMs: 200, warmupMs: 200 }; // ~2 s per case
const LOGIN: LoginOptions = { concurrency: 4, warmupMs: 1000, durationMs: 5000, maxRoundTrips: 100_000 };

const RAW_RSA = 'raw node:crypto RSA-2048 PKCS#1 v1.5 SHA-256 verify, 200-byte message';
const RAW_EC = 'raw node:crypto ECDSA P-256 SHA-256 verify, 200-byte message';
const FULL_RSA = 'verifySignature RS256, login payload, RSA-2048 e.firma';
const FULL_EC = 'verifySignature ES256, login payload, EC P-256 e.firma';

function rawCases(): Case[] {
  const message = Buffer.alloc(200);
  for (let i = 0; i < message.length; i++) message[i] = (i * 31 + 7) & 0xff; // fixed bytes
  const rsa = crypto.generateKeyPairSync('rsa', { modulusLength: 2048, publicExponent: 0x10001 });
  const rsaSig = crypto.sign('sha256', message, rsa.privateKey); // PKCS#1 v1.5 is the default RSA padding
  const ec = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
  // IEEE P1363 (r||s), as ES256 signatures arrive in the window.
  const ecSig = crypto.sign('sha256', message, { key: ec.privateKey, dsaEncoding: 'ieee-p1363' });
  const ecPub = { key: ec.publicKey, dsaEncoding: 'ieee-p1363' as const };
  return [
    { name: RAW_RSA, run: () => { if (!crypto.verify('sha256', message, rsa.publicKey, rsaSig)) throw new Error('raw RSA verify failed'); } },
    { name: RAW_EC, run: () => { if (!crypto.verify('sha256', message, ecPub, ecSig)) throw new Error('raw ECDSA verify failed'); } },
  ];
}

/** What POST /api/v1/auth/challenge hands out (see issueChallenge). */
function loginPayload(): SigningPayload {
  const issuedAt = new Date();
  return {
    window: 'ventanilla',
    action: LOGIN_ACTION,
    challengeId: crypto.randomUUID(),
    nonce: crypto.randomBytes(24).toString('base64url'),
    issuedAt: issuedAt.toISOString(),
    expiresAt: new Date(issuedAt.getTime() + 300_000).toISOString(),
    requestedBy: null,
    target: {},
    data: {},
  };
}

async function verifyCases(dir: string): Promise<{ cases: Case[]; payloadBytes: number }> {
  const pki = await initDevPki(path.join(dir, 'pki'));
  const trust = TrustStore.fromDir(pki.trustDir);
  const rfc = withRfcCheckDigit('BENC800101B1');
  const identity = { rfc, curp: withCurpCheckDigit(`${rfc.slice(0, 10)}HNLRRR0`), name: 'Persona Bench', password: 'bench-pass' };
  const payload = loginPayload();
  const cases: Case[] = [];
  for (const keyType of ['rsa', 'ec'] as const) {
    const efirma = await issueEfirma(pki, { ...identity, keyType });
    const signer = openEfirma({ cer: efirma.cer, key: efirma.key, password: identity.password });
    const envelope = signPayload(payload, signer);
    const expected = keyType === 'rsa' ? 'RS256' : 'ES256';
    if (envelope.algorithm !== expected) throw new Error(`expected ${expected}, got ${envelope.algorithm}`);
    cases.push({
      name: keyType === 'rsa' ? FULL_RSA : FULL_EC,
      run: () => {
        if (verifySignature({ payload, envelope, trust }).rfc !== rfc) throw new Error('verifySignature returned another signer');
      },
    });
  }
  // A trust folder changed less than a second ago is re-read on every verification (see
  // TrustStore's racy mtime check). A server's folder is older than that: measure that case.
  const settledAt = fs.statSync(pki.trustDir).mtimeMs + 1100;
  if (Date.now() < settledAt) await new Promise((resolve) => setTimeout(resolve, settledAt - Date.now()));
  trust.current();
  return { cases, payloadBytes: Buffer.byteLength(canonicalJson(payload)) };
}

async function describePostgres(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const setting = async (name: string) => (await client.query(`select current_setting('${name}') as v`)).rows[0].v as string;
    const version = (await setting('server_version')).split(' ')[0];
    return `PostgreSQL ${version} (fsync ${await setting('fsync')}, synchronous_commit ${await setting('synchronous_commit')})`;
  } finally {
    await client.end();
  }
}

async function main() {
  console.log('Ventanilla benchmark');
  console.log(`  ${machine()}`);
  console.log(`  ${new Date().toISOString()}\n`);

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ventanilla-bench-pki-'));
  let rates: Map<string, Rate>;
  let payloadBytes: number;
  try {
    const verify = await verifyCases(dir);
    payloadBytes = verify.payloadBytes;
    const [rawRsaCase, rawEcCase] = rawCases();
    const [fullRsaCase, fullEcCase] = verify.cases;
    // Each full verification right after its raw baseline, so their rounds share the machine's load.
    rates = measureInterleaved([rawRsaCase!, fullRsaCase!, rawEcCase!, fullEcCase!], CRYPTO);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const rate = (name: string) => rates.get(name)!.perSecond;
  const share = (full: string, raw: string) => percent(pairedRatio(rates.get(full)!, rates.get(raw)!));
  const rawRsa = rate(RAW_RSA);
  const rawEc = rate(RAW_EC);

  console.log(`Signature verification: one thread, ${CRYPTO.rounds} interleaved rounds of ${CRYPTO.roundMs} ms per row, medians (login payload: ${payloadBytes} bytes of canonical JSON)`);
  console.log(table(['', 'rate', 'vs raw (same key type)'], [
    [RAW_RSA, `${count(rawRsa)}/s`, 'baseline'],
    [FULL_RSA, `${count(rate(FULL_RSA))}/s`, `(${share(FULL_RSA, RAW_RSA)} of raw node:crypto verify)`],
    [RAW_EC, `${count(rawEc)}/s`, 'baseline'],
    [FULL_EC, `${count(rate(FULL_EC))}/s`, `(${share(FULL_EC, RAW_EC)} of raw node:crypto verify)`],
  ]));

  const pgAdmin = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL;
  const logins: Array<LoginResult | { backend: string; skipped: string }> = [];
  // A failing backend is reported in its row (and fails the command) without hiding the other row.
  const attempt = async (backend: string, run: () => Promise<LoginResult>) => {
    try {
      logins.push(await run());
    } catch (err) {
      console.error(`\nlogin benchmark on ${backend} failed:`, err);
      logins.push({ backend, skipped: `FAILED: ${(err as Error).message.split('\n')[0]}` });
      process.exitCode = 1;
    }
  };
  await attempt('embedded PGlite', () => benchLogin('embedded PGlite (on disk, temp dir)', undefined, LOGIN));
  if (pgAdmin) {
    await attempt('PostgreSQL', async () => {
      const db = await freshDatabase(pgAdmin);
      try {
        return await benchLogin(await describePostgres(db.url), db.url, LOGIN);
      } finally {
        await db.drop();
      }
    });
  } else {
    logins.push({ backend: 'PostgreSQL', skipped: 'skipped: no BENCH_DATABASE_URL or TEST_DATABASE_URL; run `scripts/with-postgres.sh npm run bench`' });
  }

  console.log(`\nLogin round trips over HTTP on 127.0.0.1: challenge, sign (RSA-2048 e.firma), login;`);
  console.log(`${LOGIN.concurrency} concurrent clients in a separate process, measured for ${LOGIN.durationMs / 1000} s after ${LOGIN.warmupMs / 1000} s of warm-up`);
  console.log(table(['backend', 'round-trips/s', 'p50', 'p99', 'vs raw RSA verify rate'], logins.map((r) =>
    'skipped' in r
      ? [r.backend, '', '', '', r.skipped]
      : [r.backend, `${count(r.roundTripsPerSecond)}/s`, millis(r.p50Ms), millis(r.p99Ms), `login: ${count(r.roundTripsPerSecond)} round-trips/s = ${percent(r.roundTripsPerSecond, rawRsa)} of raw RSA verify rate`])));
  console.log(`\n  raw RSA verify rate in this run: ${count(rawRsa)}/s; compare ratios across runs, not absolute rates.`);
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
