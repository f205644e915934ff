/**
 * `npm run bench`: how fast Ventanilla checks e.firma signatures, logs people in and files
 * signed operations.
 *
 *   npm run bench                             signatures, and the HTTP rows on embedded PGlite
 *   scripts/with-postgres.sh npm run bench    the same plus the HTTP rows on a throwaway PostgreSQL 15
 *
 * A PostgreSQL row is also produced when BENCH_DATABASE_URL (preferred) or TEST_DATABASE_URL
 * names a server: the bench creates a fresh database there and drops it afterwards.
 *
 * 1. Raw node:crypto verification of a fixed 200-byte message: RSA-2048 PKCS#1 v1.5 SHA-256
 *    and ECDSA P-256 SHA-256. These are the yardsticks.
 * 2. verifySignature (src/pki/signature.ts) over a login payload signed with a real dev
 *    e.firma, RS256 and ES256: canonical JSON, chain, revocation and validity checks, and the
 *    crypto verify, shown as a share of the raw verify rate for the same key type.
 *    Then the window's own seal (src/pki/jws.ts) and its opening, next to raw P-256 sign and verify.
 * 3. Against one real listening window per backend (openContext + startServer, job queue
 *    included), over HTTP on 127.0.0.1, clients in a separate process:
 *    a. login round trips: POST /api/v1/auth/challenge, sign (RSA e.firma), POST /api/v1/auth/login;
 *       a few concurrent clients for a fixed time after a warm-up;
 *    b. signed submissions: a trader registered through the API by its legal representative;
 *       each client creates a complete draft, gets the submit payload, signs it and submits it,
 *       in a loop; one operation files two applications (SEDENA and COFEPRIS). The database must
 *       then hold exactly that many submitted operations and twice as many applications;
 *    c. submission -> signed permit of an automatic notice (SE steel): from the submit's answer
 *       until GET /api/v1/applications/:id shows it approved with its permit (polled every 20 ms),
 *       with the job queue at the poll interval startServer gives it;
 *    d. customs declaration validations: an ANAM customs officer's sessions post declarations
 *       (POST /api/v1/customs/declarations), each drawing a little from one of 8 auto-approved
 *       steel notices with large balances; the database must then hold exactly the accepted
 *       declarations the clients counted, and the permits' balances must have moved by their draws.
 *
 * 4. The portal's first render with data in Chromium (bench/portal.ts, also runnable alone).
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
import {
  initDevPki,
  issueEfirma,
  openEfirma,
  signPayload,
  TrustStore,
  verifySignature,
  canonicalJson,
} from '../src/pki/index.ts';
import { type EcJwk, signCompact, verifyCompact } from '../src/pki/jws.ts';
import { withCurpCheckDigit, withRfcCheckDigit } from '../src/registry/identifiers.ts';
import { benchCustoms, type CustomsOptions, type CustomsRow } from './customs.ts';
import { benchPortal } from './portal.ts';
import { benchLogin, type LoginOptions, type LoginResult } from './login.ts';
import {
  openOperationsBench,
  serverPollSeconds,
  type OperationsBench,
  type PermitOptions,
  type PermitRow,
  type SubmitOptions,
  type SubmitRow,
} from './operations.ts';
import { freshDatabase, startBenchWindow, type BenchWindow } from './window.ts';
import {
  count,
  machine,
  measureInterleaved,
  millis,
  pairedRatio,
  percent,
  table,
  type Case,
  type Rate,
} from './measure.ts';

const CRYPTO = { rounds: 10, roundMs: 200, warmupMs: 200 }; // ~2 s per case
const LOGIN: LoginOptions = { concurrency: 4, warmupMs: 1000, durationMs: 5000, maxRoundTrips: 100_000 };
const SUBMIT: SubmitOptions = { concurrency: 4, warmupMs: 1000, durationMs: 5000, maxPerClient: 10_000 };
// Two notices at a time, 40 measured after 2 of warm-up; each must be approved within the timeout.
const PERMIT: PermitOptions = { concurrency: 2, warmup: 2, count: 40, pollMs: 20, timeoutMs: 20_000 };
// Declarations take turns over 8 permits, so that the 4 clients rarely wait on the same permit line's lock.
const CUSTOMS: CustomsOptions = {
  concurrency: 4,
  warmupMs: 1000,
  durationMs: 5000,
  maxPerClient: 20_000,
  permits: 8,
  permitQuantity: 100_000_000,
  permitValue: 100_000_000,
  drawQuantity: 5,
  drawValue: 10,
  approvalTimeoutMs: 20_000,
};

type Skipped = { backend: string; skipped: string };

const RAW_RSA = 'raw node:crypto RSA-2048 PKCS#1 v1.5 SHA-256 verify, 200-byte message';
const RAW_EC = 'raw node:crypto ECDSA P-256 SHA-256 verify, 200-byte message';
const FULL_RSA = 'verifySignature RS256, login payload, RSA-2048 e.firma';
const FULL_EC = 'verifySignature ES256, login payload, EC P-256 e.firma';
const RAW_EC_SIGN = 'raw node:crypto ECDSA P-256 SHA-256 sign, 200-byte message';
const SEAL = "window seal: an acknowledgement's compact ES256 JWS (canonical JSON, as sealJws)";
const OPEN_SEAL = 'opening that seal with the published key set (as openJws)';

/** The window's seals (src/pki/jws.ts) next to raw P-256 sign and verify: what the JWS wrapping costs. */
function sealCases(): Case[] {
  const message = Buffer.alloc(200, 7);
  const ec = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk = { ...(ec.publicKey.export({ format: 'jwk' }) as EcJwk), kid: 'bench' };
  const ack = { folio: 'VU-2026-000001', receivedAt: new Date().toISOString(), dataSha256: 'a'.repeat(64) };
  const seal = () =>
    signCompact(ec.privateKey, { kid: 'bench', typ: 'ventanilla-ack+jws' }, Buffer.from(canonicalJson(ack)));
  const sealed = seal();
  return [
    {
      name: RAW_EC_SIGN,
      run: () => void crypto.sign('sha256', message, { key: ec.privateKey, dsaEncoding: 'ieee-p1363' }),
    },
    { name: SEAL, run: () => void seal() },
    { name: OPEN_SEAL, run: () => void verifyCompact(sealed, [jwk]) },
  ];
}

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
    {
      name: RAW_RSA,
      run: () => {
        if (!crypto.verify('sha256', message, rsa.publicKey, rsaSig)) throw new Error('raw RSA verify failed');
      },
    },
    {
      name: RAW_EC,
      run: () => {
        if (!crypto.verify('sha256', message, ecPub, ecSig)) throw new Error('raw ECDSA verify failed');
      },
    },
  ];
}

/** What POST /api/v1/auth/challenge hands out (see issueChallenge). */
function loginPayload(): SigningPayload {
  const issuedAt = new Date();
  return {
    window: 'ventanilla',
    audience: 'http://localhost:8080',
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
  const identity = {
    rfc,
    curp: withCurpCheckDigit(`${rfc.slice(0, 10)}HNLRRR0`),
    name: 'Persona Bench',
    password: 'bench-pass',
  };
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
        if (verifySignature({ payload, envelope, trust }).rfc !== rfc)
          throw new Error('verifySignature returned another signer');
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
    const setting = async (name: string) =>
      (await client.query(`select current_setting('${name}') as v`)).rows[0].v as string;
    const version = (await setting('server_version')).split(' ')[0];
    return (
      `PostgreSQL ${version} (fsync ${await setting('fsync')}, synchronous_commit ` +
      `${await setting('synchronous_commit')})`
    );
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
    rates = measureInterleaved([rawRsaCase!, fullRsaCase!, rawEcCase!, fullEcCase!, ...sealCases()], CRYPTO);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const rate = (name: string) => rates.get(name)!.perSecond;
  const share = (full: string, raw: string) => percent(pairedRatio(rates.get(full)!, rates.get(raw)!));
  const rawRsa = rate(RAW_RSA);
  const rawEc = rate(RAW_EC);

  console.log(
    `Signature verification: one thread, ${CRYPTO.rounds} interleaved rounds of ${CRYPTO.roundMs} ms per row, ` +
      `medians (login payload: ${payloadBytes} bytes of canonical JSON)`,
  );
  console.log(
    table(
      ['', 'rate', 'vs raw (same key type)'],
      [
        [RAW_RSA, `${count(rawRsa)}/s`, 'baseline'],
        [FULL_RSA, `${count(rate(FULL_RSA))}/s`, `(${share(FULL_RSA, RAW_RSA)} of raw node:crypto verify)`],
        [RAW_EC, `${count(rawEc)}/s`, 'baseline'],
        [FULL_EC, `${count(rate(FULL_EC))}/s`, `(${share(FULL_EC, RAW_EC)} of raw node:crypto verify)`],
        [RAW_EC_SIGN, `${count(rate(RAW_EC_SIGN))}/s`, 'baseline'],
        [SEAL, `${count(rate(SEAL))}/s`, `(${share(SEAL, RAW_EC_SIGN)} of raw node:crypto sign)`],
        [OPEN_SEAL, `${count(rate(OPEN_SEAL))}/s`, `(${share(OPEN_SEAL, RAW_EC)} of raw node:crypto verify)`],
      ],
    ),
  );

  const pgAdmin = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL;
  const pollSeconds = serverPollSeconds();
  if (pollSeconds === null)
    console.error(
      '\nwarning: cannot tell the job queue poll interval startServer uses (src/app.ts or src/jobs/queue.ts ' +
        'changed): update serverPollSeconds in bench/operations.ts',
    );
  const poll = pollSeconds === null ? 'poll interval unknown' : `poll ${pollSeconds} s`;
  const logins: Array<LoginResult | Skipped> = [];
  const submits: Array<SubmitRow | Skipped> = [];
  const permits: Array<PermitRow | Skipped> = [];
  const customs: Array<CustomsRow | Skipped> = [];
  const all = [logins, submits, permits, customs] as Array<Array<unknown>>;
  // A failing row is reported in its table (and fails the command) without hiding the other rows.
  const attempt = async <T>(rows: Array<T | Skipped>, what: string, backend: string, run: () => Promise<T>) => {
    try {
      rows.push(await run());
    } catch (err) {
      console.error(`\n${what} benchmark on ${backend} failed:`, err);
      rows.push({ backend, skipped: `FAILED: ${(err as Error).message.split('\n')[0]}` });
      process.exitCode = 1;
    }
  };
  const failAll = (rows: Array<Array<unknown>>, backend: string, err: unknown) => {
    console.error(`\nbenchmark on ${backend} failed:`, err);
    for (const r of rows) r.push({ backend, skipped: `FAILED: ${(err as Error).message.split('\n')[0]}` });
    process.exitCode = 1;
  };
  const closeFailed = (backend: string, what: string, err: unknown) => {
    console.error(`\nclosing the ${what} on ${backend} failed:`, err);
    process.exitCode = 1;
  };
  /** One window per backend serves the login, submit, permit and customs rows, in that order. */
  const benchBackend = async (backend: string, databaseUrl: string | undefined) => {
    let w: BenchWindow;
    try {
      w = await startBenchWindow(databaseUrl);
    } catch (err) {
      return failAll(all, backend, err);
    }
    try {
      await attempt(logins, 'login', backend, () => benchLogin(w, backend, LOGIN));
      let ops: OperationsBench;
      try {
        ops = await openOperationsBench(w);
      } catch (err) {
        return failAll([submits, permits, customs], backend, err);
      }
      try {
        await attempt(submits, 'submit', backend, () => ops.submits(backend, SUBMIT));
        await attempt(permits, 'permit', backend, () => ops.permits(backend, PERMIT));
        await attempt(customs, 'customs', backend, () => benchCustoms(w, ops, backend, CUSTOMS));
      } finally {
        await ops.close().catch((err) => closeFailed(backend, 'client process', err));
      }
    } finally {
      await w.close().catch((err) => closeFailed(backend, 'window', err));
    }
  };
  await benchBackend('embedded PGlite (on disk, temp dir)', undefined);
  if (pgAdmin) {
    let db: Awaited<ReturnType<typeof freshDatabase>> | undefined;
    try {
      db = await freshDatabase(pgAdmin);
      await benchBackend(await describePostgres(db.url), db.url);
    } catch (err) {
      failAll(all, 'PostgreSQL', err);
    } finally {
      await db?.drop();
    }
  } else {
    for (const rows of all)
      rows.push({
        backend: 'PostgreSQL',
        skipped: 'skipped: no BENCH_DATABASE_URL or TEST_DATABASE_URL; run `scripts/with-postgres.sh npm run bench`',
      });
  }

  console.log(`\nLogin round trips over HTTP on 127.0.0.1: challenge, sign (RSA-2048 e.firma), login;`);
  console.log(
    `${LOGIN.concurrency} concurrent clients in a separate process, measured for ${LOGIN.durationMs / 1000} s ` +
      `after ${LOGIN.warmupMs / 1000} s of warm-up`,
  );
  console.log(
    table(
      ['backend', 'round-trips/s', 'p50', 'p99', 'vs raw RSA verify rate'],
      logins.map((r) =>
        'skipped' in r
          ? [r.backend, '', '', '', r.skipped]
          : [
              r.backend,
              `${count(r.roundTripsPerSecond)}/s`,
              millis(r.p50Ms),
              millis(r.p99Ms),
              `login: ${count(r.roundTripsPerSecond)} round-trips/s = ${percent(r.roundTripsPerSecond, rawRsa)} ` +
                `of raw RSA verify rate`,
            ],
      ),
    ),
  );

  console.log(
    `\nSigned submissions over HTTP on 127.0.0.1: create a complete draft, get the submit payload, sign it ` +
      `(RSA-2048 e.firma), submit;`,
  );
  console.log(
    `each operation files 2 applications (SEDENA-ARMS-IMPORT, COFEPRIS-MEDICINES-IMPORT); one trader, ` +
      `${SUBMIT.concurrency} concurrent clients (a session each)`,
  );
  console.log(
    `in a separate process, measured for ${SUBMIT.durationMs / 1000} s after ${SUBMIT.warmupMs / 1000} s of ` +
      `warm-up; p50/p99 of the whole sequence (3 requests and the signature)`,
  );
  console.log(
    table(
      ['backend', 'submits/s', 'p50', 'p99', 'vs raw RSA verify rate'],
      submits.map((r) =>
        'skipped' in r
          ? [r.backend, '', '', '', r.skipped]
          : [
              r.backend,
              `${count(r.submitsPerSecond)}/s`,
              millis(r.p50Ms),
              millis(r.p99Ms),
              `submit: ${count(r.submitsPerSecond)} submits/s = ${percent(r.submitsPerSecond, rawRsa)} of raw ` +
                `RSA verify rate`,
            ],
      ),
    ),
  );
  for (const r of submits) {
    if (!('skipped' in r))
      console.log(
        `  ${r.backend}: the database holds exactly the ${count(r.submittedTotal)} submitted operations the ` +
          `clients filed (warm-up included) and ${count(2 * r.submittedTotal)} applications`,
      );
  }

  const pollNote =
    pollSeconds === null ? 'poll interval unknown' : `poll interval ${pollSeconds} s, createJobQueue's default`;
  console.log(
    `\nSubmission -> auto-approved signed permit (automatic notice SE-STEEL-NOTICE, 720851 from CN), with the ` +
      `job queue as startServer`,
  );
  console.log(
    `configures it (${pollNote}); ${PERMIT.count} notices after ${PERMIT.warmup} of warm-up, ` +
      `${PERMIT.concurrency} at a time;`,
  );
  console.log(
    `from the submit's answer until GET /api/v1/applications/:id (polled every ${PERMIT.pollMs} ms) shows it ` +
      `approved with a permit number;`,
  );
  console.log(
    "server: the same notices by the window's clocks, application submitted_at (submit transaction start) -> " +
      'permit issued_at',
  );
  console.log(
    table(
      ['backend (job queue poll interval)', 'p50', 'p99', 'server p50', 'server p99', 'p50 / poll interval'],
      permits.map((r) =>
        'skipped' in r
          ? [`${r.backend} (${poll})`, '', '', '', '', r.skipped]
          : [
              `${r.backend} (${poll})`,
              millis(r.p50Ms),
              millis(r.p99Ms),
              millis(r.serverP50Ms),
              millis(r.serverP99Ms),
              pollSeconds === null
                ? 'unknown'
                : `${(r.p50Ms / (pollSeconds * 1000)).toFixed(3)} (p50 ${millis(r.p50Ms)} / poll ` +
                  `${count(pollSeconds * 1000)} ms)`,
            ],
      ),
    ),
  );
  for (const r of permits) {
    if (!('skipped' in r)) {
      console.log(
        `  ${r.backend}: ${r.count} permits issued automatically, ${count(r.polls)} polls` +
          (r.jobWaitP50Ms === null
            ? ''
            : `; pg-boss auto-approve job created -> started, median ${millis(r.jobWaitP50Ms)}`),
      );
    }
  }
  console.log(
    `\nCustoms declaration validations over HTTP on 127.0.0.1: POST /api/v1/customs/declarations, one ANAM ` +
      `customs officer,`,
  );
  console.log(
    `${CUSTOMS.concurrency} concurrent clients (a session each) in a separate process, measured for ` +
      `${CUSTOMS.durationMs / 1000} s after ${CUSTOMS.warmupMs / 1000} s of warm-up;`,
  );
  console.log(
    `each declaration has a fresh number and one line (720851 from CN) drawing ${CUSTOMS.drawQuantity} KGM / ` +
      `${CUSTOMS.drawValue} USD from one of ${CUSTOMS.permits} SE-STEEL-NOTICE permits`,
  );
  console.log(
    `(${count(CUSTOMS.permitQuantity)} KGM each), taken in turn so that concurrent declarations rarely wait on ` +
      `the same permit's lock; p50/p99 per POST`,
  );
  console.log(
    table(
      ['backend', 'validations/s', 'p50', 'p99', 'vs raw RSA verify rate'],
      customs.map((r) =>
        'skipped' in r
          ? [r.backend, '', '', '', r.skipped]
          : [
              r.backend,
              `${count(r.perSecond)}/s`,
              millis(r.p50Ms),
              millis(r.p99Ms),
              `customs: ${count(r.perSecond)} validations/s = ${percent(r.perSecond, rawRsa)} of raw RSA verify rate`,
            ],
      ),
    ),
  );
  for (const r of customs) {
    if (!('skipped' in r))
      console.log(
        `  ${r.backend}: the database holds exactly the ${count(r.acceptedTotal)} accepted declarations the ` +
          `clients counted (warm-up included), none refused; draws total ${r.drawnQuantity} KGM = authorised - ` +
          `remaining on the ${CUSTOMS.permits} permits`,
      );
  }
  console.log(
    `\n  raw RSA verify rate in this run: ${count(rawRsa)}/s; compare ratios across runs, not absolute rates.`,
  );
  await benchPortal();
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
